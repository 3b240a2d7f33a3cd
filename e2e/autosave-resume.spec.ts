import { expect, test } from '@playwright/test';
import { currentStep, forecastMse } from './helpers';




test('a paused run is saved; reopening the page offers to resume it exactly; saved runs can be renamed and deleted', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByRole('region', { name: 'Resume your last run' })).toHaveCount(0);
  await page.getByLabel('Cell', { exact: true }).selectOption({ label: 'GRU' });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  const step = await currentStep(page);
  const mse = await forecastMse(page);
  const list = page.getByRole('list', { name: 'Saved runs' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText(`step ${step}`);

  await page.reload();
  const offer = page.getByRole('region', { name: 'Resume your last run' });
  await expect(offer).toContainText(`step ${step}`);
  await offer.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(`at step ${step}.`)).toBeVisible();
  await expect(page.getByRole('status')).toContainText(`Step ${step}`);
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('gru');
  await expect.poll(() => forecastMse(page)).toBe(mse);
  await expect(page.getByRole('img', { name: new RegExp(`Training loss over ${step} steps`) })).toBeVisible();
  // training continues from there
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByRole('status')).toContainText(`Step ${step + 1}`);

  await list.getByRole('button', { name: /^Rename / }).click();
  await list.getByRole('textbox').fill('my sine run');
  await list.getByRole('button', { name: 'Save name' }).click();
  await expect(list).toContainText('my sine run');
  await list.getByRole('button', { name: 'Delete my sine run' }).click();
  await list.getByRole('button', { name: 'Really delete my sine run' }).click();
  await expect(page.getByText('No saved runs yet.')).toBeVisible();
});

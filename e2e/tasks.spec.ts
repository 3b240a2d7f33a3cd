import { expect, test } from '@playwright/test';

test('the long-memory task: named with its shape, trains, and reports held-out accuracy against chance', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Task', { exact: true }).selectOption('memory');
  await expect(page.getByText('Remember the first symbol: many-to-one')).toBeVisible();
  await expect(page.getByLabel('Period (steps)')).toHaveCount(0);
  await page.getByLabel('Sequence length', { exact: true }).fill('6');
  await page.getByLabel('Sequence length', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/task=memory&seq-len=6/);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('img', { name: /Held-out accuracy .*; chance is 0.250/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /loss/i }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
});

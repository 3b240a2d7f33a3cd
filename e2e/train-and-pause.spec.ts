import { expect, test, type Page } from '@playwright/test';
import { NUMBER, currentStep } from './helpers';



/** The loss chart's accessible name says "from A to B". */
async function lossFromTo(page: Page): Promise<[number, number] | undefined> {
  const label = (await page.getByRole('img', { name: /Training loss over/ }).getAttribute('aria-label')) ?? '';
  const match = new RegExp(`from ${NUMBER} to ${NUMBER}`).exec(label);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

test('trains an LSTM on the sine task on WebGL, then Pause stops it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?backend=webgl');
  const status = page.getByRole('status');
  await expect(status).toContainText('ready');
  await expect(status).toContainText('WebGL');

  // Switch the cell away and back: each change rebuilds the model.
  await page.getByLabel('Cell', { exact: true }).selectOption({ label: 'GRU' });
  await page.getByLabel('Cell', { exact: true }).selectOption({ label: 'LSTM' });
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('lstm');
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('sine');

  await page.getByRole('button', { name: 'Train' }).click();
  await expect(status).toContainText('steps/s');
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThan(40);
  await expect
    .poll(async () => {
      const fromTo = await lossFromTo(page);
      return fromTo ? fromTo[1] / fromTo[0] : 1;
    }, { timeout: 60_000 })
    .toBeLessThan(0.5);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('paused');
  const pausedAt = await currentStep(page);
  await page.waitForTimeout(1500);
  expect(await currentStep(page)).toBe(pausedAt);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

  // Step advances by exactly one.
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => currentStep(page)).toBe(pausedAt + 1);

  // The forecast plot got evaluated and beats predicting the mean.
  const forecast = page.getByRole('img', { name: /Forecast against truth/ });
  const label = (await forecast.getAttribute('aria-label')) ?? '';
  const [, mse, baseline] = new RegExp(`error ${NUMBER} \\(predicting the mean gives ${NUMBER}\\)`).exec(label) ?? [];
  expect(Number(mse)).toBeLessThan(Number(baseline));

  // Reset starts over at step 0.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('Step 0');
  expect(errors).toEqual([]);
});

test('by default the backend is chosen automatically, and the page says which and why', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('status')).toContainText('ready');
  // headless Chromium renders WebGL in software (SwiftShader): WASM wins here
  await expect(page.getByRole('status')).toContainText('WASM');
  await expect(page.getByText('auto: WASM, because WebGL runs in software here')).toBeVisible();
});

test('runs from the keyboard and refuses a bad setting without changing the model', async ({ page }) => {
  await page.goto('/?backend=wasm');
  const status = page.getByRole('status');
  await expect(status).toContainText('ready');
  await expect(status).toContainText('WASM');

  const hidden = page.getByLabel('Hidden size', { exact: true });
  await hidden.fill('0');
  await hidden.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Hidden size must be between 1 and 256');
  await hidden.fill('8');
  await hidden.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Train' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause' }).focus();
  await page.keyboard.press('Space');
  await expect(status).toContainText('paused');
});

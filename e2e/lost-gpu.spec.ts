import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

// The GPU is lost through the WEBGL_lose_context extension, by a hook only the e2e build has (see
// src/worker/failureHooks.ts); Chromium's software WebGL (e2e/chromium.ts) stands in for a GPU.

test('a lost WebGL context: training goes on on WASM from the last checkpoint, and the page says so', async ({ page }) => {
  await page.goto('/?backend=webgl');
  const status = page.getByRole('status');
  await expect(status).toContainText('ready');
  await expect(status).toContainText('WebGL');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('list', { name: 'Saved runs' }).getByRole('listitem')).toHaveCount(1);

  await page.evaluate(() => window.unrolledFailureHooks?.failTrainer('lose-gpu'));
  const notice = page.getByText(/^The GPU context was lost; continuing on WASM from step ([\d,]+)\.$/);
  await expect(notice).toBeVisible();
  const step = Number(/step ([\d,]+)/.exec((await notice.textContent()) ?? '')?.[1].replace(/,/g, ''));
  expect(step).toBeGreaterThan(0);
  await expect(status).toContainText('WASM');
  await expect(page.getByText(/The GPU context was lost: training continues on WASM/)).toBeVisible();
  // training goes on by itself, from the restored step
  await expect.poll(() => currentStep(page)).toBeGreaterThan(step + 10);
});

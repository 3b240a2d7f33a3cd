import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

test('character generation: a sample written at step 100 joins the strip, from the same seed as the untrained one', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  // the sine task writes no samples: no strip
  await expect(page.getByRole('region', { name: 'Samples as training goes on' })).toHaveCount(0);

  // a small model, so that 100 steps take seconds
  await page.goto('/?backend=wasm&task=chargen&hidden=16&seq-len=16&batch=8');
  await expect(page.getByRole('status')).toContainText('ready');
  const strip = page.getByRole('region', { name: 'Samples as training goes on' });
  await expect(strip).toContainText('written when training starts');
  await expect(strip).toContainText('written at step 100 — 100 steps to go');
  await expect(strip.getByRole('listitem')).toHaveCount(4);

  await page.getByRole('button', { name: 'Train' }).click();
  const untrained = strip.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'step 0 (untrained)' }) });
  await expect(untrained.locator('pre')).toContainText(/^The sea .{20,}/s);
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThan(100);
  const atHundred = strip.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'step 100', exact: true }) });
  await expect(atHundred.locator('pre')).toContainText(/^The sea .{20,}/s);
  await expect(atHundred).toContainText('seed “The sea ” · temperature 0.8');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  // still to come, counted from the step the run paused at
  const step = await currentStep(page);
  await expect(strip).toContainText(`written at step 1,000 — ${1000 - step} steps to go`);
  // the samples differ: the network learned something in 100 steps
  expect(await atHundred.locator('pre').textContent()).not.toBe(await untrained.locator('pre').textContent());
});

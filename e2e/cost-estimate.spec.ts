/**
 * Settings too large to train (issue #17): the largest the controls allow once hung the page at "Step 0" with a
 * WASM "memory access out of bounds" in the console. Now they are refused with the memory estimate
 * (shared/cost.ts) — from a link, with its batch lowered until they fit, and from the settings, changing nothing.
 */
import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

const ESTIMATE = /These settings need ≈ [\d.]+ GB of memory to train: over the 4 GB a WebAssembly memory can hold, and the 1 GB this app allows; lower the batch size, sequence length or hidden size\./;

test('a link to the largest settings opens on settings that fit, with a notice that gives the estimate', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto('/?backend=wasm&task=chargen&hidden=256&layers=4&bidirectional=true&seq-len=200&batch=512');
  await expect(page.getByRole('status')).toContainText('ready');
  const notices = page.locator('.link-notices');
  await expect(notices).toContainText(ESTIMATE);
  await expect(notices).toContainText('Using batch size 8.');
  // the link's other values stay; the batch is the one that fits
  await expect(page.getByLabel('Hidden size', { exact: true })).toHaveValue('256');
  await expect(page.getByLabel('Layers', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Sequence length', { exact: true })).toHaveValue('200');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('8');
  expect(errors.join('\n')).not.toMatch(/memory access out of bounds/);
});

test('typing a batch size too large for the other settings is refused with the estimate, and nothing changes', async ({ page }) => {
  // hidden 256 over 64 characters: a batch of 16 takes ≈ 130 MB, one of 512 ≈ 1.7 GB
  await page.goto('/?backend=wasm&task=chargen&hidden=256&seq-len=64');
  await expect(page.getByRole('status')).toContainText('ready');
  const batch = page.getByLabel('Batch size', { exact: true });
  await expect(batch).toHaveValue('16');
  await batch.fill('512');
  await batch.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'These settings need' });
  await expect(refusal).toContainText(/These settings need ≈ [\d.]+ GB of memory to train: over the 1 GB this app allows; lower the batch size, sequence length or hidden size\./);
  await expect(batch).toHaveAttribute('aria-invalid', 'true');
  // the config (which the address mirrors) kept its batch of 16, and the run trains with it
  expect(page.url()).toMatch(/hidden=256/);
  expect(page.url()).not.toMatch(/batch=/);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // a batch that fits is taken, and the refusal goes
  await batch.fill('32');
  await batch.press('Enter');
  await expect(page).toHaveURL(/batch=32/);
  await expect(refusal).toHaveCount(0);
});

test('the cost of the settings is shown beside them, and follows them', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  const cost = page.getByLabel(/^Estimated cost of these settings: about [\d.]+ [kMG]B of memory/);
  await expect(cost).toBeVisible();
  await expect(cost).toContainText(/Cost ≈ [\d.]+ [kMG]B, ≈ [\d.]+ m?s a step/);
  const small = (await cost.textContent()) ?? '';
  const hidden = page.getByLabel('Hidden size', { exact: true });
  await hidden.fill('256');
  await hidden.press('Enter');
  await expect(cost).not.toHaveText(small);
});

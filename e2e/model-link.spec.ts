/**
 * Links that carry the model (issue #18): Copy link after training gives an address that opens the same model —
 * its step, its weights, the same "Try it" — in a fresh browser profile, with no training; a link cut short is
 * refused with the link notice and the page starts clean.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeModelLink } from '../src/state/modelLink';
import { currentStep, forecastMse } from './helpers';

/** Runs "Try it" with its defaults (a roll-out from held-out step 0) and returns what it says. */
async function tryIt(page: Page): Promise<string> {
  const panel = page.getByRole('region', { name: 'Try it' });
  await panel.getByRole('button', { name: 'Run' }).click();
  const summary = panel.getByText(/^Rolled out \d+ steps/);
  await expect(summary).toBeVisible();
  return (await summary.textContent()) ?? '';
}

test('a link copied after training opens the same model in a fresh profile: same step, same forecast, same "Try it"', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?backend=wasm&cell=gru&hidden=12');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  const step = await currentStep(page);
  const mse = await forecastMse(page);
  expect(Number(mse)).toBeGreaterThan(0);
  const rolledOut = await tryIt(page);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByLabel('Link to this model');
  await expect(field).toHaveValue(/#model=1\.[A-Za-z0-9_-]+$/);
  const link = await field.inputValue();
  expect(link).toContain('cell=gru');
  await expect(page.getByText(new RegExp(`The link carries the settings, the seed, step ${step} and the weights: \\d+\\.\\d kB compressed, [\\d,]+ characters\\. Copied to the clipboard\\.`))).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // a fresh profile: nothing saved, nothing trained
  const fresh = await browser.newContext();
  const opened = await fresh.newPage();
  await opened.goto(link);
  await expect(opened.getByText(`Opened the model from the link, trained to step ${step}: try it, or train on.`)).toBeVisible();
  await expect(opened.getByRole('status')).toContainText(`Step ${step}`);
  await expect(opened.getByLabel('Cell', { exact: true })).toHaveValue('gru');
  await expect(opened.getByLabel('Hidden size', { exact: true })).toHaveValue('12');
  await expect.poll(() => forecastMse(opened)).toBe(mse);
  expect(await tryIt(opened)).toBe(rolledOut);
  // the fragment is dropped once read; the settings stay in the address
  await expect(opened).toHaveURL(/^[^#]*\?[^#]*cell=gru&hidden=12[^#]*$/);
  // …and the model was saved in this browser: a reload offers it back, not a fresh model
  await opened.reload();
  await expect(opened.getByRole('region', { name: 'Resume your last run' })).toContainText(`step ${step}`);
  await fresh.close();

  // in the profile that trained, which has an autosave, the link's model wins over the offer to resume it
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByText(`Opened the model from the link, trained to step ${step}: try it, or train on.`)).toBeVisible();
  await expect(again.getByRole('region', { name: 'Resume your last run' })).toHaveCount(0);
  await expect(again.getByRole('status')).toContainText(`Step ${step}`);
});

test('a link cut short is refused with the link notice, and the page starts clean', async ({ page, browser }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Step 1');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Link to this model').inputValue();
  expect(link).toMatch(/#model=1\./);

  const fresh = await browser.newContext();
  const opened = await fresh.newPage();
  await opened.goto(link.slice(0, -12));
  const notice = opened.getByRole('alert');
  await expect(notice).toContainText("The link's model could not be read");
  await expect(notice).toContainText("the link looks cut short or changed. Starting with a fresh model and the link's settings instead.");
  await expect(opened.getByRole('status')).toContainText('ready');
  expect(await currentStep(opened)).toBeLessThanOrEqual(0);
  await expect(opened.getByText(/Opened the model from the link/)).toHaveCount(0);
  await expect(opened).toHaveURL(/\?backend=wasm$/);
  await fresh.close();
});

test('a whole link to a model of the wrong shape is refused by the import, with its reason, and the page starts clean', async ({ page }) => {
  // PyTorch's 2-layer LSTM over 3 features, well formed and checksummed: only the import can tell it does not fit
  const link = encodeModelLink(new Uint8Array(readFileSync('src/io/fixtures/torch_lstm_2layer.safetensors')));
  if (!('fragment' in link)) throw new Error('the fixture should fit in a link');
  await page.goto(`/?backend=wasm${link.fragment}`);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText("The link's model was not loaded: The file's model reads input vectors of size 3, but the sine task needs 1.");
  await expect(notice).toContainText("Starting with a fresh model and the link's settings instead.");
  await expect(page.getByRole('status')).toContainText('ready');
  await expect(page.getByLabel('Layers', { exact: true })).toHaveValue('1');
  await expect(page).toHaveURL(/\?backend=wasm$/);
});

test('a model too large for a link (an LSTM of hidden size 128, ~67,000 weights) gets a settings-only link, and the page says so', async ({ page }) => {
  await page.goto('/?backend=wasm&hidden=128');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^This model is \d+\.\d kB compressed, more than the 64\.0 kB a link can carry, so the link carries the settings and seed only: it opens an untrained model\. Export \.safetensors to share the weights\./)).toBeVisible();
  const link = await page.getByLabel('Link to this model').inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?[^#]*hidden=128[^#]*$/);
});

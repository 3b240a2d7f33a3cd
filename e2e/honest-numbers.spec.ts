/**
 * Honest numbers (issue #14): a learner sees each held-out metric beside the baselines a practitioner would
 * use, on screen and not only in an accessible name, and for forecasting how much better (or worse) the
 * network does than repeating the last value.
 */
import { expect, test } from '@playwright/test';
import { currentStep, NUMBER } from './helpers';

test('CO₂: the forecast is shown beside repeating the last value and seasonal naive with drift, in ppm, with its skill', async ({ page }) => {
  await page.goto('/?backend=wasm&task=co2');
  await expect(page.getByRole('status')).toContainText('ready');

  // the baselines are there before training: what the network has to beat
  const scores = page.getByRole('table', { name: 'Held-out MSE: this network against the baselines' });
  await expect(scores).toBeVisible();
  await expect(scores.getByRole('columnheader', { name: 'RMSE (ppm)' })).toBeVisible();
  for (const name of ['predicting the mean', 'repeating the last value', 'seasonal naive with drift']) {
    await expect(scores.getByRole('row', { name: new RegExp(`^${name} ${NUMBER} ${NUMBER}`) })).toBeVisible();
  }

  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');

  // the network's own row has numbers now, and each baseline says whether it is beaten
  await expect(scores.getByRole('row', { name: new RegExp(`^this network ${NUMBER} ${NUMBER}`) })).toBeVisible();
  await expect(scores.getByRole('row', { name: /^repeating the last value .* (yes|not yet)$/ })).toBeVisible();
  // the skill against both: repeating the last value, and (CO₂ has a season) seasonal naive with drift
  const skill = String.raw`(\d+% (lower|higher) error \(MSE\) than|[\d.]+ times the error \(MSE\) of|about the same error \(MSE\) as)`;
  await expect(page.getByText(new RegExp(`^Skill: ${skill} repeating the last value; ${skill} seasonal naive with drift\\.$`))).toBeVisible();

  // the chart draws the baselines as lines, named in a visible legend, on a ppm axis
  const chart = page.getByRole('figure', { name: /Forecast vs truth \(held out\)/ });
  for (const name of ['truth', "this network's forecast", 'repeating the last value', 'seasonal naive with drift']) {
    await expect(chart.locator('.legend').getByText(name, { exact: true })).toBeVisible();
  }
  await expect(chart.getByText('value (ppm)')).toBeVisible();
  await expect(chart.getByRole('img', { name: /with repeating the last value and seasonal naive with drift; mean squared error .* repeating the last value gives / })).toBeVisible();
});

test('character generation: bits per character on screen, beside the unigram and bigram', async ({ page }) => {
  await page.goto('/?backend=wasm&task=chargen&hidden=16&seq-len=20');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');

  await expect(page.getByRole('img', { name: new RegExp(`^Held-out bits per character ${NUMBER}; unigram is ${NUMBER}; bigram is ${NUMBER}\\.$`) })).toBeVisible();
  const scores = page.getByRole('table', { name: 'Held-out bits/char: this network against the baselines' });
  await expect(scores.getByRole('columnheader', { name: 'bits/char' })).toBeVisible();
  await expect(scores.getByRole('row', { name: new RegExp(`^this network ${NUMBER}`) })).toBeVisible();
  for (const name of ['unigram', 'bigram']) await expect(scores.getByRole('row', { name: new RegExp(`^${name} ${NUMBER} (yes|not yet)$`) })).toBeVisible();
  // the accuracy's "chance" named for what it is
  await expect(page.getByText(/always guessing the most frequent character is right \d+%/)).toBeVisible();
});

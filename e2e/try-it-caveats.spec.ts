/**
 * Sentiment's "try it" says what its numbers are not: the values after earlier words are readouts the
 * many-to-one head was never trained on (greyed, and named so), unknown words are one token, and the
 * generated reviews are easier than real sentences.
 */
import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

test('sentiment "try it": earlier words\' values are greyed as untrained readouts, unknown words and the easy templates are named', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Task', { exact: true }).selectOption('sentiment');
  await expect(page.getByText(/Sentiment: many-to-one/)).toBeVisible();
  await expect(page.getByLabel('Reviews', { exact: true })).toHaveValue('generated');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');

  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('Type a sentence').fill('I loved the food');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  const trace = tryIt.getByRole('figure', { name: "P(positive) after each word (only the last word's is a trained readout; the greyed ones are not)" });
  await expect(trace).toBeVisible();
  await expect(trace.getByRole('listitem')).toHaveCount(4);
  // the first three are named as untrained readouts and drawn grey; the last keeps its colour
  const untrained = trace.getByRole('listitem', { name: /, an untrained readout$/ });
  await expect(untrained).toHaveCount(3);
  await expect(untrained.first()).toHaveAccessibleName(/^i \(\?\): \S+, an untrained readout$/);
  const last = trace.getByRole('listitem').last();
  await expect(last).toHaveAccessibleName(/^food: \S+$/);
  const greyBackground = await untrained.first().evaluate((item) => getComputedStyle(item).backgroundColor);
  for (let k = 1; k < 3; k++) await expect(untrained.nth(k)).toHaveCSS('background-color', greyBackground);
  await expect(last).not.toHaveCSS('background-color', greyBackground);

  const notes = tryIt.getByRole('list', { name: 'Notes on this result' });
  await expect(notes).toContainText("Only the last value is a trained readout: the classifier head is trained only on the whole sentence's last step.");
  await expect(notes).toContainText('The values after earlier words (greyed) are what it would say if the sentence ended there, which it was never trained for.');
  await expect(notes).toContainText('"i" and "loved" are not in the vocabulary the network learned (shown with "?"); it reads them all as the same unknown token.');
  await expect(notes).toContainText('The generated reviews follow a few fixed patterns, so the network can be near-certain (close to 100%) on them; real sentences would not be that easy.');

  // a sentence with no word the network knows is refused, naming them
  await tryIt.getByLabel('Type a sentence').fill('i loved it');
  await tryIt.getByRole('button', { name: 'Run' }).click();
  await expect(tryIt.getByRole('alert')).toContainText('None of these words is in the vocabulary the network learned: "i", "loved" and "it".');
  await expect(trace).toHaveCount(0);
  await expect(notes).toHaveCount(0);
});

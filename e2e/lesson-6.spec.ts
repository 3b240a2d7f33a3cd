/**
 * Lesson 6, the LSTM, walked as a learner walks it, through roles and labels, on a laptop (1280 × 800) and a
 * phone (390 × 844): open it from the Lessons list, predict which cell remembers the first symbol 40 steps
 * later, train the tanh RNN and pause past step 200, switch the cell to LSTM and do the same, read both
 * accuracies against the guess, see the LSTM's equations and its forget gate outlined, answer the check. With
 * LESSON_SHOTS=DIR set, every part is photographed into DIR (for looking at, not for comparing).
 */
import { expect, type Page } from '@playwright/test';
import { accuracyChart, back, next, onScreen, partTitle, shooter, trainPast200, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('lesson6-');

async function walkLesson6(page: Page): Promise<void> {
  await expect(partTitle(page)).toHaveText('Remember the first symbol');
  await expect(page.locator('[data-lesson-target="metric"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect(accuracyChart(page)).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Lesson' }).locator('.katex').first()).toBeVisible();
  await shoot(page, '1-setup');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'Only the LSTM' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByRole('radio', { name: 'Only the LSTM' })).toBeDisabled();
  await shoot(page, '2-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Train the tanh RNN');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  // the lesson opens in slow motion; the claims hold from step 200 on (the tanh RNN under 30% to step 400, the
  // LSTM over 90% to 1,000), so the walk goes at full speed
  await expect(page.getByLabel('Speed', { exact: true })).toHaveValue('20');
  await trainPast200(page, { atFullSpeed: true });
  await shoot(page, '3-experiment-tanh');
  await next(page);

  await expect(partTitle(page)).toHaveText('Now the LSTM');
  await expect(page.getByText('Set Cell to LSTM first.')).toBeVisible();
  const cell = page.getByLabel('Cell', { exact: true });
  await expect.poll(() => onScreen(page, cell)).toBe(true);
  await cell.selectOption('lstm');
  await expect(page.getByText(/^Step 0 of at least 200\./)).toBeVisible({ timeout: 60_000 });
  await trainPast200(page, { atFullSpeed: true });
  await shoot(page, '4-experiment-lstm');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted “only the LSTM”\. On this one seed, held out, the tanh RNN names [\d.]+% of first symbols right \(step \d+\); the LSTM [\d.]+% \(step \d+\)\.$/)).toBeVisible();
  const chart = page.getByRole('img', { name: /^held-out accuracy, %: chance 25; tanh RNN, your guess 25; tanh RNN, measured [\d.]+; LSTM, your guess 90; LSTM, measured [\d.]+\.$/ });
  await expect(chart).toBeVisible();
  // the live result: the LSTM remembers, the tanh RNN does not
  const label = (await chart.getAttribute('aria-label'))!;
  const [, tanh, lstm] = /tanh RNN, measured (\d+(?:\.\d+)?);.*LSTM, measured (\d+(?:\.\d+)?)/.exec(label)!;
  expect(Number(tanh)).toBeLessThan(60);
  expect(Number(lstm)).toBeGreaterThan(90);
  await shoot(page, '5-reveal');
  await next(page);

  // side by side: the Compare panel runs the live LSTM (A) against the tanh RNN (B) from the same seed
  await expect(partTitle(page)).toHaveText('Side by side');
  const compare = page.getByRole('region', { name: 'Compare two runs' });
  await expect(page.locator('[data-lesson-target="compare"]')).toHaveAttribute('data-lesson-pointed', '');
  await compare.getByLabel('Change', { exact: true }).selectOption('cell');
  await compare.getByLabel('to', { exact: true }).selectOption('rnn-tanh');
  await compare.getByLabel('Steps', { exact: true }).fill('200');
  await compare.getByRole('button', { name: 'Run comparison' }).click();
  await expect(compare.getByText(/RNN \(tanh\).*: step 200 · loss/)).toBeVisible({ timeout: 90_000 });
  await expect(compare.getByRole('img', { name: /^Loss of both runs/ })).toBeVisible();
  // the chart that reacts shows above a phone's card, not only the form
  await expect.poll(() => onScreen(page, compare.getByRole('img', { name: /^Loss of both runs/ }), true)).toBe(true);
  await shoot(page, '5b-side-by-side');
  await next(page);

  await expect(partTitle(page)).toHaveText('The LSTM, as PyTorch writes it');
  await expect(page.locator('[data-lesson-target="inside"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect(page.getByRole('complementary', { name: 'Lesson' }).locator('.katex').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Inside the LSTM cell' })).toBeVisible();
  await shoot(page, '6-equations');
  await next(page);

  await expect(partTitle(page)).toHaveText('The forget gate holds it');
  const forget = page.getByRole('img', { name: /^forget gate f of layer 0/ });
  await expect(forget).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, forget, true)).toBe(true);
  await expect(page.getByText(/^The maps show the LSTM at training step \d+\.$/)).toBeVisible();
  // the map itself names the rows that hold the symbol
  await expect(page.getByText(/^◀ units? [\d, and]+: f > 0\.9 after t = 1, (they hold|it holds) the symbol$/)).toBeVisible();
  await shoot(page, '7-forget-gate');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /It has more weights/ }).check();
  await expect(page.getByText(/Not quite\. More weights do not stop/)).toBeVisible();
  await page.getByRole('radio', { name: /Forget gates near 1/ }).check();
  await expect(page.getByText(/Right\. With f near 1 and i near 0/)).toBeVisible();
  await shoot(page, '8-check');

  // a reload keeps the place and the answers: back at the reveal, the prediction and both measurements are there
  expect(page.url()).toMatch(/lesson=6&part=9/);
  await page.reload();
  await expect(partTitle(page)).toHaveText('Check', { timeout: 60_000 });
  await expect(page.getByRole('radio', { name: /Forget gates near 1/ })).toBeChecked();
  await back(page, 'The forget gate holds it');
  // the reload started the run afresh: the card says so and where to train it again
  await expect(page.getByText(/^This LSTM is not trained yet \(a reload starts the run afresh\)/)).toBeVisible();
  await back(page, 'The LSTM, as PyTorch writes it');
  await back(page, 'Side by side');
  await back(page, 'What happened');
  await expect(page.getByRole('img', { name: /^held-out accuracy, %: chance 25; tanh RNN, your guess 25; tanh RNN, measured / })).toBeVisible();
  for (const title of ['Side by side', 'The LSTM, as PyTorch writes it', 'The forget gate holds it', 'Check', 'Your turn']) {
    await next(page);
    await expect(partTitle(page)).toHaveText(title);
  }
  await expect(page.getByLabel('Sequence length', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('lstm');
  await shoot(page, '9-your-turn');
}

walkOnEachSize('walks lesson 6: which cell remembers, the tanh RNN and the LSTM trained, the reveal, the forget gate, the check', 300_000, async (page) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 6: LSTM/ }).click();
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 6: LSTM/ })).toHaveAttribute('aria-current', 'step');
  await walkLesson6(page);
});

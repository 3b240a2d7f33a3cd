/**
 * Lesson 9, applications, walked as a learner walks it, through roles and labels, on a laptop (1280 × 800) and
 * a phone (390 × 844): the tasks and their shapes with the baselines' table outlined; predict the sentiment
 * network against a bag of words, train it past step 150 and read the reveal; predict the CO₂ forecaster against
 * seasonal naive (the part switches the task), train it past step 300 and read the reveal; the check; the your-turn.
 * With LESSON_SHOTS=DIR set, every part is photographed into DIR (for looking at, not for comparing).
 */
import { expect, type Page } from '@playwright/test';
import { currentStep } from './helpers';
import { done, next, onScreen, partTitle, shooter, fullSpeed, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('lesson9-');

/**
 * Trains from the card's Train button past `steps` at full speed, and pauses (the claims hold over a range of
 * steps: sentiment over 90% from 150 to 600, CO₂ under 0.9 × seasonal naive's error from 300 to 1,000).
 */
async function trainPast(page: Page, steps: number): Promise<void> {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => onScreen(page, train)).toBe(true);
  await fullSpeed(page);
  await train.click();
  await expect.poll(() => currentStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(steps);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(done(page)).toBeVisible();
}

async function walkLesson9(page: Page): Promise<void> {
  await expect(partTitle(page)).toHaveText('Four jobs and their shapes');
  await expect(page.getByRole('table', { name: /^Held-out accuracy: this network against the baselines/ })).toBeVisible();
  await expect(page.locator('[data-lesson-target="metric"]')).toHaveAttribute('data-lesson-pointed', '');
  await shoot(page, '1-shapes');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction: sentiment');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'Better, between 55% and 90%' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await shoot(page, '2-predict-sentiment');
  await next(page);

  await expect(partTitle(page)).toHaveText('Train on the reviews');
  await trainPast(page, 150);
  await shoot(page, '3-sentiment');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened: sentiment');
  await expect(page.getByText(/^You predicted “better, between 55% and 90%”\. At step \d+ the network reads [\d.]+% of held-out reviews right; the bag of words 50%\.$/)).toBeVisible();
  const sentiment = page.getByRole('img', { name: /^held-out accuracy, %: chance 50; bag of words 50; RNN, measured [\d.]+; your guess, from 55 to 90\.$/ });
  await expect(sentiment).toBeVisible();
  const [, accuracy] = /RNN, measured ([\d.]+)/.exec((await sentiment.getAttribute('aria-label'))!)!;
  expect(Number(accuracy)).toBeGreaterThan(90);
  await shoot(page, '4-reveal-sentiment');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction: forecasting');
  // the part sets the task: the forecast and its baselines are there to read before predicting
  await expect(page.getByRole('table', { name: /^Held-out MSE: this network against the baselines/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: /^Held-out MSE/ }).getByRole('rowheader', { name: 'seasonal naive with drift' })).toBeVisible();
  await page.getByRole('radio', { name: /^Within 10% of seasonal naive/ }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await shoot(page, '5-predict-co2');
  await next(page);

  await expect(partTitle(page)).toHaveText('Forecast CO₂');
  await expect(page.getByText(/^Step 0 of at least 300\./)).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-lesson-target="forecast"]')).toHaveAttribute('data-lesson-pointed', '');
  await trainPast(page, 300);
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /Forecast against truth/ }), true)).toBe(true);
  await shoot(page, '6-co2');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened: forecasting');
  await expect(page.getByText(/^You predicted “within 10% of seasonal naive’s”\. At step \d+ the network's held-out error \(RMSE, one month ahead\) is [\d.]+ ppm, [\d.]+ times seasonal naive's [\d.]+ ppm; repeating the last value: [\d.]+ ppm\.$/)).toBeVisible();
  const co2 = page.getByRole('img', { name: /^held-out RMSE, ppm: repeating the last value [\d.e+-]+; seasonal naive [\d.e+-]+; RNN, measured [\d.e+-]+; your guess, from / });
  await expect(co2).toBeVisible();
  const ratio = /([\d.]+) times seasonal naive/.exec((await page.getByText(/times seasonal naive/).textContent())!)![1];
  expect(Number(ratio)).toBeLessThan(0.9);
  await shoot(page, '7-reveal-co2');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /^Many-to-one/ }).check();
  await expect(page.getByText(/^Not quite\./)).toBeVisible();
  await page.getByRole('radio', { name: /^An encoder–decoder/ }).check();
  await expect(page.getByText(/^Right\./)).toBeVisible();
  await shoot(page, '8-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByLabel('Task', { exact: true })).toBeVisible();
  await shoot(page, '9-your-turn');
}

walkOnEachSize('walks lesson 9: the shapes, sentiment against a bag of words, CO₂ against seasonal naive, the check', 240_000, async (page) => {
  await page.goto('/?backend=wasm&lesson=9');
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 9: Applications/ })).toHaveAttribute('aria-current', 'step', { timeout: 60_000 });
  await walkLesson9(page);
});

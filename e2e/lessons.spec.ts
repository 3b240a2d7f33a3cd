/**
 * The guided lessons, walked as a learner walks them, through roles and labels: open Lessons, read the card,
 * commit a prediction, do the experiment the card waits for, read the reveal, answer the check, go on — on a
 * laptop (1280 × 800) and on a phone (390 × 844), where the card, the control it asks for and the view that
 * reacts share one screen. A reload in the middle lands on the same part. With LESSON_SHOTS=DIR set, every
 * part is also photographed into DIR (for looking at, not for comparing).
 */
import { expect, test, type Page } from '@playwright/test';
import { currentStep } from './helpers';
import { next, onScreen, partTitle, shooter, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('');

async function openLessons(page: Page): Promise<void> {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Lessons' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 1: Sequences/ })).toHaveAttribute('aria-current', 'step');
}

async function walkLesson1(page: Page): Promise<void> {
  await expect(partTitle(page)).toHaveText('Data where order matters');
  // a calm screen: the settings and the views this part does not talk about are out of the way
  await expect(page.getByRole('complementary', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Training loss/ })).toBeHidden();
  // the pointer outlines the chart the text talks about
  await expect(page.locator('[data-lesson-target="forecast"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect(page.getByRole('img', { name: /Forecast against truth/ })).toBeVisible();
  await shoot(page, 'lesson1-1-setup');
  await next(page);

  await expect(partTitle(page)).toHaveText('Reading in order');
  await expect(page.locator('[data-lesson-target="unrolled"]')).toHaveAttribute('data-lesson-pointed', '');
  await shoot(page, 'lesson1-2-pointer');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'Several times lower' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByRole('radio', { name: 'Several times lower' })).toBeDisabled();
  await shoot(page, 'lesson1-3-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Train it');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  // the control the card asks for and the view that reacts, on one screen
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => onScreen(page, train)).toBe(true);
  await train.click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(100);
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /Training loss/ }), true)).toBe(true);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
  await shoot(page, 'lesson1-4-experiment');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted “several times lower”\. At step \d+ the network's held-out MSE is [\d.e-]+: [\d.]+× lower than repeating the last value/)).toBeVisible();
  await expect(page.getByRole('img', { name: /held-out MSE \(log scale\): predicting the mean .*; this network .*; your guess, from/ })).toBeVisible();
  await shoot(page, 'lesson1-5-reveal');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /It averages the 20 values/ }).check();
  await expect(page.getByText(/Not quite\. An average forgets the order/)).toBeVisible();
  await page.getByRole('radio', { name: /It reads the recent values in order/ }).check();
  await expect(page.getByText(/Right\. Order is information/)).toBeVisible();
  await shoot(page, 'lesson1-6-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByLabel('Sequence length', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Noise', { exact: true })).toBeVisible();
  await shoot(page, 'lesson1-7-your-turn');
  await next(page);
}

async function walkLesson2(page: Page): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 2: Hidden state/ })).toHaveAttribute('aria-current', 'step');
  await expect(partTitle(page)).toHaveText('Memory: the hidden state');
  await expect(page.locator('[data-lesson-target="unrolled"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect(page.getByRole('complementary', { name: 'Lesson' }).locator('.katex').first()).toBeVisible();
  await shoot(page, 'lesson2-1-pointer');
  await next(page);

  await expect(partTitle(page)).toHaveText('Step through it');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect.poll(() => onScreen(page, step)).toBe(true);
  await step.click();
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /unrolled over 20 time steps/i }), true)).toBe(true);
  await shoot(page, 'lesson2-2-experiment-step');
  await next(page);

  await expect(partTitle(page)).toHaveText('Inside the cell');
  const hiddenState = page.getByRole('img', { name: /^hidden state h of layer 0/ });
  await expect(hiddenState).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, hiddenState, true)).toBe(true);
  await shoot(page, 'lesson2-3-inside');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  await page.getByLabel('Numbers in the recurrent layer').fill('608');
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByLabel('Numbers in the recurrent layer')).toBeDisabled();
  await shoot(page, 'lesson2-4-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Make it longer');
  const length = page.getByLabel('Sequence length', { exact: true });
  await expect.poll(() => onScreen(page, length)).toBe(true);
  await length.fill('40');
  await length.press('Enter');
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /unrolled over 40 time steps/i }), true)).toBe(true);
  await shoot(page, 'lesson2-5-experiment-length');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  const verdict = "You said 608. The live model's recurrent layer holds 304 numbers, now unrolled over 40 steps.";
  await expect(page.getByText(verdict)).toBeVisible();
  await shoot(page, 'lesson2-6-reveal');

  // a reload mid-lesson lands on the same part, with the prediction and the measurement kept
  expect(page.url()).toMatch(/lesson=2&part=6/);
  await page.reload();
  await expect(partTitle(page)).toHaveText('What happened', { timeout: 60_000 });
  await expect(page.getByText(verdict)).toBeVisible();
  await expect(page.getByLabel('Sequence length', { exact: true })).toHaveCount(0);
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /The same weights are applied at every step/ }).check();
  await expect(page.getByText(/Right\. The length only decides/)).toBeVisible();
  await shoot(page, 'lesson2-7-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByText(/The recurrent layer holds 304 numbers; the diagram unrolls it over 40 steps\./)).toBeVisible();
  await page.getByLabel('Hidden size', { exact: true }).fill('32');
  await page.getByLabel('Hidden size', { exact: true }).press('Enter');
  await expect(page.getByText(/The recurrent layer holds 1,120 numbers/)).toBeVisible();
  await shoot(page, 'lesson2-8-your-turn');
}

walkOnEachSize('walks lessons 1 and 2: prediction, experiment, reveal, check; a reload keeps the place; leaving keeps the settings', 180_000, async (page) => {
  await openLessons(page);
  await walkLesson1(page);
  await walkLesson2(page);
  await page.getByRole('button', { name: 'Leave the lesson' }).click();
  // the full lab, with the lesson's settings in place
  await expect(page.getByRole('complementary', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('rnn-tanh');
  await expect(page.getByLabel('Sequence length', { exact: true })).toHaveValue('40');
  await expect(page.getByRole('img', { name: /Largest singular value/ })).toBeAttached();
  expect(page.url()).not.toMatch(/lesson=/);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the card folds away and comes back', async ({ page }) => {
    await openLessons(page);
    await page.getByRole('button', { name: 'Hide the card' }).click();
    await expect(partTitle(page)).toBeHidden();
    await expect(page.getByRole('button', { name: 'Show the card' })).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('img', { name: /Forecast against truth/ })).toBeVisible();
    await shoot(page, 'folded');
    await page.getByRole('button', { name: 'Show the card' }).click();
    await expect(partTitle(page)).toHaveText('Data where order matters');
  });
});

test('the first parts of lesson 1 by keyboard alone', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Lessons', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(partTitle(page)).toHaveText('Data where order matters');
  await page.getByRole('button', { name: 'Next', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(partTitle(page)).toHaveText('Reading in order');
  // the new part's heading has the focus: Back, then Next
  await expect(partTitle(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(partTitle(page)).toHaveText('Your prediction');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /^Worse than/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Several times lower' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Commit my prediction' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(partTitle(page)).toHaveText('Train it');
});

test('a tampered lesson link falls back with a notice', async ({ page }) => {
  await page.goto('/?backend=wasm&lesson=99&part=2');
  await expect(page.getByRole('alert').filter({ hasText: 'lesson "99" is not valid' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Settings' })).toBeVisible();
  await page.goto('/?backend=wasm&lesson=2&part=x');
  await expect(page.getByRole('alert').filter({ hasText: 'part "x" is not valid' })).toBeVisible();
  await expect(partTitle(page)).toHaveText('Memory: the hidden state');
});

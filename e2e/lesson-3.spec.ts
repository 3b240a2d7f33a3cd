/**
 * Lesson 3, "The four sequence shapes", walked as a learner walks it, through roles and labels, on a laptop
 * (1280 × 800) and a phone (390 × 844): read where the sine forecaster's one output is, give it an output at
 * every step, predict where reversing digits puts its outputs, switch the task and read the answer off the
 * diagram, answer the check, and train the encoder–decoder past step 400. With LESSON_SHOTS=DIR set, every
 * part is photographed into DIR (for looking at, not for comparing).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { currentStep } from './helpers';
import { next, onScreen, partTitle, shooter, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('lesson3-');

/** The unrolled diagram, by the start of its accessible name. */
function diagram(page: Page, name: RegExp): Locator {
  return page.getByRole('img', { name });
}

walkOnEachSize('lesson 3: one output, an output at every step, then predict and find the encoder–decoder’s outputs', 180_000, async (page) => {
  await page.goto('/?backend=wasm&lesson=3');
  await expect(partTitle(page)).toHaveText('Where the outputs are', { timeout: 60_000 });
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 3: The four sequence shapes/ })).toHaveAttribute('aria-current', 'step');
  await expect(page.locator('[data-lesson-target="unrolled"]')).toHaveAttribute('data-lesson-pointed', '');
  const manyToOne = diagram(page, /^RNN \(tanh\) unrolled over 20 time steps, 1 layer; .*one output, at the last step/);
  await expect(manyToOne).toBeVisible();
  await expect.poll(() => onScreen(page, manyToOne, true)).toBe(true);
  await shoot(page, '1-pointer');
  await next(page);

  await expect(partTitle(page)).toHaveText('An output at every step');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const predict = page.getByLabel('Predict', { exact: true });
  await expect.poll(() => onScreen(page, predict)).toBe(true);
  await predict.selectOption('every');
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
  await expect(page.getByText('Outputs ŷ in the diagram: 20 of 20 steps.')).toBeVisible();
  const everyStep = diagram(page, /^RNN \(tanh\) unrolled over 20 time steps, 1 layer; .*an output at every step/);
  await expect.poll(() => onScreen(page, everyStep, true)).toBe(true);
  await shoot(page, '2-experiment-every-step');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const delayed = page.getByRole('radio', { name: /^No output while it reads/ });
  await delayed.check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(delayed).toBeDisabled();
  await shoot(page, '3-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Switch the task');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const task = page.getByLabel('Task', { exact: true });
  await expect.poll(() => onScreen(page, task)).toBe(true);
  await task.selectOption('reverse');
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible({ timeout: 60_000 });
  const encoderDecoder = diagram(page, /^RNN \(tanh\) unrolled over 8 time steps, 1 layer; an encoder over steps 1 to 4 \(no outputs\).*an output at every decoder step/);
  await expect.poll(() => onScreen(page, encoderDecoder, true)).toBe(true);
  await shoot(page, '4-experiment-switch');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(
    page.getByText('You predicted “no output while it reads; outputs only after the whole input”. The diagram has 8 steps: an encoder reads the 4 digits at t = 1–4 and writes nothing; a decoder writes 4 outputs ŷ at t = 5–8.', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /^time step t of the first output ŷ: the last digit is read 4; your guess 5; the live diagram 5/ })).toBeVisible();
  // the pointer outlines the column of the first output, t = 5
  await expect(page.getByRole('group', { name: /^Time steps/ }).getByLabel('Time step 5, input')).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, encoderDecoder, true)).toBe(true);
  await shoot(page, '5-reveal');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /^Many-to-one/ }).check();
  await expect(page.getByText(/Not quite\. It writes a character at every step/)).toBeVisible();
  await page.getByRole('radio', { name: /^One-to-many/ }).check();
  await expect(page.getByText(/Right\. Each output becomes the next input/)).toBeVisible();
  await shoot(page, '6-check');
  await next(page);

  // the card's claim, seen on the live model: a tanh RNN, no gates shown before lesson 6
  await expect(partTitle(page)).toHaveText('Train it');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => onScreen(page, train)).toBe(true);
  // in the lesson's slow motion (20 steps/s): at full speed this small model makes hundreds of steps between two
  // reads of the status, past the claim's 600–800
  await expect(page.getByLabel('Speed', { exact: true })).toHaveValue('20');
  await train.click();
  await expect.poll(() => currentStep(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(600);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  expect(await currentStep(page), 'the claim holds to step 800').toBeLessThanOrEqual(800);
  const accuracy = page.getByRole('img', { name: /^Held-out accuracy/ });
  await expect.poll(async () => Number(/^Held-out accuracy ([\d.]+)/.exec((await accuracy.getAttribute('aria-label')) ?? '')?.[1] ?? 0)).toBeGreaterThan(0.9);
  // the view that reacts, on screen beside the card
  await expect(page.locator('[data-lesson-target="metric"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, accuracy, true)).toBe(true);
  await shoot(page, '7-train');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByLabel('Digits', { exact: true })).toBeVisible();
  await expect.poll(() => onScreen(page, encoderDecoder, true)).toBe(true);
  await shoot(page, '8-your-turn');
});

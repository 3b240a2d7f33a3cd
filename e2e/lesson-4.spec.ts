/**
 * Lesson 4, "Backpropagation through time", walked as a learner walks it, through roles and labels, on a
 * laptop (1280 × 800) and a phone (390 × 844): predict where ‖∂L/∂h_t‖ is largest with one loss at the end,
 * press Step and read the profile; predict again with a loss at every step, switch Predict, Step, read it;
 * answer the check on the shared W_hh. With LESSON_SHOTS=DIR set, every part is photographed into DIR.
 */
import { expect, type Page } from '@playwright/test';
import { next, onScreen, partTitle, shooter, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('lesson4-');

/** Commits a choice by the start of its label. */
async function predict(page: Page, option: RegExp): Promise<void> {
  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: option }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByRole('radio', { name: option })).toBeDisabled();
}

walkOnEachSize('lesson 4: predict where ‖∂L/∂h_t‖ is largest, Step, read the profile — one loss at the end, then a loss at every step', 120_000, async (page) => {
  await page.goto('/?backend=wasm&lesson=4');
  await expect(partTitle(page)).toHaveText('A deep network, one layer per step', { timeout: 60_000 });
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 4: Backpropagation through time/ })).toHaveAttribute('aria-current', 'step');
  await expect(page.locator('[data-lesson-target="unrolled"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect(page.getByRole('complementary', { name: 'Lesson' }).locator('.katex').first()).toBeVisible();
  await shoot(page, '1-pointer');
  await next(page);

  await predict(page, /^At the last steps, near t = 20/);
  await shoot(page, '2-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Step once');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect.poll(() => onScreen(page, step)).toBe(true);
  await step.click();
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
  await expect(page.getByText('Step 1: forward, then backward.')).toBeVisible();
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /unrolled over 20 time steps.*one output, at the last step/ }), true)).toBe(true);
  await shoot(page, '3-experiment-step');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  // the same numbers as lesson4.claims.test.ts's first step (WASM in Node and here)
  await expect(page.getByText(/^You predicted “at the last steps, near t = 20”\. At training step 1 it is largest at t = 20: 0\.15 there against 1\.5e-4 at t = 1, 9\d\d× less\./)).toBeVisible();
  await expect(page.getByRole('img', { name: /^‖∂L\/∂hₜ‖ \(log scale\): t = 1 .*; t = 10 .*; t = 20 \(your pick\) 0\.14/ })).toBeVisible();
  const flow = page.locator('[data-lesson-target="gradient-flow"]');
  await expect(flow).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /^Gradient norm per time step at training step 1/ }), true)).toBe(true);
  await shoot(page, '4-reveal');
  await next(page);

  await predict(page, /^At the first steps, near t = 1/);
  await shoot(page, '5-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('A loss at every step');
  await expect(page.getByText('Waiting for Predict: every step.')).toBeVisible();
  const target = page.getByLabel('Predict', { exact: true });
  await expect.poll(() => onScreen(page, target)).toBe(true);
  await target.selectOption('every');
  await expect(page.getByText('Waiting for Step.')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByText('Done: press Next to see what happened.')).toBeVisible();
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /unrolled over 20 time steps.*an output at every step/ }), true)).toBe(true);
  await shoot(page, '6-experiment-every-step');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted “at the first steps, near t = 1”\. At training step \d+ it is largest at t = 1: [\d.e-]+ there against [\d.e-]+ at t = 20, [\d.]+× more\./)).toBeVisible();
  await expect(flow).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /^Gradient norm per time step at training step 1/ }), true)).toBe(true);
  await shoot(page, '7-reveal');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /^Each step updates its own copy/ }).check();
  await expect(page.getByText(/Not quite\. There is one W_hh/)).toBeVisible();
  await page.getByRole('radio', { name: /^Once, by the sum of its gradients/ }).check();
  await expect(page.getByText(/Right\. One matrix, one update/)).toBeVisible();
  await shoot(page, '8-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByLabel('Sequence length', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeVisible();
  // the view that reacts to a Step, on screen beside the card
  await expect(flow).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /^Gradient norm per time step/ }), true)).toBe(true);
  await shoot(page, '9-your-turn');
});

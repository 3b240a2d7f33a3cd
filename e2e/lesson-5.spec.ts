/**
 * Lesson 5, vanishing and exploding gradients and clipping, walked as a learner walks it, through roles and
 * labels, on a laptop (1280 × 800) and a phone (390 × 844): predict where ‖∂L/∂h_t‖ is largest, Step, and see it
 * grow back to t = 1; predict that the unclipped ReLU RNN blows up, train
 * it into the divergence banner, Rewind, clip by norm at 0.1 and train again; guess how many orders ‖∂L/∂h_t‖
 * falls over 80 steps, press Step and read it off the gradient-flow chart; answer the check. With
 * LESSON_SHOTS=DIR set, every part is photographed into DIR (for looking at, not for comparing).
 */
import { expect, test, type Page } from '@playwright/test';
import { currentStep } from './helpers';
import { done, next, onScreen, partTitle, shooter } from './lessonHelpers';

const shoot = shooter('lesson5-');

async function walkExploding(page: Page): Promise<void> {
  await expect(partTitle(page)).toHaveText('One matrix, again and again');
  // σ_max is not given before the learner predicts
  await expect(page.getByRole('complementary', { name: 'Lesson' })).not.toContainText('σ');
  await expect(page.getByRole('complementary', { name: 'Lesson' }).locator('.katex').first()).toBeVisible();
  await shoot(page, '00-setup');
  await next(page);

  // ask first: where will the gradient be largest after one Step?
  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'At t = 20, where the loss is read' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await shoot(page, '01-prediction-largest');
  await next(page);

  await expect(partTitle(page)).toHaveText('One backward pass');
  const firstStep = page.getByRole('button', { name: 'Step', exact: true });
  await expect.poll(() => onScreen(page, firstStep)).toBe(true);
  await firstStep.click();
  await expect(done(page)).toBeVisible();
  const growing = page.getByRole('img', { name: /^Gradient norm per time step at training step 1, top layer: .* at t = 1 and .* at t = 20\./ });
  await expect.poll(() => onScreen(page, growing, true)).toBe(true);
  await shoot(page, '01-experiment-step');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted “At t = 20, where the loss is read”\. On step 1 ‖∂L\/∂h_t‖ was largest at t = 1: /)).toBeVisible();
  await expect(page.getByRole('img', { name: /^time step t where ‖∂L\/∂h_t‖ is largest: where the loss is read 20; the live chart 1/ })).toBeVisible();
  await expect(page.getByText(/the gradient grew at each step back/)).toBeVisible();
  await shoot(page, '01-reveal-largest');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'Blow up' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByRole('radio', { name: 'Blow up' })).toBeDisabled();
  await shoot(page, '02-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Train it, unclipped');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => onScreen(page, train)).toBe(true);
  await train.click();
  const banner = page.getByRole('alert').filter({ hasText: 'Diverged at step 4' });
  await expect(banner).toContainText('Diverged at step 4: the loss jumped past');
  await expect(done(page)).toBeVisible();
  // the banner says what blew up, on the same screen as the card, and the loss chart it pushed down is still above a phone's card
  await expect.poll(() => onScreen(page, banner, true)).toBe(true);
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /Training loss over 4 steps/ }), true)).toBe(true);
  await shoot(page, '03-experiment-diverged');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted the loss would blow up\. It went from 0\.464 to 1\.23e\+13 at step 4, where training stopped: it diverged\./)).toBeVisible();
  await expect(page.getByRole('img', { name: /^training loss \(log scale\): first step 0\.464; step 4 \(diverged\) 1\.23e\+13; your guess, from/ })).toBeVisible();
  await shoot(page, '04-reveal-diverged');
  await next(page);

  await expect(partTitle(page)).toHaveText('Clip it: your prediction');
  await page.getByRole('radio', { name: 'Fall, and keep falling' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await shoot(page, '05-prediction-clip');
  await next(page);

  await expect(partTitle(page)).toHaveText('Rewind, clip, train');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const rewind = banner.getByRole('button', { name: 'Rewind' });
  await expect(rewind).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, rewind)).toBe(true);
  await expect(page.getByText('Diverged: press Rewind first.')).toBeVisible();
  await shoot(page, '06-experiment-rewind');
  await rewind.click();
  await expect(page.getByText('Rewound to step 0, the last finite checkpoint.')).toBeVisible();
  await expect(page.getByText('Clipping is off: choose By global norm.')).toBeVisible();
  const clipping = page.getByLabel('Gradient clipping');
  await expect.poll(() => onScreen(page, clipping)).toBe(true);
  await clipping.selectOption({ label: 'By global norm' });
  await expect(page.getByLabel('Clip threshold', { exact: true })).toHaveValue('0.1');
  await train.click();
  await expect.poll(() => currentStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(50);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(done(page)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Diverged' })).toHaveCount(0);
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /^Training loss over \d+ steps/ }), true)).toBe(true);
  await shoot(page, '07-experiment-clipped');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted the loss would fall, and keep falling\. Clipped at 0\.1, it went from 0\.464 to 0\.0\d+ at step \d+, without diverging\./)).toBeVisible();
  await expect(page.getByRole('img', { name: /^training loss \(log scale\): first step 0\.464; unclipped, step 4 1\.23e\+13; clipped, step \d+ 0\.0\d+; your guess/ })).toBeVisible();
  await expect(page.locator('[data-lesson-target="grad-norm"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, page.getByRole('img', { name: /clipping by norm at 0\.100/ }), true)).toBe(true);
  await shoot(page, '08-reveal-clipped');
  await next(page);
}

async function walkVanishing(page: Page): Promise<void> {
  await expect(partTitle(page)).toHaveText('The other way: vanishing');
  await expect(page.getByRole('img', { name: 'Gradient norm per time step: no backward pass yet.' })).toBeVisible();
  await page.getByLabel('Orders of magnitude', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByLabel('Orders of magnitude', { exact: true })).toBeDisabled();
  await shoot(page, '09-prediction-orders');
  await next(page);

  await expect(partTitle(page)).toHaveText('One backward pass');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect.poll(() => onScreen(page, step)).toBe(true);
  await step.click();
  await expect(done(page)).toBeVisible();
  const flow = page.getByRole('img', { name: /^Gradient norm per time step at training step 1, top layer: .* at t = 1 and .* at t = 80\./ });
  await expect.poll(() => onScreen(page, flow, true)).toBe(true);
  await shoot(page, '10-experiment-step');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You said 10 orders\. On step 1, ‖∂L\/∂h_t‖ fell 4[01]\.\d orders: from 0\.\d+ at t = 80 to \d\.\d+e-4\d at t = 1\./)).toBeVisible();
  await expect(page.getByRole('img', { name: /^‖∂L\/∂h₁‖ ÷ ‖∂L\/∂h₈₀‖ \(log scale\): your guess 1\.00e-10; the bound, 0\.53\^79 .*; this network \d\.\d+e-4\d\./ })).toBeVisible();
  await expect(page.locator('[data-lesson-target="gradient-flow"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, flow, true)).toBe(true);
  await shoot(page, '11-reveal-orders');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /a low threshold lifts/ }).check();
  await expect(page.getByText(/Not quite\. Clipping never makes any part larger/)).toBeVisible();
  await page.getByRole('radio', { name: /No: clipping only scales a gradient down/ }).check();
  await expect(page.getByText(/Right\. It multiplies the whole gradient by one number/)).toBeVisible();
  await shoot(page, '12-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByText(/^Step 1: ‖∂L\/∂h_t‖ falls 4[01]\.\d orders from t = 80 to t = 1\./)).toBeVisible();
  const gain = page.getByLabel('W_hh init gain', { exact: true });
  await gain.fill('1');
  await gain.press('Enter');
  await expect(page.getByText('Press Step to measure the fall.')).toBeVisible();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByText(/^Step 1: ‖∂L\/∂h_t‖ falls \d+\.\d orders from t = 80 to t = 1\./)).toBeVisible();
  await shoot(page, '13-your-turn');
}

for (const viewport of [
  { name: 'laptop', width: 1280, height: 800, open: 'nav' },
  { name: 'phone', width: 390, height: 844, open: 'link' },
]) {
  test.describe(`on a ${viewport.name} (${viewport.width} × ${viewport.height})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test(`walks lesson 5 (opened by ${viewport.open === 'nav' ? 'the Lessons list' : '?lesson=5'}): blow up, rewind, clip, train; the gradient's fall over 80 steps; the check`, async ({ page }) => {
      test.setTimeout(180_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      if (viewport.open === 'nav') {
        await page.goto('/?backend=wasm');
        await expect(page.getByRole('status')).toContainText('ready', { timeout: 60_000 });
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 5: Vanishing and exploding gradients/ }).click();
      } else {
        await page.goto('/?backend=wasm&lesson=5');
      }
      await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 5: / })).toHaveAttribute('aria-current', 'step');
      await expect(page.getByRole('status')).toContainText('ready', { timeout: 60_000 });
      await walkExploding(page);
      await walkVanishing(page);
      expect(page.url()).toMatch(/lesson=5&part=15/);
      expect(errors).toEqual([]);
    });
  });
}

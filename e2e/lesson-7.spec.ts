/**
 * Lesson 7, the GRU, walked as a learner walks it, through roles and labels, on a laptop (1280 × 800) and a
 * phone (390 × 844): open it by its link, read the parameter counts and the equations (with the note on z),
 * predict how well the GRU remembers with fewer parameters, switch the cell to GRU and train it past step 200,
 * read the accuracy against the guess, see the update gate outlined, answer the check, count at hidden size 32.
 * With LESSON_SHOTS=DIR set, every part is photographed into DIR (for looking at, not for comparing).
 */
import { expect, type Page } from '@playwright/test';
import { next, onScreen, partTitle, shooter, trainPast200, walkOnEachSize } from './lessonHelpers';

const shoot = shooter('lesson7-');

async function walkLesson7(page: Page): Promise<void> {
  await expect(partTitle(page)).toHaveText('One gate fewer');
  await expect(page.getByText("The live model's recurrent layer (LSTM) holds 1,472 numbers.")).toBeVisible();
  await shoot(page, '1-setup');
  await next(page);

  await expect(partTitle(page)).toHaveText('The GRU, as PyTorch writes it');
  const card = page.getByRole('complementary', { name: 'Lesson' });
  await expect(card.locator('.katex').first()).toBeVisible();
  await expect(card.getByText('Mind the notation.')).toBeVisible();
  await expect(card.getByText(/The roles of/)).toBeVisible();
  await shoot(page, '2-equations');
  await next(page);

  await expect(partTitle(page)).toHaveText('Your prediction');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('radio', { name: 'Between chance and 90%' }).check();
  await page.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(page.getByRole('radio', { name: 'Between chance and 90%' })).toBeDisabled();
  await shoot(page, '3-prediction');
  await next(page);

  await expect(partTitle(page)).toHaveText('Train the GRU');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  const cell = page.getByLabel('Cell', { exact: true });
  await expect.poll(() => onScreen(page, cell)).toBe(true);
  await cell.selectOption('gru');
  await expect(page.getByText(/^Step 0 of at least 200\./)).toBeVisible({ timeout: 60_000 });
  await trainPast200(page);
  await shoot(page, '4-experiment');
  await next(page);

  await expect(partTitle(page)).toHaveText('What happened');
  await expect(page.getByText(/^You predicted “between chance and 90%”\. With 1,104 numbers in its recurrent layer, the GRU names [\d.]+% of held-out first symbols right at step \d+\.$/)).toBeVisible();
  const chart = page.getByRole('img', { name: /^held-out accuracy, %: chance 25; LSTM, step 200 \(one seed\) 97\.7; GRU, measured [\d.]+; your guess, from 30 to 90\.$/ });
  await expect(chart).toBeVisible();
  const [, gru] = /GRU, measured (\d+(?:\.\d+)?)/.exec((await chart.getAttribute('aria-label'))!)!;
  expect(Number(gru)).toBeGreaterThan(90);
  await shoot(page, '5-reveal');
  await next(page);

  await expect(partTitle(page)).toHaveText('The update gate holds it');
  const update = page.getByRole('img', { name: /^update gate z of layer 0/ });
  await expect(update).toHaveAttribute('data-lesson-pointed', '');
  await expect.poll(() => onScreen(page, update, true)).toBe(true);
  await expect(page.getByText(/^The maps show the GRU at training step \d+\.$/)).toBeVisible();
  await expect(page.getByRole('img', { name: /^reset gate r of layer 0/ })).toBeVisible();
  await shoot(page, '6-update-gate');
  await next(page);

  await expect(partTitle(page)).toHaveText('Check');
  await page.getByRole('radio', { name: /It takes the new candidate/ }).check();
  await expect(page.getByText(/Not quite\. That is the RNN lesson’s notation/)).toBeVisible();
  await page.getByRole('radio', { name: /It keeps its old state/ }).check();
  await expect(page.getByText(/Right\. In PyTorch’s notation z weighs the old state/)).toBeVisible();
  await shoot(page, '7-check');
  await next(page);

  await expect(partTitle(page)).toHaveText('Side by side');
  await expect(page.locator('[data-lesson-target="compare"]')).toHaveAttribute('data-lesson-pointed', '');
  await expect(page.getByRole('region', { name: 'Compare two runs' }).getByRole('button', { name: 'Run comparison' })).toBeVisible();
  await shoot(page, '7b-side-by-side');
  await next(page);

  // the memory horizon: start it, see it progress with a time estimate, stop it; what was measured stays
  await expect(partTitle(page)).toHaveText('How far back can each remember?');
  const horizon = page.getByRole('region', { name: 'Memory horizon' });
  await expect(page.locator('[data-lesson-target="horizon"]')).toHaveAttribute('data-lesson-pointed', '');
  // on a laptop the accuracy curve and the gradient profiles are both on the screen beside the card, whole
  if (page.viewportSize()!.width > 800) {
    for (const chart of [/^Memory horizon: held-out accuracy against lag/, /^Memory horizon: gradient norm per time step/]) {
      await expect(horizon.getByRole('img', { name: chart })).toBeInViewport({ ratio: 1 });
    }
  }
  await horizon.getByRole('button', { name: 'Measure the memory horizon' }).click();
  await expect(horizon.getByTestId('horizon-status')).toContainText(/left at the speed so far/, { timeout: 60_000 });
  await expect.poll(async () => Number(await horizon.getByRole('progressbar', { name: 'Memory horizon measured' }).getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(8);
  // the curve filling in shows above a phone's card, not only the panel's text
  await expect.poll(() => onScreen(page, horizon.getByRole('img', { name: /^Memory horizon: held-out accuracy against lag/ }), true)).toBe(true);
  await shoot(page, '7c-horizon');
  await horizon.getByRole('button', { name: 'Stop' }).click();
  await expect(horizon.getByTestId('horizon-status')).toContainText(/^Stopped: \d+ of 12 runs measured/);
  await next(page);

  await expect(partTitle(page)).toHaveText('Your turn');
  await expect(page.getByText("The live model's recurrent layer (GRU) holds 1,104 numbers.")).toBeVisible();
  const hidden = page.getByLabel('Hidden size', { exact: true });
  await hidden.fill('32');
  await hidden.press('Enter');
  // 3 × (32 × 5 + 32 × 32 + 2 × 32)
  await expect(page.getByText("The live model's recurrent layer (GRU) holds 3,744 numbers.")).toBeVisible();
  await shoot(page, '8-your-turn');
}

walkOnEachSize('walks lesson 7: the GRU’s counts and notation, the prediction, the GRU trained, the reveal, the update gate, the check', 300_000, async (page) => {
  await page.goto('/?backend=wasm&lesson=7');
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: /^Lesson 7: GRU/ })).toHaveAttribute('aria-current', 'step', { timeout: 60_000 });
  await walkLesson7(page);
});

/**
 * The memory-horizon curve in the lab, as a learner uses it: press Measure, watch the progress bar and the time
 * left, and read the finished curve off the charts' names (the tanh RNN near chance at lag 40, the LSTM and GRU
 * above 90%), with the reading the Node test (src/worker/horizon.test.ts) asserts for the same seed. The live
 * model is not touched: its status line stays at step 0.
 */
import { expect, test } from '@playwright/test';
import { currentStep } from './helpers';

test('measures the memory horizon live: progress, time left, the curve and the profiles', async ({ page }) => {
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status').first()).toContainText('ready', { timeout: 60_000 });
  const horizon = page.getByRole('region', { name: 'Memory horizon' });
  await horizon.scrollIntoViewIfNeeded();
  const status = horizon.getByTestId('horizon-status');
  await expect(status).toContainText('3,600 training steps in all');
  const started = Date.now();
  await horizon.getByRole('button', { name: 'Measure the memory horizon' }).click();
  await expect(horizon.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(status).toContainText(/about \d+ (s|min) left at the speed so far/, { timeout: 60_000 });
  await expect(status).toContainText(/All 12 runs measured/, { timeout: 360_000 });
  const seconds = (Date.now() - started) / 1000;
  console.log(`memory horizon measured in ${seconds.toFixed(0)} s`);
  const curve = horizon.getByRole('img', { name: /^Memory horizon: held-out accuracy against lag\./ });
  const label = (await curve.getAttribute('aria-label'))!;
  const at = (cell: string, lag: number) => Number(new RegExp(`${cell.replace(/[()]/g, '\\$&')}: [^;]*?(\\d+)% at lag ${lag}\\b`).exec(label)?.[1]);
  expect(at('RNN (tanh)', 5)).toBeGreaterThan(90);
  expect(at('RNN (tanh)', 40)).toBeLessThan(40);
  for (const cell of ['LSTM', 'GRU']) for (const lag of [5, 10, 20, 40]) expect(at(cell, lag), `${cell} at lag ${lag}`).toBeGreaterThan(90);
  await expect(horizon.getByRole('img', { name: /gradient norm per time step .* for 3 of 3 cells/ })).toBeVisible();
  await expect(horizon.getByText(/tanh RNN remembers over 90% at lag 5/)).toBeVisible();
  // the live run was not touched
  expect(await currentStep(page)).toBe(0);
  if (process.env.LESSON_SHOTS) await horizon.screenshot({ path: `${process.env.LESSON_SHOTS}/horizon-done.png` });
  expect(errors).toEqual([]);
});

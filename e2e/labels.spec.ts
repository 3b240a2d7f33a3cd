/** Labels and legends say what is true of the run on screen: the loss it measures, the range h can take, the scales. */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { currentStep } from './helpers';

/** Opens the page on this URL query and waits for the trainer. */
async function open(page: Page, query = '') {
  await page.goto(`/?backend=wasm${query}`);
  await expect(page.getByRole('status')).toContainText('ready');
}

/** Presses Step `count` times, waiting for each step to land. */
async function step(page: Page, count: number) {
  const from = await currentStep(page);
  for (let k = 1; k <= count; k++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(`Step ${from + k}`);
  }
}

/** The figure (heatmap) whose canvas has this accessible name. */
const heatmapFigure = (page: Page, name: RegExp): Locator => page.locator('figure', { has: page.getByRole('img', { name }) });

/** The legend tick labels of a heatmap figure, with their boxes on screen. */
async function legendTicks(figure: Locator) {
  const ticks = figure.locator('.color-legend-ticks > span');
  const out: Array<{ text: string; left: number; right: number }> = [];
  for (let k = 0; k < (await ticks.count()); k++) {
    const box = (await ticks.nth(k).boundingBox())!;
    out.push({ text: (await ticks.nth(k).textContent()) ?? '', left: box.x, right: box.x + box.width });
  }
  return out;
}

test('compare on a classification task: the loss axis says cross-entropy, not MSE', async ({ page }) => {
  await open(page, '&task=memory&seq-len=6');
  const compare = page.getByRole('region', { name: 'Compare two runs' });
  await compare.getByLabel('Steps').fill('5');
  await compare.getByRole('button', { name: 'Run comparison' }).click();
  await expect(compare.getByRole('listitem').nth(1)).toContainText(/step 5 · loss \d/, { timeout: 60_000 });
  const chart = compare.getByRole('img', { name: /Loss of both runs, loss \(cross-entropy\)/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByText('loss (cross-entropy)')).toBeVisible();
  await expect(compare.getByText('loss (MSE)')).toHaveCount(0);
});

test('a ReLU RNN’s hidden state is coloured from 0, tanh’s from −max to max', async ({ page }) => {
  await open(page);
  await page.getByLabel('Cell', { exact: true }).selectOption({ label: 'RNN (ReLU)' });
  await expect(page.getByRole('status')).toContainText('Step 0');
  await step(page, 2);
  const texts = async (name: RegExp) => (await legendTicks(heatmapFigure(page, name))).map((t) => t.text);
  // (polled: the views catch up with the new run a frame after the status line)
  await expect.poll(async () => (await texts(/^hidden state h of layer 0/))[0]).toBe('0');
  expect((await texts(/^hidden state h of layer 0/)).every((t) => !t.startsWith('-'))).toBe(true);
  await expect(page.getByText('h = ReLU(a) is never negative')).toBeVisible();
  // the pre-activation a can be negative: its legend stays symmetric
  await expect.poll(async () => { const a = await texts(/^pre-activation a of layer 0/); return a[0] === `-${a[2]}` && a[1] === '0'; }).toBe(true);

  await page.getByLabel('Cell', { exact: true }).selectOption({ label: 'RNN (tanh)' });
  await expect(page.getByRole('status')).toContainText('Step 0');
  await step(page, 1);
  await expect.poll(() => texts(/^hidden state h of layer 0/)).toEqual(['-1.00', '0', '1.00']);
});

test('the gradient history’s colour bar: powers of ten that do not run into each other', async ({ page }) => {
  // many steps so that ‖∂L/∂h_t‖ spans many decades
  await open(page, '&seq-len=60');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(60);
  await page.getByRole('button', { name: 'Pause' }).click();
  const figure = heatmapFigure(page, /^Gradient norm per time step over training/);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toBeVisible();
  const ticks = await legendTicks(figure);
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  expect(ticks.length).toBeLessThanOrEqual(3);
  for (const tick of ticks) expect(tick.text).toMatch(/^(1|10|10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  for (let k = 1; k < ticks.length; k++) expect(ticks[k].left).toBeGreaterThan(ticks[k - 1].right + 2);
});

test('the unrolled diagram’s gradient strip has numbers on its scale', async ({ page }) => {
  await open(page);
  // the figure is named by its caption, which carries the legend
  const legend = page.getByRole('figure', { name: /^Unrolled over time/ }).locator('figcaption');
  await expect(legend).toContainText('strip ‖∂L/∂ht‖, log scale: after a Step');
  await step(page, 1);
  await expect(legend).toContainText(/log scale: \d/);
  const text = (await legend.textContent()) ?? '';
  const [, lo, hi] = /strip ‖∂L\/∂ht‖, log scale: (\S+)\s+(\S+)/.exec(text) ?? [];
  expect(Number(lo)).toBeGreaterThan(0);
  expect(Number(hi)).toBeGreaterThanOrEqual(Number(lo));
});

test('the σ_max explanation fits the cell: W_hh for a vanilla RNN, the forget gate for an LSTM, the update gate for a GRU', async ({ page }) => {
  await open(page);
  const explain = (text: string | RegExp) => page.locator('p.explain').filter({ hasText: text });
  for (const [cell, says, not] of [
    ['RNN (tanh)', 'tanh′ ≤ 1', 'forget gate'],
    ['LSTM', 'scales it by the forget gate ft, not by Whh', 'multiplies ∂L/∂h by Whhᵀ'],
    ['GRU', 'by the update gate zt, not by Whh', 'multiplies ∂L/∂h by Whhᵀ'],
  ]) {
    await page.getByLabel('Cell', { exact: true }).selectOption({ label: cell });
    await expect(page.getByRole('status')).toContainText('Step 0');
    await expect(explain(says)).toBeVisible();
    await expect(explain(not)).toHaveCount(0);
  }
});

import { expect, test, type Page } from '@playwright/test';
import { currentStep } from './helpers';


/** Hovers the centre of cell (row, col) of a canvas heatmap. */
async function hoverCell(page: Page, name: RegExp, row: number, col: number, rows: number, cols: number) {
  const canvas = page.getByRole('img', { name });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + ((col + 0.5) / cols) * box.width, box.y + ((row + 0.5) / rows) * box.height);
}

test('train, pause, and read a gate value three ways: tooltip, table and equation', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByLabel('Hidden size', { exact: true }).fill('8');
  await page.getByLabel('Hidden size', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');

  // every view has an accessible name
  for (const name of [/unrolled over 20 time steps/i, /Training loss over/, /Gradient norm per time step at training step/, /Global gradient norm over/, /Largest singular value/, /Hidden-state trajectory of the probe example/]) {
    await expect(page.getByRole('img', { name })).toBeVisible();
  }

  // forget gate f, unit 2, time step t = 6 (column 5) of an 8-unit, 20-step map
  const fName = /^forget gate f of layer 0/;
  await hoverCell(page, fName, 2, 5, 8, 20);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('f · t = 6 · unit 2');
  const tooltipValue = /→ (\S+)$/.exec((await tooltip.textContent()) ?? '')![1];
  const value = Number(tooltipValue);
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(1);

  // the equations highlight the forget gate and show the same reading
  const equation = page.locator('[data-gate="f"]');
  await expect(equation).toHaveClass(/equation-highlight/);
  await expect(equation).toContainText(tooltipValue);

  // the table alternative has the same number in row "unit 2", column "t=6"
  const figure = page.locator('figure', { has: page.getByRole('img', { name: fName }) });
  await figure.getByRole('button', { name: 'Table' }).click();
  const table = figure.getByRole('table');
  const header = await table.locator('thead th').allTextContents();
  const col = header.indexOf('t=6');
  expect(col).toBeGreaterThan(0);
  const row = table.getByRole('row', { name: /^unit 2 / });
  await expect(row.locator('th, td').nth(col)).toHaveText(tooltipValue);

  // keyboard: focus the map and move with the arrows
  await page.mouse.move(0, 0);
  await page.getByRole('img', { name: fName }).focus();
  await expect(page.getByRole('tooltip')).toContainText('f · t = 1 · unit 0');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tooltip')).toContainText('f · t = 2 · unit 0');
});

test('screenshots of each cell type after a few steps', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  for (const cell of ['LSTM', 'GRU', 'RNN (tanh)', 'RNN (ReLU)']) {
    await page.getByLabel('Cell', { exact: true }).selectOption({ label: cell });
    await expect(page.getByRole('status')).toContainText('Step 0');
    for (let k = 1; k <= 3; k++) {
      await page.getByRole('button', { name: 'Step' }).click();
      await expect(page.getByRole('status')).toContainText(`Step ${k}`);
    }
    await expect(page.getByRole('img', { name: /of layer 0: 16 units over 20 time steps/ }).first()).toBeVisible();
    const path = testInfo.outputPath(`inside-${cell.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(cell, { path, contentType: 'image/png' });
  }
});

/** The step count in a chart's accessible name ("… over N steps …"; 0 for "no steps yet"). */
async function chartSteps(page: Page, name: RegExp): Promise<number> {
  const label = (await page.getByRole('img', { name }).getAttribute('aria-label')) ?? '';
  return Number(/over (\d+) steps/.exec(label)?.[1] ?? 0);
}

test('charts off screen stand still while training, and catch up when scrolled to or paused', async ({ page }) => {
  // (a window short enough that the gradient charts start well below the fold)
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?backend=wasm');
  await expect(page.getByRole('status')).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  const gradNorm = /^Global gradient norm/;
  await expect.poll(() => chartSteps(page, /^Training loss/), { timeout: 30_000 }).toBeGreaterThan(50);
  // far below the fold: its numbers stop while the loss chart at the top goes on
  const held = await chartSteps(page, gradNorm);
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(held + 300);
  expect(await chartSteps(page, gradNorm)).toBe(held);
  await expect.poll(() => chartSteps(page, /^Training loss/)).toBeGreaterThan(held + 300);
  // scrolled into view, it follows training again
  await page.getByRole('img', { name: gradNorm }).scrollIntoViewIfNeeded();
  await expect.poll(() => chartSteps(page, gradNorm)).toBeGreaterThan(held + 300);
  // back at the top and paused: it shows the last step, like every view
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  await expect.poll(async () => (await chartSteps(page, gradNorm)) - (await currentStep(page))).toBe(0);
});

// Pictures and data out (issue #18 part 3): every chart, heatmap, the unrolled diagram and the equations save as
// SVG and as PNG (2×) through their Save control; each SVG parses and carries the chart's title, each PNG decodes
// at twice the SVG's size; the loss history, the ‖∂L/∂h_t‖ history and the held-out predictions (a classification
// task: its metrics) download as CSV; the control works from the keyboard.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

/** The run's status line (other views may have a status of their own). */
const statusLine = (page: Page) => page.getByRole('status').filter({ hasText: /Starting|ready|Step \d+/ }).first();

/** "Step N" from the status line; −1 when it shows none. */
async function currentStep(page: Page): Promise<number> {
  const match = /Step (\d+)/.exec((await statusLine(page).textContent()) ?? '');
  return match ? Number(match[1]) : -1;
}

/** The charts of the default run (sine, LSTM) by the name their Save control carries. */
const CHARTS = [
  'Unrolled over time',
  'Loss',
  'Forecast vs truth (held out)',
  'input gate i',
  'forget gate f',
  'candidate g (C̃)',
  'output gate o',
  'cell state c',
  'hidden state h',
  'Equations of the LSTM cell',
  '‖∂L/∂hₜ‖ per time step',
  '‖∂L/∂hₜ‖ over training',
  'Gradient norm ‖∇θL‖',
  'Largest singular value σₘₐₓ(Wₕₕ)',
  'Loss, A and B',
  '‖∂L/∂hₜ‖ per time step, A and B',
  'Hidden state trajectory (PCA)',
];

/** Text some pictures must carry besides their title: their legend and axes, as the page shows them. */
const LEGEND_AND_AXES: Record<string, string[]> = {
  'Unrolled over time': ['forget gate f', 'strip ‖∂L/∂hₜ‖, log scale', 'layer 0', 't=20'],
  Loss: ['loss (raw)', 'loss (smoothed)', 'held-out MSE', 'training step', 'loss (MSE)'],
  'Forecast vs truth (held out)': ['truth', "this network's forecast", 'repeating the last value', 'held-out time step'],
  'forget gate f': ['time step t', 'unit', 't=1', 't=20', 'unit 0', '0.5'],
  'Equations of the LSTM cell': ['forget gate f', 'c_t = f_t \\odot c_{t-1} + i_t \\odot g_t'],
  'Largest singular value σₘₐₓ(Wₕₕ)': ['W_hf', 'σ = 1', 'training step', 'σ_max'],
  'Loss, A and B': ['training step'],
  'Hidden state trajectory (PCA)': ['t = 1', 't = 20', 'PC 1', 'start', 'end'],
};

/** Opens a chart's Save control and clicks one of its buttons; returns the downloaded file's name and bytes (kept in the test's output). */
async function download(page: Page, chart: string, button: string, testInfo: TestInfo): Promise<{ name: string; bytes: Buffer }> {
  const toggle = page.getByRole('group', { name: `Save ${chart}`, exact: true }).getByRole('button', { name: 'Save', exact: true });
  await toggle.scrollIntoViewIfNeeded();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const saved = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

/** The CSV's rows (header first), split on CRLF and commas (these files quote nothing). */
function csvRows(bytes: Buffer): string[][] {
  return bytes.toString('utf8').trimEnd().split('\r\n').map((line) => line.split(','));
}

test('every chart saves as SVG and PNG with its title; the histories and predictions download as CSV', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm');
  await expect(statusLine(page)).toContainText('ready');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(statusLine(page)).toContainText('paused');
  const step = await currentStep(page);

  // the comparison's two charts appear once it has run
  await page.getByLabel('Steps', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByRole('region', { name: 'Compare two runs' }).getByText(/: step 10 · loss/)).toHaveCount(2, { timeout: 45_000 });

  expect(await page.getByRole('button', { name: /^Save as SVG: / }).count(), 'no menu is open yet').toBe(0);
  for (const chart of CHARTS) {
    const svg = await download(page, chart, `Save as SVG: ${chart}`, testInfo);
    expect(svg.name).toMatch(/^[a-z0-9-]+\.svg$/);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: root.localName,
        title: root.querySelector(':scope > title')?.textContent,
        heading: root.querySelector(':scope > text')?.textContent,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        variables: text.includes('var(--'),
        classes: root.querySelectorAll('[class], [style]').length,
        text: root.textContent ?? '',
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed, chart).toMatchObject({ error: false, root: 'svg', title: chart, heading: chart, variables: false, classes: 0 });
    for (const text of LEGEND_AND_AXES[chart] ?? []) expect(parsed.text, `${chart}: ${text}`).toContain(text);

    const png = await download(page, chart, `Save as PNG: ${chart}`, testInfo);
    expect(png.name).toBe(svg.name.replace(/\.svg$/, '.png'));
    const size = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      return { width: bitmap.width, height: bitmap.height };
    }, png.bytes.toString('base64'));
    expect(Math.abs(size.width - 2 * parsed.width), `${chart} PNG width`).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - 2 * parsed.height), `${chart} PNG height`).toBeLessThanOrEqual(1);
  }

  // the loss history: a row per step of the run
  const loss = csvRows((await download(page, 'Loss', 'Download CSV of the loss history', testInfo)).bytes);
  expect(loss[0]).toEqual(['step', 'loss', 'gradient_norm_before_clipping', 'gradient_norm_after_clipping']);
  expect(loss.slice(1).map((row) => Number(row[0]))).toEqual(Array.from({ length: step }, (_, k) => k + 1));
  expect(loss.slice(1).every((row) => row.length === 4 && Number(row[1]) > 0)).toBe(true);

  // the ‖∂L/∂h_t‖ history: a row per snapshot the heatmap shows, a column per time step
  const history = csvRows((await download(page, '‖∂L/∂hₜ‖ over training', 'Download CSV of the ‖∂L/∂hₜ‖ history', testInfo)).bytes);
  const snapshots = /(\d+) snapshots from step (\d+) to (\d+)/.exec((await page.getByRole('img', { name: /^Gradient norm per time step over training/ }).getAttribute('aria-label')) ?? '');
  expect(snapshots).not.toBeNull();
  expect(history[0].slice(0, 2)).toEqual(['step', 'layer0_t1']);
  expect(history.length - 1).toBe(Number(snapshots![1]));
  expect(history.at(-1)![0]).toBe(snapshots![3]);
  expect(history.every((row) => row.length === history[0].length)).toBe(true);

  // the held-out predictions: a row per held-out time step
  const predictions = csvRows((await download(page, 'Forecast vs truth (held out)', 'Download CSV of the held-out predictions', testInfo)).bytes);
  const heldOut = /on (\d+) held-out steps/.exec((await page.getByRole('img', { name: /Forecast against truth/ }).getAttribute('aria-label')) ?? '');
  expect(predictions[0].slice(0, 3)).toEqual(['held_out_step', 'truth', 'prediction']);
  expect(predictions.length - 1).toBe(Number(heldOut![1]));
  expect(predictions.slice(1).every((row) => row.every((field) => Number.isFinite(Number(field))))).toBe(true);
});

test('a classification task’s metric chart saves from the keyboard, and its held-out metrics download as CSV', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm&task=memory&seq-len=6');
  await expect(statusLine(page)).toContainText('ready');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(statusLine(page)).toContainText('paused');

  const menu = page.getByRole('group', { name: 'Save Held-out accuracy', exact: true });
  const toggle = menu.getByRole('button', { name: 'Save', exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // Escape closes it and gives the focus back
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Save as SVG: Held-out accuracy', exact: true })).toBeFocused();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const svg = readFileSync((await file.path())!, 'utf8');
  expect(await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('svg > title')?.textContent, svg)).toBe('Held-out accuracy');
  await expect(toggle).toBeFocused();

  const metrics = csvRows((await download(page, 'Held-out accuracy', 'Download CSV of the held-out metrics', testInfo)).bytes);
  expect(metrics[0]).toContain('accuracy');
  expect(metrics[0][0]).toBe('step');
  const steps = metrics.slice(1).map((row) => Number(row[0]));
  expect(steps.length).toBeGreaterThan(0);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  expect(metrics.slice(1).every((row) => row.length === metrics[0].length)).toBe(true);
});

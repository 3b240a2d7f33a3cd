import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { forecastMse } from './helpers';

interface Cell {
  cell_type: string;
  source: string[];
  metadata: { tags?: string[] };
}

const sourceOf = (cell: Cell): string => cell.source.join('');
/** The page's status line (the first status on the page: other panels may have their own). */
const statusLine = (page: Page) => page.getByRole('status').first();
const currentStep = async (page: Page): Promise<number> => Number(/Step (\d+)/.exec((await statusLine(page).textContent()) ?? '')?.[1] ?? -1);

test('Export notebook after training: a notebook whose WEIGHTS names the export and whose embedded weights are its bytes', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm');
  await expect(statusLine(page)).toContainText('ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(statusLine(page)).toContainText('paused');
  const step = await currentStep(page);
  const mse = Number(await forecastMse(page));

  const [weightsDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .safetensors' }).click()]);
  const weightsPath = testInfo.outputPath(weightsDownload.suggestedFilename());
  await weightsDownload.saveAs(weightsPath);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export notebook' }).click()]);
  expect(download.suggestedFilename()).toBe(`unrolled-sine-lstm-step${step}.ipynb`);
  await expect(page.getByText(`Exported unrolled-sine-lstm-step${step}.ipynb`)).toBeVisible();
  const notebookPath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(notebookPath);

  const notebook = JSON.parse(readFileSync(notebookPath, 'utf8')) as { nbformat: number; cells: Cell[] };
  expect(notebook.nbformat).toBe(4);
  const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
  expect(sourceOf(code[0])).toBe(`WEIGHTS = "${weightsDownload.suggestedFilename()}"`);
  expect(weightsDownload.suggestedFilename()).toBe(`unrolled-sine-lstm-step${step}.safetensors`);

  // the embedded weights decode to the very bytes of Export .safetensors
  const weightsCell = sourceOf(code.find((cell) => cell.metadata.tags?.includes('weights'))!);
  const embedded = [...weightsCell.matchAll(/^ {4}"([A-Za-z0-9+/=]+)"$/gm)].map((m) => m[1]).join('');
  expect(Buffer.from(embedded, 'base64').equals(readFileSync(weightsPath))).toBe(true);

  // the number the notebook prints beside PyTorch's is the one the page shows
  const evaluate = sourceOf(code.find((cell) => cell.metadata.tags?.includes('evaluate'))!);
  const appMse = Number(/APP_HELD_OUT = \{"mse": ([0-9.e-]+)/.exec(evaluate)?.[1]);
  expect(appMse).toBeCloseTo(mse, 3);

  // run on its own (python3 and numpy, no torch needed for these cells), it writes WEIGHTS beside itself
  const dir = mkdtempSync(join(tmpdir(), 'unrolled-e2e-notebook-'));
  const cells = code.filter((cell) => ['weights-name', 'weights', 'metadata', 'data'].includes(cell.metadata.tags?.[0] ?? '')).map(sourceOf);
  const run = spawnSync('python3', ['-c', 'import sys, json\nns = {}\nfor source in json.load(sys.stdin):\n    exec(source, ns)\nprint(ns["X_HELD_OUT"].shape)'], { cwd: dir, input: JSON.stringify(cells), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain(`Wrote unrolled-sine-lstm-step${step}.safetensors`);
  expect(readFileSync(join(dir, weightsDownload.suggestedFilename())).equals(readFileSync(weightsPath))).toBe(true);

  // with torch, every cell runs and held_out reproduces the app's metrics to 1e-4; without it, the report says so
  if (spawnSync('python3', ['-c', 'import torch']).status !== 0) {
    testInfo.annotations.push({ type: 'skipped', description: "python3 cannot import torch: the notebook's PyTorch cells were not run" });
    console.log("Skipped running the exported notebook's PyTorch cells: python3 cannot import torch");
    return;
  }
  const all = code.map(sourceOf);
  const torchRun = spawnSync('python3', ['-c', 'import sys, json\nns = {}\nfor source in json.load(sys.stdin):\n    exec(source, ns)\nprint("JSON" + json.dumps({"held_out": ns["held_out"], "app": ns["APP_HELD_OUT"]}))'], { cwd: dir, input: JSON.stringify(all), encoding: 'utf8' });
  expect(torchRun.status, torchRun.stderr).toBe(0);
  const result = JSON.parse(torchRun.stdout.split('\n').find((line) => line.startsWith('JSON'))!.slice(4)) as { held_out: Record<string, number>; app: Record<string, number> };
  expect(Object.keys(result.held_out).sort()).toEqual(Object.keys(result.app).sort());
  for (const [name, value] of Object.entries(result.app)) expect(Math.abs(result.held_out[name] - value), name).toBeLessThan(1e-4);
});

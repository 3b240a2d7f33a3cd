import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSafetensors } from '../io/safetensors';
import { runNotebookCommand, NOTEBOOK_HELP } from './notebook';
import { runTrain } from './train';

const dir = mkdtempSync(join(tmpdir(), 'unrolled-cli-notebook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = () => undefined;

describe('npm run cli -- notebook', () => {
  it('writes the notebook of a trained file: WEIGHTS is its base name, held_out is scored under train\'s JSON names', async () => {
    const weights = join(dir, 'co2-run.safetensors');
    const trained = await runTrain(['--task', 'co2', '--hidden', '8', '--steps', '5', '--out', weights], quiet);
    const out = join(dir, 'co2-run.ipynb');
    const summary = await runNotebookCommand(['--weights', weights, '--out', out], quiet);
    if ('help' in summary || 'help' in trained) throw new Error('expected summaries');
    expect(summary).toMatchObject({ out, weights: 'co2-run.safetensors', task: 'co2', step: 5 });
    // the same weights scored the same way as train's summary did
    expect(summary.heldOut.mse).toBeCloseTo(trained.mse as number, 10);
    expect(summary.heldOut.rmsePpm).toBeCloseTo(trained.rmsePpm as number, 10);
    expect(Object.keys(summary.heldOut).sort()).toEqual(['mse', 'rmsePpm', 'skillVsPersistence', 'skillVsSeasonalNaive']);
    const notebook = JSON.parse(readFileSync(out, 'utf8'));
    expect(notebook.nbformat).toBe(4);
    const firstCode = notebook.cells.find((cell: { cell_type: string }) => cell.cell_type === 'code');
    expect(firstCode.source.join('')).toBe('WEIGHTS = "co2-run.safetensors"');
    expect(JSON.stringify(notebook)).toContain('"mse\\": ' + String(summary.heldOut.mse));
  }, 120_000);

  it('says what it needs, and has help', async () => {
    await expect(runNotebookCommand(['--weights', 'x.safetensors'], quiet)).rejects.toThrow(/notebook needs --weights FILE.safetensors and --out RUN.ipynb/);
    await expect(runNotebookCommand(['--wieghts', 'x'], quiet)).rejects.toThrow(/Unknown option '--wieghts'/);
    await expect(runNotebookCommand(['--weights', join(dir, 'missing.safetensors'), '--out', join(dir, 'x.ipynb')], quiet)).rejects.toThrow(/Cannot read .*missing.safetensors/);
    expect(await runNotebookCommand(['--help'], quiet)).toEqual({ help: NOTEBOOK_HELP });
    expect(NOTEBOOK_HELP).toContain('WEIGHTS = "<FILE\'s base name>"');
  });

  it('refuses a file that names no task (nothing to evaluate on), with the error the CLI prints plainly', async () => {
    const bare = join(dir, 'bare.safetensors');
    writeFileSync(bare, writeSafetensors({ 'rnn.weight_hh_l0': { shape: [4, 1], data: new Float32Array(4) } }, {}));
    const refusal = runNotebookCommand(['--weights', bare, '--out', join(dir, 'bare.ipynb')], quiet);
    await expect(refusal).rejects.toThrow(/names no Unrolled task in its metadata/);
    await expect(refusal).rejects.toMatchObject({ name: 'UsageError' });
  });
});

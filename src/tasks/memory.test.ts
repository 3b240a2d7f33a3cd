import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { Trainer } from '../core/trainer';
import { MEMORY_INPUT_WIDTH, MEMORY_SYMBOLS, memoryBatch, memoryTask, memoryStepLabels } from './memory';

/** The one-hot rows of example b, as arrays of width MEMORY_INPUT_WIDTH. */
function rowsOf(input: Float32Array | Int32Array, b: number, steps: number): number[][] {
  const w = MEMORY_INPUT_WIDTH;
  return Array.from({ length: steps }, (_, t) => Array.from(input.subarray((b * steps + t) * w, (b * steps + t + 1) * w)));
}

describe('memory task data', () => {
  it('marks the symbol at step 0, shows one symbol of the same alphabet per later step, and targets the first', () => {
    const batch = memoryBatch(new Rng(3), 16, 7);
    expect(batch.inputShape).toEqual([16, 7, MEMORY_INPUT_WIDTH]);
    expect(batch.targetShape).toEqual([16, MEMORY_SYMBOLS]);
    for (let b = 0; b < 16; b++) {
      rowsOf(batch.input, b, 7).forEach((row, t) => {
        const symbols = row.slice(0, MEMORY_SYMBOLS);
        expect(symbols.reduce((a, v) => a + v, 0)).toBe(1);
        // the start marker (last channel) is on at step 0 only
        expect(row[MEMORY_SYMBOLS]).toBe(t === 0 ? 1 : 0);
        if (t === 0) expect(batch.target[b * MEMORY_SYMBOLS + symbols.indexOf(1)]).toBe(1);
      });
    }
  });

  it('training batches start with blank steps before the marked symbol, at lags from 1 to the full lag', () => {
    const steps = 12;
    const batch = memoryBatch(new Rng(5), 400, steps, { mixedLags: true });
    const lags = new Set<number>();
    for (let b = 0; b < 400; b++) {
      const rows = rowsOf(batch.input, b, steps);
      const start = rows.findIndex((row) => row[MEMORY_SYMBOLS] === 1);
      expect(rows.filter((row) => row[MEMORY_SYMBOLS] === 1)).toHaveLength(1);
      rows.slice(0, start).forEach((row) => expect(row.every((v) => v === 0)).toBe(true));
      rows.slice(start).forEach((row) => expect(row.slice(0, MEMORY_SYMBOLS).reduce((a, v) => a + v, 0)).toBe(1));
      expect(batch.target[b * MEMORY_SYMBOLS + rows[start].indexOf(1)]).toBe(1);
      lags.add(steps - 1 - start);
    }
    expect(Math.min(...lags)).toBe(1);
    expect(Math.max(...lags)).toBe(steps - 1);
  });

  it('is seeded, its given symbols are used, and its training batches carry the probe (full lag) first', () => {
    expect(memoryBatch(new Rng(1), 4, 5, { mixedLags: true })).toEqual(memoryBatch(new Rng(1), 4, 5, { mixedLags: true }));
    expect(Array.from(memoryBatch(new Rng(1), 2, 5, { firstSymbols: [3, 1] }).target)).toEqual([0, 0, 0, 1, 0, 1, 0, 0]);
    const task = memoryTask({ ...defaultConfig(), task: 'memory', sequenceLength: 6 });
    expect(task.probe.input[0 * MEMORY_INPUT_WIDTH + MEMORY_SYMBOLS]).toBe(1);
    const batch = task.trainBatch(new Rng(2), 8);
    expect(Array.from(batch.input.subarray(0, task.probe.input.length))).toEqual(Array.from(task.probe.input));
    expect(Array.from(batch.target.subarray(0, MEMORY_SYMBOLS))).toEqual(Array.from(task.probe.target));
  });

  it('try it: names the network\'s choice and shows the symbols that followed', async () => {
    const task = memoryTask({ ...defaultConfig(), task: 'memory', sequenceLength: 21 });
    const predict = async () => new Float32Array([0, 0, 3, 0]);
    expect((await task.tryIt!.run('x', {}, predict)).error).toMatch(/A, B, C, D/);
    const out = await task.tryIt!.run(' c ', {}, predict);
    expect(out.summary).toMatch(/^▸C( [ABCD]){12} …: after 20 random symbols the network says C \(\d+%\) — right\.$/);
    expect(out.trace?.map((e) => e.token)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('a GRU learns it at a short lag (far above chance)', async () => {
    const config = { ...defaultConfig(), task: 'memory' as const, cell: 'gru' as const, sequenceLength: 6, hiddenSize: 16 };
    const trainer = new Trainer(config, memoryTask(config));
    for (let k = 0; k < 120; k++) await trainer.trainStep();
    const { accuracy: acc, baselineAccuracy } = await trainer.evaluate();
    trainer.dispose();
    expect(baselineAccuracy).toBe(0.25);
    expect(acc).toBeGreaterThan(0.9);
  });

  it('gives chance, 1/K, as its baseline: the mean held-out accuracy of the K answers "always name symbol k"', () => {
    const task = memoryTask({ ...defaultConfig(), task: 'memory', sequenceLength: 10 });
    expect(task.baselines).toEqual({ chance: 1 / MEMORY_SYMBOLS });
    const rows = task.heldOut.targetShape[0];
    let accuracySum = 0;
    for (let symbol = 0; symbol < MEMORY_SYMBOLS; symbol++) {
      const logits = new Float32Array(rows * MEMORY_SYMBOLS);
      for (let b = 0; b < rows; b++) logits[b * MEMORY_SYMBOLS + symbol] = 1;
      accuracySum += task.metrics(logits).accuracy;
    }
    expect(accuracySum / MEMORY_SYMBOLS).toBeCloseTo(task.baselines!.chance, 12);
  });

  it('labels the probe for the views: the marked symbol, then the letters that followed', () => {
    const task = memoryTask({ ...defaultConfig(), task: 'memory', sequenceLength: 8 });
    const labels = task.probeLabels!;
    expect(labels).toHaveLength(8);
    expect(labels[0]).toBe('▸C');
    for (const label of labels.slice(1)) expect(['A', 'B', 'C', 'D']).toContain(label);
    // a training batch's blank steps read as dots
    const batch = memoryBatch(new Rng(5), 16, 8, { mixedLags: true });
    const rows = Array.from({ length: 16 }, (_, b) => memoryStepLabels(batch, b));
    expect(rows.some((row) => row[0] === '·')).toBe(true);
    for (const row of rows) expect(row.filter((label) => label.startsWith('▸'))).toHaveLength(1);
  });
});

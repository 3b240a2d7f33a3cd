import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config';
import { Rng } from '../core/rng';
import { Trainer } from '../core/trainer';
import { MEMORY_DISTRACTORS, MEMORY_SYMBOLS, accuracy, memoryBatch, memoryTask } from './memory';

describe('memory task data', () => {
  it('shows the symbol at step 0, one distractor per later step, and targets the first symbol', () => {
    const width = MEMORY_SYMBOLS + MEMORY_DISTRACTORS;
    const batch = memoryBatch(new Rng(3), 16, 7);
    expect(batch.inputShape).toEqual([16, 7, width]);
    expect(batch.targetShape).toEqual([16, MEMORY_SYMBOLS]);
    for (let b = 0; b < 16; b++) {
      for (let t = 0; t < 7; t++) {
        const row = Array.from(batch.input.subarray((b * 7 + t) * width, (b * 7 + t + 1) * width));
        expect(row.reduce((a, v) => a + v, 0)).toBe(1);
        const hot = row.indexOf(1);
        if (t === 0) {
          expect(hot).toBeLessThan(MEMORY_SYMBOLS);
          expect(batch.target[b * MEMORY_SYMBOLS + hot]).toBe(1);
        } else expect(hot).toBeGreaterThanOrEqual(MEMORY_SYMBOLS);
      }
    }
  });

  it('is seeded, and its training batches carry the probe first', () => {
    expect(memoryBatch(new Rng(1), 4, 5)).toEqual(memoryBatch(new Rng(1), 4, 5));
    const task = memoryTask({ ...defaultConfig(), task: 'memory', sequenceLength: 6 });
    const batch = task.trainBatch(new Rng(2), 8);
    expect(Array.from(batch.input.subarray(0, task.probe.input.length))).toEqual(Array.from(task.probe.input));
  });

  it('scores accuracy by the largest logit', () => {
    expect(accuracy([0.1, 2, 0, 0, 5, 0, 0, 0], [0, 1, 0, 0, 0, 0, 1, 0], 4)).toBe(0.5);
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
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng';
import { defaultConfigFor } from '../../shared/config';
import { memoryTask } from '../../tasks/memory';
import { sineTask } from '../../tasks/sine';
import { trainingPool } from './trainingPool';

describe("the notebook's training pool", () => {
  it('draws the batches the app would draw from the same generator, one-hot targets as class ids', () => {
    const task = memoryTask({ ...defaultConfigFor('memory'), sequenceLength: 12 });
    const pool = trainingPool(task, 8, 5, true);
    const rng = new Rng(5 ^ 0x4e0b);
    const first = task.trainBatch(rng, 8);
    const second = task.trainBatch(rng, 8);
    expect(Array.from(pool.inputs.subarray(0, first.input.length))).toEqual(Array.from(first.input));
    expect(Array.from(pool.inputs.subarray(first.input.length, first.input.length + second.input.length))).toEqual(Array.from(second.input));
    expect(pool.inputShape.slice(1)).toEqual([12, 5]);
    expect(pool.targetShape).toEqual([pool.inputShape[0]]);
    for (let b = 0; b < 8; b++) expect(first.target[b * 4 + pool.targets[b]]).toBe(1);
    // as many examples as keep the notebook small: ~60k numbers, at most 512
    expect(pool.inputShape[0]).toBeGreaterThan(400);
    expect(pool.inputShape[0] * (12 * 5 + 1)).toBeLessThan(70_000);
  });

  it('keeps regression targets as values, and gives at least one batch however large the examples', () => {
    const task = sineTask({ ...defaultConfigFor('sine'), sequenceLength: 20 });
    const pool = trainingPool(task, 16, 1, false);
    expect(pool.targets).toBeInstanceOf(Float32Array);
    expect(pool.targetShape).toEqual([pool.inputShape[0], 1]);
    const big = trainingPool(sineTask({ ...defaultConfigFor('sine'), sequenceLength: 200 }), 512, 1, false);
    expect(big.inputShape[0]).toBeGreaterThanOrEqual(512);
  });
});

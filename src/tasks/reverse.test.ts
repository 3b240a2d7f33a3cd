import { describe, expect, it } from 'vitest';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { Trainer } from '../core/trainer';
import { DIGITS, START_TOKEN, predictedDigits, reverseBatch, reverseMetrics, reverseTask } from './reverse';
import { TaskDataError } from './task';

const config = (changes: Partial<TrainConfig> = {}): TrainConfig => ({ ...defaultConfig(), task: 'reverse', ...changes });

/** One-hot logits that name the given digits, rows of N steps × 10. */
function logitsOf(rows: number[][]): Float32Array {
  const n = rows[0].length;
  const out = new Float32Array(rows.length * n * DIGITS);
  rows.forEach((digits, b) => digits.forEach((d, t) => (out[(b * n + t) * DIGITS + d] = 5)));
  return out;
}

describe('reverse task data', () => {
  it('lays out the encoder digits, then [start, reversed shifted right] for the decoder, and targets the reversed digits', () => {
    const batch = reverseBatch([
      [1, 2, 3],
      [7, 0, 9],
    ]);
    expect(batch.inputShape).toEqual([2, 6]);
    expect(Array.from(batch.input)).toEqual([1, 2, 3, START_TOKEN, 3, 2, 7, 0, 9, START_TOKEN, 9, 0]);
    expect(batch.targetShape).toEqual([2, 3, DIGITS]);
    expect(predictedDigits(batch.target, 3)).toEqual([
      [3, 2, 1],
      [9, 0, 7],
    ]);
    // exactly one hot per target step
    for (let r = 0; r < 6; r++) expect(Array.from(batch.target.subarray(r * DIGITS, (r + 1) * DIGITS)).reduce((a, v) => a + v, 0)).toBe(1);
  });

  it('is seeded, puts the probe first, and never trains on a held-out sequence', () => {
    const task = reverseTask(config({ reverseDigits: 4 }));
    const a = task.trainBatch(new Rng(3), 64);
    expect(Array.from(a.input)).toEqual(Array.from(task.trainBatch(new Rng(3), 64).input));
    expect(Array.from(a.input.subarray(0, 8))).toEqual(Array.from(task.probe.input));
    const heldOut = new Set<string>();
    for (let b = 0; b < task.heldOut.inputShape[0]; b++) heldOut.add(Array.from(task.heldOut.input.subarray(b * 8, b * 8 + 4)).join(''));
    expect(heldOut.size).toBe(256);
    const rng = new Rng(9);
    for (let k = 0; k < 20; k++) {
      const batch = task.trainBatch(rng, 128);
      // every row, the probe (row 0) too
      for (let b = 0; b < 128; b++) expect(heldOut.has(Array.from(batch.input.subarray(b * 8, b * 8 + 4)).join(''))).toBe(false);
    }
    expect(task.modelSpec).toMatchObject({ readout: 'decoder', decoderSteps: 4, vocabSize: 11, outputSize: 10 });
  });

  it('keeps a quarter of all sequences apart at 2 digits (25 of 100), none of them ever in training', () => {
    const task = reverseTask(config({ reverseDigits: 2 }));
    const heldOut = new Set(Array.from({ length: task.heldOut.inputShape[0] }, (_, b) => Array.from(task.heldOut.input.subarray(b * 4, b * 4 + 2)).join('')));
    expect(heldOut.size).toBe(25);
    const batch = task.trainBatch(new Rng(4), 512);
    for (let b = 0; b < 512; b++) expect(heldOut.has(Array.from(batch.input.subarray(b * 4, b * 4 + 2)).join(''))).toBe(false);
  });

  it('scores whole sequences and single digits against chance', () => {
    const sequences = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const metrics = reverseMetrics(
      logitsOf([
        [3, 2, 1],
        [6, 0, 4],
      ]),
      sequences,
    );
    expect(metrics).toEqual({ accuracy: 0.5, baselineAccuracy: 0.001, digitAccuracy: 5 / 6, baselineDigitAccuracy: 0.1 });
  });

  it('gives chance of a whole sequence, 10⁻ᴺ, as its baseline: the mean exact accuracy of all 10ᴺ constant guesses', () => {
    expect(reverseTask(config({ reverseDigits: 4 })).baselines).toEqual({ chance: 1e-4 });
    const task = reverseTask(config({ reverseDigits: 2 }));
    expect(task.baselines).toEqual({ chance: 0.01 });
    // each held-out sequence is reversed by exactly one of the 100 answers "always write d₁d₂"
    const rows = task.heldOut.inputShape[0];
    let accuracySum = 0;
    for (let guess = 0; guess < 100; guess++) {
      const answer = [Math.floor(guess / 10), guess % 10];
      accuracySum += task.metrics(logitsOf(Array.from({ length: rows }, () => answer))).accuracy;
    }
    expect(accuracySum / 100).toBeCloseTo(task.baselines!.chance, 12);
  });

  it('refuses a bidirectional encoder with a message', () => {
    expect(() => reverseTask(config({ bidirectional: true }))).toThrow(TaskDataError);
    expect(() => reverseTask(config({ bidirectional: true }))).toThrow(/Bidirectional off/);
  });

  it('"try it" asks for exactly N digits and reports what the decoder wrote', async () => {
    const task = reverseTask(config({ reverseDigits: 3 }));
    const run = (input: string, logits: Float32Array) => task.tryIt!.run(input, {}, async () => logits);
    expect((await run('12', logitsOf([[0, 0, 0]]))).error).toMatch(/exactly 3 digits/);
    expect((await run('1a3', logitsOf([[0, 0, 0]]))).error).toMatch(/exactly 3 digits/);
    const right = await run('1 2 3', logitsOf([[3, 2, 1]]));
    expect(right.text).toBe('321');
    expect(right.summary).toMatch(/right/);
    expect(right.trace!.map((s) => s.token)).toEqual(['3', '2', '1']);
    const wrong = await run('123', logitsOf([[3, 9, 1]]));
    expect(wrong.summary).toMatch(/1 of 3 digits wrong, first at position 2/);
  });
});

describe('reverse task learning', () => {
  it('an LSTM encoder–decoder learns to reverse 3 digits (held-out exact sequences ≫ chance, greedy decoding)', async () => {
    const cfg = config({ reverseDigits: 3, cell: 'lstm', hiddenSize: 16 });
    const trainer = new Trainer(cfg, reverseTask(cfg));
    for (let k = 0; k < 250; k++) await trainer.trainStep();
    const metrics = await trainer.evaluate();
    trainer.dispose();
    expect(metrics.baselineAccuracy).toBeCloseTo(0.001, 6);
    expect(metrics.accuracy).toBeGreaterThan(0.85);
  });
});

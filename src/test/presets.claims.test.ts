/**
 * Each preset's description, sentence by sentence, checked against its own settings and seed trained through the
 * core (src/test/runClaims.ts). The sentences are written out here on purpose: changing a description fails
 * "says exactly these sentences" until the claims below are checked again.
 */
import { describe, expect, it } from 'vitest';
import { LOSS_JUMP_FACTOR } from '../core/divergence';
import { presetConfig, runClaims, stepsFrom, ordersOfFall, type ClaimRun, type ClaimRunOptions } from './runClaims';
import type { TrainConfig } from '../shared/config';
import { PRESETS } from '../shared/presets';

/** A run made once, the first time a claim asks for it, and shared by the claims about it. */
function shared(config: TrainConfig, options: ClaimRunOptions): () => Promise<ClaimRun> {
  let run: Promise<ClaimRun> | undefined;
  return () => (run ??= runClaims(config, options));
}

/** The sentences of a description. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

/** Held-out accuracies at the given steps. */
function accuracies(run: ClaimRun, steps: number[]): number[] {
  return steps.map((k) => run.heldOut[k].accuracy);
}

/** Largest global gradient norm (before clipping) over steps after `from` up to `to`. */
function largestGradNorm(run: ClaimRun, from: number, to: number): number {
  return Math.max(...run.gradNormsBefore.slice(from, to));
}

describe('preset explode', () => {
  const claims = [
    'A ReLU RNN (nothing squashes h), its W_hh initialised 1.5× larger than PyTorch’s default, plain SGD at learning rate 2, clipping off.',
    'Within a few steps one huge gradient throws the weights out: at step 4 the loss leaps from about 12 to about 10¹³, past the app’s bound of 10⁴ × the first loss, and training stops, marked diverged.',
    'Rewind, turn on clipping by global norm (threshold 0.1) and train again: the same seed trains, its loss falling from 0.46 to below 0.1 within 50 steps, and it does not diverge.',
  ];
  const unclipped = shared(presetConfig('explode'), { steps: 50 });
  // Rewind goes back to the step-0 checkpoint (weights, optimizer state and data stream), so training on with
  // clipping is this run: the preset's seed with clipping on from the start.
  const clipped = shared(presetConfig('explode', { clipMode: 'norm' }), { steps: 300 });

  it('says exactly these sentences', () => {
    expect(sentences(PRESETS.explode.description)).toEqual(claims);
  });

  it(claims[0], () => {
    expect(presetConfig('explode')).toMatchObject({ cell: 'rnn-relu', recurrentInitGain: 1.5, optimizer: 'sgd', learningRate: 2, clipMode: 'off', clipThreshold: 0.1 });
  });

  it(claims[1], async () => {
    const run = await unclipped();
    expect(run.divergence).toMatchObject({ step: 4, quantity: 'loss' });
    const [first, , before, blownUp] = run.losses;
    expect(before).toBeGreaterThan(10);
    expect(before).toBeLessThan(15);
    expect(Math.log10(blownUp)).toBeCloseTo(13, 0);
    // finite: the bound stops training before anything becomes NaN
    expect(Number.isFinite(blownUp)).toBe(true);
    expect(blownUp).toBeGreaterThan(LOSS_JUMP_FACTOR * first);
    expect(run.divergence!.message).toMatch(/^Diverged at step 4: the loss jumped past/);
    // one huge gradient: step 4's is more than 10¹⁰ times step 1's
    expect(run.gradNormsBefore[3] / run.gradNormsBefore[0]).toBeGreaterThan(1e10);
    expect(run.stepsRun).toBe(4);
  });

  it(claims[2], async () => {
    const run = await clipped();
    expect(run.divergence).toBeUndefined();
    expect(run.stepsRun).toBe(300);
    expect(run.losses[0]).toBeCloseTo(0.46, 2);
    expect(Math.min(...run.losses.slice(0, 50))).toBeLessThan(0.1);
    // not one lucky batch: the mean over steps 41–50 is below 0.1 as well
    const late = run.losses.slice(40, 50);
    expect(late.reduce((a, b) => a + b, 0) / late.length).toBeLessThan(0.1);
    expect(Math.max(...run.losses)).toBeLessThanOrEqual(run.losses[0]);
  });
});

describe('preset vanish', () => {
  const claims = [
    'A tanh RNN over 80 steps with W_hh initialised at half PyTorch’s default.',
    '‖∂L/∂h_t‖ falls by orders of magnitude toward the early steps, about 40 on the first training step and more than 4 at every step from the 30th to the 300th: the first inputs barely get any credit.',
    'The loss falls anyway: a sine’s next value needs only its last few steps, and within 100 steps the forecasts beat repeating the last value.',
    'An LSTM or GRU does not change that here: from step 50 to 200 their gradients fall by 8 orders or more too, since nothing in a sine needs long memory (the remember preset is where gates matter).',
    'Clipping does not help either: it only scales a gradient down.',
  ];
  const tanh = shared(presetConfig('vanish'), { steps: 300, hiddenGradNormsAt: stepsFrom(1, 300), evaluateAt: [0, 100] });
  const gated = (cell: 'lstm' | 'gru') => shared(presetConfig('vanish', { cell }), { steps: 200, hiddenGradNormsAt: stepsFrom(50, 200) });
  const lstm = gated('lstm');
  const gru = gated('gru');
  const clippedTanh = shared(presetConfig('vanish', { clipMode: 'norm', clipThreshold: 1 }), { steps: 300, hiddenGradNormsAt: stepsFrom(30, 300) });
  const falls = (run: ClaimRun, steps: number[]) => steps.map((k) => ordersOfFall(run.hiddenGradNorms[k][0]));

  it('says exactly these sentences', () => {
    expect(sentences(PRESETS.vanish.description)).toEqual(claims);
  });

  it(claims[0], () => {
    expect(presetConfig('vanish')).toMatchObject({ task: 'sine', cell: 'rnn-tanh', sequenceLength: 80, recurrentInitGain: 0.5 });
  });

  it(claims[1], async () => {
    const run = await tanh();
    const [first] = falls(run, [1]);
    expect(first).toBeGreaterThan(35);
    expect(first).toBeLessThan(45);
    expect(Math.min(...falls(run, stepsFrom(30, 300)))).toBeGreaterThan(4);
  });

  it(claims[2], async () => {
    const run = await tanh();
    expect(run.heldOut[100].mse).toBeLessThan(run.heldOut[0].mse / 10);
    expect(run.heldOut[100].skillVsPersistence).toBeGreaterThan(0);
  });

  it(claims[3], async () => {
    for (const run of [await lstm(), await gru()]) {
      expect(run.divergence).toBeUndefined();
      expect(Math.min(...falls(run, stepsFrom(50, 200)))).toBeGreaterThanOrEqual(8);
    }
  });

  it(claims[4], async () => {
    const run = await clippedTanh();
    // clipping bites (the gradient is scaled down on some steps) and the early steps still get no credit
    expect(run.gradNormsAfter.some((after, k) => after < run.gradNormsBefore[k])).toBe(true);
    expect(Math.min(...falls(run, stepsFrom(30, 300)))).toBeGreaterThan(4);
  });
});

describe('preset remember', () => {
  const claims = [
    'Remember the marked first symbol of 41 (a lag of 40 steps, with random symbols written over it) using a tanh RNN: it stays at chance, 25% (held-out accuracy under 30%), for its first 400 steps, and below 60% through 2,000.',
    'Switch the cell to LSTM or GRU (or compare the two): the gated cells pass 90% within 200 steps.',
    'Clipping by norm at 1 keeps the LSTM there: with clipping off, a gradient spike (‖g‖ over 100) knocks its accuracy down by 20 points or more within 300 steps; with it on, it stays above 99% from step 300 to 1,000.',
  ];
  const tanh = shared(presetConfig('remember'), { steps: 2000, evaluateAt: stepsFrom(0, 2000, 50) });
  const lstm = shared(presetConfig('remember', { cell: 'lstm' }), { steps: 1000, evaluateAt: stepsFrom(0, 1000, 50) });
  const gru = shared(presetConfig('remember', { cell: 'gru' }), { steps: 200, evaluateAt: stepsFrom(0, 200, 50) });
  const unclippedLstm = shared(presetConfig('remember', { cell: 'lstm', clipMode: 'off' }), { steps: 300, evaluateAt: stepsFrom(0, 300, 50) });

  it('says exactly these sentences', () => {
    expect(sentences(PRESETS.remember.description)).toEqual(claims);
  });

  it(claims[0], async () => {
    expect(presetConfig('remember')).toMatchObject({ task: 'memory', sequenceLength: 41, cell: 'rnn-tanh', clipMode: 'norm', clipThreshold: 1 });
    const run = await tanh();
    expect(run.heldOut[0].baselineAccuracy).toBe(0.25);
    const early = accuracies(run, stepsFrom(50, 400, 50));
    expect(Math.max(...early)).toBeLessThan(0.3);
    // at chance: on average within 3 points of 25% (one evaluation's noise on 256 examples is ±2.7 points)
    expect(Math.abs(early.reduce((a, b) => a + b, 0) / early.length - 0.25)).toBeLessThan(0.03);
    expect(Math.max(...accuracies(run, stepsFrom(50, 2000, 50)))).toBeLessThan(0.6);
  });

  it(claims[1], async () => {
    for (const run of [await lstm(), await gru()]) {
      expect(run.heldOut[200].accuracy).toBeGreaterThan(0.9);
    }
  });

  it(claims[2], async () => {
    const off = await unclippedLstm();
    const evaluated = stepsFrom(0, 300, 50);
    // the largest fall between two evaluations, and the largest gradient between them
    const drops = evaluated.slice(1).map((k, i) => ({ drop: off.heldOut[evaluated[i]].accuracy - off.heldOut[k].accuracy, spike: largestGradNorm(off, evaluated[i], k) }));
    const worst = drops.reduce((a, b) => (b.drop > a.drop ? b : a));
    expect(worst.drop).toBeGreaterThanOrEqual(0.2);
    expect(worst.spike).toBeGreaterThan(100);
    const on = await lstm();
    expect(Math.min(...accuracies(on, stepsFrom(300, 1000, 50)))).toBeGreaterThan(0.99);
  });
});

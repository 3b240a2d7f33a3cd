/**
 * Lesson 5's cards, checked against its own set-ups trained through the core (src/test/runClaims.ts): the explode
 * preset with clipping off (it diverges at step 4, the loss leaping to about 10¹³) and on at 0.1 (it trains), and
 * the vanish preset's first backward pass (‖∂L/∂h_t‖ falls about 41 orders over 80 steps), with σ_max(W_hh) of
 * both freshly initialised networks as the cards round it.
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { largestSingularValue } from '../core/linalg';
import { Trainer } from '../core/trainer';
import type { TrainConfig } from '../shared/config';
import { TASKS, loadTaskData } from '../tasks/registry';
import { ordersOfFall, presetConfig, runClaims } from '../test/runClaims';
import { lessonConfig, settingsAt } from './index';
import { LESSON5_GROW_GAIN, LESSON5_GROW_SIGMA, LESSON5_STEPS_FORWARD, LESSON5_CLIP, LESSON5_CLIPPED_STEPS, LESSON5_EXPLODE_SIGMA, LESSON5_STEPS_BACK, LESSON5_VANISH_SIGMA, lesson5 } from './lesson5Gradients';

/** The config a learner has at the part with this id, as the page applies it. */
function configAt(id: string): TrainConfig {
  const index = lesson5.parts.findIndex((part) => 'id' in part && part.id === id);
  expect(index).toBeGreaterThanOrEqual(0);
  return lessonConfig(lesson5, settingsAt(lesson5, index));
}

/** σ_max(W_hh) of a freshly initialised network for `config`. */
async function initialSigma(config: TrainConfig): Promise<number> {
  const trainer = new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
  try {
    const [weightHh] = await trainer.recurrentWeights();
    return largestSingularValue(weightHh, config.hiddenSize, config.hiddenSize);
  } finally {
    trainer.dispose();
  }
}

describe('lesson 5: a gradient that grows back through time', () => {
  it('W_hh at 3.5× the default: σ_max about 3.7; on the first Step ‖∂L/∂h_t‖ is largest at t = 1 and grows at every step back, well over 100 times its value at t = 20', async () => {
    const config = configAt('step-explode');
    expect(config).toEqual(presetConfig('explode', { recurrentInitGain: LESSON5_GROW_GAIN }));
    expect(config.sequenceLength).toBe(LESSON5_STEPS_FORWARD);
    expect(await initialSigma(config)).toBeCloseTo(LESSON5_GROW_SIGMA, 1);
    const run = await runClaims(config, { steps: 1, hiddenGradNormsAt: [1] });
    const [profile] = run.hiddenGradNorms[1];
    expect(profile).toHaveLength(LESSON5_STEPS_FORWARD);
    expect(profile.indexOf(Math.max(...profile))).toBe(0);
    // "the gradient grew at each step back"
    for (let t = 0; t < profile.length - 1; t++) expect(profile[t], `t = ${t + 1}`).toBeGreaterThan(profile[t + 1]);
    expect(profile[0] / profile[profile.length - 1]).toBeGreaterThan(100);
  });

  it('the parts after it are back on the explode preset’s gain', () => {
    expect(configAt('loss-fate')).toEqual(presetConfig('explode'));
  });
});

describe('lesson 5: exploding, clipped', () => {
  it('is the explode preset; σ_max(W_hh) starts at about 1.6; the first loss is about 0.46; unclipped it diverges at step 4, the loss leaping to about 10¹³ after a gradient about 80 times step 1’s', async () => {
    const config = configAt('train-unclipped');
    expect(config).toEqual(presetConfig('explode'));
    expect(config).toMatchObject({ cell: 'rnn-relu', recurrentInitGain: 1.5, optimizer: 'sgd', learningRate: 2, clipMode: 'off' });
    expect(await initialSigma(config)).toBeCloseTo(LESSON5_EXPLODE_SIGMA, 1);
    const run = await runClaims(config, { steps: 50 });
    expect(run.losses[0]).toBeCloseTo(0.46, 2);
    // "On this seed training stops at step 4", and the reveal's why
    expect(run.divergence).toMatchObject({ step: 4, quantity: 'loss' });
    expect(run.stepsRun).toBe(4);
    expect(run.gradNormsBefore[2] / run.gradNormsBefore[0]).toBeGreaterThan(70);
    expect(run.gradNormsBefore[2] / run.gradNormsBefore[0]).toBeLessThan(90);
    expect(Math.log10(run.losses[3])).toBeCloseTo(13, 0);
    // the page measures the divergence's value: the loss of step 4, finite
    expect(run.divergence!.value).toBe(run.losses[3]);
    // the prediction's band for "blow up" (100 × to 10¹⁴ × the first loss) holds it
    expect(run.losses[3]).toBeGreaterThan(100 * run.losses[0]);
    expect(run.losses[3]).toBeLessThan(1e14 * run.losses[0]);
  });

  it('rewound and clipped by norm at 0.1 it trains: every update is at most 0.2 long, the loss stays below 0.1 from step 40 to 300 and in the “fall” band from step 50, and it never diverges', async () => {
    const config = configAt('clip-fate');
    // the clip experiment changes only clipping: what it leaves behind is the run Rewind restarts, clipped
    const clipped = { ...config, clipMode: 'norm' as const, clipThreshold: LESSON5_CLIP };
    expect(lessonConfig(lesson5, settingsAt(lesson5, lesson5.parts.findIndex((p) => p.kind === 'reveal' && p.experiment === 'clip-and-train')))).toEqual(clipped);
    const run = await runClaims(clipped, { steps: 300 });
    expect(run.divergence).toBeUndefined();
    expect(run.stepsRun).toBe(300);
    expect(run.losses[0]).toBeCloseTo(0.46, 2);
    // SGD at learning rate 2 moves the weights by 2 × the clipped gradient: at most 0.2
    expect(config.learningRate * Math.max(...run.gradNormsAfter)).toBeLessThanOrEqual(0.2);
    // the green dashes (after clipping) never above the threshold line, and clipping bites
    expect(run.gradNormsAfter.some((after, k) => after < run.gradNormsBefore[k])).toBe(true);
    expect(Math.max(...run.losses.slice(39))).toBeLessThan(0.1);
    // wherever the learner pauses from step 50, the loss is in the "fall, and keep falling" band: first / 1000 to first / 2
    const fromPause = run.losses.slice(LESSON5_CLIPPED_STEPS - 1);
    expect(Math.max(...fromPause)).toBeLessThan(run.losses[0] / 2);
    expect(Math.min(...fromPause)).toBeGreaterThan(run.losses[0] / 1000);
  });
});

describe('lesson 5: vanishing', () => {
  it('is the vanish preset; σ_max(W_hh) starts at about 0.53; on the first Step ‖∂L/∂h_t‖ falls about 41 orders from t = 80 to t = 1, more than the bound’s 22, no step back keeping more than 40%', async () => {
    const config = configAt('step-vanish');
    expect(config).toEqual(presetConfig('vanish'));
    expect(config.sequenceLength).toBe(LESSON5_STEPS_BACK);
    const sigma = await initialSigma(config);
    expect(sigma).toBeCloseTo(LESSON5_VANISH_SIGMA, 2);
    // "each step back keeps at most 53%": σ_max ≤ 0.53, and the bound 0.53⁷⁹ ≈ 10⁻²²
    expect(sigma).toBeLessThanOrEqual(LESSON5_VANISH_SIGMA);
    expect(Math.round(Math.log10(LESSON5_VANISH_SIGMA ** (LESSON5_STEPS_BACK - 1)))).toBe(-22);
    const run = await runClaims(config, { steps: 1, hiddenGradNormsAt: [1] });
    const [profile] = run.hiddenGradNorms[1];
    expect(profile).toHaveLength(LESSON5_STEPS_BACK);
    const fall = ordersOfFall(profile);
    expect(fall).toBeGreaterThan(40.5);
    expect(fall).toBeLessThan(42.5);
    // finite and above zero in float32: the chart's left end is a point, not an underflow
    expect(profile[0]).toBeGreaterThan(0);
    const keeps = profile.slice(0, -1).map((norm, t) => norm / profile[t + 1]);
    expect(Math.max(...keeps)).toBeLessThan(0.4);
    expect(Math.max(...keeps)).toBeLessThanOrEqual(sigma);
  });
});

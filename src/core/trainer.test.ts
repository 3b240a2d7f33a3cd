import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { sineTask } from '../tasks/sine';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { activeExecutionPlan, executionPlanFor, type ExecutionPlan } from './kernels/executionPlan';
import { initParams, modelForward } from './model';
import { Rng } from './rng';
import { Trainer, disposeSnapshot } from './trainer';
import { modelParamInfos } from '../shared/spec';
import type { StepStats } from '../shared/protocol';
import { expectClose } from '../test/numeric';

const small = (changes: Partial<TrainConfig> = {}): TrainConfig => ({ ...defaultConfig(), hiddenSize: 6, sequenceLength: 8, batchSize: 8, ...changes });

async function losses(config: TrainConfig, steps: number): Promise<number[]> {
  const trainer = new Trainer(config, sineTask(config));
  const out: number[] = [];
  for (let k = 0; k < steps; k++) out.push((await trainer.trainStep()).loss);
  trainer.dispose();
  return out;
}

describe('seeding', () => {
  it('the same seed gives the same initial weights, batches and losses; another seed does not', async () => {
    const spec = sineTask(small()).modelSpec;
    expect(initParams(spec, 5)).toEqual(initParams(spec, 5));
    expect(initParams(spec, 5)['rnn.weight_hh_l0']).not.toEqual(initParams(spec, 6)['rnn.weight_hh_l0']);
    const a = await losses(small({ seed: 3 }), 4);
    const b = await losses(small({ seed: 3 }), 4);
    const c = await losses(small({ seed: 4 }), 4);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('dropout masks are seeded too (2 layers, dropout 0.5)', async () => {
    const config = small({ numLayers: 2, dropout: 0.5, seed: 9 });
    expect(await losses(config, 3)).toEqual(await losses(config, 3));
  });

  it('Rng is uniform in [0, 1) with the right moments', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 20000 }, () => rng.next());
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 1);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });
});

describe('initialisation', () => {
  it('follows PyTorch: recurrent U(−1/√H, 1/√H), head U(−1/√fan_in, 1/√fan_in)', () => {
    const spec = sineTask(small({ hiddenSize: 16, numLayers: 2, bidirectional: true })).modelSpec;
    const values = initParams(spec, 1);
    for (const { name } of modelParamInfos(spec)) {
      const bound = name.startsWith('head.') ? 1 / Math.sqrt(32) : 1 / Math.sqrt(16);
      const data = Array.from(values[name]);
      expect(Math.max(...data.map(Math.abs))).toBeLessThanOrEqual(bound);
      if (data.length > 200) {
        // uniform on [−b, b]: variance b²/3
        const variance = data.reduce((a, v) => a + v * v, 0) / data.length;
        expect(variance).toBeGreaterThan((bound * bound) / 3 * 0.8);
        expect(variance).toBeLessThan((bound * bound) / 3 * 1.2);
      }
    }
  });
});

describe('training', () => {
  it.each(['lstm', 'gru', 'rnn-tanh', 'rnn-relu'] as const)('%s learns the sine task: held-out MSE far below predicting the mean', async (cell) => {
    const config = small({ cell, hiddenSize: 12, batchSize: 16, seed: 2 });
    const trainer = new Trainer(config, sineTask(config));
    for (let k = 0; k < 150; k++) await trainer.trainStep();
    const { mse, baselineMse } = await trainer.evaluate();
    trainer.dispose();
    expect(mse).toBeLessThan(baselineMse / 10);
  });

  it('keeps the live tensor count flat across steps, with and without recording, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const config = small({ numLayers: 2, bidirectional: true, dropout: 0.2 });
    const trainer = new Trainer(config, sineTask(config));
    await trainer.trainStep(true);
    const afterFirst = tf.memory().numTensors;
    for (let k = 0; k < 20; k++) await trainer.trainStep(k % 3 === 0);
    await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports per-step hidden gradient norms, per-parameter norms and gates of the probe example', async () => {
    const config = small({ numLayers: 2 });
    const trainer = new Trainer(config, sineTask(config));
    const stats = await trainer.trainStep(true);
    expect(stats.hiddenGradNorms.length).toBe(2 * 8);
    expect(stats.paramGradNorms.length).toBe(trainer.paramNames.length);
    expect(stats.gates!.length).toBe(2 * 6 * 8 * 6);
    const weights = await trainer.weights();
    trainer.dispose();
    expect(stats.gradNormBefore).toBeCloseTo(Math.hypot(...stats.paramGradNorms), 4);
    expect(weights['rnn.weight_ih_l1'].length).toBe(4 * 6 * 6);
  });

  it('records the probe example’s gates exactly as a forward pass computes them', async () => {
    const config = small({ cell: 'gru', optimizer: 'sgd', learningRate: 0 });
    const task = sineTask(config);
    const trainer = new Trainer(config, task);
    const initial = await trainer.weights();
    const stats = await trainer.trainStep(true);
    trainer.dispose();
    const expected = tf.tidy(() => {
      const params: Record<string, tf.Tensor> = {};
      for (const { name, shape } of modelParamInfos(task.modelSpec)) params[name] = tf.tensor(initial[name], shape);
      const input = tf.tensor(task.probe.input, task.probe.inputShape);
      const out = modelForward(task.modelSpec, params, input, { record: true, plan: activeExecutionPlan() });
      return tf.stack(['r', 'z', 'n', 'h'].map((name) => tf.squeeze(out.rnn.records![0][name], [1]))).dataSync();
    });
    expect(Array.from(stats.gates!)).toEqual(Array.from(expected).map((v) => expect.closeTo(v, 6)));
  });
});

describe('snapshots', () => {
  it.each(['adam', 'sgd', 'momentum', 'rmsprop'] as const)('restoring a snapshot replays the same steps exactly (%s), without leaking tensors', async (optimizer) => {
    const config = small({ optimizer, numLayers: 2, dropout: 0.3, seed: 4 });
    const trainer = new Trainer(config, sineTask(config));
    for (let k = 0; k < 3; k++) await trainer.trainStep();
    const snap = await trainer.snapshot();
    const after = [];
    for (let k = 0; k < 4; k++) after.push((await trainer.trainStep()).loss);
    const tensors = tf.memory().numTensors;
    for (let round = 0; round < 2; round++) {
      await trainer.restore(snap);
      expect(trainer.step).toBe(3);
      const replay = [];
      for (let k = 0; k < 4; k++) replay.push((await trainer.trainStep()).loss);
      expect(replay).toEqual(after);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    disposeSnapshot(snap);
    trainer.dispose();
  });
});

describe('learning rate', () => {
  it.each(['adam', 'sgd', 'momentum', 'rmsprop'] as const)('a changed learning rate takes effect on the next step (%s)', async (optimizer) => {
    const run = async (change: boolean) => {
      const config = small({ optimizer, seed: 6, learningRate: 0.01 });
      const trainer = new Trainer(config, sineTask(config));
      await trainer.trainStep();
      if (change) trainer.setLearningRate(0);
      const before = await trainer.weights();
      await trainer.trainStep();
      const after = await trainer.weights();
      trainer.dispose();
      return after['rnn.weight_hh_l0'].some((v, k) => v !== before['rnn.weight_hh_l0'][k]);
    };
    expect(await run(false)).toBe(true);
    expect(await run(true)).toBe(false);
  });
});

describe('saved state', () => {
  it('a run saved as arrays and loaded into a fresh trainer continues exactly as the original', async () => {
    const config = small({ optimizer: 'adam', seed: 8, dropout: 0.2, numLayers: 2 });
    const a = new Trainer(config, sineTask(config));
    for (let k = 0; k < 4; k++) await a.trainStep();
    const saved = await a.state();
    const next = [];
    for (let k = 0; k < 3; k++) next.push((await a.trainStep()).loss);
    const tensors = tf.memory().numTensors;
    const b = new Trainer(config, sineTask(config));
    await b.setState(saved);
    expect(b.step).toBe(4);
    const replay = [];
    for (let k = 0; k < 3; k++) replay.push((await b.trainStep()).loss);
    expect(replay).toEqual(next);
    b.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    a.dispose();
  });
});

describe('the execution plan', () => {
  /** One recorded step of a fresh LSTM run by `plan`: its numbers, its weights after, and the tfjs kernels it ran. */
  async function profiledStep(plan: ExecutionPlan) {
    const config = small({ cell: 'lstm', seed: 5 });
    const trainer = new Trainer(config, sineTask(config), undefined, { plan });
    let stats: StepStats | undefined;
    const profile = await tf.profile(async () => {
      stats = await trainer.trainStep(true);
    });
    const weights = await trainer.weights();
    trainer.dispose();
    return { kernels: new Set(profile.kernelNames), stats: stats!, weights };
  }

  it('decides the path: without fused layers a run trains op by op, without the array optimizer by tfjs ops, with the same numbers', async () => {
    const plan = activeExecutionPlan();
    expect(plan.fusedLayers && plan.arrayOptimizer).toBe(true); // the unit tests' WASM backend
    const fused = await profiledStep(plan);
    const ops = await profiledStep({ ...plan, fusedLayers: false });
    const tfjsUpdate = await profiledStep({ ...plan, arrayOptimizer: false });
    // the op-by-op cells run tfjs's σ; the fused layer computes it in its own loops
    expect(fused.kernels.has('Sigmoid')).toBe(false);
    expect(ops.kernels.has('Sigmoid')).toBe(true);
    // bptt's norms and tfjs's Adam take square roots as tfjs ops; readGradients and ArrayOptimizer in loops
    expect(fused.kernels.has('Sqrt')).toBe(false);
    expect(tfjsUpdate.kernels.has('Sqrt')).toBe(true);
    for (const other of [ops, tfjsUpdate]) {
      expect(other.stats.loss).toBeCloseTo(fused.stats.loss, 5);
      expectClose(other.stats.hiddenGradNorms, fused.stats.hiddenGradNorms, 1e-6, 1e-4);
      expectClose(other.stats.paramGradNorms, fused.stats.paramGradNorms, 1e-6, 1e-4);
      expectClose(other.stats.gates!, fused.stats.gates!, 1e-6, 1e-5);
      for (const name in fused.weights) expectClose(other.weights[name], fused.weights[name], 1e-6, 1e-4);
    }
  });

  it('is made for one backend: a run refuses to step on another', async () => {
    const config = small();
    const trainer = new Trainer(config, sineTask(config), undefined, { plan: executionPlanFor('cpu') });
    await expect(trainer.trainStep()).rejects.toThrow(/set up for the cpu backend, but wasm is active now/);
    trainer.dispose();
  });
});

/**
 * The tfjs recurrent core against independent references: closed forms computed here by hand, and a float64
 * implementation of PyTorch's equations (src/test/reference64.ts) with central finite differences.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  finiteDiffHidden,
  finiteDiffParams,
  randomRefParams,
  refForward,
  type RefParams,
  type RefSpec,
} from '../test/reference64';
import { expectClose, seeded } from '../test/numeric';
import { bptt, clipGradients, topHiddenGradNorms } from './bptt';
import { activeExecutionPlan } from './kernels/executionPlan';
import { packRecords, rnnForward } from './network';
import { CELL_KINDS, RECORDED_NAMES, TORCH_MODE, type CellKind, type RnnSpec } from '../shared/spec';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function toTf(params: RefParams): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, p] of Object.entries(params)) out[name] = tf.tensor(Float32Array.from(p.data), p.shape);
  return out;
}

function refSpecOf(spec: RnnSpec): RefSpec {
  return { mode: TORCH_MODE[spec.cell], inputSize: spec.inputSize, hiddenSize: spec.hiddenSize, numLayers: spec.numLayers, bidirectional: spec.bidirectional };
}


function nested(flat: number[], [a, b, c]: number[]): number[][][] {
  return Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => flat.slice((i * b + j) * c, (i * b + j + 1) * c)));
}


const one = (v: number[]) => ({ shape: [v.length, 1], data: Float64Array.from(v) });
const vec = (v: number[]) => ({ shape: [v.length], data: Float64Array.from(v) });

describe('cells against hand-computed values (1 unit)', () => {
  const spec = (cell: CellKind): RnnSpec => ({ cell, inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false, dropout: 0 });
  const run = (cell: CellKind, params: RefParams, xs: number[]) =>
    tf.tidy(() => Array.from(rnnForward(spec(cell), toTf(params), tf.tensor3d(xs, [1, xs.length, 1]), { plan: activeExecutionPlan() }).output.dataSync()));

  it('RNN tanh: h_t = tanh(W_ih x + b_ih + W_hh h + b_hh)', () => {
    const p = { weight_ih_l0: one([0.5]), weight_hh_l0: one([-0.3]), bias_ih_l0: vec([0.1]), bias_hh_l0: vec([0.2]) };
    const h1 = Math.tanh(0.5 * 1 + 0.1 + 0.2);
    const h2 = Math.tanh(0.5 * 2 + 0.1 - 0.3 * h1 + 0.2);
    expectClose(run('rnn-tanh', p, [1, 2]), [h1, h2], 1e-6);
  });

  it('RNN ReLU clamps negative pre-activations to 0', () => {
    const p = { weight_ih_l0: one([-1]), weight_hh_l0: one([0.5]), bias_ih_l0: vec([0.3]), bias_hh_l0: vec([0]) };
    // step 1: relu(-1 + .3) = 0; step 2: relu(-1·(-2) + .3 + .5·0) = 2.3
    expectClose(run('rnn-relu', p, [1, -2]), [0, 2.3], 1e-6);
  });

  it('LSTM: gates i, f, g, o in that order; c = f c + i g; h = o tanh(c)', () => {
    const wi = [0.1, 0.2, 0.3, 0.4];
    const wh = [-0.2, 0.5, 0.1, 0.3];
    const bi = [0.05, -0.1, 0.2, 0];
    const bh = [0, 0.1, -0.05, 0.15];
    const p = { weight_ih_l0: one(wi), weight_hh_l0: one(wh), bias_ih_l0: vec(bi), bias_hh_l0: vec(bh) };
    let h = 0;
    let c = 0;
    const out: number[] = [];
    for (const x of [1, -0.5]) {
      const pre = [0, 1, 2, 3].map((k) => wi[k] * x + bi[k] + wh[k] * h + bh[k]);
      const [i, f, g, o] = [sigmoid(pre[0]), sigmoid(pre[1]), Math.tanh(pre[2]), sigmoid(pre[3])];
      c = f * c + i * g;
      h = o * Math.tanh(c);
      out.push(h);
    }
    expectClose(run('lstm', p, [1, -0.5]), out, 1e-6);
  });

  it('GRU: gates r, z, n; n = tanh(W_in x + b_in + r (W_hn h + b_hn)); h = (1 − z) n + z h', () => {
    const wi = [0.3, -0.4, 0.8];
    const wh = [0.2, 0.6, -0.5];
    const bi = [0.1, 0, -0.2];
    const bh = [-0.1, 0.3, 0.25];
    const p = { weight_ih_l0: one(wi), weight_hh_l0: one(wh), bias_ih_l0: vec(bi), bias_hh_l0: vec(bh) };
    let h = 0;
    const out: number[] = [];
    for (const x of [0.7, 1.5]) {
      const r = sigmoid(wi[0] * x + bi[0] + wh[0] * h + bh[0]);
      const z = sigmoid(wi[1] * x + bi[1] + wh[1] * h + bh[1]);
      const n = Math.tanh(wi[2] * x + bi[2] + r * (wh[2] * h + bh[2]));
      h = (1 - z) * n + z * h;
      out.push(h);
    }
    expectClose(run('gru', p, [0.7, 1.5]), out, 1e-6);
  });
});

const SHAPES: Array<{ layers: number; bidirectional: boolean }> = [
  { layers: 2, bidirectional: false },
  { layers: 2, bidirectional: true },
];

describe.each(CELL_KINDS)('%s against the float64 reference', (cell) => {
  const B = 2;
  const T = 4;
  const I = 3;
  const H = 3;

  it.each(SHAPES)('forward, h_n, c_n and gates match (layers $layers, bidirectional $bidirectional, given h0/c0)', ({ layers, bidirectional }) => {
    const spec: RnnSpec = { cell, inputSize: I, hiddenSize: H, numLayers: layers, bidirectional, dropout: 0 };
    const refSpec = refSpecOf(spec);
    const params = randomRefParams(refSpec, 7 + layers, 0.6);
    const dirs = bidirectional ? 2 : 1;
    const x = nested(seeded(B * T * I, 11), [B, T, I]);
    const h0 = nested(seeded(layers * dirs * B * H, 12).map((v) => v * 0.5), [layers * dirs, B, H]);
    const c0 = cell === 'lstm' ? nested(seeded(layers * dirs * B * H, 13), [layers * dirs, B, H]) : undefined;
    const ref = refForward(refSpec, params, x, { h0, c0 });
    tf.tidy(() => {
      const result = rnnForward(spec, toTf(params), tf.tensor3d(x.flat(2), [B, T, I]), {
        h0: tf.tensor3d(h0.flat(2), [layers * dirs, B, H]),
        c0: c0 && tf.tensor3d(c0.flat(2), [layers * dirs, B, H]),
        record: true,
        plan: activeExecutionPlan(),
      });
      expect(result.output.shape).toEqual([B, T, H * dirs]);
      expectClose(result.output.dataSync(), ref.outputs.flat(2), 2e-6);
      expectClose(result.hN.dataSync(), ref.hN.flat(2), 2e-6);
      if (cell === 'lstm') expectClose(result.cN!.dataSync(), ref.cN!.flat(2), 2e-6);
      // gates of example 1, packed (layerDirs, names, T, H)
      const packed = packRecords(result.records!, 1).arraySync() as number[][][][];
      RECORDED_NAMES[cell].forEach((name, n) => {
        for (let ld = 0; ld < layers * dirs; ld++) {
          if (name === 'a') {
            // the reference keeps no pre-activation: check h = act(a) instead
            const h = packed[ld][RECORDED_NAMES[cell].indexOf('h')].flat();
            const act = packed[ld][n].flat().map((a) => (cell === 'rnn-relu' ? Math.max(0, a) : Math.tanh(a)));
            expectClose(act, h, 2e-6);
            continue;
          }
          const expected = ref.gates[ld][name].map((perStep) => perStep[1]);
          expectClose(packed[ld][n].flat(), expected.flat(), 2e-6);
        }
      });
    });
  });

  it('BPTT gradients and ‖∂L/∂h_t‖ match central finite differences (2 layers)', () => {
    const spec: RnnSpec = { cell, inputSize: I, hiddenSize: H, numLayers: 2, bidirectional: cell === 'gru', dropout: 0 };
    const refSpec = refSpecOf(spec);
    const dirs = spec.bidirectional ? 2 : 1;
    const params = randomRefParams(refSpec, 21, 0.7);
    const x = nested(seeded(B * T * I, 5), [B, T, I]);
    // L = Σ w ⊙ outputs with fixed, uneven weights w (so no gradient cancels by symmetry)
    const w = seeded(B * T * H * dirs, 9);
    const lossOf = (out: number[][][]) => out.flat(2).reduce((acc, v, k) => acc + v * w[k], 0);

    const fd = finiteDiffParams(params, (p) => lossOf(refForward(refSpec, p, x).outputs), 1e-6);
    const fdHidden: number[] = [];
    for (let layer = 0; layer < 2; layer++)
      for (let direction = 0; direction < dirs; direction++)
        for (let t = 0; t < T; t++) {
          let sq = 0;
          for (let b = 0; b < B; b++)
            for (let unit = 0; unit < H; unit++) {
              const g = finiteDiffHidden((probe) => lossOf(refForward(refSpec, params, x, { probe }).outputs), { layer, direction: direction as 0 | 1, t, batch: b, unit }, 1e-6);
              sq += g * g;
            }
          fdHidden.push(Math.sqrt(sq));
        }

    tf.tidy(() => {
      const xs = tf.tensor3d(x.flat(2), [B, T, I]);
      const weights = tf.tensor3d(w, [B, T, H * dirs]);
      const result = bptt(
        toTf(params),
        { layerDirs: 2 * dirs, steps: T, batch: B, hidden: H },
        (p, probes) => tf.sum(tf.mul(rnnForward(spec, p, xs, { probes, plan: activeExecutionPlan() }).output, weights)) as tf.Scalar,
        { mode: 'off', threshold: 1 },
      );
      expect(result.loss.dataSync()[0]).toBeCloseTo(lossOf(refForward(refSpec, params, x).outputs), 5);
      for (const name of Object.keys(params)) expectClose(result.grads[name].dataSync(), fd[name], 2e-5, 1e-3);
      expectClose(result.hiddenGradNorms.dataSync(), fdHidden, 2e-5, 1e-3);
      // per-parameter norms and the global norm agree with the gradients themselves
      const norms = result.paramGradNorms.dataSync();
      result.names.forEach((name, k) => expect(norms[k]).toBeCloseTo(Math.hypot(...fd[name]), 3));
      expect(result.gradNormBefore.dataSync()[0]).toBeCloseTo(Math.hypot(...Object.values(fd).flatMap((g) => Array.from(g))), 3);
    });
  });

  it('top-layer ‖∂L/∂h_t‖ for L = Σ outputs (the CLI --grad) matches finite differences', () => {
    const spec: RnnSpec = { cell, inputSize: I, hiddenSize: H, numLayers: 2, bidirectional: false, dropout: 0 };
    const refSpec = refSpecOf(spec);
    const params = randomRefParams(refSpec, 33, 0.7);
    const x = nested(seeded(B * T * I, 3), [B, T, I]);
    const sumOut = (probe?: Parameters<typeof refForward>[3] extends infer O ? O extends { probe?: infer P } ? P : never : never) =>
      refForward(refSpec, params, x, { probe }).outputs.flat(2).reduce((a, v) => a + v, 0);
    const expected = Array.from({ length: T }, (_, t) => {
      let sq = 0;
      for (let b = 0; b < B; b++) for (let unit = 0; unit < H; unit++) sq += finiteDiffHidden(sumOut, { layer: 1, direction: 0, t, batch: b, unit }) ** 2;
      return Math.sqrt(sq);
    });
    const actual = tf.tidy(() => topHiddenGradNorms(spec, toTf(params), tf.tensor3d(x.flat(2), [B, T, I]), { plan: activeExecutionPlan() }).dataSync());
    expectClose(actual, expected, 2e-5, 1e-3);
    // the last step's gradient is exactly the direct path: ∂(Σ h_T)/∂h_T = 1 for each of B·H units
    expect(actual[T - 1]).toBeCloseTo(Math.sqrt(B * H), 4);
  });
});

describe('clipping', () => {
  it('by global norm scales every gradient by threshold / ‖g‖ (as clip_grad_norm_)', () => {
    tf.tidy(() => {
      const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
      const { grads: clipped, normAfter } = clipGradients(grads, tf.scalar(5), { mode: 'norm', threshold: 1 });
      expectClose(clipped.a.dataSync(), [0.6, 0], 1e-6);
      expectClose(clipped.b.dataSync(), [0, 0.8], 1e-6);
      expect(normAfter.dataSync()[0]).toBeCloseTo(1, 5);
      // below the threshold nothing changes
      const small = clipGradients(grads, tf.scalar(5), { mode: 'norm', threshold: 10 });
      expectClose(small.grads.b.dataSync(), [0, 4], 1e-6);
    });
  });

  it('by value clamps each element (as clip_grad_value_) and reports the new norm', () => {
    tf.tidy(() => {
      const grads = { a: tf.tensor1d([3, -0.2]), b: tf.tensor1d([-4, 0.5]) };
      const { grads: clipped, normAfter } = clipGradients(grads, tf.scalar(5.03), { mode: 'value', threshold: 0.5 });
      expectClose(clipped.a.dataSync(), [0.5, -0.2], 1e-6);
      expectClose(clipped.b.dataSync(), [-0.5, 0.5], 1e-6);
      expect(normAfter.dataSync()[0]).toBeCloseTo(Math.hypot(0.5, 0.2, 0.5, 0.5), 5);
    });
  });

  it('off leaves gradients as they are', () => {
    tf.tidy(() => {
      const grads = { a: tf.tensor1d([30, 40]) };
      const { grads: same, normAfter } = clipGradients(grads, tf.scalar(50), { mode: 'off', threshold: 1 });
      expect(same.a).toBe(grads.a);
      expect(normAfter.dataSync()[0]).toBe(50);
    });
  });
});

describe('embedding', () => {
  it('looks tokens up exactly and trains on the WASM backend (its gradient reaches only the rows used)', async () => {
    const { initParams, modelForward } = await import('./model');
    const { modelParamInfos } = await import('../shared/spec');
    const spec = { rnn: { cell: 'gru' as const, inputSize: 3, hiddenSize: 4, numLayers: 1, bidirectional: false, dropout: 0 }, vocabSize: 6, outputSize: 2, readout: 'last' as const };
    const values = initParams(spec, 2);
    tf.tidy(() => {
      const params: Record<string, tf.Tensor> = {};
      for (const { name, shape } of modelParamInfos(spec)) params[name] = tf.tensor(values[name], shape);
      const ids = tf.tensor2d([[1, 3, 3], [0, 1, 5]], [2, 3], 'int32');
      // the recurrent stack sees exactly the embedding rows of the ids
      const viaGather = rnnForward(spec.rnn, { weight_ih_l0: params['rnn.weight_ih_l0'], weight_hh_l0: params['rnn.weight_hh_l0'], bias_ih_l0: params['rnn.bias_ih_l0'], bias_hh_l0: params['rnn.bias_hh_l0'] }, tf.gather(params['embedding.weight'], ids) as tf.Tensor3D, { plan: activeExecutionPlan() }).output;
      const out = modelForward(spec, params, ids, { plan: activeExecutionPlan() }).rnn.output;
      expectClose(out.dataSync(), viaGather.dataSync(), 1e-6);
      const result = bptt(params, { layerDirs: 1, steps: 3, batch: 2, hidden: 4 }, (p, probes) => tf.sum(modelForward(spec, p, ids, { probes, plan: activeExecutionPlan() }).prediction) as tf.Scalar, { mode: 'off', threshold: 1 });
      const grad = result.grads['embedding.weight'].arraySync() as number[][];
      for (const row of [2, 4]) expect(grad[row].every((v) => v === 0)).toBe(true);
      for (const row of [0, 1, 3, 5]) expect(grad[row].some((v) => v !== 0)).toBe(true);
    });
  });
});

/**
 * The fused layer (one op forward, one hand-written backward) against the op-by-op cells: the same outputs,
 * final states, recorded gates and gradients, for every cell, both directions, with given h0/c0 and probes. Each
 * run is given its execution plan: the fused plan and the same plan with fusedLayers off.
 * (The float64-reference and finite-difference tests in network.test.ts and model.test.ts run the fused path
 * too, since unit tests run on the WASM backend, whose plan fuses the layers.)
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, seededF32 } from '../test/numeric';
import { activeExecutionPlan, executionPlanFor, type ExecutionPlan } from './kernels/executionPlan';
import { scratchPool } from './kernels/arrayPool';
import { packRecords, rnnForward, type RnnTensors } from './network';
import { CELL_KINDS, directions, rnnParamInfos, sizeOf, type CellKind, type RnnSpec } from '../shared/spec';

/**
 * The same layer stack (2 layers, given h0/c0, probes) run by `plan` (fused) and by the same plan with fusedLayers
 * off: outputs, states, gates, every gradient.
 */
function expectFusedMatchesOps(cell: CellKind, bidirectional: boolean, plan: ExecutionPlan): void {
  const B = 3;
  const T = 5;
  const I = 2;
  const H = 3;
  const spec: RnnSpec = { cell, inputSize: I, hiddenSize: H, numLayers: 2, bidirectional, dropout: 0 };
  const layerDirs = 2 * directions(spec);
  const isLstm = cell === 'lstm';
  const run = (fusedLayers: boolean) => {
    const runPlan = { ...plan, fusedLayers };
    return tf.tidy(() => {
      const params: RnnTensors = {};
      rnnParamInfos(spec).forEach(({ name, shape }, k) => (params[name] = tf.tensor(seededF32(sizeOf(shape), 11 + k, 0.8), shape)));
      const x = tf.tensor3d(seededF32(B * T * I, 2), [B, T, I]);
      const h0 = tf.tensor3d(seededF32(layerDirs * B * H, 4, 0.5), [layerDirs, B, H]);
      const c0 = tf.tensor3d(seededF32(layerDirs * B * H, 6, 0.5), [layerDirs, B, H]);
      const probeAll = tf.zeros([layerDirs, T, B, H]);
      const weights = tf.tensor3d(seededF32(B * T * H * directions(spec), 8), [B, T, H * directions(spec)]);
      const names = Object.keys(params);
      // inputs: the parameters, probes, h0 and (LSTM) c0
      const f = (...xs: tf.Tensor[]) => {
        const p: RnnTensors = Object.fromEntries(names.map((name, k) => [name, xs[k]]));
        const probes = tf.unstack(xs[names.length]) as tf.Tensor3D[];
        const result = rnnForward(spec, p, x, { h0: xs[names.length + 1] as tf.Tensor3D, c0: isLstm ? (xs[names.length + 2] as tf.Tensor3D) : undefined, probes, plan: runPlan });
        // a loss that reads the outputs, the final h and (LSTM) the final c
        return tf.addN([tf.sum(tf.mul(result.output, weights)), tf.sum(tf.mul(result.hN, 0.7)), ...(result.cN ? [tf.sum(tf.mul(result.cN, -0.3))] : [])]) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(f)([...names.map((n) => params[n]), probeAll, h0, ...(isLstm ? [c0] : [])]);
      const recorded = rnnForward(spec, params, x, { h0, c0: isLstm ? c0 : undefined, record: true, plan: runPlan });
      return {
        loss: value.dataSync()[0],
        grads: grads.map((g) => Array.from(g.dataSync())),
        output: Array.from(recorded.output.dataSync()),
        hN: Array.from(recorded.hN.dataSync()),
        gates: Array.from(packRecords(recorded.records!, 2).dataSync()),
      };
    });
  };
  const fused = run(true);
  const ops = run(false);
  expect(fused.loss).toBeCloseTo(ops.loss, 4);
  expectClose(fused.output, ops.output, 1e-6, 1e-5);
  expectClose(fused.hN, ops.hN, 1e-6, 1e-5);
  expectClose(fused.gates, ops.gates, 1e-6, 1e-5);
  expect(fused.grads).toHaveLength(ops.grads.length);
  // every parameter, the probes (∂L/∂h_t), h0 and (LSTM) c0
  fused.grads.forEach((g, k) => expectClose(g, ops.grads[k], 2e-5, 1e-5));
}

describe.each(CELL_KINDS)('fused %s layer against the op-by-op cell', (cell) => {
  it.each([
    [false, true, 4096],
    [true, true, 4096],
    [true, false, 4096],
    [false, true, 6],
  ])('same outputs, states, gates and gradients (bidirectional %s, SIMD products %s, the all-steps products in blocks of %i rows)', (bidirectional, useSimd, blockRows) => {
    expect(tf.getBackend()).toBe('wasm'); // the backend of the unit tests
    expectFusedMatchesOps(cell, bidirectional, { ...executionPlanFor('wasm'), simd: useSimd, productBlockRows: blockRows });
  });
});

describe('the fused layer with reused scratch arrays', () => {
  it.each(CELL_KINDS)('%s gives the same numbers when the pool hands it arrays full of NaN', (cell) => {
    const plan = executionPlanFor(tf.getBackend());
    expect(plan.fusedLayers && plan.reuseTensorArrays).toBe(true); // WASM: arrays that became tensors are reused too
    const run = () =>
      tf.tidy(() => {
        const spec: RnnSpec = { cell, inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, dropout: 0 };
        const params: RnnTensors = {};
        rnnParamInfos(spec).forEach(({ name, shape }, k) => (params[name] = tf.tensor(seededF32(sizeOf(shape), 5 + k, 0.8), shape)));
        const x = tf.tensor3d(seededF32(3 * 4 * 2, 9), [3, 4, 2]);
        const names = Object.keys(params);
        const { value, grads } = tf.valueAndGrads((...ps: tf.Tensor[]) => {
          const p: RnnTensors = Object.fromEntries(names.map((name, k) => [name, ps[k]]));
          const result = rnnForward(spec, p, x, { plan, probes: [tf.zeros([4, 3, 3]), tf.zeros([4, 3, 3]), tf.zeros([4, 3, 3]), tf.zeros([4, 3, 3])] as tf.Tensor3D[] });
          return tf.sum(tf.mul(result.output, tf.linspace(-1, 1, 3 * 4 * 6).reshape([3, 4, 6]))) as tf.Scalar;
        })(names.map((name) => params[name]));
        return [value.dataSync()[0], ...grads.flatMap((g) => Array.from(g.dataSync()))];
      });
    const clean = run();
    // every length this layer could ask for, twice, full of NaN
    for (let length = 1; length <= 200; length++) scratchPool.give(new Float32Array(length).fill(NaN), new Float32Array(length).fill(NaN));
    const reused = run();
    expect(reused.every(Number.isFinite)).toBe(true);
    expect(reused).toEqual(clean);
  });
});

describe('the fused layer on the CPU backend (where its parts are split, not sliced)', () => {
  it.each(CELL_KINDS)('%s matches the op-by-op cell there too', async (cell) => {
    const before = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      const plan = executionPlanFor('cpu');
      expect(plan.fusedLayers).toBe(true);
      expectFusedMatchesOps(cell, true, plan);
    } finally {
      await tf.setBackend(before);
    }
  });
});

describe('fused layer hygiene', () => {
  it('leaves no tensors behind over training-like use', () => {
    const spec: RnnSpec = { cell: 'lstm', inputSize: 2, hiddenSize: 4, numLayers: 1, bidirectional: false, dropout: 0 };
    const params: RnnTensors = {};
    rnnParamInfos(spec).forEach(({ name, shape }, k) => (params[name] = tf.variable(tf.tensor(seededF32(sizeOf(shape), k + 1, 0.5), shape))));
    const x = tf.tensor3d(seededF32(2 * 6 * 2, 9), [2, 6, 2]);
    const step = () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(rnnForward(spec, params, x, { record: true, plan: activeExecutionPlan() }).output) as tf.Scalar);
        return tf.addN(Object.values(grads).map((g) => tf.sum(g))).dataSync()[0];
      });
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) step();
    expect(tf.memory().numTensors).toBe(before);
    Object.values(params).forEach((p) => p.dispose());
    x.dispose();
  });
});

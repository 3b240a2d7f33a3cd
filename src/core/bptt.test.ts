import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { backward, bptt, readGradients, type ClipConfig } from './bptt';
import { activeExecutionPlan } from './kernels/executionPlan';
import { initParams, modelForward } from './model';
import { Rng } from './rng';
import { expectClose, seeded } from '../test/numeric';
import { modelParamInfos, type ModelSpec } from '../shared/spec';

const spec: ModelSpec = {
  rnn: { cell: 'gru', inputSize: 2, hiddenSize: 5, numLayers: 2, bidirectional: true, dropout: 0 },
  readout: 'all',
  outputSize: 3,
};
const [B, T] = [3, 4];
const probeShape = { layerDirs: 4, steps: T, batch: B, hidden: 5 };

function setup(scale: number) {
  const values = initParams(spec, new Rng(7).seed(), 1);
  const params = Object.fromEntries(modelParamInfos(spec).map(({ name, shape }) => [name, tf.tensor(values[name].map((v) => v * scale), shape)]));
  const x = tf.tensor3d(seeded(B * T * 2, 5, 2), [B, T, 2]);
  const target = tf.tensor3d(seeded(B * T * 3, 6), [B, T, 3]);
  const lossFn = (p: Record<string, tf.Tensor>, probes: tf.Tensor3D[]) => tf.mean(tf.square(tf.sub(modelForward(spec, p, x, { probes, plan: activeExecutionPlan() }).prediction, target))) as tf.Scalar;
  return { params, lossFn };
}

describe('readGradients (the statistics and clipping in plain loops, for CPU and WASM)', () => {
  const clips: ClipConfig[] = [
    { mode: 'off', threshold: 1 },
    { mode: 'norm', threshold: 0.05 }, // below the norm: clips
    { mode: 'norm', threshold: 1e6 }, // above it: leaves the gradients alone
    { mode: 'value', threshold: 0.01 },
  ];
  for (const clip of clips) {
    it(`equals bptt's tensors, clipping ${clip.mode} at ${clip.threshold}`, () => {
      tf.tidy(() => {
        const { params, lossFn } = setup(3);
        const reference = bptt(params, probeShape, lossFn, clip);
        const ours = readGradients(backward(params, probeShape, lossFn), probeShape, clip, activeExecutionPlan());
        expect(ours.names).toEqual(reference.names);
        expect(ours.loss).toBeCloseTo(reference.loss.dataSync()[0], 6);
        expectClose(ours.hiddenGradNorms, reference.hiddenGradNorms.dataSync(), 1e-6, 1e-5);
        expectClose(ours.paramGradNorms, reference.paramGradNorms.dataSync(), 1e-6, 1e-5);
        expectClose([ours.gradNormBefore, ours.gradNormAfter], [reference.gradNormBefore.dataSync()[0], reference.gradNormAfter.dataSync()[0]], 1e-6, 1e-5);
        ours.names.forEach((name, k) => expectClose(ours.grads[k], reference.grads[name].dataSync(), 1e-7, 1e-5));
        if (clip.mode !== 'off' && clip.threshold < 1) expect(ours.gradNormAfter).toBeLessThan(ours.gradNormBefore);
      });
    });
  }

  it('keeps a blow-up visible: non-finite norms stay non-finite', () => {
    tf.tidy(() => {
      const { params, lossFn } = setup(1);
      const pass = backward(params, probeShape, lossFn);
      const poisoned = { ...pass, raw: { ...pass.raw, 'head.bias': tf.tensor1d([NaN, 0, 0]) } };
      const ours = readGradients(poisoned, probeShape, { mode: 'norm', threshold: 1 }, activeExecutionPlan());
      expect(ours.gradNormBefore).toBeNaN();
      expect(ours.gradNormAfter).toBeNaN();
    });
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { executionPlanFor } from './executionPlan';
import { readView, slicePacked, stepOf } from './tensorView';
import { expectClose, seeded } from '../../test/numeric';

const initial = tf.getBackend();
afterAll(() => tf.setBackend(initial));

describe.each(['wasm', 'cpu'])('tensor views and the slices built on them (%s, by its plan)', (backend) => {
  const plan = executionPlanFor(backend);

  it('readView gives the tensor\'s values (a view into the module\'s memory on WASM)', async () => {
    await tf.setBackend(backend);
    const values = seeded(24, 1);
    const t = tf.tensor2d(values, [4, 6]);
    const reshaped = tf.reshape(t, [6, 4]); // shares t's data
    expectClose(readView(t, plan), values, 1e-7);
    expectClose(readView(reshaped, plan), values, 1e-7);
    if (backend === 'wasm') expect(readView(t, plan).buffer).not.toBe(t.dataSync().buffer); // no copy: the heap itself
    tf.dispose([t, reshaped]);
  });

  it('slicePacked and stepOf equal tf.slice, values and gradients', async () => {
    await tf.setBackend(backend);
    const [B, T, H] = [3, 5, 4];
    const packedValues = Float32Array.from(seeded(B * T * H + B * H, 2));
    const x = tf.tensor3d(seeded(B * T * H, 3), [B, T, H]);
    const weights = tf.tensor3d(seeded(B * T * H, 4), [B, T, H]);
    const w2 = tf.tensor2d(seeded(B * H, 5), [B, H]);
    tf.tidy(() => {
      const packed = tf.tensor1d(packedValues);
      const ours = (p: tf.Tensor) => {
        const out = slicePacked(p as tf.Tensor1D, packedValues, 0, B * T * H, [B, T, H], plan);
        const last = slicePacked(p as tf.Tensor1D, packedValues, B * T * H, B * H, [B, H], plan);
        return tf.add(tf.sum(tf.mul(out, weights)), tf.sum(tf.mul(last, w2))) as tf.Scalar;
      };
      const reference = (p: tf.Tensor) => {
        const out = tf.reshape(tf.slice(p, 0, B * T * H), [B, T, H]);
        const last = tf.reshape(tf.slice(p, B * T * H, B * H), [B, H]);
        return tf.add(tf.sum(tf.mul(out, weights)), tf.sum(tf.mul(last, w2))) as tf.Scalar;
      };
      expect(ours(packed).dataSync()[0]).toBeCloseTo(reference(packed).dataSync()[0], 5);
      expectClose(tf.grad(ours)(packed).dataSync(), tf.grad(reference)(packed).dataSync(), 1e-7);

      for (const t of [0, 2, T - 1]) {
        const step = (v: tf.Tensor) => tf.sum(tf.mul(stepOf(v as tf.Tensor3D, t, plan), w2)) as tf.Scalar;
        const stepRef = (v: tf.Tensor) => tf.sum(tf.mul(tf.reshape(tf.slice(v, [0, t, 0], [-1, 1, -1]), [B, H]), w2)) as tf.Scalar;
        expectClose(stepOf(x, t, plan).dataSync(), tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [B, H]).dataSync(), 1e-7);
        expectClose(tf.grad(step)(x).dataSync(), tf.grad(stepRef)(x).dataSync(), 1e-7);
      }
    });
    tf.dispose([x, weights, w2]);
  });
});

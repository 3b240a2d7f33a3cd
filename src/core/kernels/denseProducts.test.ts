import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTimes, linear } from './denseProducts';
import { executionPlanFor } from './executionPlan';
import { expectClose, seeded } from '../../test/numeric';

const SHAPES: Array<[number, number, number]> = [
  [7, 1, 5], // a sine task's projection: one input feature
  [12, 9, 16],
  [3, 33, 2],
];

function matrix(rows: number, cols: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(seeded(rows * cols, seed), [rows, cols]);
}

describe('linear and dataTimes (explicit transposes on WASM)', () => {
  // on WASM, by its plan, whatever backend the other unit tests use: only there do these take the explicit path
  const plan = executionPlanFor('wasm');
  const initial = tf.getBackend();
  beforeAll(() => tf.setBackend('wasm'));
  afterAll(() => tf.setBackend(initial));

  for (const [n, k, m] of SHAPES) {
    it(`x·Wᵀ and its gradients equal tf.matMul's, (${n}×${k})·(${m}×${k})ᵀ`, () => {
      const x = matrix(n, k, 1);
      const w = matrix(m, k, 2);
      const dy = matrix(n, m, 3); // a loss Σ dy ⊙ y, so every gradient element is exercised
      const loss = (f: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor2D, b as tf.Tensor2D), dy));
      const ours = tf.grads(loss((a, b) => linear(a, b, plan)));
      const reference = tf.grads(loss((a, b) => tf.matMul(a, b, false, true)));
      const [value, valueRef] = [linear(x, w, plan), tf.matMul(x, w, false, true)];
      expectClose(value.dataSync(), valueRef.dataSync(), 1e-6, 1e-5);
      const [dxOurs, dwOurs] = ours([x, w]);
      const [dxRef, dwRef] = reference([x, w]);
      expect(dxOurs.shape).toEqual([n, k]);
      expect(dwOurs.shape).toEqual([m, k]);
      expectClose(dxOurs.dataSync(), dxRef.dataSync(), 1e-6, 1e-5);
      expectClose(dwOurs.dataSync(), dwRef.dataSync(), 1e-6, 1e-5);
      tf.dispose([x, w, dy, value, valueRef, dxOurs, dwOurs, dxRef, dwRef]);
    });

    it(`data·B and ∂B equal tf.matMul's, (${n}×${k})·(${k}×${m})`, () => {
      const data = matrix(n, k, 4);
      const b = matrix(k, m, 5);
      const dy = matrix(n, m, 6);
      const ours = tf.grad((weights: tf.Tensor) => tf.sum(tf.mul(dataTimes(data, weights as tf.Tensor2D, plan), dy)));
      const reference = tf.grad((weights: tf.Tensor) => tf.sum(tf.mul(tf.matMul(data, weights as tf.Tensor2D), dy)));
      const [value, valueRef, grad, gradRef] = [dataTimes(data, b, plan), tf.matMul(data, b), ours(b), reference(b)];
      expectClose(value.dataSync(), valueRef.dataSync(), 1e-6, 1e-5);
      expectClose(grad.dataSync(), gradRef.dataSync(), 1e-6, 1e-5);
      tf.dispose([data, b, dy, value, valueRef, grad, gradRef]);
    });
  }
});

/**
 * Matrix products for the model's dense layers that avoid tfjs's slow path on the WASM backend.
 *
 * tfjs 4.22's WASM backend is ~10× slower when either operand of a matmul is transposed in place: on this
 * machine (960 × 65)·(256 × 65)ᵀ took 14.7 ms, against 1.1 ms as transpose, then a plain product; a sine
 * task's (960 × 1)·(64 × 1)ᵀ 307 µs against 24 µs. tfjs's own gradient of a plain product uses transposed
 * products too. So on WASM (the plan's explicitTranspose) `linear` and `dataTimes` transpose explicitly, forward
 * and backward (custom gradients: for y = x·Wᵀ, ∂x = dy·W and ∂W = dyᵀ·x). Other backends transpose in their
 * kernels at no extra cost and use tf.matMul as is.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ExecutionPlan } from './executionPlan';

/** customGrad's `save` (tfjs-core does not export its type). */
type SaveFunc = (tensors: tf.Tensor[]) => void;

/** x·Wᵀ with plain products only, also in the gradient. */
const plainLinear = tf.customGrad((a, b, save) => {
  const x = a as tf.Tensor2D;
  const w = b as tf.Tensor2D;
  // (intermediate tensors are freed before the backward pass unless saved)
  (save as SaveFunc)([x, w]);
  return {
    value: tf.matMul(x, tf.transpose(w)),
    gradFunc: (dy, saved) => {
      const [sx, sw] = saved as tf.Tensor2D[];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, sw), tf.matMul(tf.transpose(g), sx)];
    },
  };
});

/** data·b with plain products only; ∂data is zeros (never wanted), ∂b = dataᵀ·dy. */
const plainDataTimes = tf.customGrad((x, weights, save) => {
  (save as SaveFunc)([x as tf.Tensor2D]);
  return {
    value: tf.matMul(x as tf.Tensor2D, weights as tf.Tensor2D),
    // zeros of data's shape: one cheap fill instead of a (N, M)·(M, K) product nobody reads
    gradFunc: (dy, saved) => [tf.zerosLike(saved[0]), tf.matMul(tf.transpose(saved[0]), dy as tf.Tensor2D)],
  };
});

/** x·Wᵀ, as PyTorch's `F.linear` without the bias: x (N, in), W (out, in) → (N, out). */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, plan: Pick<ExecutionPlan, 'explicitTranspose'>): tf.Tensor2D {
  return plan.explicitTranspose ? (plainLinear(x, w) as tf.Tensor2D) : tf.matMul(x, w, false, true);
}

/**
 * data·b, where no gradient flows to `data` (say, one-hot token ids): data (N, K), b (K, M) → (N, M).
 * ∂b = dataᵀ·dy; ∂data is never computed.
 */
export function dataTimes(data: tf.Tensor2D, b: tf.Tensor2D, plan: Pick<ExecutionPlan, 'explicitTranspose'>): tf.Tensor2D {
  return plan.explicitTranspose ? (plainDataTimes(data, b) as tf.Tensor2D) : tf.matMul(data, b);
}

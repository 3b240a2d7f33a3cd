/**
 * Reading a float32 tensor's values without copying them, where the backend allows it.
 *
 * On tfjs's WASM backend `dataSync()` copies the tensor out of the module's memory (and its slice kernel
 * copies the whole input before taking the slice): in Chromium those copies were a fifth of a vanilla RNN's
 * step. `readView` returns a view into the module's memory instead. A view is valid only until tfjs next
 * allocates (the memory may grow, which detaches it): read it at once, and copy what must outlive that.
 * Elsewhere (CPU, WebGL; the plan's zeroCopyReads off) it is `dataSync()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { scratchPool } from './arrayPool';
import type { ExecutionPlan } from './executionPlan';

/** The slice of tfjs-backend-wasm's backend object used here (4.x). */
interface WasmBackendInternals {
  dataIdMap: { get(dataId: object): { memoryOffset: number | null; dtype: string } | undefined };
  wasm: { HEAPF32: Float32Array };
}

/**
 * A float32 tensor's values: a view into the WASM module's memory where the plan reads without copies (valid
 * until tfjs next allocates), else dataSync(). (A backend without WASM's internals gets dataSync() too.)
 */
export function readView(tensor: tf.Tensor, plan: Pick<ExecutionPlan, 'zeroCopyReads'>): Float32Array {
  if (plan.zeroCopyReads && tensor.dtype === 'float32') {
    const backend = tf.backend() as unknown as Partial<WasmBackendInternals>;
    const info = backend.dataIdMap?.get(tensor.dataId);
    const heap = backend.wasm?.HEAPF32;
    if (info && info.dtype === 'float32' && info.memoryOffset != null && heap) {
      const start = info.memoryOffset / 4;
      return heap.subarray(start, start + tensor.size);
    }
  }
  return tensor.dataSync() as Float32Array;
}

/**
 * `packed[begin … begin+size)` reshaped to `shape`, as an op: the values come from `values` (the same numbers
 * as `packed`, already in JavaScript), and the gradient is dy placed at `begin` in zeros. On WASM this replaces
 * tf.slice, which copies all of `packed` to take its part.
 */
export function slicePacked(packed: tf.Tensor1D, values: Float32Array, begin: number, size: number, shape: number[], plan: ExecutionPlan): tf.Tensor {
  const total = packed.size;
  const op = tf.customGrad((_packed) => ({
    // (a view: the backend copies it, or keeps it and `values` stays unchanged)
    value: tf.tensor(values.subarray(begin, begin + size), shape),
    gradFunc: (dy) => {
      // (pooled only where the tensor copies it: the plan's reuseTensorArrays)
      const grad = plan.reuseTensorArrays ? scratchPool.takeZeros(total) : new Float32Array(total);
      grad.set(readView(dy as tf.Tensor, plan), begin);
      const tensor = tf.tensor1d(grad);
      if (plan.reuseTensorArrays) scratchPool.give(grad);
      return [tensor];
    },
  }));
  // (the input only ties the op to `packed` on the tape; its values are not read)
  return op(packed);
}

/**
 * x[:, t, :] of a (B, T, H) tensor as (B, H). Where the plan reads without copies (WASM), by reading a view (see
 * readView) rather than tfjs's slice, which copies all of x first, with the gradient dy placed at step t in
 * zeros; elsewhere tf.slice.
 */
export function stepOf(x: tf.Tensor3D, t: number, plan: ExecutionPlan): tf.Tensor2D {
  const [B, T, H] = x.shape;
  if (!plan.zeroCopyReads) return tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [B, H]);
  const op = tf.customGrad((input) => {
    const view = readView(input as tf.Tensor, plan);
    const rows = new Float32Array(B * H);
    for (let b = 0; b < B; b++) rows.set(view.subarray((b * T + t) * H, (b * T + t + 1) * H), b * H);
    return {
      value: tf.tensor2d(rows, [B, H]),
      gradFunc: (dy) => {
        const d = readView(dy as tf.Tensor, plan);
        const grad = new Float32Array(B * T * H);
        for (let b = 0; b < B; b++) grad.set(d.subarray(b * H, (b + 1) * H), (b * T + t) * H);
        return [tf.tensor3d(grad, [B, T, H])];
      },
    };
  });
  return op(x) as tf.Tensor2D;
}

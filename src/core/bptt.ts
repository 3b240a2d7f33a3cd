/**
 * Backpropagation through time: the loss, every parameter's gradient, ‖∂L/∂h_t‖ for every step and layer,
 * per-parameter gradient norms, and gradient clipping.
 */
import * as tf from '@tensorflow/tfjs-core';
import { rnnForward, unstack, type ForwardOptions, type RnnTensors } from './network';
import { directions, type RnnSpec } from '../shared/spec';
import type { ExecutionPlan } from './kernels/executionPlan';
import { readView } from './kernels/tensorView';
import type { ClipMode } from '../shared/config';

/** Clipping settings. */
export interface ClipConfig {
  mode: ClipMode;
  threshold: number;
}

/** Shape of the hidden-state probes: one (T, B, H) zero tensor per layer·direction. */
export interface ProbeShape {
  layerDirs: number;
  steps: number;
  batch: number;
  hidden: number;
}

/** What one backward pass yields; all tensors are owned by the caller's tidy scope. */
export interface BpttResult {
  loss: tf.Scalar;
  /** Gradients after clipping, by parameter name. */
  grads: Record<string, tf.Tensor>;
  /** ‖∂L/∂h_t‖ over batch and units, (layers·dirs, T). */
  hiddenGradNorms: tf.Tensor2D;
  /** ‖∂L/∂θ‖ of each parameter before clipping, in the order of `names`. */
  paramGradNorms: tf.Tensor1D;
  names: string[];
  /** Global L2 norm of all parameter gradients before and after clipping. */
  gradNormBefore: tf.Scalar;
  gradNormAfter: tf.Scalar;
}

/**
 * Computes the loss and its gradients in one pass. `lossFn` receives the parameters and the probes (per
 * layer·dirs, (T, B, H) of zeros) to add to the hidden states; ∂L/∂probe[t] = ∂L/∂h_t, the total derivative
 * through all later steps (and layers), at no extra forward pass.
 */
export function bptt(
  params: Record<string, tf.Tensor>,
  probeShape: ProbeShape,
  lossFn: (params: Record<string, tf.Tensor>, probes: tf.Tensor3D[]) => tf.Scalar,
  clip: ClipConfig,
): BpttResult {
  const pass = backward(params, probeShape, lossFn);
  const { names, raw } = pass;
  const hiddenGradNorms = tf.sqrt(tf.sum(tf.square(pass.probeGrad), [2, 3])) as tf.Tensor2D;
  const squares = tf.stack(names.map((n) => tf.sum(tf.square(raw[n])))) as tf.Tensor1D;
  const gradNormBefore = tf.sqrt(tf.sum(squares)) as tf.Scalar;
  const clipped = clipGradients(raw, gradNormBefore, clip);
  return {
    loss: pass.loss,
    grads: clipped.grads,
    hiddenGradNorms,
    paramGradNorms: tf.sqrt(squares) as tf.Tensor1D,
    names,
    gradNormBefore,
    gradNormAfter: clipped.normAfter,
  };
}

/** The loss, each parameter's raw gradient, and ∂L/∂probes, (layers·dirs, T, B, H). */
export interface BackwardPass {
  loss: tf.Scalar;
  names: string[];
  raw: Record<string, tf.Tensor>;
  probeGrad: tf.Tensor;
}

/** The backward pass alone: what bptt and readGradients start from. */
export function backward(
  params: Record<string, tf.Tensor>,
  probeShape: ProbeShape,
  lossFn: (params: Record<string, tf.Tensor>, probes: tf.Tensor3D[]) => tf.Scalar,
): BackwardPass {
  const names = Object.keys(params);
  const { layerDirs, steps, batch, hidden } = probeShape;
  // One (layers·dirs, T, B, H) tensor, unstacked once per layer·dir (one op; a per-step unstack costs T slices
  // forward and T pads backward).
  const probeAll = tf.zeros([layerDirs, steps, batch, hidden]);
  const f = (...xs: tf.Tensor[]) => {
    const named: Record<string, tf.Tensor> = {};
    names.forEach((name, k) => (named[name] = xs[k]));
    return lossFn(named, unstack(xs[names.length], 0) as tf.Tensor3D[]) as tf.Scalar;
  };
  const { value, grads: gradList } = tf.valueAndGrads(f)([...names.map((n) => params[n]), probeAll]);
  const raw: Record<string, tf.Tensor> = {};
  names.forEach((name, k) => (raw[name] = gradList[k]));
  return { loss: value as tf.Scalar, names, raw, probeGrad: gradList[names.length] };
}

/** Σ v², in float64. */
function sumOfSquares(values: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k] * values[k];
  return sum;
}

/** bptt's numbers as plain arrays: the gradients after clipping, in `names` order, and the statistics. */
export interface GradientReadout {
  loss: number;
  names: string[];
  grads: Float32Array[];
  hiddenGradNorms: Float32Array;
  paramGradNorms: Float32Array;
  gradNormBefore: number;
  gradNormAfter: number;
}

/**
 * What bptt computes after the backward pass — ‖∂L/∂h_t‖, each parameter's norm, the global norm, clipping —
 * in JavaScript over the gradients read back, for backends whose tensors live in CPU memory anyway (there
 * each of those ~20 small ops costs more than its arithmetic: the plan's arrayOptimizer). Sums in float64; the
 * same definitions as bptt. The plan says how to read the tensors (views into WASM's memory, or copies).
 */
export function readGradients(pass: BackwardPass, probeShape: ProbeShape, clip: ClipConfig, plan: ExecutionPlan): GradientReadout {
  const { layerDirs, steps, batch, hidden } = probeShape;
  // views where the backend allows (readView); nothing here allocates a tensor, and the gradients handed on
  // (views too, when unclipped) are read by the optimizer before it allocates
  const probe = readView(pass.probeGrad, plan);
  const hiddenGradNorms = new Float32Array(layerDirs * steps);
  const block = batch * hidden;
  for (let r = 0; r < layerDirs * steps; r++) hiddenGradNorms[r] = Math.sqrt(sumOfSquares(probe.subarray(r * block, (r + 1) * block)));
  const raw = pass.names.map((name) => readView(pass.raw[name], plan));
  const squares = raw.map(sumOfSquares);
  const gradNormBefore = Math.sqrt(squares.reduce((a, b) => a + b, 0));
  let grads = raw;
  let gradNormAfter = gradNormBefore;
  if (clip.mode === 'norm') {
    const coef = Math.min(1, clip.threshold / (gradNormBefore + 1e-6));
    if (coef < 1) grads = raw.map((g) => g.map((v) => v * coef));
    gradNormAfter = gradNormBefore * coef;
  } else if (clip.mode === 'value') {
    const t = clip.threshold;
    grads = raw.map((g) => g.map((v) => (v > t ? t : v < -t ? -t : v)));
    gradNormAfter = Math.sqrt(grads.map(sumOfSquares).reduce((a, b) => a + b, 0));
  }
  return {
    loss: readView(pass.loss, plan)[0],
    names: pass.names,
    grads,
    hiddenGradNorms,
    paramGradNorms: Float32Array.from(squares, Math.sqrt),
    // float32, as every other number of a step is (and as bptt's are)
    gradNormBefore: Math.fround(gradNormBefore),
    gradNormAfter: Math.fround(gradNormAfter),
  };
}

/**
 * Clips gradients. By norm: g ← g · min(1, threshold / (‖g‖ + 1e−6)), as torch.nn.utils.clip_grad_norm_.
 * By value: each element into [−threshold, threshold], as clip_grad_value_.
 */
export function clipGradients(
  grads: Record<string, tf.Tensor>,
  globalNorm: tf.Scalar,
  clip: ClipConfig,
): { grads: Record<string, tf.Tensor>; normAfter: tf.Scalar } {
  if (clip.mode === 'off') return { grads, normAfter: globalNorm };
  const out: Record<string, tf.Tensor> = {};
  if (clip.mode === 'norm') {
    const coef = tf.minimum(1, tf.div(clip.threshold, tf.add(globalNorm, 1e-6)));
    for (const name in grads) out[name] = tf.mul(grads[name], coef);
    return { grads: out, normAfter: tf.mul(globalNorm, coef) as tf.Scalar };
  }
  for (const name in grads) out[name] = tf.clipByValue(grads[name], -clip.threshold, clip.threshold);
  return { grads: out, normAfter: globalNorm2(Object.values(out)) };
}

/** The global L2 norm of a list of tensors. */
export function globalNorm2(tensors: tf.Tensor[]): tf.Scalar {
  return tf.sqrt(tf.addN(tensors.map((t) => tf.sum(tf.square(t))))) as tf.Scalar;
}

/**
 * ‖∂L/∂h_t‖ of the top layer for L = Σ outputs (over batch and units; both directions' units together when
 * bidirectional), for each step t: the total derivative through all later steps. Returns a (T) tensor.
 */
export function topHiddenGradNorms(
  spec: RnnSpec,
  params: RnnTensors,
  x: tf.Tensor3D,
  opts: Pick<ForwardOptions, 'h0' | 'c0' | 'plan'>,
): tf.Tensor1D {
  const [batch, steps] = x.shape;
  const dirs = directions(spec);
  const layerDirs = spec.numLayers * dirs;
  const probeAll = tf.zeros([layerDirs, steps, batch, spec.hiddenSize]);
  const f = (probeTensor: tf.Tensor) =>
    tf.sum(rnnForward(spec, params, x, { ...opts, probes: unstack(probeTensor, 0) as tf.Tensor3D[] }).output) as tf.Scalar;
  const grad = tf.grad(f)(probeAll);
  const top = tf.slice(tf.reshape(grad, [layerDirs, steps, -1]), [layerDirs - dirs, 0, 0], [dirs, -1, -1]);
  return tf.sqrt(tf.sum(tf.square(top), [0, 2])) as tf.Tensor1D;
}

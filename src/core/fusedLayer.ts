/**
 * One recurrent layer (one direction) over all its steps, its input projection included, as a single custom op
 * with a hand-written backward pass, for the CPU and WASM backends and WebGL rendered in software.
 *
 * Why: at the sizes Unrolled trains (B·H·4H ≈ 10⁵ multiply-adds a step) tfjs's cost is the ~20 µs overhead of
 * every op and of recording it for autodiff, not arithmetic: the op-by-op cell (cells.ts) runs ~16 ops a step
 * forward and ~35 backward. Here the whole layer is one op forward and one backward; its arithmetic runs in
 * plain loops over Float32Arrays (fusedSteps.ts), the matrix products in WebAssembly SIMD
 * (kernels/wasm/matmul.wat) where the engine has it, else in JavaScript with 2 × 4 register blocking. The
 * equations are cells.ts's (PyTorch's), and tests check this op against it, against a float64 reference and
 * finite differences.
 *
 * On a GPU the data lives in its memory, where reading it back every layer would cost more than it saves:
 * there the op-by-op cell runs (the execution plan's fusedLayers, kernels/executionPlan.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { scratchPool as pool } from './kernels/arrayPool';
import { transposeInto } from './kernels/jsProducts';
import type { ExecutionPlan } from './kernels/executionPlan';
import { createMatrixKernels, inBlocks, type MatrixKernels } from './kernels/matrixKernels';
import { readView, slicePacked } from './kernels/tensorView';
import { recordsOf, stepsOf, totalHiddenGrad, type GradientBuffers, type LayerBuffers } from './fusedSteps';
import type { CellKind } from '../shared/spec';
import { gateCount } from '../shared/spec';

/** What the fused layer returns; tensors belong to the caller's tidy scope. */
export interface FusedLayerResult {
  /** Hidden states (B, T, H) in time order. */
  output: tf.Tensor3D;
  /** The last state the layer reached (t = T−1, or t = 0 for the backward direction), (B, H). */
  hN: tf.Tensor2D;
  cN?: tf.Tensor2D;
  /** Per recorded name (RECORDED_NAMES), one (T, B, H) tensor in time order; only when asked. */
  records?: Record<string, tf.Tensor3D>;
}

/** Inputs of one fused layer. */
export interface FusedLayerInputs {
  cell: CellKind;
  /** The layer's input (B, T, I). */
  x: tf.Tensor3D;
  /** W_ih (G·H, I), b_ih, W_hh (G·H, H), b_hh, PyTorch's layout. */
  wIh: tf.Tensor2D;
  bIh: tf.Tensor1D;
  wHh: tf.Tensor2D;
  bHh: tf.Tensor1D;
  h0: tf.Tensor2D;
  c0?: tf.Tensor2D;
  /** Zeros (T, B, H) added to each h_t; their gradient is ∂L/∂h_t. */
  probes?: tf.Tensor3D;
  /** Runs t = T−1 … 0 (the backward direction of a bidirectional layer). */
  reverse: boolean;
  record: boolean;
}

/** What the forward pass leaves for the backward pass. */
interface ForwardPass {
  layer: LayerBuffers;
  kernels: MatrixKernels;
  /** I, the layer's input width. */
  inputSize: number;
  /** [x | 1], (B·T, I + 1): the input with a column of ones, so that one product adds the bias. */
  inputWithBias: Float32Array;
  /** [W_ih | b], (G, I + 1): b_ih, plus b_hh except for GRU. */
  inputWeightsWithBias: Float32Array;
  /** A copy of W_hh (G, H). */
  recurrentWeights: Float32Array;
  /** Every pooled array above, given back once the backward pass is done with them. */
  scratch: Array<Float32Array | undefined>;
}

/**
 * Runs one layer over all steps as one op, the input projection x_t·W_ihᵀ + b_ih for all steps included (as
 * one product, before the recurrence). The op's single output is flat: the hidden states (B, T, H), then
 * the final h (B, H), then (LSTM) the final c (B, H), so that all three carry gradients; each part is a
 * contiguous slice (a strided one is an element-by-element copy on the CPU backend, forward and back).
 */
export function fusedRecurrentLayer(inputs: FusedLayerInputs, plan: ExecutionPlan): FusedLayerResult {
  const { cell, x, wIh, wHh, reverse } = inputs;
  // (| 0: sizes as small integers for the index arithmetic; see matMulTransposed)
  const B = x.shape[0] | 0;
  const T = x.shape[1] | 0;
  const I = x.shape[2] | 0;
  const G = wIh.shape[0] | 0;
  const H = wHh.shape[1] | 0;
  if (G !== gateCount(cell) * H || wIh.shape[1] !== I) throw new Error(`fused ${cell}: W_ih is ${wIh.shape}, not ${gateCount(cell) * H},${I}`);
  const BH = B * H;
  const BTH = B * T * H;
  const isLstm = cell === 'lstm';

  const tensors: tf.Tensor[] = [x, wIh, inputs.bIh, wHh, inputs.bHh, inputs.h0];
  if (isLstm) tensors.push(inputs.c0!);
  if (inputs.probes) tensors.push(inputs.probes);

  let packedOutput: Float32Array = new Float32Array(0);
  let recorded: Record<string, Float32Array> | undefined;
  // (the op reads its inputs from the closure; customGrad passes the same tensors)
  const op = tf.customGrad(() => {
    const pass = forwardPass(inputs, { B, T, I, G, H }, plan);
    packedOutput = pass.layer.packedOutput;
    if (inputs.record) recorded = recordsOf(cell, pass.layer, reverse);
    let undone = false;
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      // (the scratch arrays go back to the pool after it, so a second backward pass could read others' numbers)
      if (undone) throw new Error('fused layer: its backward pass ran twice');
      undone = true;
      return backwardPass(inputs, pass, dy, plan);
    };
    return { value: tf.tensor1d(packedOutput), gradFunc };
  });

  // The parts, from the values already in JavaScript: tfjs's slices would copy all of `packed` for each (WASM),
  // and their gradient is a pad the CPU backend computes element by element.
  const packed = op(...tensors) as tf.Tensor1D;
  const result: FusedLayerResult = {
    output: slicePacked(packed, packedOutput, 0, BTH, [B, T, H], plan) as tf.Tensor3D,
    hN: slicePacked(packed, packedOutput, BTH, BH, [B, H], plan) as tf.Tensor2D,
    cN: isLstm ? (slicePacked(packed, packedOutput, BTH + BH, BH, [B, H], plan) as tf.Tensor2D) : undefined,
  };
  if (recorded) result.records = Object.fromEntries(Object.entries(recorded).map(([name, values]) => [name, tf.tensor3d(values, [T, B, H])]));
  // (arrays that become tensors are pooled only where the tensors copy them)
  if (plan.reuseTensorArrays) pool.give(packedOutput);
  return result;
}

/** Sizes of one layer: B examples, T steps, I inputs, G = gates·H rows of W_ih and W_hh, H units. */
interface LayerSizes {
  B: number;
  T: number;
  I: number;
  G: number;
  H: number;
}

/** The projection of every step, then the recurrence step by step; allocates no tensor. */
function forwardPass(inputs: FusedLayerInputs, { B, T, I, G, H }: LayerSizes, plan: ExecutionPlan): ForwardPass {
  const { cell, record } = inputs;
  const isLstm = cell === 'lstm';
  const isGru = cell === 'gru';
  const isRnn = !isLstm && !isGru;
  const BT = B * T;
  const BH = B * H;
  // Views (no copies) where the backend allows, read before the op allocates any tensor; what the backward
  // pass needs is copied. (gruHiddenBias and probes stay views: only the forward steps read them.)
  const inputValues = readView(inputs.x, plan);
  const inputWeights = readView(inputs.wIh, plan);
  const inputBias = readView(inputs.bIh, plan);
  // GRU: b_hh sits inside r ⊙ (W_hn h + b_hn); the other cells add it to the projection
  const gruHiddenBias = isGru ? readView(inputs.bHh, plan) : undefined;
  const foldedHiddenBias = isGru ? undefined : readView(inputs.bHh, plan);
  // the projection as one product with the bias folded in: [x | 1] · [W_ih | b]ᵀ
  const width = I + 1;
  const inputWeightsWithBias = pool.take(G * width);
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < I; i++) inputWeightsWithBias[g * width + i] = inputWeights[g * I + i];
    inputWeightsWithBias[g * width + I] = foldedHiddenBias ? inputBias[g] + foldedHiddenBias[g] : inputBias[g];
  }
  const inputWithBias = pool.take(BT * width);
  for (let r = 0; r < BT; r++) {
    for (let i = 0; i < I; i++) inputWithBias[r * width + i] = inputValues[r * I + i];
    inputWithBias[r * width + I] = 1;
  }
  const recurrentWeights = pool.take(G * H);
  recurrentWeights.set(readView(inputs.wHh, plan));
  const probes = inputs.probes ? readView(inputs.probes, plan) : undefined;
  const kernels = createMatrixKernels(plan);
  // x_t·W_ihᵀ + b_ih (+ b_hh except for GRU) for every step, (B, T, G)
  const projectedInput = pool.take(BT * G);
  kernels.load(inputWeightsWithBias, G, width);
  inBlocks(BT, plan.productBlockRows, (r, n) => kernels.multiply(inputWithBias.subarray(r * width, (r + n) * width), n, projectedInput.subarray(r * G, (r + n) * G)));
  const hiddenStates = pool.take((T + 1) * BH);
  hiddenStates.set(readView(inputs.h0, plan), 0);
  const cellStates = isLstm ? pool.take((T + 1) * BH) : undefined;
  if (cellStates) cellStates.set(readView(inputs.c0!, plan), 0);
  kernels.load(recurrentWeights, G, H);
  // (the op's value: pooled only where the tensor copies it, and then given back after the parts are made)
  const outputLength = B * T * H + (isLstm ? 2 : 1) * BH;
  const layer: LayerBuffers = {
    ...{ B, T, H, G, projectedInput, hiddenStates, cellStates, gruHiddenBias, probes, record, relu: cell === 'rnn-relu' },
    hiddenProjection: pool.take(B * G),
    gateActivations: isRnn && !record ? new Float32Array(0) : pool.take(T * B * G),
    gruHiddenN: isGru ? pool.take(T * BH) : undefined,
    activatedOutput: isRnn ? pool.take(T * BH) : undefined,
    tanhCell: isLstm ? pool.take(T * BH) : undefined,
    packedOutput: plan.reuseTensorArrays ? pool.take(outputLength) : new Float32Array(outputLength),
    activate: (values, sigmoid) => kernels.activate(values, sigmoid),
    sigmoidInputs: pool.take(isLstm ? 3 * BH : isGru ? 2 * BH : 0),
    tanhInputs: pool.take(isLstm || isGru ? BH : 0),
  };
  const { forward } = stepsOf(cell);
  for (let k = 0; k < T; k++) {
    kernels.multiply(hiddenStates.subarray(k * BH, (k + 1) * BH), B, layer.hiddenProjection);
    forward(layer, k, inputs.reverse ? T - 1 - k : k);
  }
  // the final h and (LSTM) c after the outputs
  layer.packedOutput.set(hiddenStates.subarray(T * BH), B * T * H);
  if (cellStates) layer.packedOutput.set(cellStates.subarray(T * BH), B * T * H + BH);
  const { gateActivations, gruHiddenN, activatedOutput, tanhCell, hiddenProjection, sigmoidInputs, tanhInputs } = layer;
  return {
    layer,
    kernels,
    inputSize: I,
    inputWithBias,
    inputWeightsWithBias,
    recurrentWeights,
    scratch: [inputWeightsWithBias, inputWithBias, projectedInput, recurrentWeights, hiddenStates, cellStates, gateActivations, gruHiddenN, activatedOutput, tanhCell, hiddenProjection, sigmoidInputs, tanhInputs],
  };
}

/**
 * The gradients of every input of the op (in fusedRecurrentLayer's order: x, W_ih, b_ih, W_hh, b_hh, h0, then
 * c0 and the probes where given), from dy = ∂L/∂(the packed output). Steps are undone in reverse processing
 * order; the products over all steps run in blocks (see inBlocks).
 */
function backwardPass(inputs: FusedLayerInputs, pass: ForwardPass, dy: tf.Tensor, plan: ExecutionPlan): tf.Tensor[] {
  const { layer, kernels, inputSize: I, inputWithBias, inputWeightsWithBias, recurrentWeights } = pass;
  const { B, T, H, G, hiddenStates } = layer;
  const isLstm = inputs.cell === 'lstm';
  const isGru = inputs.cell === 'gru';
  const BH = B * H;
  const BT = B * T;
  const BTH = BT * H;
  const width = I + 1;
  const outputGrad = readView(dy, plan); // (read through before the gradients' tensors are allocated, at the end)
  const recurrentWeightsT = pool.take(G * H);
  transposeInto(recurrentWeights, G, H, recurrentWeightsT);
  // the gradients become tensors: pooled arrays only where those copy them
  const output = (length: number) => (plan.reuseTensorArrays ? pool.take(length) : new Float32Array(length));
  const projectedInputGrad = pool.take(BT * G);
  const recurrentPreActivationGrads = pool.take(T * B * G); // in processing order, for ∂L/∂W_hh
  const recurrentWeightsGrad = new Float32Array(G * H);
  // ∂L/∂W_hh = Σ_t dPre_tᵀ · h_{t−1}, one product per block of steps [k, blockEnd) (processing order)
  const blockSteps = Math.max(1, Math.floor(plan.productBlockRows / B));
  let blockEnd = T;
  const addWeightGrad = (k: number) => {
    const rows = (blockEnd - k) * B;
    kernels.addTransposedProduct(recurrentPreActivationGrads.subarray(k * B * G, blockEnd * B * G), hiddenStates.subarray(k * BH, blockEnd * BH), rows, G, H, recurrentWeightsGrad);
    blockEnd = k;
  };
  kernels.load(recurrentWeightsT, H, G);
  const gruHiddenBiasGrad = isGru ? new Float32Array(G) : undefined;
  // ∂L/∂h and ∂L/∂c flowing into the step being undone and out of it; two buffers each, swapped every step
  const grads: GradientBuffers = {
    outputGrad,
    hiddenGradFromLater: outputGrad.slice(BTH, BTH + BH),
    hiddenGrad: new Float64Array(BH),
    hiddenGradToEarlier: new Float32Array(BH),
    cellGradFromLater: isLstm ? outputGrad.slice(BTH + BH, BTH + 2 * BH) : undefined,
    cellGradToEarlier: isLstm ? new Float32Array(BH) : undefined,
    recurrentPreActivationGrad: recurrentPreActivationGrads.subarray(0, B * G),
    projectedInputGrad,
    probeGrads: layer.probes ? output(T * BH) : undefined,
  };
  const { backward } = stepsOf(inputs.cell);
  for (let k = T - 1; k >= 0; k--) {
    const t = inputs.reverse ? T - 1 - k : k;
    const stepGrad = recurrentPreActivationGrads.subarray(k * B * G, (k + 1) * B * G);
    grads.recurrentPreActivationGrad = stepGrad;
    totalHiddenGrad(layer, grads, t);
    backward(layer, grads, k, t);
    if (gruHiddenBiasGrad) for (let b = 0; b < B; b++) for (let j = 0; j < G; j++) gruHiddenBiasGrad[j] += stepGrad[b * G + j];
    // ∂L/∂h_{t−1} = dPre · W_hh (+ the GRU's direct path z ⊙ ∂L/∂h_t, set by its step)
    kernels.multiply(stepGrad, B, grads.hiddenGradToEarlier, isGru);
    if (blockEnd - k === blockSteps || k === 0) addWeightGrad(k);
    [grads.hiddenGradFromLater, grads.hiddenGradToEarlier] = [grads.hiddenGradToEarlier, grads.hiddenGradFromLater];
    [grads.cellGradFromLater, grads.cellGradToEarlier] = [grads.cellGradToEarlier, grads.cellGradFromLater];
  }
  // the projection's: [∂W_ih | ∂b] = ∂(projected)ᵀ · [x | 1]; ∂x = ∂(projected) · W_ih, as ∂(projected) · (W_ihᵀ)ᵀ
  const inputWeightsWithBiasGrad = new Float32Array(G * width);
  inBlocks(BT, plan.productBlockRows, (r, n) =>
    kernels.addTransposedProduct(projectedInputGrad.subarray(r * G, (r + n) * G), inputWithBias.subarray(r * width, (r + n) * width), n, G, width, inputWeightsWithBiasGrad),
  );
  const inputWeightsGrad = new Float32Array(G * I);
  const inputBiasGrad = new Float32Array(G);
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < I; i++) inputWeightsGrad[g * I + i] = inputWeightsWithBiasGrad[g * width + i];
    inputBiasGrad[g] = inputWeightsWithBiasGrad[g * width + I];
  }
  const inputWeightsT = pool.take(I * G);
  for (let g = 0; g < G; g++) for (let i = 0; i < I; i++) inputWeightsT[i * G + g] = inputWeightsWithBias[g * width + i];
  const inputGrad = output(BT * I);
  kernels.load(inputWeightsT, I, G);
  inBlocks(BT, plan.productBlockRows, (r, n) => kernels.multiply(projectedInputGrad.subarray(r * G, (r + n) * G), n, inputGrad.subarray(r * I, (r + n) * I)));
  const gradients: tf.Tensor[] = [
    tf.tensor3d(inputGrad, [B, T, I]),
    tf.tensor2d(inputWeightsGrad, [G, I]),
    tf.tensor1d(inputBiasGrad),
    tf.tensor2d(recurrentWeightsGrad, [G, H]),
    // b_hh: inside the GRU's n, its own; elsewhere added to b_ih, the same
    tf.tensor1d(isGru ? gruHiddenBiasGrad! : inputBiasGrad.slice()),
    // after the last swap, "from later" holds ∂L/∂h0 (and ∂L/∂c0)
    tf.tensor2d(grads.hiddenGradFromLater, [B, H]),
  ];
  if (isLstm) gradients.push(tf.tensor2d(grads.cellGradFromLater!, [B, H]));
  if (grads.probeGrads) gradients.push(tf.tensor3d(grads.probeGrads, [T, B, H]));
  pool.give(...pass.scratch, recurrentWeightsT, inputWeightsT, recurrentPreActivationGrads, projectedInputGrad);
  if (plan.reuseTensorArrays) pool.give(inputGrad, grads.probeGrads);
  return gradients;
}

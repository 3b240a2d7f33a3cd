/**
 * One recurrent layer (one direction) over all its steps, its input projection included, as a single custom op
 * with a hand-written backward pass, for the CPU and WASM backends and WebGL rendered in software.
 *
 * Why: at the sizes Unrolled trains (B·H·4H ≈ 10⁵ multiply-adds a step) tfjs's cost is the ~20 µs overhead of
 * every op and of recording it for autodiff, not arithmetic: the op-by-op cell (cells.ts) runs ~16 ops a step
 * forward and ~35 backward. Here the whole layer is one op forward and one backward; its arithmetic runs in
 * plain loops over Float32Arrays, the matrix products in WebAssembly SIMD (wasm/matmul.wat) where the engine
 * has it, else in JavaScript with 2 × 4 register blocking. The equations are cells.ts's (PyTorch's), and
 * tests check this op against it, against a float64 reference and finite differences.
 *
 * On a GPU the data lives in its memory, where reading it back every layer would cost more than it saves:
 * there the op-by-op cell runs (see fusedRecurrenceActive in network.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { sigmoid, tanh } from './activations';
import { scratchPool } from './arrayPool';
import { readView, slicePacked, tensorsCopyTheirValues } from './tensorView';
import type { CellKind } from '../shared/spec';
import { RECORDED_NAMES, gateCount } from '../shared/spec';
import { createSimdMatMul } from './wasm/simdMatMul';

const simd = createSimdMatMul();
/** Scratch arrays reused from one training step to the next. */
const pool = scratchPool;
let simdEnabled = simd !== undefined;

/** Whether the fused layer multiplies in WebAssembly SIMD (the default where available) or in JavaScript; returns the choice in force. */
export function setSimdMatMul(enabled: boolean): boolean {
  simdEnabled = enabled && simd !== undefined;
  return simdEnabled;
}

/** Products A · Mᵀ against one loaded M (the same W_hh at every step is copied to the SIMD module once). */
interface Product {
  /** Loads M (p × n) for the products that follow. */
  load(mat: Float32Array, p: number, n: number): void;
  /** out (m × p) = A (m × n) · Mᵀ, or out += A · Mᵀ with `add`. */
  multiply(a: Float32Array, m: number, out: Float32Array, add?: boolean): void;
  /** out (p × n) += Aᵀ · C for A (rows × p) and C (rows × n); M stays loaded. */
  addTransposedProduct(a: Float32Array, c: Float32Array, rows: number, p: number, n: number, out: Float32Array): void;
  /** tanh, or σ with `sigmoid`, of every value in place (SIMD: in float32, within 4·10⁻⁷); M stays loaded. */
  activate(values: Float32Array, sigmoid: boolean): void;
}

/**
 * A product in WebAssembly SIMD where it runs, else in JavaScript. Should the module's memory fail to grow (a
 * RangeError, before it writes anything), this product and all later ones go on in JavaScript.
 */
function makeProduct(): Product {
  let mat: Float32Array = new Float32Array(0);
  let p = 0;
  let n = 0;
  let useSimd = simdEnabled;
  const fallBack = (error: unknown) => {
    if (!(error instanceof RangeError)) throw error;
    useSimd = false;
    simdEnabled = false;
  };
  return {
    load(matrix, rows, cols) {
      mat = matrix;
      p = rows;
      n = cols;
      if (useSimd) {
        try {
          simd!.load(mat, p, n);
        } catch (error) {
          fallBack(error);
        }
      }
    },
    multiply(a, m, out, add = false) {
      if (useSimd) {
        try {
          simd!.multiply(a, m, out, add);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      matMulTransposed(a, m, n, mat, p, out, add);
    },
    addTransposedProduct(a, c, rows, p, n, out) {
      if (useSimd) {
        try {
          simd!.addTransposedProduct(a, c, rows, p, n, out);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      addTransposedProduct(a, c, rows, p, n, out);
    },
    activate(values, useSigmoid) {
      if (useSimd) {
        try {
          simd!.activate(values, useSigmoid);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      const f = useSigmoid ? sigmoid : tanh;
      for (let i = 0; i < values.length; i++) values[i] = f(values[i]);
    },
  };
}

/**
 * Rows (steps × examples) per block of the products over all steps (the input projection, its gradients and
 * ∂L/∂W_hh): bounds the memory the SIMD module grows to at long T and big B.
 */
let blockRows = 4096;

/** Sets the block size of the all-steps products (tests use tiny blocks to cover the block boundaries). */
export function setProductBlockRows(rows: number): void {
  blockRows = Math.max(1, rows);
}

/** Runs `f(start, count)` over rows [0, rows) in blocks of at most blockRows. */
function inBlocks(rows: number, f: (start: number, count: number) => void): void {
  for (let start = 0; start < rows; start += blockRows) f(start, Math.min(blockRows, rows - start));
}

/**
 * out (m × p) = A (m × n) · Mᵀ for M (p × n): out[i][j] = Σₖ A[i][k] M[j][k], rows contiguous. With `add`,
 * the product is added to out. Two rows of A against four of M at a time (eight sums in registers).
 */
export function matMulTransposed(a: Float32Array, m: number, n: number, mat: Float32Array, p: number, out: Float32Array, add = false): void {
  // Sizes as small integers: a size that reaches here as a double (tfjs shapes can) makes every index
  // computation a float conversion, and the loops twice as slow.
  m |= 0;
  n |= 0;
  p |= 0;
  const m2 = m - (m % 2);
  const p4 = p - (p % 4);
  for (let i = 0; i < m2; i += 2) {
    const a0 = i * n;
    const a1 = a0 + n;
    const o0 = i * p;
    const o1 = o0 + p;
    for (let j = 0; j < p4; j += 4) {
      const w0 = j * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < n; k++) {
        const x0 = a[a0 + k];
        const x1 = a[a1 + k];
        const v0 = mat[w0 + k];
        const v1 = mat[w1 + k];
        const v2 = mat[w2 + k];
        const v3 = mat[w3 + k];
        s00 += x0 * v0; s01 += x0 * v1; s02 += x0 * v2; s03 += x0 * v3;
        s10 += x1 * v0; s11 += x1 * v1; s12 += x1 * v2; s13 += x1 * v3;
      }
      if (add) {
        out[o0 + j] += s00; out[o0 + j + 1] += s01; out[o0 + j + 2] += s02; out[o0 + j + 3] += s03;
        out[o1 + j] += s10; out[o1 + j + 1] += s11; out[o1 + j + 2] += s12; out[o1 + j + 3] += s13;
      } else {
        out[o0 + j] = s00; out[o0 + j + 1] = s01; out[o0 + j + 2] = s02; out[o0 + j + 3] = s03;
        out[o1 + j] = s10; out[o1 + j + 1] = s11; out[o1 + j + 2] = s12; out[o1 + j + 3] = s13;
      }
    }
    for (let j = p4; j < p; j++) {
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < n; k++) {
        s0 += a[a0 + k] * mat[j * n + k];
        s1 += a[a1 + k] * mat[j * n + k];
      }
      out[o0 + j] = (add ? out[o0 + j] : 0) + s0;
      out[o1 + j] = (add ? out[o1 + j] : 0) + s1;
    }
  }
  for (let i = m2; i < m; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * mat[j * n + k];
      out[i * p + j] = (add ? out[i * p + j] : 0) + s;
    }
  }
}

/** out (p × n) += Aᵀ · C for A (rows × p) and C (rows × n): one outer product per row, rows contiguous. */
export function addTransposedProduct(a: Float32Array, c: Float32Array, rows: number, p: number, n: number, out: Float32Array): void {
  rows |= 0;
  p |= 0;
  n |= 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < p; j++) {
      const x = a[r * p + j];
      const o = j * n;
      const cr = r * n;
      for (let k = 0; k < n; k++) out[o + k] += x * c[cr + k];
    }
  }
}

/** The transpose of a rows × cols matrix, in an array from the pool. */
function transpose(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = pool.take(x.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c];
  return out;
}

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

/**
 * Runs one layer over all steps as one op, the input projection x_t·W_ihᵀ + b_ih for all steps included (as
 * one product, before the recurrence). The op's single output is flat: the hidden states (B, T, H), then
 * the final h (B, H), then (LSTM) the final c (B, H), so that all three carry gradients; each part is a
 * contiguous slice (a strided one is an element-by-element copy on the CPU backend, forward and back).
 */
export function fusedRecurrentLayer(inputs: FusedLayerInputs): FusedLayerResult {
  const { cell, x, wIh, wHh, reverse } = inputs;
  // (| 0: sizes as small integers for the index arithmetic below; see matMulTransposed)
  const B = x.shape[0] | 0;
  const T = x.shape[1] | 0;
  const I = x.shape[2] | 0;
  const G = wIh.shape[0] | 0;
  const H = wHh.shape[1] | 0;
  const BT = B * T;
  // the projection as one product with the bias folded in: [x | 1] · [W_ih | b]ᵀ
  const Ia = I + 1;
  const isLstm = cell === 'lstm';
  const isGru = cell === 'gru';
  const isRelu = cell === 'rnn-relu';
  if (G !== gateCount(cell) * H || wIh.shape[1] !== I) throw new Error(`fused ${cell}: W_ih is ${wIh.shape}, not ${gateCount(cell) * H},${I}`);
  const BH = B * H;
  const BTH = B * T * H;
  const extra = isLstm ? 2 : 1;
  let recorded: Record<string, Float32Array> | undefined;

  const tensors: tf.Tensor[] = [x, wIh, inputs.bIh, wHh, inputs.bHh, inputs.h0];
  if (isLstm) tensors.push(inputs.c0!);
  if (inputs.probes) tensors.push(inputs.probes);

  // (arrays that become tensors are pooled only where the tensors copy them)
  const tensorsCopy = tensorsCopyTheirValues();
  // (the op reads its inputs from the closure; customGrad passes the same tensors)
  let outValues: Float32Array = new Float32Array(0);
  const op = tf.customGrad(() => {
    // views (no copies) where the backend allows, read before this op allocates any tensor; what the backward
    // pass needs is copied
    const xv = readView(x);
    const wIhv = readView(wIh);
    const bIhv = readView(inputs.bIh);
    // GRU: b_hh sits inside r ⊙ (W_hn h + b_hn); the other cells add it to the projection
    const bias = isGru ? readView(inputs.bHh) : undefined;
    const bHhFolded = isGru ? undefined : readView(inputs.bHh);
    const wa = pool.take(G * Ia);
    for (let g = 0; g < G; g++) {
      for (let i = 0; i < I; i++) wa[g * Ia + i] = wIhv[g * I + i];
      wa[g * Ia + I] = bHhFolded ? bIhv[g] + bHhFolded[g] : bIhv[g];
    }
    const xa = pool.take(BT * Ia);
    for (let r = 0; r < BT; r++) {
      for (let i = 0; i < I; i++) xa[r * Ia + i] = xv[r * I + i];
      xa[r * Ia + I] = 1;
    }
    const w = pool.take(G * H);
    w.set(readView(wHh));
    const probe = inputs.probes ? readView(inputs.probes) : undefined;
    const product = makeProduct();
    // x_t·W_ihᵀ + b_ih (+ b_hh except for GRU) for every step, (B, T, G)
    const xs = pool.take(BT * G);
    product.load(wa, G, Ia);
    inBlocks(BT, (r, n) => product.multiply(xa.subarray(r * Ia, (r + n) * Ia), n, xs.subarray(r * G, (r + n) * G)));
    // In processing order k (t = k forward, T−1−k backward): hPrev[k] is h_{k−1}, state[k] the activations.
    const hs = pool.take((T + 1) * BH);
    hs.set(readView(inputs.h0), 0);
    const cs = isLstm ? pool.take((T + 1) * BH) : undefined;
    if (cs) cs.set(readView(inputs.c0!), 0);
    // LSTM i f g o; GRU r z n; RNN the pre-activation a, which only the record needs (the backward pass reads h)
    const isRnn = !isLstm && !isGru;
    const acts = isRnn && !inputs.record ? new Float32Array(0) : pool.take(T * B * G);
    // GRU: W_hn h + b_hn; RNN: act(a), whose slope the backward pass needs (1 − h², or a > 0)
    const extraAct = isLstm ? undefined : pool.take(T * BH);
    const tanhC = isLstm ? pool.take(T * BH) : undefined;
    const hProj = pool.take(B * G);
    product.load(w, G, H);
    // (the op's value: pooled only where the tensor copies it, and then given back after the parts are made)
    const out = tensorsCopy ? pool.take(BTH + extra * BH) : new Float32Array(BTH + extra * BH);
    outValues = out;

    const state: ForwardState = {
      ...{ B, T, H, G, xs, hProj, hs, cs, acts, extraAct, tanhC, bias, probe, out, record: inputs.record, relu: isRelu },
      activate: (values, sigmoid) => product.activate(values, sigmoid),
      gates: pool.take(isLstm ? 3 * BH : isGru ? 2 * BH : 0),
      cell: pool.take(isLstm || isGru ? BH : 0),
    };
    // every array written above, each a whole array from the pool, back to it after the backward pass
    const scratch = [wa, xa, xs, w, hs, cs, acts, extraAct, tanhC, hProj, state.gates, state.cell];
    let undone = false;
    const forwardStep = isLstm ? lstmForwardStep : isGru ? gruForwardStep : rnnForwardStep;
    for (let k = 0; k < T; k++) {
      product.multiply(hs.subarray(k * BH, (k + 1) * BH), B, hProj);
      forwardStep(state, k, reverse ? T - 1 - k : k);
    }
    out.set(hs.subarray(T * BH), BTH);
    if (cs) out.set(cs.subarray(T * BH), BTH + BH);
    if (inputs.record) recorded = recordsOf(cell, B, T, H, G, reverse, hs, cs, acts);

    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      // (the scratch arrays go back to the pool below, so a second backward pass could read others' numbers)
      if (undone) throw new Error('fused layer: its backward pass ran twice');
      undone = true;
      const dyv = readView(dy); // (read through before the grads below are allocated)
      const wT = transpose(w, G, H);
      // the gradients become tensors: pooled arrays only where those copy them
      const output = (length: number) => (tensorsCopy ? pool.take(length) : new Float32Array(length));
      const dXs = pool.take(B * T * G); // ∂L/∂xs, the projection's gradient
      const dhProjAll = pool.take(T * B * G); // in processing order, for ∂L/∂W_hh
      const dW = new Float32Array(G * H);
      // ∂L/∂W_hh = Σ_t dhProj_tᵀ · h_{t−1}, one product per block of steps [k, blockEnd) (processing order)
      const blockSteps = Math.max(1, Math.floor(blockRows / B));
      let blockEnd = T;
      const addWeightGrad = (k: number) => {
        const rows = (blockEnd - k) * B;
        product.addTransposedProduct(dhProjAll.subarray(k * B * G, blockEnd * B * G), hs.subarray(k * BH, blockEnd * BH), rows, G, H, dW);
        blockEnd = k;
      };
      product.load(wT, H, G);
      const dProbe = probe ? output(T * BH) : undefined;
      const dBias = isGru ? new Float32Array(G) : undefined;
      // ∂L/∂h and ∂L/∂c flowing into the step being undone; two buffers each, swapped every step
      let dhNext = dyv.slice(BTH, BTH + BH);
      let dhPrev = new Float32Array(BH);
      let dcNext = isLstm ? dyv.slice(BTH + BH, BTH + 2 * BH) : undefined;
      let dcPrev = isLstm ? new Float32Array(BH) : undefined;
      const backwardStep = isLstm ? lstmBackwardStep : isGru ? gruBackwardStep : rnnBackwardStep;
      for (let k = T - 1; k >= 0; k--) {
        const t = reverse ? T - 1 - k : k;
        const dhProj = dhProjAll.subarray(k * B * G, (k + 1) * B * G);
        backwardStep(state, k, t, dyv, dhNext, dhPrev, dcNext, dcPrev, dhProj, dXs, dProbe);
        if (dBias) for (let b = 0; b < B; b++) for (let j = 0; j < G; j++) dBias[j] += dhProj[b * G + j];
        // ∂L/∂h_{t−1} = dhProj · W_hh (+ the GRU's direct path z ⊙ ∂L/∂h_t, set above)
        product.multiply(dhProj, B, dhPrev, isGru);
        if (blockEnd - k === blockSteps || k === 0) addWeightGrad(k);
        [dhNext, dhPrev] = [dhPrev, dhNext];
        [dcNext, dcPrev] = [dcPrev, dcNext];
      }
      // the projection's: [∂W_ih | ∂b] = ∂xsᵀ · [x | 1]; ∂x = ∂xs · W_ih, as (∂xs) · (W_ihᵀ)ᵀ
      const dWa = new Float32Array(G * Ia);
      inBlocks(BT, (r, n) => product.addTransposedProduct(dXs.subarray(r * G, (r + n) * G), xa.subarray(r * Ia, (r + n) * Ia), n, G, Ia, dWa));
      const dWih = new Float32Array(G * I);
      const dbIh = new Float32Array(G);
      for (let g = 0; g < G; g++) {
        for (let i = 0; i < I; i++) dWih[g * I + i] = dWa[g * Ia + i];
        dbIh[g] = dWa[g * Ia + I];
      }
      const wIhT = pool.take(I * G);
      for (let g = 0; g < G; g++) for (let i = 0; i < I; i++) wIhT[i * G + g] = wa[g * Ia + i];
      const dx = output(BT * I);
      product.load(wIhT, I, G);
      inBlocks(BT, (r, n) => product.multiply(dXs.subarray(r * G, (r + n) * G), n, dx.subarray(r * I, (r + n) * I)));
      const grads: tf.Tensor[] = [
        tf.tensor3d(dx, [B, T, I]),
        tf.tensor2d(dWih, [G, I]),
        tf.tensor1d(dbIh),
        tf.tensor2d(dW, [G, H]),
        // b_hh: inside the GRU's n, its own; elsewhere added to b_ih, the same
        tf.tensor1d(isGru ? dBias! : dbIh.slice()),
        tf.tensor2d(dhNext, [B, H]),
      ];
      if (isLstm) grads.push(tf.tensor2d(dcNext!, [B, H]));
      if (dProbe) grads.push(tf.tensor3d(dProbe, [T, B, H]));
      pool.give(...scratch, wT, wIhT, dhProjAll, dXs);
      if (tensorsCopy) pool.give(dx, dProbe);
      return grads;
    };
    return { value: tf.tensor1d(out), gradFunc };
  });

  // The parts, from the values already in JavaScript: tfjs's slices would copy all of `packed` for each (WASM),
  // and their gradient is a pad the CPU backend computes element by element.
  const packed = op(...tensors) as tf.Tensor1D;
  const result: FusedLayerResult = {
    output: slicePacked(packed, outValues, 0, BTH, [B, T, H]) as tf.Tensor3D,
    hN: slicePacked(packed, outValues, BTH, BH, [B, H]) as tf.Tensor2D,
    cN: isLstm ? (slicePacked(packed, outValues, BTH + BH, BH, [B, H]) as tf.Tensor2D) : undefined,
  };
  if (recorded) result.records = Object.fromEntries(Object.entries(recorded).map(([name, values]) => [name, tf.tensor3d(values, [T, B, H])]));
  if (tensorsCopy) pool.give(outValues);
  return result;
}

/** What a forward step reads and writes (fusedRecurrentLayer's arrays; see there), and its scratch arrays. */
interface ForwardState {
  B: number;
  T: number;
  H: number;
  G: number;
  xs: Float32Array;
  hProj: Float32Array;
  hs: Float32Array;
  cs: Float32Array | undefined;
  acts: Float32Array;
  extraAct: Float32Array | undefined;
  tanhC: Float32Array | undefined;
  bias: Float32Array | undefined;
  probe: Float32Array | undefined;
  out: Float32Array;
  record: boolean;
  /** The vanilla RNN's activation is ReLU (else tanh). */
  relu: boolean;
  /** tanh or σ of a whole array in place (Product.activate). */
  activate: (values: Float32Array, sigmoid: boolean) => void;
  /** Pre-activations gathered for `activate`: (B, 3H) and (B, H). */
  gates: Float32Array;
  cell: Float32Array;
}

// One step k (time t) of each cell, from hProj = h_{k−1}·W_hhᵀ. One function per cell (the vanilla RNN's tanh
// and ReLU share one), so that each inner loop is small and free of the other cells' branches. The pre-activations are gathered into
// contiguous arrays and activated whole (in WebAssembly SIMD where it runs): a tanh or σ per element costs more
// in a JavaScript loop than all the rest of the step.

function lstmForwardStep(s: ForwardState, k: number, t: number): void {
  const { B, T, H, G, xs, hProj, hs, acts, out, probe, gates, cell: tanhIn, activate } = s;
  const cs = s.cs!;
  const tanhC = s.tanhC!;
  const BH = B * H;
  const H3 = 3 * H;
  // i, f, o (σ) into gates (B, 3H); g (tanh) into tanhIn (B, H)
  for (let b = 0; b < B; b++) {
    const x = (b * T + t) * G;
    const pr = b * G;
    const q = b * H3;
    for (let u = 0; u < H; u++) {
      gates[q + u] = xs[x + u] + hProj[pr + u];
      gates[q + H + u] = xs[x + H + u] + hProj[pr + H + u];
      gates[q + 2 * H + u] = xs[x + 3 * H + u] + hProj[pr + 3 * H + u];
      tanhIn[b * H + u] = xs[x + 2 * H + u] + hProj[pr + 2 * H + u];
    }
  }
  activate(gates, true);
  activate(tanhIn, false);
  // c_t = f ⊙ c_{t−1} + i ⊙ g, then tanh(c_t) in place of g
  for (let b = 0; b < B; b++) {
    const a = (k * B + b) * G;
    const q = b * H3;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      const i = gates[q + u];
      const f = gates[q + H + u];
      const g = tanhIn[bu];
      const c = f * cs[k * BH + bu] + i * g;
      cs[(k + 1) * BH + bu] = c;
      acts[a + u] = i;
      acts[a + H + u] = f;
      acts[a + 2 * H + u] = g;
      acts[a + 3 * H + u] = gates[q + 2 * H + u];
      tanhIn[bu] = c;
    }
  }
  activate(tanhIn, false);
  tanhC.set(tanhIn, k * BH);
  for (let b = 0; b < B; b++) {
    const a = (k * B + b) * G;
    const o0 = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      let h = acts[a + 3 * H + u] * tanhIn[bu];
      if (probe) h += probe[t * BH + bu];
      hs[(k + 1) * BH + bu] = h;
      out[o0 + u] = h;
    }
  }
}

function gruForwardStep(s: ForwardState, k: number, t: number): void {
  const { B, T, H, G, xs, hProj, hs, acts, out, probe, gates, cell: nIn, activate } = s;
  const bias = s.bias!;
  const extraAct = s.extraAct!;
  const BH = B * H;
  const H2 = 2 * H;
  // r, z (σ) into gates (B, 2H)
  for (let b = 0; b < B; b++) {
    const x = (b * T + t) * G;
    const pr = b * G;
    for (let u = 0; u < H; u++) {
      gates[b * H2 + u] = xs[x + u] + hProj[pr + u] + bias[u];
      gates[b * H2 + H + u] = xs[x + H + u] + hProj[pr + H + u] + bias[H + u];
    }
  }
  activate(gates.subarray(0, B * H2), true);
  // n = tanh(x_n + r ⊙ (W_hn h + b_hn))
  for (let b = 0; b < B; b++) {
    const x = (b * T + t) * G;
    const pr = b * G;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      const hn = hProj[pr + 2 * H + u] + bias[2 * H + u];
      extraAct[k * BH + bu] = hn;
      nIn[bu] = xs[x + 2 * H + u] + gates[b * H2 + u] * hn;
    }
  }
  activate(nIn, false);
  for (let b = 0; b < B; b++) {
    const a = (k * B + b) * G;
    const o0 = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      const z = gates[b * H2 + H + u];
      const n = nIn[bu];
      acts[a + u] = gates[b * H2 + u];
      acts[a + H + u] = z;
      acts[a + 2 * H + u] = n;
      let h = n + z * (hs[k * BH + bu] - n);
      if (probe) h += probe[t * BH + bu];
      hs[(k + 1) * BH + bu] = h;
      out[o0 + u] = h;
    }
  }
}

/** The vanilla RNN, tanh or ReLU (G = H: hProj and a step's block of acts are (B, H) like h). */
function rnnForwardStep(s: ForwardState, k: number, t: number): void {
  const { B, T, H, xs, hProj, hs, acts, out, probe, record, relu, activate } = s;
  const extraAct = s.extraAct!;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const x = (b * T + t) * H;
    for (let u = 0; u < H; u++) hProj[b * H + u] += xs[x + u];
  }
  if (record) acts.set(hProj, k * BH);
  // (Math.max keeps NaN, so a divergence still shows)
  if (relu) for (let i = 0; i < BH; i++) hProj[i] = Math.max(0, hProj[i]);
  else activate(hProj, false);
  extraAct.set(hProj, k * BH);
  for (let b = 0; b < B; b++) {
    const o0 = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      let h = hProj[bu];
      if (probe) h += probe[t * BH + bu];
      hs[(k + 1) * BH + bu] = h;
      out[o0 + u] = h;
    }
  }
}

/**
 * Undoes step k (time t): from ∂L/∂h_t (the output's gradient dy plus dhNext from step t+1) and, LSTM, dcNext,
 * writes the pre-activation gradients to dhProj (for ∂L/∂h_{t−1} and ∂L/∂W_hh) and dXs, ∂L/∂h_t to dProbe, and
 * the parts of ∂L/∂h_{t−1} (GRU) and ∂L/∂c_{t−1} (LSTM) that bypass W_hh to dhPrev and dcPrev.
 */
type BackwardStep = (
  s: ForwardState,
  k: number,
  t: number,
  dy: Float32Array,
  dhNext: Float32Array,
  dhPrev: Float32Array,
  dcNext: Float32Array | undefined,
  dcPrev: Float32Array | undefined,
  dhProj: Float32Array,
  dXs: Float32Array,
  dProbe: Float32Array | undefined,
) => void;

const lstmBackwardStep: BackwardStep = (s, k, t, dy, dhNext, _dhPrev, dcNextOrNone, dcPrevOrNone, dhProj, dXs, dProbe) => {
  const { B, T, H, G, acts } = s;
  const cs = s.cs!;
  const tanhC = s.tanhC!;
  const dcNext = dcNextOrNone!;
  const dcPrev = dcPrevOrNone!;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const a = (k * B + b) * G;
    const x = (b * T + t) * G;
    const pr = b * G;
    const y0 = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      const dh = dy[y0 + u] + dhNext[bu];
      if (dProbe) dProbe[t * BH + bu] = dh;
      const i = acts[a + u], f = acts[a + H + u], g = acts[a + 2 * H + u], o = acts[a + 3 * H + u];
      const tc = tanhC[k * BH + bu];
      const dc = dcNext[bu] + dh * o * (1 - tc * tc);
      dcPrev[bu] = dc * f;
      const dI = dc * g * i * (1 - i);
      const dF = dc * cs[k * BH + bu] * f * (1 - f);
      const dG = dc * i * (1 - g * g);
      const dO = dh * tc * o * (1 - o);
      dXs[x + u] = dhProj[pr + u] = dI;
      dXs[x + H + u] = dhProj[pr + H + u] = dF;
      dXs[x + 2 * H + u] = dhProj[pr + 2 * H + u] = dG;
      dXs[x + 3 * H + u] = dhProj[pr + 3 * H + u] = dO;
    }
  }
};

const gruBackwardStep: BackwardStep = (s, k, t, dy, dhNext, dhPrev, _dcNext, _dcPrev, dhProj, dXs, dProbe) => {
  const { B, T, H, G, acts, hs } = s;
  const extraAct = s.extraAct!;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const a = (k * B + b) * G;
    const x = (b * T + t) * G;
    const pr = b * G;
    const y0 = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      const dh = dy[y0 + u] + dhNext[bu];
      if (dProbe) dProbe[t * BH + bu] = dh;
      const r = acts[a + u], z = acts[a + H + u], n = acts[a + 2 * H + u];
      const hn = extraAct[k * BH + bu];
      const dPreN = dh * (1 - z) * (1 - n * n);
      const dR = dPreN * hn * r * (1 - r);
      const dZ = dh * (hs[k * BH + bu] - n) * z * (1 - z);
      dXs[x + u] = dhProj[pr + u] = dR;
      dXs[x + H + u] = dhProj[pr + H + u] = dZ;
      dXs[x + 2 * H + u] = dPreN;
      dhProj[pr + 2 * H + u] = dPreN * r;
      dhPrev[bu] = dh * z;
    }
  }
};

const rnnBackwardStep: BackwardStep = (s, k, t, dy, dhNext, _dhPrev, _dcNext, _dcPrev, dhProj, dXs, dProbe) => {
  const { B, T, H, relu } = s;
  const extraAct = s.extraAct!;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const x = (b * T + t) * H;
    const pr = b * H;
    for (let u = 0; u < H; u++) {
      const bu = b * H + u;
      const dh = dy[x + u] + dhNext[bu];
      if (dProbe) dProbe[t * BH + bu] = dh;
      const y = extraAct[k * BH + bu];
      // the activation's slope from its output y: 1 − y² (tanh); 1 where y = max(0, a) > 0, that is a > 0 (ReLU)
      dXs[x + u] = dhProj[pr + u] = relu ? (y > 0 ? dh : 0) : dh * (1 - y * y);
    }
  }
};

/** The recorded gates and states, per name (T, B, H) in time order (see RECORDED_NAMES). */
function recordsOf(
  cell: CellKind,
  B: number,
  T: number,
  H: number,
  G: number,
  reverse: boolean,
  hs: Float32Array,
  cs: Float32Array | undefined,
  acts: Float32Array,
): Record<string, Float32Array> {
  const BH = B * H;
  const names = RECORDED_NAMES[cell];
  const out: Record<string, Float32Array> = Object.fromEntries(names.map((name) => [name, new Float32Array(T * BH)]));
  // gate blocks in acts, per cell: LSTM i f g o; GRU r z n; RNN a (the pre-activation)
  const blocks = names.filter((name) => name !== 'h' && name !== 'c');
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    for (let b = 0; b < B; b++) {
      blocks.forEach((name, j) => out[name].set(acts.subarray((k * B + b) * G + j * H, (k * B + b) * G + (j + 1) * H), t * BH + b * H));
    }
    out.h.set(hs.subarray((k + 1) * BH, (k + 2) * BH), t * BH);
    if (cs) out.c.set(cs.subarray((k + 1) * BH, (k + 2) * BH), t * BH);
  }
  return out;
}

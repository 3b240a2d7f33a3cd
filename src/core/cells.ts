/**
 * One time step of each recurrent cell, exactly as PyTorch computes it (gate order as in its weight rows).
 *
 * The input projection x_t·W_ihᵀ (+ biases) is computed for all steps at once by the network and passed in
 * as `xProj`, so one step costs a single matmul, h_{t−1}·W_hhᵀ, plus element-wise ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { linear } from './kernels/denseProducts';
import type { ExecutionPlan } from './kernels/executionPlan';
import type { CellKind } from '../shared/spec';

/** The recurrent state carried between steps: h, and for LSTM the cell state c. */
export interface CellState {
  h: tf.Tensor2D;
  c?: tf.Tensor2D;
}

/** Recurrent weights of one layer and direction. `bHh` is only needed by GRU (elsewhere it is folded into xProj). */
export interface RecurrentWeights {
  wHh: tf.Tensor2D;
  bHh?: tf.Tensor1D;
}

/** A step's new state and, when asked, the activations to record (name → (B, H)). */
export interface CellStepResult {
  state: CellState;
  gates?: Record<string, tf.Tensor2D>;
}

/**
 * Whether the cell wants b_hh folded into the hoisted input projection: true for LSTM and RNN, whose
 * pre-activation is W_ih x + b_ih + W_hh h + b_hh. GRU keeps b_hn inside r ⊙ (W_hn h + b_hn).
 */
export function foldsHiddenBias(cell: CellKind): boolean {
  return cell !== 'gru';
}

/** Advances one step: `xProj` is (B, G·H) = x_t W_ihᵀ + b_ih (+ b_hh where folded); the plan picks the product. */
export function cellStep(
  cell: CellKind,
  xProj: tf.Tensor2D,
  state: CellState,
  weights: RecurrentWeights,
  record: boolean,
  plan: Pick<ExecutionPlan, 'explicitTranspose'>,
): CellStepResult {
  const hProj = linear(state.h, weights.wHh, plan);
  switch (cell) {
    case 'rnn-tanh':
    case 'rnn-relu': {
      // h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)
      const pre = tf.add(xProj, hProj);
      const h = (cell === 'rnn-tanh' ? tf.tanh(pre) : tf.relu(pre)) as tf.Tensor2D;
      return { state: { h }, gates: record ? { a: pre as tf.Tensor2D, h } : undefined };
    }
    case 'lstm': {
      // i, f, o = σ(·); g = tanh(·); c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t)
      const [ip, fp, gp, op] = tf.split(tf.add(xProj, hProj), 4, 1) as tf.Tensor2D[];
      const i = tf.sigmoid(ip);
      const f = tf.sigmoid(fp);
      const g = tf.tanh(gp);
      const o = tf.sigmoid(op);
      if (!state.c) throw new Error('LSTM step needs a cell state');
      const c = tf.add(tf.mul(f, state.c), tf.mul(i, g)) as tf.Tensor2D;
      const h = tf.mul(o, tf.tanh(c)) as tf.Tensor2D;
      return { state: { h, c }, gates: record ? { i, f, g, o, c, h } : undefined };
    }
    case 'gru': {
      // r, z = σ(W_i· x + b_i· + W_h· h + b_h·); n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));
      // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, computed as n + z ⊙ (h_{t−1} − n)
      if (!weights.bHh) throw new Error('GRU step needs b_hh');
      const [xr, xz, xn] = tf.split(xProj, 3, 1) as tf.Tensor2D[];
      const [hr, hz, hn] = tf.split(tf.add(hProj, weights.bHh), 3, 1) as tf.Tensor2D[];
      const r = tf.sigmoid(tf.add(xr, hr)) as tf.Tensor2D;
      const z = tf.sigmoid(tf.add(xz, hz)) as tf.Tensor2D;
      const n = tf.tanh(tf.add(xn, tf.mul(r, hn))) as tf.Tensor2D;
      const h = tf.add(n, tf.mul(z, tf.sub(state.h, n))) as tf.Tensor2D;
      return { state: { h }, gates: record ? { r, z, n, h } : undefined };
    }
  }
}

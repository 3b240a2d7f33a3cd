/**
 * One step of the fused recurrent layer (fusedLayer.ts) per cell, forward and backward, over the layer's named
 * buffers. One function per cell (the vanilla RNN's tanh and ReLU share one), so that each inner loop is small
 * and free of the other cells' branches. The equations are cells.ts's (PyTorch's).
 *
 * Steps run in processing order k: t = k forward, t = T−1−k for the backward direction of a bidirectional layer.
 * Sizes: B examples, T steps, H units, G = gates·H rows of W_ih and W_hh; (B, T, G) is a row-major array.
 */
import type { CellKind } from '../shared/spec';
import { RECORDED_NAMES } from '../shared/spec';

/** The arrays a layer's forward pass fills and its backward pass reads. */
export interface LayerBuffers {
  B: number;
  T: number;
  H: number;
  G: number;
  /** x_t·W_ihᵀ + b_ih (+ b_hh, except for GRU) for every example and step, (B, T, G). */
  projectedInput: Float32Array;
  /** h_{k−1}·W_hhᵀ of the step being taken, (B, G); the vanilla RNN then turns it into h_k in place. */
  hiddenProjection: Float32Array;
  /** h0, then every step's h, in processing order: block k (B, H) is h_{k−1}, ((T + 1), B, H). */
  hiddenStates: Float32Array;
  /** LSTM: c0, then every step's c, likewise. */
  cellStates: Float32Array | undefined;
  /**
   * Each step's gate activations (B, G), in processing order: LSTM i f g o; GRU r z n; vanilla RNN the
   * pre-activation a, kept only when recording (its backward pass reads activatedOutput).
   */
  gateActivations: Float32Array;
  /** GRU: W_hn·h_{k−1} + b_hn per step, which r multiplies, (T, B, H). */
  gruHiddenN: Float32Array | undefined;
  /** Vanilla RNN: act(a) per step (h without its probe), whose slope the backward pass needs, (T, B, H). */
  activatedOutput: Float32Array | undefined;
  /** LSTM: tanh(c_t) per step, (T, B, H). */
  tanhCell: Float32Array | undefined;
  /** GRU: b_hh, which sits inside r ⊙ (W_hn h + b_hn) (the other cells fold it into projectedInput). */
  gruHiddenBias: Float32Array | undefined;
  /** Zeros added to each h_t, whose gradient is ∂L/∂h_t, (T, B, H) in time order. */
  probes: Float32Array | undefined;
  /** The op's value: the hidden states (B, T, H) in time order, then the final h (B, H), then (LSTM) the final c. */
  packedOutput: Float32Array;
  /** Whether the gates are recorded (the vanilla RNN then keeps its pre-activations). */
  record: boolean;
  /** The vanilla RNN's activation is ReLU (else tanh). */
  relu: boolean;
  /** tanh or σ of a whole array in place (MatrixKernels.activate). */
  activate: (values: Float32Array, sigmoid: boolean) => void;
  /** Pre-activations gathered for one σ call: LSTM i f o (B, 3H); GRU r z (B, 2H). */
  sigmoidInputs: Float32Array;
  /** Pre-activations gathered for one tanh call: LSTM g, then c_t (B, H); GRU n (B, H). */
  tanhInputs: Float32Array;
}

/** The gradients a backward step reads and writes (see BackwardStep). */
export interface GradientBuffers {
  /** ∂L/∂(the op's value): the outputs (B, T, H), then the final h and (LSTM) c. */
  outputGrad: Float32Array;
  /** ∂L/∂h_t through the later steps (the step undone before this one), (B, H). */
  hiddenGradFromLater: Float32Array;
  /** ∂L/∂h_t in full (see totalHiddenGrad), (B, H); float64, as the sum it holds was before it was shared. */
  hiddenGrad: Float64Array;
  /** GRU: the part of ∂L/∂h_{t−1} that bypasses W_hh, z ⊙ ∂L/∂h_t, (B, H). */
  hiddenGradToEarlier: Float32Array;
  /** LSTM: ∂L/∂c_t through the later steps, (B, H). */
  cellGradFromLater: Float32Array | undefined;
  /** LSTM: ∂L/∂c_{t−1} = ∂L/∂c_t ⊙ f, (B, H). */
  cellGradToEarlier: Float32Array | undefined;
  /** This step's pre-activation gradients as W_hh sees them, (B, G): for ∂L/∂h_{t−1} and ∂L/∂W_hh. */
  recurrentPreActivationGrad: Float32Array;
  /** ∂L/∂projectedInput, (B, T, G). */
  projectedInputGrad: Float32Array;
  /** ∂L/∂h_t per step, (T, B, H) in time order, where the layer has probes. */
  probeGrads: Float32Array | undefined;
}

/** Step k (time t) forward, from hiddenProjection = h_{k−1}·W_hhᵀ. */
export type ForwardStep = (layer: LayerBuffers, k: number, t: number) => void;

/**
 * Undoes step k (time t): from ∂L/∂h_t (grads.hiddenGrad, see totalHiddenGrad) and, LSTM, cellGradFromLater,
 * writes the pre-activation gradients (for ∂L/∂h_{t−1}, ∂L/∂W_hh and ∂L/∂x) and the parts of ∂L/∂h_{t−1} (GRU) and ∂L/∂c_{t−1} (LSTM) that bypass W_hh.
 */
export type BackwardStep = (layer: LayerBuffers, grads: GradientBuffers, k: number, t: number) => void;

/** Gate blocks (in units of H) activated by one σ or tanh call: LSTM i f o and g; GRU r z. */
const LSTM_SIGMOID_BLOCKS = [0, 1, 3];
const LSTM_TANH_BLOCKS = [2];
const GRU_SIGMOID_BLOCKS = [0, 1];

/**
 * Gathers gate blocks' pre-activations at time t into one contiguous (B, blocks·H) array, so that a single
 * activate() call (SIMD where it runs) covers them: a tanh or σ per element costs more in a JavaScript loop than
 * all the rest of the step. into[b, j·H + u] = projectedInput[b, t, block_j·H + u] + hiddenProjection[b, block_j·H + u]
 * (+ bias[block_j·H + u]).
 */
function gatherPreActivations(layer: LayerBuffers, t: number, blocks: readonly number[], into: Float32Array, bias?: Float32Array): void {
  const { B, T, H, G, projectedInput, hiddenProjection } = layer;
  const width = blocks.length * H;
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < blocks.length; j++) {
      const gate = blocks[j] * H;
      const inputRow = (b * T + t) * G + gate;
      const projectionRow = b * G + gate;
      const to = b * width + j * H;
      if (bias) for (let u = 0; u < H; u++) into[to + u] = projectedInput[inputRow + u] + hiddenProjection[projectionRow + u] + bias[gate + u];
      else for (let u = 0; u < H; u++) into[to + u] = projectedInput[inputRow + u] + hiddenProjection[projectionRow + u];
    }
  }
}

/** Stores step k's h_t = hidden (B, H) plus its probe, as the state h_k and as output t. */
function storeHidden(layer: LayerBuffers, k: number, t: number, hidden: Float32Array): void {
  const { B, T, H, probes, hiddenStates, packedOutput } = layer;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const outputRow = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      let h = hidden[unit];
      if (probes) h += probes[t * BH + unit];
      hiddenStates[(k + 1) * BH + unit] = h;
      packedOutput[outputRow + u] = h;
    }
  }
}

/** LSTM: c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t). */
export const lstmForwardStep: ForwardStep = (layer, k, t) => {
  const { B, H, G, gateActivations, sigmoidInputs, tanhInputs, activate } = layer;
  const cellStates = layer.cellStates!;
  const BH = B * H;
  const H3 = 3 * H;
  // i, f, o (σ) into sigmoidInputs (B, 3H); g (tanh) into tanhInputs (B, H)
  gatherPreActivations(layer, t, LSTM_SIGMOID_BLOCKS, sigmoidInputs);
  gatherPreActivations(layer, t, LSTM_TANH_BLOCKS, tanhInputs);
  activate(sigmoidInputs, true);
  activate(tanhInputs, false);
  // c_t = f ⊙ c_{t−1} + i ⊙ g, then tanh(c_t) in place of g
  for (let b = 0; b < B; b++) {
    const gateRow = (k * B + b) * G;
    const sigmoidRow = b * H3;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const i = sigmoidInputs[sigmoidRow + u];
      const f = sigmoidInputs[sigmoidRow + H + u];
      const g = tanhInputs[unit];
      const c = f * cellStates[k * BH + unit] + i * g;
      cellStates[(k + 1) * BH + unit] = c;
      gateActivations[gateRow + u] = i;
      gateActivations[gateRow + H + u] = f;
      gateActivations[gateRow + 2 * H + u] = g;
      gateActivations[gateRow + 3 * H + u] = sigmoidInputs[sigmoidRow + 2 * H + u];
      tanhInputs[unit] = c;
    }
  }
  activate(tanhInputs, false);
  layer.tanhCell!.set(tanhInputs, k * BH);
  // h_t = o ⊙ tanh(c_t), in place of tanh(c_t)
  for (let b = 0; b < B; b++) {
    const gateRow = (k * B + b) * G;
    for (let u = 0; u < H; u++) tanhInputs[b * H + u] *= gateActivations[gateRow + 3 * H + u];
  }
  storeHidden(layer, k, t, tanhInputs);
};

/** GRU: n = tanh(x_n + r ⊙ (W_hn h + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. */
export const gruForwardStep: ForwardStep = (layer, k, t) => {
  const { B, T, H, G, projectedInput, hiddenProjection, hiddenStates, gateActivations, sigmoidInputs, tanhInputs, activate } = layer;
  const bias = layer.gruHiddenBias!;
  const gruHiddenN = layer.gruHiddenN!;
  const BH = B * H;
  const H2 = 2 * H;
  // r, z (σ) into sigmoidInputs (B, 2H)
  gatherPreActivations(layer, t, GRU_SIGMOID_BLOCKS, sigmoidInputs, bias);
  activate(sigmoidInputs.subarray(0, B * H2), true);
  // n = tanh(x_n + r ⊙ (W_hn h + b_hn))
  for (let b = 0; b < B; b++) {
    const inputRow = (b * T + t) * G;
    const projectionRow = b * G;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const hn = hiddenProjection[projectionRow + 2 * H + u] + bias[2 * H + u];
      gruHiddenN[k * BH + unit] = hn;
      tanhInputs[unit] = projectedInput[inputRow + 2 * H + u] + sigmoidInputs[b * H2 + u] * hn;
    }
  }
  activate(tanhInputs, false);
  for (let b = 0; b < B; b++) {
    const gateRow = (k * B + b) * G;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const z = sigmoidInputs[b * H2 + H + u];
      const n = tanhInputs[unit];
      gateActivations[gateRow + u] = sigmoidInputs[b * H2 + u];
      gateActivations[gateRow + H + u] = z;
      gateActivations[gateRow + 2 * H + u] = n;
      // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, in place of n
      tanhInputs[unit] = n + z * (hiddenStates[k * BH + unit] - n);
    }
  }
  storeHidden(layer, k, t, tanhInputs);
};

/** The vanilla RNN, h_t = act(a), a = x_t·W_ihᵀ + h_{t−1}·W_hhᵀ + b, tanh or ReLU (G = H: hiddenProjection is (B, H) like h). */
export const rnnForwardStep: ForwardStep = (layer, k, t) => {
  const { B, T, H, projectedInput, hiddenProjection, gateActivations, record, relu, activate } = layer;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const inputRow = (b * T + t) * H;
    for (let u = 0; u < H; u++) hiddenProjection[b * H + u] += projectedInput[inputRow + u];
  }
  if (record) gateActivations.set(hiddenProjection, k * BH);
  // (Math.max keeps NaN, so a divergence still shows)
  if (relu) for (let i = 0; i < BH; i++) hiddenProjection[i] = Math.max(0, hiddenProjection[i]);
  else activate(hiddenProjection, false);
  layer.activatedOutput!.set(hiddenProjection, k * BH);
  storeHidden(layer, k, t, hiddenProjection);
};

/**
 * ∂L/∂h_t = ∂L/∂output_t + ∂L/∂h_t through the later steps, into grads.hiddenGrad, and into probeGrads (the
 * gradient of the probe added to h_t is ∂L/∂h_t). The first part of undoing step k, whatever the cell.
 */
export function totalHiddenGrad(layer: LayerBuffers, grads: GradientBuffers, t: number): void {
  const { B, T, H } = layer;
  const { outputGrad, hiddenGradFromLater, hiddenGrad, probeGrads } = grads;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const outputRow = (b * T + t) * H;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const dh = outputGrad[outputRow + u] + hiddenGradFromLater[unit];
      hiddenGrad[unit] = dh;
      if (probeGrads) probeGrads[t * BH + unit] = dh;
    }
  }
}

/** LSTM: through h_t = o ⊙ tanh(c_t) and c_t = f ⊙ c_{t−1} + i ⊙ g. */
export const lstmBackwardStep: BackwardStep = (layer, grads, k, t) => {
  const { B, T, H, G, gateActivations } = layer;
  const cellStates = layer.cellStates!;
  const tanhCell = layer.tanhCell!;
  const { hiddenGrad, recurrentPreActivationGrad, projectedInputGrad } = grads;
  const cellGradFromLater = grads.cellGradFromLater!;
  const cellGradToEarlier = grads.cellGradToEarlier!;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const gateRow = (k * B + b) * G;
    const inputRow = (b * T + t) * G;
    const projectionRow = b * G;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const dh = hiddenGrad[unit];
      const i = gateActivations[gateRow + u], f = gateActivations[gateRow + H + u], g = gateActivations[gateRow + 2 * H + u], o = gateActivations[gateRow + 3 * H + u];
      const tc = tanhCell[k * BH + unit];
      // ∂L/∂c_t = (from later) + ∂L/∂h_t ⊙ o ⊙ (1 − tanh²c_t); then each gate's pre-activation through its slope
      const dc = cellGradFromLater[unit] + dh * o * (1 - tc * tc);
      cellGradToEarlier[unit] = dc * f;
      const dI = dc * g * i * (1 - i);
      const dF = dc * cellStates[k * BH + unit] * f * (1 - f);
      const dG = dc * i * (1 - g * g);
      const dO = dh * tc * o * (1 - o);
      projectedInputGrad[inputRow + u] = recurrentPreActivationGrad[projectionRow + u] = dI;
      projectedInputGrad[inputRow + H + u] = recurrentPreActivationGrad[projectionRow + H + u] = dF;
      projectedInputGrad[inputRow + 2 * H + u] = recurrentPreActivationGrad[projectionRow + 2 * H + u] = dG;
      projectedInputGrad[inputRow + 3 * H + u] = recurrentPreActivationGrad[projectionRow + 3 * H + u] = dO;
    }
  }
};

/** GRU: through h_t = (1 − z) ⊙ n + z ⊙ h_{t−1} and n = tanh(x_n + r ⊙ (W_hn h + b_hn)). */
export const gruBackwardStep: BackwardStep = (layer, grads, k, t) => {
  const { B, T, H, G, gateActivations, hiddenStates } = layer;
  const gruHiddenN = layer.gruHiddenN!;
  const { hiddenGrad, hiddenGradToEarlier, recurrentPreActivationGrad, projectedInputGrad } = grads;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const gateRow = (k * B + b) * G;
    const inputRow = (b * T + t) * G;
    const projectionRow = b * G;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const dh = hiddenGrad[unit];
      const r = gateActivations[gateRow + u], z = gateActivations[gateRow + H + u], n = gateActivations[gateRow + 2 * H + u];
      const hn = gruHiddenN[k * BH + unit];
      const dPreN = dh * (1 - z) * (1 - n * n);
      const dR = dPreN * hn * r * (1 - r);
      const dZ = dh * (hiddenStates[k * BH + unit] - n) * z * (1 - z);
      projectedInputGrad[inputRow + u] = recurrentPreActivationGrad[projectionRow + u] = dR;
      projectedInputGrad[inputRow + H + u] = recurrentPreActivationGrad[projectionRow + H + u] = dZ;
      // n's pre-activation: x_n directly, W_hn h + b_hn through r
      projectedInputGrad[inputRow + 2 * H + u] = dPreN;
      recurrentPreActivationGrad[projectionRow + 2 * H + u] = dPreN * r;
      hiddenGradToEarlier[unit] = dh * z;
    }
  }
};

/** The vanilla RNN: through h_t = act(a). */
export const rnnBackwardStep: BackwardStep = (layer, grads, k, t) => {
  const { B, T, H, relu } = layer;
  const activatedOutput = layer.activatedOutput!;
  const { hiddenGrad, recurrentPreActivationGrad, projectedInputGrad } = grads;
  const BH = B * H;
  for (let b = 0; b < B; b++) {
    const inputRow = (b * T + t) * H;
    const projectionRow = b * H;
    for (let u = 0; u < H; u++) {
      const unit = b * H + u;
      const dh = hiddenGrad[unit];
      const y = activatedOutput[k * BH + unit];
      // the activation's slope from its output y: 1 − y² (tanh); 1 where y = max(0, a) > 0, that is a > 0 (ReLU)
      projectedInputGrad[inputRow + u] = recurrentPreActivationGrad[projectionRow + u] = relu ? (y > 0 ? dh : 0) : dh * (1 - y * y);
    }
  }
};

/** Each cell's forward and backward step. */
export function stepsOf(cell: CellKind): { forward: ForwardStep; backward: BackwardStep } {
  if (cell === 'lstm') return { forward: lstmForwardStep, backward: lstmBackwardStep };
  if (cell === 'gru') return { forward: gruForwardStep, backward: gruBackwardStep };
  return { forward: rnnForwardStep, backward: rnnBackwardStep };
}

/** The recorded gates and states, per name (T, B, H) in time order (see RECORDED_NAMES). */
export function recordsOf(cell: CellKind, layer: LayerBuffers, reverse: boolean): Record<string, Float32Array> {
  const { B, T, H, G, hiddenStates, cellStates, gateActivations } = layer;
  const BH = B * H;
  const names = RECORDED_NAMES[cell];
  const out: Record<string, Float32Array> = Object.fromEntries(names.map((name) => [name, new Float32Array(T * BH)]));
  // gate blocks in gateActivations, per cell: LSTM i f g o; GRU r z n; RNN a (the pre-activation)
  const blocks = names.filter((name) => name !== 'h' && name !== 'c');
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    for (let b = 0; b < B; b++) {
      const gateRow = (k * B + b) * G;
      blocks.forEach((name, j) => out[name].set(gateActivations.subarray(gateRow + j * H, gateRow + (j + 1) * H), t * BH + b * H));
    }
    out.h.set(hiddenStates.subarray((k + 1) * BH, (k + 2) * BH), t * BH);
    if (cellStates) out.c.set(cellStates.subarray((k + 1) * BH, (k + 2) * BH), t * BH);
  }
  return out;
}

/**
 * Connectivity: how much the output at step t depends on the input at step k, ‖∂ŷ_t/∂x_k‖ (Distill's
 * "memorization in RNNs" connectivity, here for the model being trained). ŷ_t is one number per output step,
 * the one the prediction hinges on (outputScoreGradient): the value itself for a forecast, P(positive) for
 * sentiment, the predicted class's logit (centred) for a classifier. For token inputs x_k is the embedded vector.
 *
 * Computed by reverse mode in plain float64 arrays from what a forward pass recorded (the gates and states of
 * every layer), one backward pass per output step: the score's gradient enters the top layer at step t and is
 * carried back through every step and layer (stepBackward) down to the inputs. For an encoder–decoder it goes
 * back through the decoder to its initial state, the encoder's final state, and on through the encoder
 * (encoderDecoderConnectivity). No tfjs, so the worker calls it on its records and the tests check it against
 * finite differences of the float64 reference.
 *
 * Cost: per output step, about (steps back) × layers × G·H·(H + I) multiply-adds — for a 32-unit LSTM over 40
 * steps ~0.3 M, for character generation's 128-unit GRU over 128 steps and 128 outputs ~1.5 G: the worker
 * computes it every k-th frame when it costs more than a tenth of a training step (worker/deeperReadings.ts).
 */
import { stateSize, stepRecordsOf, type StepRecord } from './jacobian';
import { gateCount, type CellKind } from '../shared/spec';

/** One layer and direction's weights, as PyTorch stores them (row-major, gate blocks in PyTorch's order). */
export interface LayerWeights {
  /** Features the layer reads per step (the input size for layer 0, H·dirs above). */
  inputSize: number;
  /** W_ih, (G·H) × inputSize. */
  wIh: ArrayLike<number>;
  /** W_hh, (G·H) × H. */
  wHh: ArrayLike<number>;
  /** b_hh, G·H: read by the GRU only (r ⊙ (W_hn h + b_hn)). */
  bHh?: ArrayLike<number>;
}

/** A recurrent stack: its shape and its layers' weights in layer·dirs + direction order. */
export interface StackWeights {
  cell: CellKind;
  hidden: number;
  numLayers: number;
  bidirectional: boolean;
  layers: LayerWeights[];
}

/** One layer·direction's records of one example: each recorded name (RECORDED_NAMES) → T × H values in time order. */
export type LayerRecords = Record<string, ArrayLike<number>>;

/** Where an output step's score enters the top layer: ∂score/∂(top layer's output at `step`), length H·dirs. */
export interface OutputAdjoint {
  step: number;
  grad: ArrayLike<number>;
}

/** yᵀ += vᵀ W for a row-major W (rows × cols) read from row `rowStart`: y[c] += Σ_r v[r] W[rowStart + r][c]. */
function addTransposeTimes(y: Float64Array, w: ArrayLike<number>, rowStart: number, v: ArrayLike<number>, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const scale = v[r];
    if (scale === 0) continue;
    const base = (rowStart + r) * cols;
    for (let c = 0; c < cols; c++) y[c] += scale * w[base + c];
  }
}

/**
 * Back through one step of one layer: from g = ∂score/∂s_t (s = h, or [h; c] for an LSTM) to the score's
 * gradient with respect to the step's input x_t and its previous state s_{t−1}. The derivatives are the ones
 * jacobian.ts writes out as matrices (∂s_t/∂s_{t−1} there), taken here as vector–Jacobian products.
 */
export function stepBackward(cell: CellKind, hidden: number, layer: LayerWeights, step: StepRecord, g: ArrayLike<number>): { dInput: Float64Array; dPrev: Float64Array } {
  const H = hidden;
  const blocks = gateCount(cell);
  // ∂score/∂(pre-activation of each gate block), (G·H): what W_ih and W_hh carry back
  const dPre = new Float64Array(blocks * H);
  // the pre-activation whose W_hh part is scaled before use (GRU's n: r ⊙ (W_hn h + b_hn)); else dPre itself
  let dRecurrent: Float64Array = dPre;
  const dPrev = new Float64Array(stateSize(cell, H));
  const gates = step.gates;
  switch (cell) {
    case 'rnn-tanh':
    case 'rnn-relu': {
      // h = act(a): ∂/∂a = g ⊙ act′(a), tanh′ = 1 − h², relu′ = [h > 0]
      const h = gates.h;
      for (let j = 0; j < H; j++) dPre[j] = g[j] * (cell === 'rnn-tanh' ? 1 - h[j] * h[j] : h[j] > 0 ? 1 : 0);
      break;
    }
    case 'lstm': {
      // c = f ⊙ c_{t−1} + i ⊙ g̃, h = o ⊙ tanh(c); g = [∂/∂h; ∂/∂c]
      const { i, f, g: cand, o, c } = gates;
      const cPrev = step.cPrev!;
      for (let j = 0; j < H; j++) {
        const tanhC = Math.tanh(c[j]);
        const dc = g[H + j] + g[j] * o[j] * (1 - tanhC * tanhC);
        dPre[j] = dc * cand[j] * i[j] * (1 - i[j]);
        dPre[H + j] = dc * cPrev[j] * f[j] * (1 - f[j]);
        dPre[2 * H + j] = dc * i[j] * (1 - cand[j] * cand[j]);
        dPre[3 * H + j] = g[j] * tanhC * o[j] * (1 - o[j]);
        dPrev[H + j] = dc * f[j];
      }
      break;
    }
    case 'gru': {
      // h = (1 − z) ⊙ n + z ⊙ h_{t−1}, n = tanh(x_n + r ⊙ m), m = W_hn h_{t−1} + b_hn
      const { r, z, n } = gates;
      const hPrev = step.hPrev;
      const { wHh, bHh } = layer;
      dRecurrent = new Float64Array(blocks * H);
      for (let j = 0; j < H; j++) {
        let m = bHh![2 * H + j];
        for (let k = 0; k < H; k++) m += wHh[(2 * H + j) * H + k] * hPrev[k];
        const dN = g[j] * (1 - z[j]) * (1 - n[j] * n[j]);
        dPre[j] = dN * m * r[j] * (1 - r[j]);
        dPre[H + j] = g[j] * (hPrev[j] - n[j]) * z[j] * (1 - z[j]);
        dPre[2 * H + j] = dN;
        dRecurrent[j] = dPre[j];
        dRecurrent[H + j] = dPre[H + j];
        dRecurrent[2 * H + j] = dN * r[j];
        dPrev[j] = g[j] * z[j];
      }
      break;
    }
  }
  const dInput = new Float64Array(layer.inputSize);
  addTransposeTimes(dInput, layer.wIh, 0, dPre, blocks * H, layer.inputSize);
  const dHidden = new Float64Array(H);
  addTransposeTimes(dHidden, layer.wHh, 0, dRecurrent, blocks * H, H);
  for (let k = 0; k < H; k++) dPrev[k] += dHidden[k];
  return { dInput, dPrev };
}

/** The records of one layer·direction as steps in the order the direction runs them (from `initial`, else a zero state). */
function stepsInRunOrder(cell: CellKind, records: LayerRecords, steps: number, hidden: number, reverse: boolean, initial: InitialState = {}): StepRecord[] {
  const shape = { steps, batch: 1, hidden };
  if (!reverse) return stepRecordsOf(cell, records, shape, 0, initial);
  const flipped: LayerRecords = {};
  for (const [name, values] of Object.entries(records)) {
    const out = new Float64Array(steps * hidden);
    for (let t = 0; t < steps; t++) for (let j = 0; j < hidden; j++) out[t * hidden + j] = values[(steps - 1 - t) * hidden + j];
    flipped[name] = out;
  }
  return stepRecordsOf(cell, flipped, shape, 0);
}

/** The state a layer·direction starts from (zeros when absent): a decoder's is the encoder's final state. */
export interface InitialState {
  h0?: ArrayLike<number>;
  c0?: ArrayLike<number>;
}

/** What flows into a stack from the score, besides its outputs' gradients: a decoder's start state, its gradient. */
export interface StackBackwardOptions {
  /** Each layer·direction's initial state (one-directional stacks; zeros when absent). */
  initial?: readonly InitialState[];
  /** ∂score/∂(each layer·direction's final state), [h; c] for an LSTM (one-directional stacks). */
  finalStateGrad?: readonly ArrayLike<number>[];
}

/**
 * The gradient of one score with respect to every input step of layer 0, (T × inputSize of layer 0), and with
 * respect to each layer·direction's initial state ([h; c] for an LSTM). `topGrad` is ∂score/∂(the top layer's
 * output) at each step, (T × H·dirs), zero where the score does not read it.
 */
export function stackGradients(stack: StackWeights, records: readonly LayerRecords[], steps: number, topGrad: Float64Array, options: StackBackwardOptions = {}): { dInput: Float64Array; dInitial: Float64Array[] } {
  const { cell, hidden: H, numLayers } = stack;
  const dirs = stack.bidirectional ? 2 : 1;
  const size = stateSize(cell, H);
  const dInitial: Float64Array[] = [];
  let dOutput = topGrad;
  for (let l = numLayers - 1; l >= 0; l--) {
    const inputSize = stack.layers[l * dirs].inputSize;
    const dInput = new Float64Array(steps * inputSize);
    for (let d = 0; d < dirs; d++) {
      const ld = l * dirs + d;
      const layer = stack.layers[ld];
      const run = stepsInRunOrder(cell, records[ld], steps, H, d === 1, options.initial?.[ld]);
      // the time step of the k-th step run, and the last one the gradient reaches (nothing to carry after it)
      const timeOf = (k: number) => (d === 0 ? k : steps - 1 - k);
      let carry: Float64Array = options.finalStateGrad ? Float64Array.from(options.finalStateGrad[ld]) : new Float64Array(size);
      let last = carry.some((v) => v !== 0) ? steps - 1 : -1;
      for (let k = 0; k < steps && last < 0; k++) {
        const t = timeOf(steps - 1 - k);
        for (let j = 0; j < H; j++) if (dOutput[t * H * dirs + d * H + j] !== 0) last = steps - 1 - k;
      }
      for (let k = last; k >= 0; k--) {
        const t = timeOf(k);
        const g = Float64Array.from(carry);
        for (let j = 0; j < H; j++) g[j] += dOutput[t * H * dirs + d * H + j];
        const back = stepBackward(cell, H, layer, run[k], g);
        for (let c = 0; c < inputSize; c++) dInput[t * inputSize + c] += back.dInput[c];
        carry = back.dPrev;
      }
      dInitial[ld] = carry;
    }
    dOutput = dInput;
  }
  return { dInput: dOutput, dInitial };
}

/** The gradient of one score with respect to every input step of layer 0 (stackGradients' first part). */
export function inputGradients(stack: StackWeights, records: readonly LayerRecords[], steps: number, topGrad: Float64Array): Float64Array {
  return stackGradients(stack, records, steps, topGrad).dInput;
}

/** ‖row k‖₂ of a (steps × width) row-major array, for each k, written to `out` from `offset`. */
function stepNorms(values: Float64Array, steps: number, width: number, out: Float64Array, offset: number): void {
  for (let k = 0; k < steps; k++) {
    let sum = 0;
    for (let c = 0; c < width; c++) sum += values[k * width + c] ** 2;
    out[offset + k] = Math.sqrt(sum);
  }
}

/**
 * The connectivity matrix ‖∂score_t/∂x_k‖₂, one row per output adjoint (its step t), one column per input step
 * k: (adjoints × T) row-major. Rows of a one-directional stack are 0 for k > t (the output has not read x_k yet).
 */
export function connectivityMatrix(stack: StackWeights, records: readonly LayerRecords[], steps: number, adjoints: readonly OutputAdjoint[]): Float64Array {
  const dirs = stack.bidirectional ? 2 : 1;
  const width = stack.hidden * dirs;
  const inputSize = stack.layers[0].inputSize;
  const out = new Float64Array(adjoints.length * steps);
  adjoints.forEach(({ step, grad }, row) => {
    const topGrad = new Float64Array(steps * width);
    for (let j = 0; j < width; j++) topGrad[step * width + j] = grad[j];
    stepNorms(inputGradients(stack, records, steps, topGrad), steps, inputSize, out, row * steps);
  });
  return out;
}

/** An encoder–decoder's two one-directional stacks (same cell and sizes; the decoder's layer l starts from the encoder's layer l). */
export interface EncoderDecoderWeights {
  encoder: StackWeights;
  decoder: StackWeights;
}

/** Steps [from, from + count) of each record (T × H, time order). */
function recordSteps(records: LayerRecords, from: number, count: number, hidden: number): LayerRecords {
  return Object.fromEntries(Object.entries(records).map(([name, values]) => [name, Array.prototype.slice.call(values, from * hidden, (from + count) * hidden) as number[]]));
}

/**
 * Connectivity of an encoder–decoder: one row per adjoint of a decoder output (its `step` counts decoder steps
 * from 0), one column per input step of the whole timeline, the encoder's E inputs first, then the decoder's D
 * (teacher-forced) inputs: (adjoints × (E + D)). `records` cover the encoder's steps, then the decoder's, per layer.
 * The score reaches an encoder input only through the hand-off: back through the decoder to its initial state,
 * which is the encoder's final state, then back through the encoder.
 */
export function encoderDecoderConnectivity(weights: EncoderDecoderWeights, records: readonly LayerRecords[], encoderSteps: number, decoderSteps: number, adjoints: readonly OutputAdjoint[]): Float64Array {
  const { encoder, decoder } = weights;
  const H = encoder.hidden;
  if (encoder.bidirectional || decoder.bidirectional) throw new Error('An encoder–decoder here has one-directional stacks');
  const last = encoderSteps - 1;
  const encoderRecords = records.map((layer) => recordSteps(layer, 0, encoderSteps, H));
  const decoderRecords = records.map((layer) => recordSteps(layer, encoderSteps, decoderSteps, H));
  // each decoder layer starts from the encoder's same layer's final h (and c): the hand-off
  const initial = records.map((layer) => {
    const final = recordSteps(layer, last, 1, H);
    return { h0: final.h, c0: final.c };
  });
  const width = encoderSteps + decoderSteps;
  const out = new Float64Array(adjoints.length * width);
  adjoints.forEach(({ step, grad }, row) => {
    const topGrad = new Float64Array(decoderSteps * H);
    topGrad.set(Array.from({ length: H }, (_, j) => grad[j]), step * H);
    const back = stackGradients(decoder, decoderRecords, decoderSteps, topGrad, { initial });
    const encoderGrad = stackGradients(encoder, encoderRecords, encoderSteps, new Float64Array(encoderSteps * H), { finalStateGrad: back.dInitial });
    stepNorms(encoderGrad.dInput, encoderSteps, encoder.layers[0].inputSize, out, row * width);
    stepNorms(back.dInput, decoderSteps, decoder.layers[0].inputSize, out, row * width + encoderSteps);
  });
  return out;
}

/**
 * Which number of the head's output a connectivity row follows: the value (one output: a forecast), P(positive)
 * (two classes, sentiment: softmax's second entry), or the predicted class's logit less the mean logit (softmax
 * ignores a shift shared by all logits; unlike a probability it does not flatten once the model is sure).
 */
export type OutputScore = 'value' | 'positive' | 'predicted';

/**
 * ∂score/∂features for a linear head y = W f + b (W: outputs × features, row-major), at the features `f` the top
 * layer gave; for 'predicted' also the class it predicts.
 */
export function outputScoreGradient(score: OutputScore, headWeight: ArrayLike<number>, headBias: ArrayLike<number>, features: ArrayLike<number>): { grad: Float64Array; predicted?: number } {
  const outputs = headBias.length;
  const width = features.length;
  const row = (o: number) => Array.from({ length: width }, (_, c) => headWeight[o * width + c]);
  if (score === 'value') return { grad: Float64Array.from(row(0)) };
  const logits = Array.from({ length: outputs }, (_, o) => row(o).reduce((sum, w, c) => sum + w * features[c], headBias[o]));
  if (score === 'positive') {
    // P = σ(l₁ − l₀): ∂P/∂f = P(1 − P)(W₁ − W₀)
    const p = 1 / (1 + Math.exp(logits[0] - logits[1]));
    const [w0, w1] = [row(0), row(1)];
    return { grad: Float64Array.from(w1, (w, c) => p * (1 - p) * (w - w0[c])) };
  }
  const predicted = logits.indexOf(Math.max(...logits));
  const grad = Float64Array.from(row(predicted));
  for (let o = 0; o < outputs; o++) for (let c = 0; c < width; c++) grad[c] -= headWeight[o * width + c] / outputs;
  return { grad, predicted };
}

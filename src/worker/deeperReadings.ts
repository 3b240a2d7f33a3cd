/**
 * The "deeper inside" readings of a frame (issue #16): the probe example's step-to-step Jacobians (their top
 * singular values, the running product's norm, and for a plain RNN what makes them: act′ and σ_max(W_hh)) and
 * its connectivity ‖∂ŷ_t/∂x_k‖. Both are read from one forward pass of the probe with the current weights (eval
 * mode: no dropout), so they describe the model at the frame's step. The math is core/jacobian.ts and
 * core/connectivity.ts; this file runs the pass, lays out the records and decides how often (DeeperReadings).
 */
import * as tf from '@tensorflow/tfjs-core';
import { nowMs } from '../core/clock';
import { connectivityMatrix, encoderDecoderConnectivity, outputScoreGradient, type LayerRecords, type OutputScore, type StackWeights } from '../core/connectivity';
import { stateSize, stepJacobian, stepRecordsOf, type RecurrentLayer } from '../core/jacobian';
import { topSingularValues } from '../core/linalg';
import { modelForward } from '../core/model';
import { packRecords } from '../core/network';
import { batchTensors, type Trainer } from '../core/trainer';
import type { ArrayBatch } from '../core/trainingTask';
import type { ExecutionPlan } from '../core/kernels/executionPlan';
import type { ConnectivityReading, JacobianReading } from '../shared/deeperReadings';
import { directions, gateCount, layerSuffix, modelParamInfos, RECORDED_NAMES, type ModelSpec, type ParamValues } from '../shared/spec';
import type { Task } from '../tasks/task';

/** A reading without its cadence (which DeeperReadings adds). */
export type JacobianValues = Omit<JacobianReading, 'step' | 'everyFrames' | 'costMs' | 'stepMs'>;
export type ConnectivityValues = Omit<ConnectivityReading, 'step' | 'everyFrames' | 'costMs' | 'stepMs'>;

/** The probe's forward pass: the model's weights and each layer·direction's records of the probe, name → T × H. */
export interface ProbePass {
  spec: ModelSpec;
  weights: ParamValues;
  records: LayerRecords[];
  steps: number;
  /** The time the forward pass took to run (its dispatch; not the waits for read-backs, when training may run). */
  forwardMs: number;
}

/** Runs the probe through the model with the trainer's current weights (eval mode), recording every layer. */
export async function probePass(trainer: Trainer<Task>): Promise<ProbePass> {
  const { spec } = trainer;
  const weights = await trainer.weights();
  const started = nowMs();
  const packed = tf.tidy(() => {
    const params = Object.fromEntries(modelParamInfos(spec).map(({ name, shape }) => [name, tf.tensor(weights[name], shape)]));
    const out = modelForward(spec, params, batchTensors(trainer.task.probe).input, { record: true, plan: trainer.plan });
    return packRecords(out.rnn.records!, 0);
  });
  const forwardMs = nowMs() - started;
  const [layerDirs, names, steps, hidden] = packed.shape;
  const values = (await packed.data()) as Float32Array;
  packed.dispose();
  const recorded = RECORDED_NAMES[spec.rnn.cell];
  if (names !== recorded.length) throw new Error(`The probe's records have ${names} names, expected ${recorded.length}`);
  const block = steps * hidden;
  const records = Array.from({ length: layerDirs }, (_, ld) =>
    Object.fromEntries(recorded.map((name, n) => [name, values.subarray((ld * names + n) * block, (ld * names + n + 1) * block)])),
  );
  return { spec, weights, records, steps, forwardMs };
}

/** The top layer's forward-direction Jacobians along the probe (the decoder's top layer on an encoder–decoder's decoder steps). */
export function jacobianValues(pass: ProbePass, count = 3): JacobianValues {
  const { spec, weights, records, steps } = pass;
  const { cell, hiddenSize: H, numLayers } = spec.rnn;
  const top = numLayers - 1;
  const layerOf = (prefix: string): RecurrentLayer => ({
    cell,
    hidden: H,
    wHh: weights[`${prefix}.weight_hh${layerSuffix(top, 0)}`],
    bHh: weights[`${prefix}.bias_hh${layerSuffix(top, 0)}`],
  });
  const encoder = layerOf('rnn');
  const decoder = spec.readout === 'decoder' ? layerOf('decoder') : undefined;
  const encoderSteps = steps - (decoder ? (spec.decoderSteps ?? 0) : 0);
  const stepRecords = stepRecordsOf(cell, records[top * directions(spec.rnn)], { steps, batch: 1, hidden: H }, 0);
  const size = stateSize(cell, H);
  const k = Math.min(count, size);
  // the steps read: all, unless the state is so large that it would take long (then the last ones; NaN before)
  const fromStep = Math.max(0, steps - stepsWithin(size));
  const singularValues = new Float32Array(steps * k).fill(NaN);
  const productNorms = new Float32Array(steps).fill(NaN);
  // P = J_{T−1} ⋯ J_{t+1} (0-based steps), the identity at the last step; then P ← P · J_t going back
  let product: Float64Array = new Float64Array(size * size);
  for (let j = 0; j < size; j++) product[j * size + j] = 1;
  for (let t = steps - 1; t >= fromStep; t--) {
    productNorms[t] = topSingularValues(product, size, size, 1)[0];
    const jac = stepJacobian(t >= encoderSteps && decoder ? decoder : encoder, stepRecords[t]);
    singularValues.set(topSingularValues(jac, size, size, k), t * k);
    if (t > fromStep) product = matrixProduct(product, jac, size);
  }
  const reading: JacobianValues = { layer: top, stateSize: size, count: k, singularValues, productNorms, fromStep };
  if (cell === 'rnn-tanh' || cell === 'rnn-relu') {
    reading.slopeMean = new Float32Array(steps);
    reading.slopeMax = new Float32Array(steps);
    for (let t = 0; t < steps; t++) {
      const h = stepRecords[t].gates.h;
      let sum = 0;
      let max = 0;
      for (let j = 0; j < H; j++) {
        const slope = cell === 'rnn-tanh' ? 1 - h[j] * h[j] : h[j] > 0 ? 1 : 0;
        sum += slope;
        max = Math.max(max, slope);
      }
      reading.slopeMean[t] = sum / H;
      reading.slopeMax[t] = max;
    }
    reading.recurrentSigmaMax = topSingularValues(encoder.wHh, H, H, 1)[0];
  }
  return reading;
}

/**
 * The multiply-adds one reading may spend on the Jacobians, and again on connectivity: bounds the steps read. (A
 * 128-unit LSTM's reading measured 7 s at 3·10⁸ each on this loaded 2-core machine, so ~2 s at 10⁸.)
 */
export const JACOBIAN_WORK = 1e8;

/**
 * How many steps' Jacobians fit in JACOBIAN_WORK for a state of this size: each step costs about 3S³ (the
 * singular values of J_t, and one more factor of the running product). All steps for small states (S ≤ 32 up to
 * 1,000 steps); 15 for S = 128; for character generation's 128-unit LSTM (S = 256) the last 2.
 */
export function stepsWithin(size: number): number {
  return Math.max(2, Math.floor(JACOBIAN_WORK / (3 * size ** 3)));
}

/** A · B for square row-major matrices of size n. */
function matrixProduct(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let m = 0; m < n; m++) {
      const scale = a[r * n + m];
      if (scale === 0) continue;
      for (let c = 0; c < n; c++) out[r * n + c] += scale * b[m * n + c];
    }
  }
  return out;
}

/** What a task's connectivity follows: P(positive) for sentiment, the value of a one-output forecast, else the predicted class. */
export function outputScoreOf(taskId: string, outputSize: number): OutputScore {
  if (taskId === 'sentiment' && outputSize === 2) return 'positive';
  return outputSize === 1 ? 'value' : 'predicted';
}

/** A recurrent stack's weights as core/connectivity.ts reads them: `prefix` 'rnn' (the encoder, or the only one) or 'decoder'. */
function stackWeightsOf(spec: ModelSpec, weights: ParamValues, prefix: 'rnn' | 'decoder'): StackWeights {
  const { cell, hiddenSize: H, numLayers } = spec.rnn;
  const bidirectional = prefix === 'rnn' && spec.rnn.bidirectional;
  const dirs = bidirectional ? 2 : 1;
  const layers = [];
  for (let l = 0; l < numLayers; l++) {
    for (let d = 0; d < dirs; d++) {
      const s = layerSuffix(l, d);
      layers.push({ inputSize: l === 0 ? spec.rnn.inputSize : H * dirs, wIh: weights[`${prefix}.weight_ih${s}`], wHh: weights[`${prefix}.weight_hh${s}`], bHh: weights[`${prefix}.bias_hh${s}`] });
    }
  }
  return { cell, hidden: H, numLayers, bidirectional, layers };
}

/**
 * ‖∂ŷ_t/∂x_k‖ for the probe: one row per output step (the last only when the head reads the last step). For an
 * encoder–decoder one row per decoder output, against the encoder's inputs and then the decoder's own.
 */
export function connectivityValues(pass: ProbePass, score: OutputScore): ConnectivityValues {
  const { spec, weights, records, steps } = pass;
  const { cell, hiddenSize: H, numLayers } = spec.rnn;
  const dirs = directions(spec.rnn);
  const topRecords = Array.from({ length: dirs }, (_, d) => records[(numLayers - 1) * dirs + d].h);
  const features = (t: number) => topRecords.flatMap((h) => Array.from({ length: H }, (_, j) => h[t * H + j]));
  const adjointAt = (step: number, readAt = step) => ({ step, ...outputScoreGradient(score, weights['head.weight'], weights['head.bias'], features(readAt)) });
  const finish = (matrix: Float64Array, outputSteps: number[], adjoints: Array<{ predicted?: number }>, extra: Partial<ConnectivityValues> = {}): ConnectivityValues => {
    const reading: ConnectivityValues = { values: Float32Array.from(matrix), outputSteps, score, ...extra };
    if (score === 'predicted') reading.predicted = adjoints.map((a) => a.predicted!);
    return reading;
  };
  if (spec.readout === 'decoder') {
    // a decoder of D steps over an encoder of E: each output is about 2·D·layers·G·H·(H + I) multiply-adds, cheap
    const decoderSteps = spec.decoderSteps ?? 0;
    const encoderSteps = steps - decoderSteps;
    const adjoints = Array.from({ length: decoderSteps }, (_, t) => adjointAt(t, encoderSteps + t));
    const stacks = { encoder: stackWeightsOf(spec, weights, 'rnn'), decoder: stackWeightsOf(spec, weights, 'decoder') };
    const matrix = encoderDecoderConnectivity(stacks, records, encoderSteps, decoderSteps, adjoints);
    return finish(matrix, adjoints.map((a) => encoderSteps + a.step), adjoints, { encoderSteps });
  }
  const stack = stackWeightsOf(spec, weights, 'rnn');
  // every output step (the last ones only, when a backward pass per step over the whole probe would take long)
  const rowWork = steps * gateCount(cell) * H * (H + Math.max(spec.rnn.inputSize, H * dirs)) * numLayers * dirs;
  const rows = spec.readout === 'all' ? Math.min(steps, Math.max(2, Math.floor(JACOBIAN_WORK / rowWork))) : 1;
  const outputSteps = Array.from({ length: rows }, (_, r) => steps - rows + r);
  const adjoints = outputSteps.map((step) => adjointAt(step));
  return finish(connectivityMatrix(stack, records, steps, adjoints), outputSteps, adjoints);
}

/**
 * Encoder–decoder only: the finite counterpart of its connectivity, what replacing one encoder token does. For each
 * decoder output t and encoder step k, the share of the other tokens the decoder can write (ids below the head's
 * outputs: Reverse digits' digits) that, put at x_k of the probe, change the token output t writes, decoding
 * greedily as on held-out data: (D × E) row-major. One forward pass of E·(outputs − 1) edited copies of the probe,
 * with the pass's weights.
 */
export async function replacementShares(pass: ProbePass, probe: ArrayBatch, plan: ExecutionPlan): Promise<Float32Array> {
  const { spec, weights, steps } = pass;
  const tokens = spec.outputSize;
  const decoderSteps = spec.decoderSteps ?? 0;
  const encoderSteps = steps - decoderSteps;
  const original = Int32Array.from(probe.input.subarray(0, steps));
  const edits: Array<{ k: number; token: number }> = [];
  for (let k = 0; k < encoderSteps; k++) for (let token = 0; token < tokens; token++) if (token !== original[k]) edits.push({ k, token });
  const input = new Int32Array((edits.length + 1) * steps);
  input.set(original);
  edits.forEach(({ k, token }, e) => {
    input.set(original, (e + 1) * steps);
    input[(e + 1) * steps + k] = token;
  });
  const logits = tf.tidy(() => {
    const params = Object.fromEntries(modelParamInfos(spec).map(({ name, shape }) => [name, tf.tensor(weights[name], shape)]));
    return modelForward(spec, params, tf.tensor2d(input, [edits.length + 1, steps], 'int32'), { greedy: true, plan }).prediction;
  });
  const values = (await logits.data()) as Float32Array;
  logits.dispose();
  const written = (row: number, t: number) => {
    const at = (row * decoderSteps + t) * tokens;
    let best = 0;
    for (let o = 1; o < tokens; o++) if (values[at + o] > values[at + best]) best = o;
    return best;
  };
  const shares = new Float32Array(decoderSteps * encoderSteps);
  edits.forEach(({ k }, e) => {
    for (let t = 0; t < decoderSteps; t++) if (written(e + 1, t) !== written(0, t)) shares[t * encoderSteps + k] += 1 / (tokens - 1);
  });
  return shares;
}

/** A reading costs at most this share of a training step, on average over the frames (else it is taken every k-th frame). */
export const READING_BUDGET = 0.1;

/**
 * When to take the readings: on every frame whose model step is new while the last one cost at most a tenth of
 * a training step; otherwise every k-th frame, k = ⌈cost / (0.1 × step time)⌉, so that they take at most a
 * tenth of the training time. Frames with a held-out evaluation (a pause, a Step) always get one.
 */
export class DeeperReadings {
  private everyFrames = 1;
  private framesSince = Infinity;
  private lastStep = -1;
  /** A training step's time when last measured (0 before training). */
  private stepMs = 0;

  /** The frame's readings, or none when not due (or the same step was read already). */
  async read(trainer: Trainer<Task>, opts: { stepsPerSecond: number }): Promise<{ jacobian?: JacobianReading; connectivity?: ConnectivityReading }> {
    this.framesSince++;
    const step = trainer.step;
    // while training, every k-th frame only, evaluations included (a forced reading on each of them cost character
    // generation's LSTM-128 a fifth of its steps); a pause or a Step (not training) always gets one
    const training = opts.stepsPerSecond > 0;
    if (step === this.lastStep || (training && this.framesSince < this.everyFrames)) return {};
    const pass = await probePass(trainer);
    // only what runs here counts: while this awaits read-backs the loop may train, and that is not our cost
    const started = nowMs();
    const jacobian = jacobianValues(pass);
    const connectivity = connectivityValues(pass, outputScoreOf(trainer.task.id, pass.spec.outputSize));
    let costMs = pass.forwardMs + nowMs() - started;
    if (pass.spec.readout === 'decoder') {
      const replaced = nowMs();
      connectivity.replacement = await replacementShares(pass, trainer.task.probe, trainer.plan);
      costMs += nowMs() - replaced;
    }
    // while not training the last step time (and k) stand: nothing is slowed then, and k is what training gets
    if (opts.stepsPerSecond > 0) {
      this.stepMs = 1000 / opts.stepsPerSecond;
      this.everyFrames = Math.max(1, Math.ceil(costMs / (READING_BUDGET * this.stepMs)));
    }
    this.framesSince = 0;
    this.lastStep = step;
    const cadence = { step, everyFrames: this.everyFrames, costMs, stepMs: this.stepMs };
    return { jacobian: { ...jacobian, ...cadence }, connectivity: { ...connectivity, ...cadence } };
  }
}

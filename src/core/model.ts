/**
 * The whole model the app trains and exports, laid out like this PyTorch module:
 *
 *   class Model(nn.Module):
 *       embedding: nn.Embedding          # token tasks only
 *       rnn: nn.LSTM | nn.GRU | nn.RNN   # batch_first=True; the encoder of an encoder–decoder
 *       decoder: nn.LSTM | …             # encoder–decoder only: same cell and sizes, one direction
 *       head: nn.Linear
 *
 * Parameters are named as its state_dict names them: `rnn.weight_ih_l0`, `decoder.weight_hh_l0`,
 * `head.weight`, `embedding.weight`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dataTimes, linear } from './kernels/denseProducts';
import type { ExecutionPlan } from './kernels/executionPlan';
import { stepOf } from './kernels/tensorView';
import { rnnForward, type ForwardOptions, type ForwardRecords, type ForwardResult, type RnnTensors } from './network';
import { orthogonalFactor } from './linalg';
import { Rng } from './rng';
import { decoderSpecOf, modelParamInfos, sizeOf, type ModelSpec, type ParamValues } from '../shared/spec';
import type { RecurrentInit } from '../shared/config';

/**
 * PyTorch's default initialisation: recurrent weights and biases U(−1/√H, 1/√H); nn.Linear
 * U(−1/√fan_in, 1/√fan_in) for weight and bias; nn.Embedding N(0, 1). Drawn in state_dict order from the seed.
 * `recurrentGain` multiplies every W_hh (1 keeps PyTorch's default). `recurrentInit` 'orthogonal' or 'identity'
 * replaces each W_hh's gate blocks (H × H each) with an orthogonal matrix or the identity, times the gain; every
 * other parameter keeps the value the default gives for the same seed.
 */
export function initParams(spec: ModelSpec, seed: number, recurrentGain = 1, recurrentInit: RecurrentInit = 'default'): ParamValues {
  const rng = new Rng(seed);
  const values: ParamValues = {};
  const headBound = 1 / Math.sqrt(modelParamInfos(spec).find((p) => p.name === 'head.weight')!.shape[1]);
  const rnnBound = 1 / Math.sqrt(spec.rnn.hiddenSize);
  modelParamInfos(spec).forEach(({ name, shape }, index) => {
    const data = new Float32Array(sizeOf(shape));
    if (name === 'embedding.weight') for (let k = 0; k < data.length; k++) data[k] = rng.normal();
    else {
      const bound = name.startsWith('head.') ? headBound : rnnBound;
      // A gain ≠ 1 scales W_hh only, to show what a larger recurrent matrix does to the gradients.
      const isRecurrent = name.startsWith('rnn.weight_hh') || name.startsWith('decoder.weight_hh');
      const gain = isRecurrent ? recurrentGain : 1;
      // (drawn even when replaced below, so that the other parameters do not depend on the choice of init)
      for (let k = 0; k < data.length; k++) data[k] = gain * rng.uniform(-bound, bound);
      if (isRecurrent && recurrentInit !== 'default') fillGateBlocks(data, shape[1], recurrentInit, recurrentGain, new Rng(blockSeed(seed, index)));
    }
    values[name] = data;
  });
  return values;
}

/** The seed of one W_hh's orthogonal blocks: a function of the run's seed and the parameter's place alone. */
function blockSeed(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

/**
 * Overwrites each H × H gate block of a (G·H) × H W_hh with gain · Q, Q orthogonal (the QR factor of a Gaussian
 * matrix, as torch.nn.init.orthogonal_ draws it), or with gain · I.
 */
function fillGateBlocks(wHh: Float32Array, hidden: number, init: Exclude<RecurrentInit, 'default'>, gain: number, rng: Rng): void {
  const blockSize = hidden * hidden;
  for (let start = 0; start < wHh.length; start += blockSize) {
    if (init === 'identity') {
      for (let k = 0; k < blockSize; k++) wHh[start + k] = k % (hidden + 1) === 0 ? gain : 0;
      continue;
    }
    const gaussian = Float64Array.from({ length: blockSize }, () => rng.normal());
    const q = orthogonalFactor(gaussian, hidden);
    for (let k = 0; k < blockSize; k++) wHh[start + k] = gain * q[k];
  }
}

/** A recurrent stack's tensors, names without their prefix (`rnn.` for the encoder, `decoder.`). */
export function rnnTensorsOf(params: Record<string, tf.Tensor>, prefix = 'rnn.'): RnnTensors {
  const out: RnnTensors = {};
  for (const name in params) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = params[name];
  return out;
}

/** What the model returns: predictions and the recurrent pass (records, final states). */
export interface ModelOutput {
  /** (B, outputSize) for readout 'last'; (B, T, outputSize) for 'all'; (B, decoderSteps, outputSize) for 'decoder'. */
  prediction: tf.Tensor;
  /**
   * The recurrent pass. For an encoder–decoder, one timeline: the encoder's steps, then the decoder's
   * (output, records), with the decoder's final states.
   */
  rnn: ForwardResult;
}

/** Options of a whole-model pass. */
export interface ModelForwardOptions extends ForwardOptions {
  /**
   * Encoder–decoder only: the decoder reads its own previous prediction (the argmax) instead of the
   * teacher-forced target, as it must when it writes on its own (inference). Only the start token of the
   * input's decoder part is read.
   */
  greedy?: boolean;
}

/**
 * Token ids (B, T) int32 → embeddings (B, T, E), as one-hot × E rather than a gather: tfjs's WASM backend has
 * no kernel for the gather's gradient (UnsortedSegmentSum), and the matmul is exact (one 1 per row).
 */
function embed(spec: ModelSpec, params: Record<string, tf.Tensor>, ids: tf.Tensor, plan: ExecutionPlan): tf.Tensor3D {
  const [batch, steps] = ids.shape;
  // (int32 one-hot, then cast: the WASM backend's float32 one-hot writes integer bit patterns)
  const oneHot = tf.cast(tf.oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, spec.vocabSize!), 'float32');
  return tf.reshape(dataTimes(oneHot as tf.Tensor2D, params['embedding.weight'] as tf.Tensor2D, plan), [batch, steps, spec.rnn.inputSize]) as tf.Tensor3D;
}

/** The head on every step: (B, T, F) → (B, T, outputSize). */
function headAll(spec: ModelSpec, params: Record<string, tf.Tensor>, output: tf.Tensor3D, plan: ExecutionPlan): tf.Tensor3D {
  const [batch, steps, features] = output.shape;
  const flat = tf.reshape(output, [batch * steps, features]) as tf.Tensor2D;
  const y = tf.add(linear(flat, params['head.weight'] as tf.Tensor2D, plan), params['head.bias']);
  return tf.reshape(y, [batch, steps, spec.outputSize]) as tf.Tensor3D;
}

/**
 * Runs embedding (token ids (B, T) int32) or takes features (B, T, I), then the recurrent stack, then the head.
 * For readout 'last' the head sees output[:, −1, :], as `self.head(out[:, -1])` does in PyTorch.
 */
export function modelForward(
  spec: ModelSpec,
  params: Record<string, tf.Tensor>,
  input: tf.Tensor,
  opts: ModelForwardOptions,
): ModelOutput {
  const plan = opts.plan;
  if (spec.readout === 'decoder') return encoderDecoderForward(spec, params, input, opts);
  const x = spec.vocabSize ? embed(spec, params, input, plan) : (input as tf.Tensor3D);
  const rnn = rnnForward(spec.rnn, rnnTensorsOf(params), x, opts);
  if (spec.readout === 'all') return { prediction: headAll(spec, params, rnn.output, plan), rnn };
  const steps = rnn.output.shape[1];
  const last = stepOf(rnn.output, steps - 1, plan);
  const prediction = tf.add(linear(last, params['head.weight'] as tf.Tensor2D, plan), params['head.bias']);
  return { prediction, rnn };
}

/**
 * Encoder–decoder (PyTorch: `_, state = self.rnn(self.embedding(src))`,
 * `out, _ = self.decoder(self.embedding(tgt_in), state)`, `self.head(out)`): the encoder reads the input's
 * first T − decoderSteps tokens; its final state (h, and c for an LSTM) starts the decoder, which reads the
 * last decoderSteps tokens (teacher forcing) or, with `greedy`, its own previous argmax after the start token.
 * Probes (per layer, (T, B, H)) cover the encoder's steps, then the decoder's.
 */
function encoderDecoderForward(spec: ModelSpec, params: Record<string, tf.Tensor>, input: tf.Tensor, opts: ModelForwardOptions): ModelOutput {
  const plan = opts.plan;
  if (spec.rnn.bidirectional) throw new Error('An encoder–decoder here has a one-directional encoder');
  const decoderSteps = spec.decoderSteps ?? 0;
  const total = input.shape[1]!;
  const encoderSteps = total - decoderSteps;
  if (decoderSteps < 1 || encoderSteps < 1) throw new Error(`An input of ${total} tokens cannot hold ${decoderSteps} decoder steps and an encoder input`);
  const { probes, ...rest } = opts;
  const encoder = rnnForward(spec.rnn, rnnTensorsOf(params), embed(spec, params, tf.slice(input, [0, 0], [-1, encoderSteps]), plan), {
    ...rest,
    probes: probes?.map((layer) => tf.slice(layer, [0, 0, 0], [encoderSteps, -1, -1])),
  });
  const decoderSpec = decoderSpecOf(spec);
  const decoderParams = rnnTensorsOf(params, 'decoder.');
  // the decoder's dropout masks differ from the encoder's
  const decoderOpts: ForwardOptions = { training: opts.training, dropoutSeed: (opts.dropoutSeed ?? 0) + 7919, record: opts.record, plan };
  const decoderIds = tf.slice(input, [0, encoderSteps], [-1, decoderSteps]);
  let decoder: ForwardResult;
  let prediction: tf.Tensor3D;
  if (!opts.greedy) {
    decoder = rnnForward(decoderSpec, decoderParams, embed(spec, params, decoderIds, plan), {
      ...decoderOpts,
      h0: encoder.hN,
      c0: encoder.cN,
      probes: probes?.map((layer) => tf.slice(layer, [encoderSteps, 0, 0], [-1, -1, -1])),
    });
    prediction = headAll(spec, params, decoder.output, plan);
  } else {
    // One step at a time: each step's argmax is the next step's input.
    let token = tf.slice(decoderIds, [0, 0], [-1, 1]);
    let state = { h0: encoder.hN, c0: encoder.cN };
    const stepResults: ForwardResult[] = [];
    const logits: tf.Tensor3D[] = [];
    for (let t = 0; t < decoderSteps; t++) {
      const step = rnnForward(decoderSpec, decoderParams, embed(spec, params, token, plan), { ...decoderOpts, ...state });
      const y = headAll(spec, params, step.output, plan);
      logits.push(y);
      stepResults.push(step);
      token = tf.cast(tf.argMax(y, 2), 'int32');
      state = { h0: step.hN, c0: step.cN };
    }
    decoder = {
      output: tf.concat(stepResults.map((r) => r.output), 1) as tf.Tensor3D,
      hN: state.h0,
      cN: state.c0,
      records: opts.record ? concatRecords(stepResults.map((r) => r.records!)) : undefined,
    };
    prediction = tf.concat(logits, 1) as tf.Tensor3D;
  }
  return {
    prediction,
    rnn: {
      output: tf.concat([encoder.output, decoder.output], 1) as tf.Tensor3D,
      hN: decoder.hN,
      cN: decoder.cN,
      records: opts.record ? concatRecords([encoder.records!, decoder.records!]) : undefined,
    },
  };
}

/** Joins recorded passes along time: per layer and name, the steps of the first pass, then the next one's. */
function concatRecords(parts: ForwardRecords[]): ForwardRecords {
  return parts[0].map((record, index) =>
    Object.fromEntries(Object.keys(record).map((name) => [name, tf.concat(parts.map((part) => part[index][name]), 0) as tf.Tensor3D])),
  );
}

/**
 * The whole model the app trains and exports, laid out like this PyTorch module:
 *
 *   class Model(nn.Module):
 *       embedding: nn.Embedding          # token tasks only
 *       rnn: nn.LSTM | nn.GRU | nn.RNN   # batch_first=True
 *       head: nn.Linear
 *
 * Parameters are named as its state_dict names them: `rnn.weight_ih_l0`, `head.weight`, `embedding.weight`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { rnnForward, type ForwardOptions, type ForwardResult, type RnnTensors } from './network';
import { Rng } from './rng';
import { directions, rnnParamInfos, sizeOf, type RnnSpec } from './spec';

/** How the head reads the recurrent output: the last step only (many-to-one) or every step (many-to-many). */
export type Readout = 'last' | 'all';

/** The full model's shape. */
export interface ModelSpec {
  rnn: RnnSpec;
  /** Vocabulary size for token inputs; when set, an embedding of width rnn.inputSize comes first. */
  vocabSize?: number;
  outputSize: number;
  readout: Readout;
}

/** A named parameter with its PyTorch shape. */
export interface ModelParamInfo {
  name: string;
  shape: number[];
}

/** All parameters of the model, in state_dict order. */
export function modelParamInfos(spec: ModelSpec): ModelParamInfo[] {
  const infos: ModelParamInfo[] = [];
  if (spec.vocabSize) infos.push({ name: 'embedding.weight', shape: [spec.vocabSize, spec.rnn.inputSize] });
  for (const p of rnnParamInfos(spec.rnn)) infos.push({ name: `rnn.${p.name}`, shape: p.shape });
  const features = spec.rnn.hiddenSize * directions(spec.rnn);
  infos.push({ name: 'head.weight', shape: [spec.outputSize, features] }, { name: 'head.bias', shape: [spec.outputSize] });
  return infos;
}

/** Plain arrays of parameter values by name. */
export type ParamValues = Record<string, Float32Array>;

/**
 * PyTorch's default initialisation: recurrent weights and biases U(−1/√H, 1/√H); nn.Linear
 * U(−1/√fan_in, 1/√fan_in) for weight and bias; nn.Embedding N(0, 1). Drawn in state_dict order from the seed.
 * `recurrentGain` multiplies every W_hh (1 keeps PyTorch's default).
 */
export function initParams(spec: ModelSpec, seed: number, recurrentGain = 1): ParamValues {
  const rng = new Rng(seed);
  const values: ParamValues = {};
  const headBound = 1 / Math.sqrt(spec.rnn.hiddenSize * directions(spec.rnn));
  const rnnBound = 1 / Math.sqrt(spec.rnn.hiddenSize);
  for (const { name, shape } of modelParamInfos(spec)) {
    const data = new Float32Array(sizeOf(shape));
    if (name === 'embedding.weight') for (let k = 0; k < data.length; k++) data[k] = rng.normal();
    else {
      const bound = name.startsWith('head.') ? headBound : rnnBound;
      // A gain ≠ 1 scales W_hh only, to show what a larger recurrent matrix does to the gradients.
      const gain = name.startsWith('rnn.weight_hh') ? recurrentGain : 1;
      for (let k = 0; k < data.length; k++) data[k] = gain * rng.uniform(-bound, bound);
    }
    values[name] = data;
  }
  return values;
}

/** The recurrent stack's tensors (names without `rnn.`). */
export function rnnTensorsOf(params: Record<string, tf.Tensor>): RnnTensors {
  const out: RnnTensors = {};
  for (const name in params) if (name.startsWith('rnn.')) out[name.slice(4)] = params[name];
  return out;
}

/** What the model returns: predictions and the recurrent pass (records, final states). */
export interface ModelOutput {
  /** (B, outputSize) for readout 'last'; (B, T, outputSize) for 'all'. */
  prediction: tf.Tensor;
  rnn: ForwardResult;
}

/**
 * Runs embedding (token ids (B, T) int32) or takes features (B, T, I), then the recurrent stack, then the head.
 * For readout 'last' the head sees output[:, −1, :], as `self.head(out[:, -1])` does in PyTorch.
 */
export function modelForward(
  spec: ModelSpec,
  params: Record<string, tf.Tensor>,
  input: tf.Tensor,
  opts: ForwardOptions = {},
): ModelOutput {
  // The embedding as one-hot × E rather than a gather: tfjs's WASM backend has no kernel for the gather's
  // gradient (UnsortedSegmentSum), and the matmul is exact (one 1 per row).
  let x = input as tf.Tensor3D;
  if (spec.vocabSize) {
    const [batch, steps] = input.shape;
    // (int32 one-hot, then cast: the WASM backend's float32 one-hot writes integer bit patterns)
    const oneHot = tf.cast(tf.oneHot(tf.reshape(input, [-1]) as tf.Tensor1D, spec.vocabSize), 'float32');
    x = tf.reshape(tf.matMul(oneHot, params['embedding.weight'] as tf.Tensor2D), [batch, steps, spec.rnn.inputSize]) as tf.Tensor3D;
  }
  const rnn = rnnForward(spec.rnn, rnnTensorsOf(params), x, opts);
  const [batch, steps, features] = rnn.output.shape;
  const weight = params['head.weight'] as tf.Tensor2D;
  const bias = params['head.bias'];
  let prediction: tf.Tensor;
  if (spec.readout === 'last') {
    const last = tf.reshape(tf.slice(rnn.output, [0, steps - 1, 0], [-1, 1, -1]), [batch, features]) as tf.Tensor2D;
    prediction = tf.add(tf.matMul(last, weight, false, true), bias);
  } else {
    const flat = tf.reshape(rnn.output, [batch * steps, features]) as tf.Tensor2D;
    prediction = tf.reshape(tf.add(tf.matMul(flat, weight, false, true), bias), [batch, steps, spec.outputSize]);
  }
  return { prediction, rnn };
}

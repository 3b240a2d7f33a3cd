/**
 * The model on disk: a `.safetensors` file whose keys are a PyTorch state_dict (`rnn.weight_ih_l0`,
 * `head.weight`, `embedding.weight`) and whose `__metadata__` names the mode and sizes. Reading checks every
 * tensor against the shapes the header (or, where it is silent, the tensors themselves) implies.
 */
import { TORCH_MODE, cellFromTorchMode, gateCount, rnnParamInfos, type CellKind, type RnnSpec, type ModelSpec, type ParamValues, type Readout, modelParamInfos } from '../shared/spec';
import { readSafetensors, writeSafetensors, type NamedTensor } from './safetensors';

/** A problem with a model file, worded for a learner. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

/** A decoded recurrent stack: its spec and its tensors by PyTorch name without the `rnn.` prefix. */
export interface RnnFile {
  spec: RnnSpec;
  weights: ParamValues;
  metadata: Record<string, string>;
  /** Notes on what was inferred rather than read (e.g. the activation of an RNN without metadata). */
  notes: string[];
}

/** A decoded whole model. */
export interface ModelFile {
  spec: ModelSpec;
  weights: ParamValues;
  metadata: Record<string, string>;
  notes: string[];
}

/** Writes a whole model with its metadata (sizes, mode, and whatever else the caller adds, e.g. the task). */
export function encodeModel(spec: ModelSpec, weights: ParamValues, extra: Record<string, string> = {}): Uint8Array {
  const tensors: Record<string, NamedTensor> = {};
  for (const { name, shape } of modelParamInfos(spec)) {
    const data = weights[name];
    if (!data) throw new ModelFileError(`Missing weights for ${name}`);
    tensors[name] = { shape, data };
  }
  const metadata: Record<string, string> = {
    ...extra,
    format: 'unrolled-1',
    mode: TORCH_MODE[spec.rnn.cell],
    input_size: String(spec.rnn.inputSize),
    hidden_size: String(spec.rnn.hiddenSize),
    num_layers: String(spec.rnn.numLayers),
    bidirectional: String(spec.rnn.bidirectional),
    dropout: String(spec.rnn.dropout),
    batch_first: 'true',
    output_size: String(spec.outputSize),
    readout: spec.readout,
  };
  if (spec.vocabSize) metadata.vocab_size = String(spec.vocabSize);
  if (spec.decoderSteps) metadata.decoder_steps = String(spec.decoderSteps);
  return writeSafetensors(tensors, metadata);
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

function intMeta(metadata: Record<string, string>, key: string): number | undefined {
  if (!(key in metadata)) return undefined;
  const value = Number(metadata[key]);
  if (!Number.isInteger(value) || value < 0) throw new ModelFileError(`The header's ${key} is "${metadata[key]}", not a whole number`);
  return value;
}

/**
 * Reads the recurrent stack from tensors named `prefix + weight_ih_l0` etc. Infers sizes from the tensors,
 * checks them against the metadata where it states them, and checks every tensor's shape.
 */
function decodeRnnTensors(tensors: Record<string, NamedTensor>, metadata: Record<string, string>, prefix: string): RnnFile {
  const notes: string[] = [];
  const first = tensors[`${prefix}weight_hh_l0`];
  const firstIh = tensors[`${prefix}weight_ih_l0`];
  if (!first || !firstIh) throw new ModelFileError(`The file has no recurrent layer: tensor ${prefix}${first ? 'weight_ih_l0' : 'weight_hh_l0'} is missing`);
  if (first.shape.length !== 2 || firstIh.shape.length !== 2) throw new ModelFileError(`${prefix}weight_hh_l0 and ${prefix}weight_ih_l0 must be matrices`);
  const hiddenSize = first.shape[1];
  if (hiddenSize === 0 || first.shape[0] % hiddenSize !== 0) {
    throw new ModelFileError(`${prefix}weight_hh_l0 has shape ${shapeText(first.shape)}: its rows must be a multiple of its columns (gates × hidden size)`);
  }
  const gates = first.shape[0] / hiddenSize;
  let cell: CellKind;
  if ('mode' in metadata) {
    const fromMode = cellFromTorchMode(metadata.mode);
    if (!fromMode) throw new ModelFileError(`Unknown mode "${metadata.mode}": expected one of LSTM, GRU, RNN_TANH, RNN_RELU`);
    if (gateCount(fromMode) !== gates) {
      throw new ModelFileError(`The header says mode ${metadata.mode} (${gateCount(fromMode)} gate blocks) but ${prefix}weight_hh_l0 has ${gates}·H rows`);
    }
    cell = fromMode;
  } else if (gates === 4) cell = 'lstm';
  else if (gates === 3) cell = 'gru';
  else if (gates === 1) {
    cell = 'rnn-tanh';
    notes.push('No mode in the header: read as an RNN with tanh (a ReLU RNN has the same shapes).');
  } else throw new ModelFileError(`${prefix}weight_hh_l0 has ${gates}·H rows: not an LSTM (4), GRU (3) or RNN (1)`);

  let numLayers = 0;
  while (tensors[`${prefix}weight_ih_l${numLayers}`]) numLayers++;
  const bidirectional = `${prefix}weight_ih_l0_reverse` in tensors;
  const spec: RnnSpec = { cell, inputSize: firstIh.shape[1], hiddenSize, numLayers, bidirectional, dropout: Number(metadata.dropout ?? 0) || 0 };

  const stated: Array<[string, number | boolean | undefined, number | boolean, string]> = [
    ['num_layers', intMeta(metadata, 'num_layers'), numLayers, 'layers'],
    ['hidden_size', intMeta(metadata, 'hidden_size'), hiddenSize, 'hidden units'],
    ['input_size', intMeta(metadata, 'input_size'), spec.inputSize, 'input features'],
  ];
  for (const [key, claimed, actual, what] of stated) {
    if (claimed !== undefined && claimed !== actual) throw new ModelFileError(`The file has ${actual} ${what} but the header's ${key} says ${claimed}`);
  }
  if ('bidirectional' in metadata) {
    const claimed = metadata.bidirectional === 'true' || metadata.bidirectional === 'True';
    if (claimed !== bidirectional) {
      throw new ModelFileError(`The header says bidirectional=${metadata.bidirectional} but the file ${bidirectional ? 'has' : 'has no'} _reverse tensors`);
    }
  }

  const weights: ParamValues = {};
  for (const { name, shape } of rnnParamInfos(spec)) {
    const tensor = tensors[prefix + name];
    if (!tensor) throw new ModelFileError(`Tensor ${prefix}${name} is missing (expected shape ${shapeText(shape)})`);
    if (shapeText(tensor.shape) !== shapeText(shape)) {
      throw new ModelFileError(`Tensor ${prefix}${name} has shape ${shapeText(tensor.shape)} but a ${TORCH_MODE[cell]} with these sizes needs ${shapeText(shape)}`);
    }
    weights[name] = tensor.data;
  }
  return { spec, weights, metadata, notes };
}

/** Reads the recurrent stack alone: keys under `rnn.` or, as a bare nn.LSTM/GRU/RNN state_dict writes them, without prefix. */
export function decodeRnn(bytes: Uint8Array): RnnFile {
  const { tensors, metadata } = readSafetensors(bytes);
  const prefix = 'rnn.weight_hh_l0' in tensors ? 'rnn.' : '';
  const file = decodeRnnTensors(tensors, metadata, prefix);
  if ('decoder.weight_hh_l0' in tensors) file.notes.push('This file is an encoder–decoder: this reads its encoder (rnn.*); its decoder (decoder.*) is not used.');
  return file;
}

/** Reads a whole model (embedding, rnn, head), refusing anything that does not fit together. */
export function decodeModel(bytes: Uint8Array): ModelFile {
  const { tensors, metadata } = readSafetensors(bytes);
  const rnn = decodeRnnTensors(tensors, metadata, 'rnn.');
  const head = tensors['head.weight'];
  if (!head) throw new ModelFileError('Tensor head.weight is missing');
  if (head.shape.length !== 2) throw new ModelFileError(`Tensor head.weight has shape ${shapeText(head.shape)}; expected a matrix`);
  const embedding = tensors['embedding.weight'];
  // An encoder–decoder has a second stack under `decoder.` (its shapes are checked with the others below).
  const readout: Readout = 'decoder.weight_hh_l0' in tensors ? 'decoder' : metadata.readout === 'all' ? 'all' : 'last';
  if (metadata.readout && metadata.readout !== readout) {
    throw new ModelFileError(`The header says readout ${metadata.readout} but the file ${readout === 'decoder' ? 'has' : 'has no'} decoder.* tensors`);
  }
  if (readout === 'decoder' && rnn.spec.bidirectional) throw new ModelFileError('This encoder–decoder has a bidirectional encoder; Unrolled’s encoder–decoder reads one way');
  if (readout === 'decoder' && !embedding) throw new ModelFileError('Tensor embedding.weight is missing: the encoder–decoder reads tokens');
  const spec: ModelSpec = { rnn: rnn.spec, outputSize: head.shape[0], readout, vocabSize: embedding?.shape[0] };
  // how many tokens the decoder writes is the task's choice, not the weights': 1 when the header is silent
  if (readout === 'decoder') spec.decoderSteps = intMeta(metadata, 'decoder_steps') || 1;
  const expected = modelParamInfos(spec);
  const weights: ParamValues = {};
  for (const { name, shape } of expected) {
    const tensor = tensors[name];
    if (!tensor) throw new ModelFileError(`Tensor ${name} is missing (expected shape ${shapeText(shape)})`);
    if (shapeText(tensor.shape) !== shapeText(shape)) throw new ModelFileError(`Tensor ${name} has shape ${shapeText(tensor.shape)} but the model needs ${shapeText(shape)}`);
    weights[name] = tensor.data;
  }
  const known = new Set(expected.map((p) => p.name));
  const extra = Object.keys(tensors).filter((name) => !known.has(name));
  if (extra.length) throw new ModelFileError(`Unexpected tensor${extra.length > 1 ? 's' : ''} ${extra.slice(0, 3).join(', ')}: this model has no such parameter`);
  for (const name in weights) {
    if (weights[name].some((v) => !Number.isFinite(v))) throw new ModelFileError(`Tensor ${name} contains NaN or infinite values`);
  }
  return { spec, weights, metadata, notes: rnn.notes };
}

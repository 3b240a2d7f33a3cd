/** The shape of a recurrent network and of the whole model, named as PyTorch names them, and their parameter layout. */

/** The recurrent cells Unrolled trains. */
export type CellKind = 'lstm' | 'gru' | 'rnn-tanh' | 'rnn-relu';

/** Every cell kind, in the order the UI lists them. */
export const CELL_KINDS: readonly CellKind[] = ['lstm', 'gru', 'rnn-tanh', 'rnn-relu'];

/** PyTorch's `mode` string for each cell (as `torch.nn.RNNBase.mode` and the export metadata use it). */
export type TorchMode = 'LSTM' | 'GRU' | 'RNN_TANH' | 'RNN_RELU';

/** Cell kind → PyTorch mode. */
export const TORCH_MODE: Record<CellKind, TorchMode> = {
  lstm: 'LSTM',
  gru: 'GRU',
  'rnn-tanh': 'RNN_TANH',
  'rnn-relu': 'RNN_RELU',
};

/** PyTorch mode → cell kind. */
export function cellFromTorchMode(mode: string): CellKind | undefined {
  return (Object.keys(TORCH_MODE) as CellKind[]).find((cell) => TORCH_MODE[cell] === mode);
}

/** The recurrent stack, with PyTorch's `nn.LSTM` / `nn.GRU` / `nn.RNN` arguments (always batch_first). */
export interface RnnSpec {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  /** Dropout on each layer's output except the last, in training only (PyTorch's `dropout`). */
  dropout: number;
}

/** Gates stacked in W_ih / W_hh rows: LSTM i, f, g, o; GRU r, z, n; RNN one block. */
export function gateCount(cell: CellKind): 1 | 3 | 4 {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** Gate names in PyTorch's row order, per cell. */
export const GATE_NAMES: Record<CellKind, readonly string[]> = {
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['r', 'z', 'n'],
  'rnn-tanh': [],
  'rnn-relu': [],
};

/** What the forward pass records per step for the probe example: gates and states (RNN: pre-activation a and h). */
export const RECORDED_NAMES: Record<CellKind, readonly string[]> = {
  lstm: ['i', 'f', 'g', 'o', 'c', 'h'],
  gru: ['r', 'z', 'n', 'h'],
  'rnn-tanh': ['a', 'h'],
  'rnn-relu': ['a', 'h'],
};

/** 1 or 2 directions. */
export function directions(spec: RnnSpec): 1 | 2 {
  return spec.bidirectional ? 2 : 1;
}

/** PyTorch's name suffix for a layer and direction: `_l0`, `_l1_reverse`. */
export function layerSuffix(layer: number, direction: number): string {
  return `_l${layer}${direction === 1 ? '_reverse' : ''}`;
}

/** One parameter of the recurrent stack: PyTorch name and shape. */
export interface ParamInfo {
  name: string;
  shape: number[];
  layer: number;
  direction: number;
}

/**
 * The recurrent stack's parameters in PyTorch's order (`_flat_weights_names`): per layer, per direction,
 * weight_ih (G·H × I_l), weight_hh (G·H × H), bias_ih (G·H), bias_hh (G·H).
 */
export function rnnParamInfos(spec: RnnSpec): ParamInfo[] {
  const gh = gateCount(spec.cell) * spec.hiddenSize;
  const dirs = directions(spec);
  const infos: ParamInfo[] = [];
  for (let layer = 0; layer < spec.numLayers; layer++) {
    const inputSize = layer === 0 ? spec.inputSize : spec.hiddenSize * dirs;
    for (let direction = 0; direction < dirs; direction++) {
      const s = layerSuffix(layer, direction);
      infos.push(
        { name: `weight_ih${s}`, shape: [gh, inputSize], layer, direction },
        { name: `weight_hh${s}`, shape: [gh, spec.hiddenSize], layer, direction },
        { name: `bias_ih${s}`, shape: [gh], layer, direction },
        { name: `bias_hh${s}`, shape: [gh], layer, direction },
      );
    }
  }
  return infos;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * How the head reads the recurrent output: the last step only (many-to-one), every step (many-to-many
 * synchronized), or every step of a decoder that starts after the encoder has read the whole input
 * (many-to-many delayed, encoder–decoder).
 */
export type Readout = 'last' | 'all' | 'decoder';

/** The full model's shape. */
export interface ModelSpec {
  rnn: RnnSpec;
  /** Vocabulary size for token inputs; when set, an embedding of width rnn.inputSize comes first. */
  vocabSize?: number;
  outputSize: number;
  readout: Readout;
  /**
   * Encoder–decoder (readout 'decoder'): the decoder's number of steps. The input's last `decoderSteps`
   * tokens are the decoder's inputs (a start token, then the target shifted by one: teacher forcing); the
   * tokens before them are the encoder's.
   */
  decoderSteps?: number;
}

/** The decoder's recurrent stack: the encoder's cell and sizes, always one direction. */
export function decoderSpecOf(spec: ModelSpec): RnnSpec {
  return { ...spec.rnn, bidirectional: false };
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
  if (spec.readout === 'decoder') for (const p of rnnParamInfos(decoderSpecOf(spec))) infos.push({ name: `decoder.${p.name}`, shape: p.shape });
  const features = spec.readout === 'decoder' ? spec.rnn.hiddenSize : spec.rnn.hiddenSize * directions(spec.rnn);
  infos.push({ name: 'head.weight', shape: [spec.outputSize, features] }, { name: 'head.bias', shape: [spec.outputSize] });
  return infos;
}

/** Plain arrays of parameter values by name. */
export type ParamValues = Record<string, Float32Array>;

/**
 * One-click scenarios of the divergence lab. Each is a set of settings on top of the defaults, with its
 * parameters explained; the same names work in the URL (?preset=explode) and the CLI (--preset explode).
 */
import type { TrainConfig } from './config';

/** A named scenario. */
export interface Preset {
  name: string;
  title: string;
  /** What to expect and why, in a sentence or two. */
  description: string;
  settings: Partial<TrainConfig>;
}

/** The presets, by name. */
export const PRESETS: Record<string, Preset> = {
  explode: {
    name: 'explode',
    title: 'Exploding gradients',
    description:
      'A ReLU RNN (nothing squashes h), its W_hh initialised 1.5× larger than PyTorch’s default, plain SGD at learning rate 2, clipping off. ' +
      'Within a few steps one huge gradient throws the weights out and the loss becomes NaN. Turn on clipping by global norm (threshold 0.1) and the same seed trains.',
    settings: { task: 'sine', cell: 'rnn-relu', hiddenSize: 32, numLayers: 1, optimizer: 'sgd', learningRate: 2, clipMode: 'off', clipThreshold: 0.1, recurrentInitGain: 1.5, sequenceLength: 20, seed: 1 },
  },
  vanish: {
    name: 'vanish',
    title: 'Vanishing gradients',
    description:
      'A tanh RNN over 80 steps with W_hh initialised at half PyTorch’s default. ‖∂L/∂h_t‖ falls by orders of magnitude toward the early steps: ' +
      'the first inputs barely get any credit. Switch the cell to LSTM or GRU and compare the gradient-flow chart. Clipping does not help here.',
    settings: { task: 'sine', cell: 'rnn-tanh', hiddenSize: 32, numLayers: 1, optimizer: 'adam', learningRate: 0.01, clipMode: 'off', recurrentInitGain: 0.5, sequenceLength: 80, seed: 1 },
  },
  remember: {
    name: 'remember',
    title: 'Why gates matter',
    description:
      'Remember the marked first symbol of 41 (a lag of 40 steps, with random symbols written over it) using a tanh RNN: it stays at chance, 25%, ' +
      'however long it trains. Switch the cell to LSTM or GRU (or compare the two): the gated cells pass 90% within a few hundred steps. ' +
      'Clipping by norm at 1 keeps the LSTM’s occasional gradient spike from undoing what it learned.',
    settings: { task: 'memory', cell: 'rnn-tanh', hiddenSize: 16, numLayers: 1, bidirectional: false, optimizer: 'adam', learningRate: 0.01, clipMode: 'norm', clipThreshold: 1, recurrentInitGain: 1, sequenceLength: 41, seed: 1 },
  },
};

/** The settings of a preset, or an error naming the known presets. */
export function presetSettings(name: string): { settings: Partial<TrainConfig> } | { error: string } {
  const preset = PRESETS[name];
  if (!preset) return { error: `Unknown preset "${name}": choose one of ${Object.keys(PRESETS).join(', ')}` };
  return { settings: preset.settings };
}

/**
 * One-click scenarios of the divergence lab. Each is a set of settings on top of the defaults, with its
 * parameters explained; the same names work in the URL (?preset=explode) and the CLI (--preset explode).
 */
import type { TrainConfig } from './config';

/** A named scenario. */
export interface Preset {
  name: string;
  title: string;
  /**
   * What to expect and why, in a few sentences. Every claim holds for the preset's own settings and seed: each
   * sentence that makes one is asserted by src/test/presets.claims.test.ts, which trains the preset through the core.
   */
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
      'Within a few steps one huge gradient throws the weights out: at step 4 the loss leaps from about 12 to about 10¹³, past the app’s bound of 10⁴ × the first loss, and training stops, marked diverged. ' +
      'Rewind, turn on clipping by global norm (threshold 0.1) and train again: the same seed trains, its loss falling from 0.46 to below 0.1 within 50 steps, and it does not diverge.',
    settings: { task: 'sine', cell: 'rnn-relu', hiddenSize: 32, numLayers: 1, optimizer: 'sgd', learningRate: 2, clipMode: 'off', clipThreshold: 0.1, recurrentInitGain: 1.5, sequenceLength: 20, seed: 1 },
  },
  vanish: {
    name: 'vanish',
    title: 'Vanishing gradients',
    description:
      'A tanh RNN over 80 steps with W_hh initialised at half PyTorch’s default. ' +
      '‖∂L/∂h_t‖ falls by orders of magnitude toward the early steps, about 40 on the first training step and more than 4 at every step from the 30th to the 300th: the first inputs barely get any credit. ' +
      'The loss falls anyway: a sine’s next value needs only its last few steps, and within 100 steps the forecasts beat repeating the last value. ' +
      'An LSTM or GRU does not change that here: from step 50 to 200 their gradients fall by 8 orders or more too, since nothing in a sine needs long memory (the remember preset is where gates matter). ' +
      'Clipping does not help either: it only scales a gradient down.',
    settings: { task: 'sine', cell: 'rnn-tanh', hiddenSize: 32, numLayers: 1, optimizer: 'adam', learningRate: 0.01, clipMode: 'off', recurrentInitGain: 0.5, sequenceLength: 80, seed: 1 },
  },
  remember: {
    name: 'remember',
    title: 'Why gates matter',
    description:
      'Remember the marked first symbol of 41 (a lag of 40 steps, with random symbols written over it) using a tanh RNN: it stays at chance, 25% (held-out accuracy under 30%), for its first 400 steps, and below 60% through 2,000. ' +
      'Switch the cell to LSTM or GRU (or compare the two): the gated cells pass 90% within 200 steps. ' +
      'Clipping by norm at 1 keeps the LSTM there: with clipping off, a gradient spike (‖g‖ over 100) knocks its accuracy down by 20 points or more within 300 steps; with it on, it stays above 99% from step 300 to 1,000.',
    settings: { task: 'memory', cell: 'rnn-tanh', hiddenSize: 16, numLayers: 1, bidirectional: false, optimizer: 'adam', learningRate: 0.01, clipMode: 'norm', clipThreshold: 1, recurrentInitGain: 1, sequenceLength: 41, seed: 1 },
  },
};

/** The settings of a preset, or an error naming the known presets. */
export function presetSettings(name: string): { settings: Partial<TrainConfig> } | { error: string } {
  const preset = PRESETS[name];
  if (!preset) return { error: `Unknown preset "${name}": choose one of ${Object.keys(PRESETS).join(', ')}` };
  return { settings: preset.settings };
}

/**
 * Remember the first symbol (many-to-one, long memory): the first step shows one of K symbols with a start
 * marker, then `sequenceLength − 1` random symbols from the same alphabet follow; at the end the network must
 * say which symbol was marked. The symbol and the later symbols share input channels, so the gradient of the
 * input weights is dominated by the last steps (noise as far as the target goes) and a vanilla RNN finds no
 * short cut. Training sequences vary the lag (blank steps come first); held-out ones use the full lag. At lag
 * 40 (sequence length 41) and the default settings, LSTM and GRU reach > 0.95 held-out accuracy within 400
 * steps, while a tanh RNN stays at chance (1/K) even after 1500: gates let a cell store the marked symbol and
 * hold it while the others pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { rnnSpecOf, type Task, type TaskData } from './task';
import { accuracy, softmax } from './scores';
import type { ArrayBatch } from '../core/trainingTask';

/** Symbols to remember (classes); the later steps draw from the same symbols. */
export const MEMORY_SYMBOLS = 4;
/** Input channels per step: one per symbol, then the start marker. */
export const MEMORY_INPUT_WIDTH = MEMORY_SYMBOLS + 1;
const START = MEMORY_SYMBOLS;
const HELD_OUT = 256;

/** How a batch is drawn: the symbols to mark (random when absent) and whether the lags vary (training). */
export interface MemoryBatchOptions {
  firstSymbols?: number[];
  mixedLags?: boolean;
}

/**
 * A lag for a training sequence, log-uniform on 1…steps−1. From the full lag alone no cell finds the signal
 * within a few hundred steps (an LSTM's forget gate starts near 0.5, so 0.5^40 of it arrives); short lags
 * teach a gated cell to store at the marker and keep the cell state, and that carries over to long lags. A
 * tanh RNN learns the short lags too, but cannot hold a symbol while 40 more are written over it.
 */
function trainingLag(rng: Rng, steps: number): number {
  return Math.min(steps - 1, Math.floor(Math.exp(rng.next() * Math.log(steps))));
}

/**
 * One-hot sequences: a symbol with the start marker, then one random symbol per step. With `mixedLags` each
 * sequence begins with blank (all-zero) steps so that the marked symbol is `trainingLag` steps from the end;
 * otherwise it is at step 0 (lag steps−1), as in the held-out set.
 */
export function memoryBatch(rng: Rng, batchSize: number, steps: number, options: MemoryBatchOptions = {}): ArrayBatch {
  const width = MEMORY_INPUT_WIDTH;
  const input = new Float32Array(batchSize * steps * width);
  const target = new Float32Array(batchSize * MEMORY_SYMBOLS);
  for (let b = 0; b < batchSize; b++) {
    const symbol = options.firstSymbols?.[b] ?? rng.int(MEMORY_SYMBOLS);
    const start = options.mixedLags ? steps - 1 - trainingLag(rng, steps) : 0;
    input[(b * steps + start) * width + symbol] = 1;
    input[(b * steps + start) * width + START] = 1;
    for (let t = start + 1; t < steps; t++) input[(b * steps + t) * width + rng.int(MEMORY_SYMBOLS)] = 1;
    target[b * MEMORY_SYMBOLS + symbol] = 1;
  }
  return { input, inputShape: [batchSize, steps, width], target, targetShape: [batchSize, MEMORY_SYMBOLS] };
}

/** How the symbols are shown. */
export const SYMBOL_NAMES = ['A', 'B', 'C', 'D'];

/** The steps of one sequence (batch row `row`) as the learner reads them: "▸C" (marked), "A", "·" (blank). */
export function memoryStepLabels(batch: ArrayBatch, row = 0): string[] {
  const [, steps] = batch.inputShape;
  return Array.from({ length: steps }, (_, t) => {
    const offset = (row * steps + t) * MEMORY_INPUT_WIDTH;
    const symbol = Array.from(batch.input.subarray(offset, offset + MEMORY_SYMBOLS)).indexOf(1);
    const name = symbol < 0 ? '·' : SYMBOL_NAMES[symbol];
    return batch.input[offset + START] === 1 ? `▸${name}` : name;
  });
}

/** The long-memory task for a config (its sequence length sets the lag). */
export function memoryTask(config: TrainConfig, _data: TaskData = {}): Task {
  const steps = config.sequenceLength;
  const heldOut = memoryBatch(new Rng(config.seed ^ 0x3e3), HELD_OUT, steps);
  const probe = memoryBatch(new Rng(config.seed ^ 0x9be), 1, steps, { firstSymbols: [2] });
  return {
    id: 'memory',
    title: 'Remember the first symbol',
    shape: 'many-to-one',
    summary: `The first of ${steps} steps shows one of ${MEMORY_SYMBOLS} symbols with a start marker, then ${steps - 1} random symbols follow; at the end the network must name the marked one (chance: ${100 / MEMORY_SYMBOLS}%). Training sequences may begin with blank steps (shorter lags); held-out ones never do.`,
    lossLabel: 'cross-entropy',
    modelSpec: {
      rnn: rnnSpecOf(config, MEMORY_INPUT_WIDTH),
      outputSize: MEMORY_SYMBOLS,
      readout: 'last',
    },
    // the marked symbol is uniform over the K symbols, so guessing (or always naming one) is right 1/K of the time
    baselines: { chance: 1 / MEMORY_SYMBOLS },
    probe,
    heldOut,
    trainBatch(rng, batchSize) {
      const batch = memoryBatch(rng, batchSize, steps, { mixedLags: true });
      // example 0 is the probe (at the full lag)
      batch.input.set(probe.input, 0);
      batch.target.set(probe.target, 0);
      return batch;
    },
    loss(prediction, target) {
      return tf.losses.softmaxCrossEntropy(target, prediction) as tf.Scalar;
    },
    metrics(prediction) {
      return { accuracy: accuracy(prediction, heldOut.target, MEMORY_SYMBOLS), baselineAccuracy: 1 / MEMORY_SYMBOLS };
    },
    probeLabels: memoryStepLabels(probe),
    tryIt: {
      label: 'First symbol (A, B, C or D)',
      defaultInput: 'C',
      async run(input, _options, predict) {
        const letter = input.trim().toUpperCase();
        const symbol = SYMBOL_NAMES.indexOf(letter);
        if (letter.length !== 1 || symbol < 0) return { error: `Type one of ${SYMBOL_NAMES.join(', ')}` };
        const batch = memoryBatch(new Rng(Date.now() & 0xffff), 1, steps, { firstSymbols: [symbol] });
        const probabilities = softmax(Array.from(await predict(batch)));
        const best = probabilities.indexOf(Math.max(...probabilities));
        // The symbols that followed, so the learner sees that they are drawn from the same letters.
        const shown = memoryStepLabels(batch).slice(0, 13).join(' ');
        return {
          summary: `${shown}${steps - 1 > 12 ? ' …' : ''}: after ${steps - 1} random symbols the network says ${SYMBOL_NAMES[best]} (${(probabilities[best] * 100).toFixed(0)}%) — ${best === symbol ? 'right' : `wrong, it was ${letter}`}.`,
          trace: probabilities.map((p, k) => ({ token: SYMBOL_NAMES[k], value: p })),
          traceLabel: 'P(first symbol) at the last step',
        };
      },
    },
    metadata: {
      symbols: String(MEMORY_SYMBOLS),
      input_channels: `${MEMORY_SYMBOLS} symbols (shared by the first symbol and the rest), start marker`,
      lag: String(steps - 1),
      sequence_length: String(steps),
      training_lags: `log-uniform 1…${steps - 1} (blank steps first)`,
    },
  };
}

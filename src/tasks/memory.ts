/**
 * Remember the first symbol (many-to-one, long memory): the first step shows one of K symbols, then come
 * `sequenceLength − 1` distractor steps; at the end the network must say which symbol came first. A vanilla
 * RNN's gradient vanishes across a long lag (it stays at chance, 1/K); gates let LSTM and GRU keep it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import { Rng } from '../core/rng';
import { rnnSpecOf, type ArrayBatch, type Task, type TaskData } from './task';

/** Symbols to remember (classes) and distractor symbols. */
export const MEMORY_SYMBOLS = 4;
export const MEMORY_DISTRACTORS = 4;
const HELD_OUT = 256;

/** One-hot sequences: step 0 holds a symbol (channels 0…K−1), later steps a distractor (channels K…K+D−1). */
export function memoryBatch(rng: Rng, batchSize: number, steps: number, firstSymbols?: number[]): ArrayBatch {
  const width = MEMORY_SYMBOLS + MEMORY_DISTRACTORS;
  const input = new Float32Array(batchSize * steps * width);
  const target = new Float32Array(batchSize * MEMORY_SYMBOLS);
  for (let b = 0; b < batchSize; b++) {
    const symbol = firstSymbols?.[b] ?? rng.int(MEMORY_SYMBOLS);
    input[(b * steps) * width + symbol] = 1;
    for (let t = 1; t < steps; t++) input[(b * steps + t) * width + MEMORY_SYMBOLS + rng.int(MEMORY_DISTRACTORS)] = 1;
    target[b * MEMORY_SYMBOLS + symbol] = 1;
  }
  return { input, inputShape: [batchSize, steps, width], target, targetShape: [batchSize, MEMORY_SYMBOLS] };
}

/** How the symbols are shown. */
export const SYMBOL_NAMES = ['A', 'B', 'C', 'D'];

/** Probabilities from logits. */
export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Fraction of rows whose largest logit is the target's class. */
export function accuracy(logits: ArrayLike<number>, oneHot: ArrayLike<number>, classes: number): number {
  const rows = oneHot.length / classes;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let truth = 0;
    for (let c = 1; c < classes; c++) if (logits[r * classes + c] > logits[r * classes + best]) best = c;
    for (let c = 1; c < classes; c++) if (oneHot[r * classes + c] > oneHot[r * classes + truth]) truth = c;
    if (best === truth) correct++;
  }
  return correct / rows;
}

/** The long-memory task for a config (its sequence length sets the lag). */
export function memoryTask(config: TrainConfig, _data: TaskData = {}): Task {
  const steps = config.sequenceLength;
  const heldOut = memoryBatch(new Rng(config.seed ^ 0x3e3), HELD_OUT, steps);
  const probe = memoryBatch(new Rng(config.seed ^ 0x9be), 1, steps, [2]);
  return {
    id: 'memory',
    title: 'Remember the first symbol',
    shape: 'many-to-one',
    summary: `The first of ${steps} steps shows one of ${MEMORY_SYMBOLS} symbols, then ${steps - 1} distractors follow; at the end the network must name the first symbol (chance: ${100 / MEMORY_SYMBOLS}%).`,
    lossLabel: 'cross-entropy',
    modelSpec: {
      rnn: rnnSpecOf(config, MEMORY_SYMBOLS + MEMORY_DISTRACTORS),
      outputSize: MEMORY_SYMBOLS,
      readout: 'last',
    },
    probe,
    heldOut,
    trainBatch(rng, batchSize) {
      const batch = memoryBatch(rng, batchSize, steps);
      // example 0 is the probe
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
    tryIt: {
      label: 'First symbol (A, B, C or D)',
      defaultInput: 'C',
      async run(input, _options, predict) {
        const letter = input.trim().toUpperCase();
        const symbol = SYMBOL_NAMES.indexOf(letter);
        if (letter.length !== 1 || symbol < 0) return { error: `Type one of ${SYMBOL_NAMES.join(', ')}` };
        const batch = memoryBatch(new Rng(Date.now() & 0xffff), 1, steps, [symbol]);
        const probabilities = softmax(Array.from(await predict(batch)));
        const best = probabilities.indexOf(Math.max(...probabilities));
        return {
          summary: `After ${steps - 1} distractors the network says ${SYMBOL_NAMES[best]} (${(probabilities[best] * 100).toFixed(0)}%) — ${best === symbol ? 'right' : `wrong, it was ${letter}`}.`,
          trace: probabilities.map((p, k) => ({ token: SYMBOL_NAMES[k], value: p })),
          traceLabel: 'P(first symbol) at the last step',
        };
      },
    },
    metadata: { symbols: String(MEMORY_SYMBOLS), distractors: String(MEMORY_DISTRACTORS), lag: String(steps - 1), sequence_length: String(steps) },
  };
}

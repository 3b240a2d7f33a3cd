/**
 * The benchmark's baseline: the same network built from tf.layers (recurrent layer + dense head, Adam, MSE),
 * trained with `trainOnBatch`, so that Unrolled's instrumented step has something fair to be compared with.
 * Used by the Node bench and by the browser bench worker; never by the app.
 */
import * as tf from '@tensorflow/tfjs';
import type { CellKind } from '../shared/spec';
import { timeLoop } from './measure';

/** Cells tf.layers has an equivalent of (its SimpleRNN is tanh; the ReLU RNN is not benchmarked). */
export type LayersCell = Exclude<CellKind, 'rnn-relu'>;

/** The Adam learning rate both sides of the benchmark use. */
export const BENCH_LEARNING_RATE = 0.01;
/** Batch size and sequence length both sides use. */
export const BENCH_BATCH_SIZE = 32;
export const BENCH_SEQUENCE_LENGTH = 30;

/** Warm-up steps before timing (first calls build the graph and the optimizer's slots). */
const WARMUP_STEPS = 3;

/** A compiled tf.layers model equal in size to Unrolled's: (B, T, 1) → recurrent layer of `hidden` units → dense(1). */
export function buildLayersModel(cell: LayersCell, hidden: number, steps: number): { model: tf.Sequential; optimizer: tf.Optimizer } {
  const recurrentArgs = { units: hidden, inputShape: [steps, 1], returnSequences: false };
  const recurrent =
    cell === 'lstm' ? tf.layers.lstm(recurrentArgs) : cell === 'gru' ? tf.layers.gru(recurrentArgs) : tf.layers.simpleRNN(recurrentArgs);
  const model = tf.sequential({ layers: [recurrent, tf.layers.dense({ units: 1 })] });
  const optimizer = tf.train.adam(BENCH_LEARNING_RATE);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return { model, optimizer };
}

/**
 * Training steps per second of the tf.layers model on random (B, T, 1) → (B, 1) data: a short warm-up, then
 * `trainOnBatch` (awaited, so each step reads its loss back, as Unrolled's does) for about `seconds`.
 * Frees the model, its optimizer (model.dispose keeps an optimizer it was handed) and the data.
 */
export async function layersStepsPerSecond(cell: LayersCell, hidden: number, batch: number, steps: number, seconds: number): Promise<number> {
  const { model, optimizer } = buildLayersModel(cell, hidden, steps);
  const x = tf.randomNormal([batch, steps, 1]);
  const y = tf.randomNormal([batch, 1]);
  try {
    const timing = await timeLoop(() => model.trainOnBatch(x, y), WARMUP_STEPS, seconds);
    return timing.stepsPerSecond;
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
    optimizer.dispose();
  }
}

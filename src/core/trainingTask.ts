/**
 * What the trainer needs of a task: its model's shape, its batches and its loss. Declared here so that the
 * core never imports tasks/ — each task (tasks/task.ts's Task) extends this with what the page shows.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '../shared/spec';
import type { Rng } from './rng';

/** A batch as plain arrays, ready to become tensors on any backend. */
export interface ArrayBatch {
  input: Float32Array | Int32Array;
  inputShape: number[];
  target: Float32Array | Int32Array;
  targetShape: number[];
}

/** A task as the trainer sees it. */
export interface TrainingTask {
  /** The model this task trains. */
  readonly modelSpec: ModelSpec;
  /** A training batch; example 0 is always the fixed probe example whose gates the views show. */
  trainBatch(rng: Rng, batchSize: number): ArrayBatch;
  /** The probe example alone (batch of 1). */
  readonly probe: ArrayBatch;
  /** Held-out examples for metrics. */
  readonly heldOut: ArrayBatch;
  /** The training loss of a prediction batch against its target. */
  loss(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar;
  /** Metrics on held-out predictions (e.g. mse or accuracy), with their trivial baselines. */
  metrics(prediction: Float32Array): Record<string, number>;
}

/** The interface every task implements: its data, its batches, its model's shape, its loss and metrics. */
import type * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import type { ModelSpec } from '../core/model';
import type { Rng } from '../core/rng';

/** The four sequence shapes of the lesson (§3). */
export type SequenceShape = 'one-to-many' | 'many-to-one' | 'many-to-many (synchronized)' | 'many-to-many (delayed)';

/** A batch as plain arrays, ready to become tensors on any backend. */
export interface ArrayBatch {
  input: Float32Array | Int32Array;
  inputShape: number[];
  target: Float32Array | Int32Array;
  targetShape: number[];
}

/** A task's forecast-vs-truth (or prediction-vs-target) series for display. */
export interface PredictionTrace {
  truth: Float32Array;
  prediction: Float32Array;
}

/** One task: what the network learns. */
export interface Task {
  readonly id: string;
  readonly title: string;
  readonly shape: SequenceShape;
  /** One sentence on what the network reads and predicts. */
  readonly summary: string;
  /** The loss's name with its kind, for axis labels: "MSE", "cross-entropy". */
  readonly lossLabel: string;
  /** The model this task trains, for a config. */
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
  /** The held-out prediction trace to plot (forecasting tasks), from predictions on `heldOut`. */
  trace?(prediction: Float32Array): PredictionTrace;
  /** The task's own settings to store with exported weights. */
  readonly metadata: Record<string, string>;
}

/** Builds a task from a config. */
export type TaskFactory = (config: TrainConfig) => Task;

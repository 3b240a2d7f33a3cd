/** The interface every task implements: its data, its batches, its model's shape, its loss and metrics. */
import type * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import type { ModelSpec } from '../core/model';
import type { Rng } from '../core/rng';
import type { RnnSpec } from '../core/spec';

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
  /** The task's own settings to store with exported weights (vocabulary, normalisation, …), as strings. */
  readonly metadata: Record<string, string>;
  /** What to look for in the probe's hidden-state trajectory (the PCA view), where the task has something to say. */
  readonly trajectoryHint?: string;
  /** How to show each of the probe's inputs, where the generic rule (token, value, one-hot index) does not fit. */
  readonly probeLabels?: string[];
  /** The learner's "try it" panel, when the task has one. */
  readonly tryIt?: TryIt;
  /** When the task can learn from the learner's own file: what to ask for. */
  readonly userData?: UserDataSpec;
  /** Whether the task is using the learner's own data now. */
  readonly usingUserData?: boolean;
}

/**
 * Text files a task reads, by name: the files the app ships under public/data/ (the worker fetches them from
 * its own origin; the CLI reads them from disk), and under USER_DATA the learner's own upload, if any.
 */
export type TaskData = Record<string, string>;

/** The key of the learner's uploaded text (a corpus, a CSV of labelled sentences) in TaskData. */
export const USER_DATA = 'user';

/** The recurrent stack a config asks for, reading `inputSize` features per step. */
export function rnnSpecOf(config: TrainConfig, inputSize: number): RnnSpec {
  return {
    cell: config.cell,
    inputSize,
    hiddenSize: config.hiddenSize,
    numLayers: config.numLayers,
    bidirectional: config.bidirectional,
    dropout: config.dropout,
  };
}

/** Builds a task from a config and its data; throws TaskDataError when the data cannot be used. */
export type TaskFactory = (config: TrainConfig, data: TaskData) => Task;

/** A problem with a task's data (most often the learner's upload), worded for the learner. */
export class TaskDataError extends Error {
  override readonly name = 'TaskDataError';
}

/** What a task asks of the learner's own data. */
export interface UserDataSpec {
  /** e.g. "Your own text", "Your own labelled sentences". */
  label: string;
  /** File types for the file picker, e.g. ".txt,text/plain". */
  accept: string;
  /** One line on the format, e.g. "CSV or TSV: text, label (0/1 or negative/positive)". */
  hint: string;
  /** Largest file accepted, in bytes (checked before reading). */
  maxBytes: number;
}

/** What a "try it" run shows. Any subset of the fields. */
export interface TryItOutput {
  /** A message for input the task cannot use (shown instead of a result). */
  error?: string;
  /** One verdict line, e.g. "positive (87%)". */
  summary?: string;
  /** Tokens with a value each, e.g. P(positive) after each word; drawn as a strip. */
  trace?: Array<{ token: string; value: number }>;
  /** What the trace's values are, e.g. "P(positive) after each word". */
  traceLabel?: string;
  /** Text out: generated characters, a predicted sequence. */
  text?: string;
  /** A predicted series against the truth (forecast roll-outs), in the series' units. */
  series?: { truth: number[]; prediction: number[]; label: string };
}

/** The learner's "try it": a text in, a readout out, computed with the model being trained. */
export interface TryIt {
  /** The input's label, e.g. "Type a sentence". */
  label: string;
  defaultInput: string;
  /** Extra controls the task wants (e.g. a temperature for sampling), with their ranges. */
  options?: Array<{ name: string; label: string; min: number; max: number; step: number; default: number }>;
  /** Runs the model on the learner's input; `predict` evaluates a batch (eval mode) and returns its outputs. */
  run(input: string, options: Record<string, number>, predict: (batch: ArrayBatch) => Promise<Float32Array>): Promise<TryItOutput>;
}

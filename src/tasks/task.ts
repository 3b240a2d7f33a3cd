/** The interface every task implements: its data, its batches, its model's shape, its loss and metrics. */
import type { TrainConfig } from '../shared/config';
import type { SequenceShape, TryItForm, TryItOutput, UserDataSpec } from '../shared/protocol';
import type { RnnSpec } from '../shared/spec';
import type { ArrayBatch, TrainingTask } from '../core/trainingTask';

/** A task's forecast-vs-truth (or prediction-vs-target) series for display, in the series' own units. */
export interface PredictionTrace {
  truth: Float32Array;
  prediction: Float32Array;
  /**
   * The baselines' forecasts of the same held-out values, to draw as lines beside the model's, by the
   * baseline's name in `Task.baselines`: persistence (the last value) and, for a seasonal series (CO₂),
   * seasonalNaive (the value a season before plus the last season's change).
   */
  baselines?: Record<string, Float32Array>;
}

/** One task: what the network learns, and what the page shows of it. */
export interface Task extends TrainingTask {
  readonly id: string;
  readonly title: string;
  readonly shape: SequenceShape;
  /** One sentence on what the network reads and predicts. */
  readonly summary: string;
  /** The loss's name with its kind, for axis labels: "MSE", "cross-entropy". */
  readonly lossLabel: string;
  /**
   * Whether the held-out `mse` is in the training loss's units, so the loss chart may draw it on the loss's
   * axis (default true; false when the network learns a transformed target, as CO₂ learns the changes).
   */
  readonly heldOutOnLossScale?: boolean;
  /**
   * The baselines a practitioner would compare the model with, computed from the task's own data (never typed
   * in), scored on the same held-out examples as the model, in the held-out metric's units: forecasting
   * {mean, persistence, seasonalNaive} (MSE), sentiment {chance, bagOfWords} and memory {chance} (accuracy),
   * character generation {unigram, bigram} (bits/char), reverse digits {chance} (exact-sequence accuracy).
   */
  readonly baselines: Record<string, number>;
  /** The same baselines in another metric of the task, by that metric's name (CO₂: { rmsePpm: {mean, …} }). */
  readonly baselinesIn?: Record<string, Record<string, number>>;
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

/** The learner's "try it": a text in, a readout out, computed with the model being trained. */
export interface TryIt extends TryItForm {
  /** Runs the model on the learner's input; `predict` evaluates a batch (eval mode) and returns its outputs. */
  run(input: string, options: Record<string, number>, predict: (batch: ArrayBatch) => Promise<Float32Array>): Promise<TryItOutput>;
}

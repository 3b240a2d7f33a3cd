/**
 * Forecasting (sine, CO₂): one builder makes the task from a description of its series. Windows of the
 * series → the next value, trained on the value after the window (many-to-one) or on the next value at every
 * step (many-to-many, synchronized); an optional z-score normalisation fitted on the training part; held-out
 * windows after every training value; and the "try it" roll-out: predict one step, feed the prediction back
 * as the next input, repeat — the forecast drifts from the truth as errors compound.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ForecastTarget, TaskId, TrainConfig } from '../shared/config';
import { TaskDataError, rnnSpecOf, type Task, type TryIt } from './task';
import type { Readout } from '../shared/spec';
import type { ArrayBatch } from '../core/trainingTask';
import type { SequenceShape } from '../shared/protocol';

/**
 * Cuts windows s[start .. start+T−1] into a batch (B, T, 1). Targets: s[start+T] (B, 1) for 'last'; the
 * window shifted by one, s[start+1 .. start+T] (B, T, 1), for 'every'.
 */
export function windowBatch(series: Float32Array, starts: number[], steps: number, target: ForecastTarget = 'last'): ArrayBatch {
  const input = new Float32Array(starts.length * steps);
  const every = target === 'every';
  const targets = new Float32Array(starts.length * (every ? steps : 1));
  starts.forEach((start, b) => {
    input.set(series.subarray(start, start + steps), b * steps);
    if (every) targets.set(series.subarray(start + 1, start + steps + 1), b * steps);
    else targets[b] = series[start + steps];
  });
  return { input, inputShape: [starts.length, steps, 1], target: targets, targetShape: every ? [starts.length, steps, 1] : [starts.length, 1] };
}

/** The sequence shape and the model's readout of a forecaster trained on `target`. */
export function forecastShape(target: ForecastTarget): { shape: SequenceShape; readout: Readout } {
  return target === 'every' ? { shape: 'many-to-many (synchronized)', readout: 'all' } : { shape: 'many-to-one', readout: 'last' };
}

/** The forecast after each window: the prediction of its last step (every T-th value when every step predicts). */
export function lastPredictions(prediction: Float32Array, steps: number, target: ForecastTarget): Float32Array {
  if (target === 'last') return prediction;
  return Float32Array.from({ length: prediction.length / steps }, (_, b) => prediction[(b + 1) * steps - 1]);
}

/** The value after each window: the truth of the forecast. */
export function nextValues(series: Float32Array, starts: number[], steps: number): Float32Array {
  return Float32Array.from(starts, (start) => series[start + steps]);
}

/** Mean and standard deviation of the first `count` values (the training part). */
export interface Normalisation {
  mean: number;
  std: number;
}

/** Fits a z-score on the training part of a series. */
export function fitNormalisation(series: ArrayLike<number>, count: number): Normalisation {
  let mean = 0;
  for (let k = 0; k < count; k++) mean += series[k] / count;
  let variance = 0;
  for (let k = 0; k < count; k++) variance += (series[k] - mean) ** 2 / count;
  return { mean, std: Math.sqrt(variance) || 1 };
}

/** (x − mean) / std. */
export function normalise(series: ArrayLike<number>, n: Normalisation): Float32Array {
  return Float32Array.from(series, (v) => (v - n.mean) / n.std);
}

/** x · std + mean: back to the series' own units. */
export function denormalise(values: ArrayLike<number>, n: Normalisation): Float32Array {
  return Float32Array.from(values, (v) => v * n.std + n.mean);
}

/** Mean squared error of predictions against targets, and of predicting a constant instead. */
export function mseAgainst(prediction: ArrayLike<number>, truth: ArrayLike<number>, constant: number): { mse: number; baselineMse: number } {
  let mse = 0;
  let baselineMse = 0;
  for (let k = 0; k < truth.length; k++) {
    mse += (prediction[k] - truth[k]) ** 2 / truth.length;
    baselineMse += (constant - truth[k]) ** 2 / truth.length;
  }
  return { mse, baselineMse };
}

/** The regression loss of the forecasting tasks. */
export function mseLoss(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.losses.meanSquaredError(target, prediction) as tf.Scalar;
}

/**
 * Rolls the model out from a window of the series: each prediction becomes the next input. Returns the
 * predictions and the true continuation, in the series' own units.
 */
export async function rollOut(
  series: Float32Array,
  start: number,
  steps: number,
  horizon: number,
  predict: (batch: ArrayBatch) => Promise<Float32Array>,
): Promise<{ prediction: number[]; truth: number[] }> {
  const window = Array.from(series.subarray(start, start + steps));
  const prediction: number[] = [];
  for (let k = 0; k < horizon; k++) {
    const batch: ArrayBatch = { input: Float32Array.from(window.slice(-steps)), inputShape: [1, steps, 1], target: new Float32Array(1), targetShape: [1, 1] };
    // the last value: the only one (many-to-one) or the last step's (many-to-many)
    const out = await predict(batch);
    const next = out[out.length - 1];
    prediction.push(next);
    window.push(next);
  }
  const truth = Array.from(series.subarray(start + steps, start + steps + horizon));
  return { prediction, truth };
}

/** The forecasting "try it": one step ahead is the plot above; this rolls out `horizon` steps from held-out data. */
export function forecastTryIt(
  series: Float32Array,
  heldOutStart: number,
  steps: number,
  toUnits: (values: number[]) => number[],
  unit: string,
): TryIt {
  const available = series.length - heldOutStart - steps;
  return {
    label: 'Roll out from held-out step',
    defaultInput: '0',
    options: [{ name: 'horizon', label: 'Steps ahead', min: 1, max: Math.max(1, Math.min(120, available)), step: 1, default: Math.min(40, Math.max(1, available)) }],
    async run(input, options, predict) {
      const offset = Number(input.trim() || '0');
      const horizon = Math.round(options.horizon ?? 40);
      if (!Number.isInteger(offset) || offset < 0 || offset + horizon > available) {
        return { error: `Start must be a whole number from 0 to ${Math.max(0, available - horizon)} (the held-out part has ${available} steps to forecast)` };
      }
      const { prediction, truth } = await rollOut(series, heldOutStart + offset, steps, horizon, predict);
      const p = toUnits(prediction);
      const t = toUnits(truth);
      const rmse = Math.sqrt(p.reduce((acc, v, k) => acc + (v - t[k]) ** 2, 0) / p.length);
      return {
        summary: `Rolled out ${horizon} steps, feeding each prediction back in: RMSE ${rmse.toPrecision(3)}${unit} (one step ahead is the plot above).`,
        series: { truth: t, prediction: p, label: `value${unit}` },
      };
    },
  };
}

/** The fewest training windows after the probe's: fewer and there is nothing to sample batches from. */
const MIN_TRAINING_WINDOWS = 10;

/** A series to forecast, as its task describes it; forecastTask builds the rest. */
export interface ForecastSeries {
  id: TaskId;
  title: string;
  /** One sentence on what the network reads and predicts. */
  summary: string;
  /** The series, in its own units. */
  values: Float32Array;
  /** The first `trainEnd` values train; the windows that start there or later are held out. */
  trainEnd: number;
  /** At most this many held-out windows, the first ones (all of them when absent). */
  maxHeldOutWindows?: number;
  /** Whether the network reads z-scores fitted on the training part (a series far from 0), or the values as they are. */
  normalised: boolean;
  /** The probe's window: the series' first, or the last one training sees (the nearest to the held-out part). */
  probeWindow: 'first' | 'last training';
  /** The series' units where they have a name: the try-it and the metadata name them, a metric gives the RMSE in them. */
  units?: { name: string; rmseMetric: string };
  /** The series as the error for a too-long window names it: "CO₂ series (741 months)". */
  seriesName: string;
  /** The task's own settings to export, before the forecasting ones. */
  metadata?: Record<string, string>;
  /** What to look for in the probe's hidden-state trajectory. */
  trajectoryHint?: string;
}

/** The forecasting task for a config and a series: windows of `sequenceLength` values, an MSE loss, MSE metrics against predicting the training mean. */
export function forecastTask(config: TrainConfig, description: ForecastSeries): Task {
  const { values, trainEnd, normalised, units } = description;
  const steps = config.sequenceLength;
  const target = config.forecastTarget;
  const lastTrainStart = trainEnd - steps - 1;
  if (lastTrainStart < MIN_TRAINING_WINDOWS) throw new TaskDataError(`Sequence length ${steps} is too long for the ${description.seriesName}`);
  const fitted = fitNormalisation(values, trainEnd);
  const normalisation = normalised ? fitted : { mean: 0, std: 1 };
  const series = normalised ? normalise(values, fitted) : values;
  // the baseline predicts the training mean, in the units the network reads: 0 once normalised
  const trainingMean = normalised ? 0 : fitted.mean;
  const toUnits = (forecast: Float32Array): Float32Array => (normalised ? denormalise(forecast, normalisation) : Float32Array.from(forecast));

  const heldOutCount = Math.min(description.maxHeldOutWindows ?? Infinity, values.length - trainEnd - steps);
  const heldOutStarts = Array.from({ length: heldOutCount }, (_, k) => trainEnd + k);
  const heldOutNext = nextValues(series, heldOutStarts, steps);
  const probeStart = description.probeWindow === 'first' ? 0 : lastTrainStart;
  const { shape, readout } = forecastShape(target);
  return {
    id: description.id,
    title: description.title,
    shape,
    summary: description.summary,
    lossLabel: 'MSE',
    modelSpec: { rnn: rnnSpecOf(config, 1), outputSize: 1, readout },
    probe: windowBatch(series, [probeStart], steps, target),
    heldOut: windowBatch(series, heldOutStarts, steps, target),
    trainBatch(rng, batchSize) {
      const starts = [probeStart]; // example 0: the probe
      for (let b = 1; b < batchSize; b++) starts.push(rng.int(lastTrainStart + 1));
      return windowBatch(series, starts, steps, target);
    },
    loss: mseLoss,
    metrics(prediction) {
      const scores = mseAgainst(lastPredictions(prediction, steps, target), heldOutNext, trainingMean);
      return units ? { ...scores, [units.rmseMetric]: Math.sqrt(scores.mse) * normalisation.std } : scores;
    },
    trace(prediction) {
      return { truth: toUnits(heldOutNext), prediction: toUnits(lastPredictions(prediction, steps, target)) };
    },
    tryIt: forecastTryIt(series, trainEnd, steps, (forecast) => (normalised ? Array.from(denormalise(forecast, normalisation)) : forecast), units ? ` ${units.name}` : ''),
    trajectoryHint: description.trajectoryHint,
    metadata: {
      ...description.metadata,
      ...(normalised ? { normalisation_mean: String(normalisation.mean), normalisation_std: String(normalisation.std) } : {}),
      ...(units ? { units: units.name } : {}),
      sequence_length: String(steps),
      forecast_target: target,
    },
  };
}

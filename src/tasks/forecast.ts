/**
 * Forecasting (sine, CO₂): one builder makes the task from a description of its series. Windows of the
 * series → the next value, trained on the value after the window (many-to-one) or on the next value at every
 * step (many-to-many, synchronized). The network reads the values themselves or their step-to-step changes
 * (a trending series: the changes stay in the range training saw, the values do not); an optional z-score
 * normalisation fitted on the training part; held-out windows after every training value, scored beside the
 * baselines a forecaster would try first (the training mean, the last value, seasonal naive with drift); and
 * the "try it" roll-out: predict one step, feed the prediction back as the next input, repeat — the forecast
 * drifts from the truth as errors compound.
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
  let sum = 0;
  for (let k = 0; k < count; k++) sum += series[k];
  // sum, then divide: a constant series gets its mean exactly, hence a variance of exactly 0 (std 1, not 1e-16)
  const mean = sum / count;
  let squares = 0;
  for (let k = 0; k < count; k++) squares += (series[k] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / count) || 1 };
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

/** Mean squared error of forecasts against the truth. */
export function meanSquaredError(forecast: ArrayLike<number>, truth: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < truth.length; k++) sum += (forecast[k] - truth[k]) ** 2;
  return sum / truth.length;
}

/** Persistence: the forecast of y[t] is the last value observed before it, ŷ_t = y_{t−1}. */
export function persistenceForecasts(series: ArrayLike<number>, targets: readonly number[]): Float32Array {
  return Float32Array.from(targets, (t) => series[t - 1]);
}

/**
 * Seasonal naive with drift: the value one season before the target plus the change over the last season,
 * ŷ_t = y_{t−P} + (y_{t−1} − y_{t−P−1}) — equivalently, this step's change repeats the change one season ago.
 * Reads only values before t (a forecaster's history); needs t ≥ P + 1.
 */
export function seasonalNaiveForecasts(series: ArrayLike<number>, targets: readonly number[], period: number): Float32Array {
  return Float32Array.from(targets, (t) => {
    if (t < period + 1) throw new RangeError(`Seasonal naive needs ${period + 1} values before its target; target ${t} has ${t}`);
    return series[t - period] + (series[t - 1] - series[t - period - 1]);
  });
}

/** The baselines' forecasts of the values at `targets`: persistence always, seasonal naive with drift when the series has a season. */
export function baselineForecasts(series: ArrayLike<number>, targets: readonly number[], seasonPeriod?: number): Record<string, Float32Array> {
  return {
    persistence: persistenceForecasts(series, targets),
    ...(seasonPeriod ? { seasonalNaive: seasonalNaiveForecasts(series, targets, seasonPeriod) } : {}),
  };
}

/** Each baseline's MSE on the values at `targets`: the training mean (a constant), and each of `forecasts`. */
export function baselineScores(series: ArrayLike<number>, targets: readonly number[], trainingMean: number, forecasts: Record<string, Float32Array>): Record<string, number> {
  const truth = Float32Array.from(targets, (t) => series[t]);
  const scores: Record<string, number> = { mean: meanSquaredError(new Float32Array(truth.length).fill(trainingMean), truth) };
  for (const [name, forecast] of Object.entries(forecasts)) scores[name] = meanSquaredError(forecast, truth);
  return scores;
}

/** Skill against persistence, 1 − MSE / MSE of repeating the last value: 0.6 is "60% lower error"; negative when worse. */
export function skillVsPersistence(mse: number, persistenceMse: number): number {
  return 1 - mse / persistenceMse;
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
  reading: Reading,
  values: Float32Array,
  heldOutStart: number,
  steps: number,
  unit: string,
): TryIt {
  const available = reading.series.length - heldOutStart - steps;
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
      const start = heldOutStart + offset;
      const { prediction } = await rollOut(reading.series, start, steps, horizon, predict);
      const firstTarget = start + steps + reading.lag;
      const p = reading.rollOutInUnits(prediction, firstTarget);
      const t = Array.from(values.subarray(firstTarget, firstTarget + horizon));
      const rmse = Math.sqrt(p.reduce((acc, v, k) => acc + (v - t[k]) ** 2, 0) / p.length);
      return {
        summary: `Rolled out ${horizon} steps, feeding each prediction back in: RMSE ${rmse.toPrecision(3)}${unit} (one step ahead is the plot above).`,
        series: { truth: t, prediction: p, label: `value${unit}` },
      };
    },
  };
}

/**
 * What the network reads and predicts, and how its output becomes a forecast. Its series x is either the
 * values (lag 0: x[k] is y[k]) or the changes (lag 1: x[k] is y[k+1] − y[k]), z-scored when the task
 * normalises; a window x[s .. s+T−1] then forecasts y[s+T+lag], having seen every value before it.
 */
export interface Reading {
  reads: 'values' | 'changes';
  series: Float32Array;
  lag: number;
  /** How the series the network reads was normalised (the values' or the changes' z-score; identity when not normalised). */
  normalisation: Normalisation;
  /** The forecasts of y[targets[b]] in the series' own units, from the network's outputs for them. */
  forecastInUnits(outputs: ArrayLike<number>, targets: readonly number[]): Float32Array;
  /** A roll-out's outputs (each fed back as the next input) as values in the series' own units, the first forecasting y[firstTarget]. */
  rollOutInUnits(outputs: number[], firstTarget: number): number[];
}

/** The reading of the values themselves. */
export function readValues(values: Float32Array, normalisation: Normalisation): Reading {
  return {
    reads: 'values',
    series: normalise(values, normalisation),
    lag: 0,
    normalisation,
    forecastInUnits: (outputs) => denormalise(outputs, normalisation),
    rollOutInUnits: (outputs) => Array.from(denormalise(outputs, normalisation)),
  };
}

/** The step-to-step changes y[k+1] − y[k], in order (one fewer than the values). */
export function changesOf(values: ArrayLike<number>): Float32Array {
  return Float32Array.from({ length: values.length - 1 }, (_, k) => values[k + 1] - values[k]);
}

/** The reading of the changes: the forecast of y[t] is the last value, y[t−1], plus the predicted change. */
export function readChanges(values: Float32Array, normalisation: Normalisation): Reading {
  return {
    reads: 'changes',
    series: normalise(changesOf(values), normalisation),
    lag: 1,
    normalisation,
    forecastInUnits: (outputs, targets) => {
      const change = denormalise(outputs, normalisation);
      return Float32Array.from(targets, (t, b) => values[t - 1] + change[b]);
    },
    rollOutInUnits: (outputs, firstTarget) => {
      // ŷ_{t+k} = y_{t−1} + Σ_{j≤k} predicted change j: the roll-out's levels accumulate its own changes
      let level = values[firstTarget - 1];
      return Array.from(denormalise(outputs, normalisation), (change) => (level += change));
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
  /**
   * What the network reads and predicts: the values (the default), or their step-to-step changes, for a series
   * whose trend leaves the range training saw (the changes stay in it; a tanh network cannot extrapolate values).
   */
  reads?: 'values' | 'changes';
  /** The season's length in steps (CO₂: 12 months), for the seasonal-naive baseline; none when absent. */
  seasonPeriod?: number;
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

/**
 * The forecasting task for a config and a series: windows of `sequenceLength` steps, an MSE loss on what the
 * network predicts (values or changes), and held-out metrics on the forecast of the next value — MSE in the
 * values' units (z-scores when normalised), beside the baselines scored on the same targets.
 */
export function forecastTask(config: TrainConfig, description: ForecastSeries): Task {
  const { values, trainEnd, normalised, units } = description;
  const steps = config.sequenceLength;
  const target = config.forecastTarget;
  const reads = description.reads ?? 'values';
  const identity = { mean: 0, std: 1 };
  const fitted = fitNormalisation(values, trainEnd);
  // the held-out metrics' units: the values' z-scores when normalised, the values as they are otherwise
  const valueNormalisation = normalised ? fitted : identity;
  const reading =
    reads === 'changes'
      ? readChanges(values, normalised ? fitNormalisation(changesOf(values), trainEnd - 1) : identity)
      : readValues(values, valueNormalisation);
  const series = reading.series;
  // the last training window's target is y[trainEnd − 1]: no training window sees a held-out value
  const lastTrainStart = trainEnd - steps - 1 - reading.lag;
  if (lastTrainStart < MIN_TRAINING_WINDOWS) throw new TaskDataError(`Sequence length ${steps} is too long for the ${description.seriesName}`);
  const inMetricUnits = (inUnits: ArrayLike<number>): Float32Array => normalise(inUnits, valueNormalisation);
  const scaled = inMetricUnits(values);

  // held out: the values from trainEnd + steps on, each forecast from the `steps` steps before it
  const heldOutCount = Math.min(description.maxHeldOutWindows ?? Infinity, values.length - trainEnd - steps);
  const heldOutTargets = Array.from({ length: heldOutCount }, (_, k) => trainEnd + steps + k);
  const heldOutStarts = heldOutTargets.map((t) => t - steps - reading.lag);
  const heldOutTruth = Float32Array.from(heldOutTargets, (t) => scaled[t]);
  const forecastOf = (prediction: Float32Array): Float32Array => inMetricUnits(reading.forecastInUnits(lastPredictions(prediction, steps, target), heldOutTargets));

  // the baselines on the same targets, in the same units; the training mean is 0 once normalised
  const trainingMean = normalised ? 0 : fitted.mean;
  const baselinePredictions = baselineForecasts(scaled, heldOutTargets, description.seasonPeriod);
  const baselines = baselineScores(scaled, heldOutTargets, trainingMean, baselinePredictions);
  const rmseInUnits = (mse: number): number => Math.sqrt(mse) * valueNormalisation.std;
  const baselinesIn = units ? { [units.rmseMetric]: Object.fromEntries(Object.entries(baselines).map(([name, mse]) => [name, rmseInUnits(mse)])) } : undefined;
  const toUnits = (inMetric: Float32Array): Float32Array => denormalise(inMetric, valueNormalisation);

  const probeStart = description.probeWindow === 'first' ? 0 : lastTrainStart;
  const { shape, readout } = forecastShape(target);
  return {
    id: description.id,
    title: description.title,
    shape,
    summary: description.summary,
    // the network learns the changes: its loss is in their units, not the held-out forecast's
    lossLabel: reads === 'changes' ? 'MSE of the changes' : 'MSE',
    heldOutOnLossScale: reads === 'values',
    modelSpec: { rnn: rnnSpecOf(config, 1), outputSize: 1, readout },
    probe: windowBatch(series, [probeStart], steps, target),
    heldOut: windowBatch(series, heldOutStarts, steps, target),
    trainBatch(rng, batchSize) {
      const starts = [probeStart]; // example 0: the probe
      for (let b = 1; b < batchSize; b++) starts.push(rng.int(lastTrainStart + 1));
      return windowBatch(series, starts, steps, target);
    },
    loss: mseLoss,
    baselines,
    baselinesIn,
    metrics(prediction) {
      const scores = mseAgainst(forecastOf(prediction), heldOutTruth, trainingMean);
      // the same skill against seasonal naive with drift where the task has one (CO₂): the bar a forecaster sets
      const skill: Record<string, number> = { skillVsPersistence: skillVsPersistence(scores.mse, baselines.persistence) };
      if (baselines.seasonalNaive !== undefined) skill.skillVsSeasonalNaive = skillVsPersistence(scores.mse, baselines.seasonalNaive);
      return units ? { ...scores, [units.rmseMetric]: rmseInUnits(scores.mse), ...skill } : { ...scores, ...skill };
    },
    trace(prediction) {
      return {
        truth: toUnits(heldOutTruth),
        prediction: toUnits(forecastOf(prediction)),
        baselines: Object.fromEntries(Object.entries(baselinePredictions).map(([name, forecast]) => [name, toUnits(forecast)])),
      };
    },
    tryIt: forecastTryIt(reading, values, trainEnd - reading.lag, steps, units ? ` ${units.name}` : ''),
    trajectoryHint: description.trajectoryHint,
    metadata: {
      ...description.metadata,
      ...(normalised ? { normalisation_mean: String(valueNormalisation.mean), normalisation_std: String(valueNormalisation.std) } : {}),
      ...(reads === 'changes' ? { reads: 'changes', ...(normalised ? { change_normalisation_mean: String(reading.normalisation.mean), change_normalisation_std: String(reading.normalisation.std) } : {}) } : {}),
      ...(units ? { units: units.name } : {}),
      sequence_length: String(steps),
      forecast_target: target,
    },
  };
}

/**
 * Sine forecasting (many-to-one): read `sequenceLength` values of a noisy sine wave, predict the next one.
 * The first 80% of the series trains, the last 20% is held out.
 */
import type { TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { forecastShape, forecastTryIt, lastPredictions, mseAgainst, mseLoss, nextValues, windowBatch } from './forecast';
import { rnnSpecOf, type Task, type TaskData } from './task';

const SERIES_LENGTH = 2000;
const TRAIN_FRACTION = 0.8;
/** Held-out windows used for metrics and the forecast plot. */
const HELD_OUT_WINDOWS = 120;

/** A noisy sine series: sin(2π k / period) + N(0, noise²), seeded. */
export function sineSeries(length: number, period: number, noise: number, seed: number): Float32Array {
  const rng = new Rng(seed ^ 0x5151);
  const out = new Float32Array(length);
  for (let k = 0; k < length; k++) out[k] = Math.sin((2 * Math.PI * k) / period) + noise * rng.normal();
  return out;
}

/** The sine-forecasting task for a config. */
export function sineTask(config: TrainConfig, _data: TaskData = {}): Task {
  const steps = config.sequenceLength;
  const series = sineSeries(SERIES_LENGTH, config.sinePeriod, config.sineNoise, config.seed);
  const trainEnd = Math.floor(SERIES_LENGTH * TRAIN_FRACTION);
  const lastTrainStart = trainEnd - steps - 1;
  if (lastTrainStart < 1) throw new Error(`Sequence length ${steps} is too long for the sine series`);
  const heldOutStarts = Array.from({ length: Math.min(HELD_OUT_WINDOWS, SERIES_LENGTH - trainEnd - steps) }, (_, k) => trainEnd + k);
  const target = config.forecastTarget;
  const { shape, readout } = forecastShape(target);
  const heldOut = windowBatch(series, heldOutStarts, steps, target);
  const heldOutNext = nextValues(series, heldOutStarts, steps);
  const probe = windowBatch(series, [0], steps, target);
  let trainMean = 0;
  for (let k = 0; k < trainEnd; k++) trainMean += series[k] / trainEnd;

  return {
    id: 'sine',
    title: 'Sine forecasting',
    shape,
    summary:
      target === 'every'
        ? `The network reads ${steps} values of a noisy sine wave and predicts, at every step, the next one; the last step's prediction is the forecast.`
        : `The network reads ${steps} values of a noisy sine wave and predicts the next one.`,
    lossLabel: 'MSE',
    modelSpec: {
      rnn: rnnSpecOf(config, 1),
      outputSize: 1,
      readout,
    },
    probe,
    heldOut,
    trainBatch(rng: Rng, batchSize: number) {
      const starts = [0];
      for (let b = 1; b < batchSize; b++) starts.push(rng.int(lastTrainStart + 1));
      return windowBatch(series, starts, steps, target);
    },
    loss: mseLoss,
    metrics(prediction) {
      return mseAgainst(lastPredictions(prediction, steps, target), heldOutNext, trainMean);
    },
    trajectoryHint: 'A trained network usually traces a loop: the hidden state has learned the phase of the wave, which is what it needs to predict the next value.',
    tryIt: forecastTryIt(series, trainEnd, steps, (values) => values, ''),
    trace(prediction) {
      return { truth: Float32Array.from(heldOutNext), prediction: lastPredictions(prediction, steps, target).slice() };
    },
    metadata: { sine_period: String(config.sinePeriod), sine_noise: String(config.sineNoise), sequence_length: String(steps), forecast_target: target },
  };
}

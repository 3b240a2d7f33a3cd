/**
 * Sine forecasting: read `sequenceLength` values of a noisy sine wave, predict the next one (after the window,
 * or at every step: the config's forecast target). The first 80% of the series trains; the first 120
 * windows after it are held out.
 */
import type { TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { forecastTask } from './forecast';
import type { Task, TaskData } from './task';

/** Values in the generated series. */
const SERIES_LENGTH = 2000;
/** The share of the series that trains: the first 80%. */
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
  return forecastTask(config, {
    id: 'sine',
    title: 'Sine forecasting',
    summary:
      config.forecastTarget === 'every'
        ? `The network reads ${steps} values of a noisy sine wave and predicts, at every step, the next one; the last step's prediction is the forecast.`
        : `The network reads ${steps} values of a noisy sine wave and predicts the next one.`,
    values: sineSeries(SERIES_LENGTH, config.sinePeriod, config.sineNoise, config.seed),
    trainEnd: Math.floor(SERIES_LENGTH * TRAIN_FRACTION),
    maxHeldOutWindows: HELD_OUT_WINDOWS,
    // already centred on 0 with unit amplitude
    normalised: false,
    probeWindow: 'first',
    seriesName: 'sine series',
    metadata: { sine_period: String(config.sinePeriod), sine_noise: String(config.sineNoise) },
    trajectoryHint: 'A trained network usually traces a loop: the hidden state has learned the phase of the wave, which is what it needs to predict the next value.',
  });
}

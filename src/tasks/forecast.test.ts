import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { defaultConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { CO2_FILE, co2Task, parseCo2 } from './co2';
import {
  baselineForecasts,
  baselineScores,
  changesOf,
  denormalise,
  fitNormalisation,
  forecastShape,
  forecastTask,
  lastPredictions,
  meanSquaredError,
  mseAgainst,
  nextValues,
  normalise,
  persistenceForecasts,
  rollOut,
  seasonalNaiveForecasts,
  skillVsPersistence,
  windowBatch,
  type ForecastSeries,
} from './forecast';
import { sineTask } from './sine';
import { TaskDataError } from './task';

describe('forecasting data', () => {
  it('cuts windows and their next values', () => {
    const series = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const batch = windowBatch(series, [0, 2], 3);
    expect(Array.from(batch.input)).toEqual([0, 1, 2, 2, 3, 4]);
    expect(Array.from(batch.target)).toEqual([3, 5]);
    expect(batch.inputShape).toEqual([2, 3, 1]);
  });

  it('many-to-many: the target is the window shifted by one; the forecast is the last step\'s prediction', () => {
    const series = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const batch = windowBatch(series, [0, 2], 3, 'every');
    expect(Array.from(batch.input)).toEqual([0, 1, 2, 2, 3, 4]);
    expect(Array.from(batch.target)).toEqual([1, 2, 3, 3, 4, 5]);
    expect(batch.targetShape).toEqual([2, 3, 1]);
    expect(Array.from(nextValues(series, [0, 2], 3))).toEqual([3, 5]);
    expect(Array.from(lastPredictions(Float32Array.from([9, 9, 3, 8, 8, 5]), 3, 'every'))).toEqual([3, 5]);
    expect(Array.from(lastPredictions(Float32Array.from([3, 5]), 3, 'last'))).toEqual([3, 5]);
    expect(forecastShape('every')).toEqual({ shape: 'many-to-many (synchronized)', readout: 'all' });
    expect(forecastShape('last')).toEqual({ shape: 'many-to-one', readout: 'last' });
    const task = sineTask({ ...defaultConfig(), forecastTarget: 'every', sequenceLength: 8 });
    expect(task.modelSpec.readout).toBe('all');
    expect(task.heldOut.targetShape).toEqual([task.heldOut.inputShape[0], 8, 1]);
    // metrics score the last step of each held-out window against the value after it
    const perfect = new Float32Array(task.heldOut.target.length);
    perfect.set(task.heldOut.target);
    expect(task.metrics(perfect).mse).toBeCloseTo(0, 10);
  });

  it('rolls out from a many-to-many model by feeding back its last step\'s prediction', async () => {
    const series = Float32Array.from({ length: 20 }, (_, k) => k);
    // a model that predicts x + 1 at every step: the roll-out continues the ramp exactly
    const predict = async (batch: { input: Float32Array | Int32Array }) => Float32Array.from(batch.input, (v) => v + 1);
    const { prediction, truth } = await rollOut(series, 2, 4, 5, predict);
    expect(prediction).toEqual([6, 7, 8, 9, 10]);
    expect(truth).toEqual([6, 7, 8, 9, 10]);
  });

  it('normalises with training statistics only, and inverts exactly', () => {
    const series = [2, 4, 6, 100];
    const n = fitNormalisation(series, 3);
    expect(n.mean).toBeCloseTo(4, 6);
    expect(n.std).toBeCloseTo(Math.sqrt(8 / 3), 6);
    const z = normalise(series, n);
    expect(Array.from(denormalise(z, n)).map((v) => +v.toFixed(4))).toEqual(series);
    expect(fitNormalisation([5, 5], 2).std).toBe(1);
  });

  it('computes MSE against a constant baseline', () => {
    expect(mseAgainst([1, 2], [1, 4], 0)).toEqual({ mse: 2, baselineMse: 8.5 });
  });

  it('rolls out by feeding predictions back', async () => {
    // a "model" that predicts last value + 1 sees its own outputs
    const series = Float32Array.from([0, 1, 2, 3, 10, 10, 10]);
    const out = await rollOut(series, 0, 3, 3, async (batch) => Float32Array.of(batch.input[2] + 1));
    expect(out.prediction).toEqual([3, 4, 5]);
    expect(out.truth).toEqual([3, 10, 10]);
  });
});

describe('forecasting baselines', () => {
  // a tiny series with a season of 2: targets 4 and 5 (truth 3 and 9)
  const series = [1, 4, 2, 6, 3, 9];
  const targets = [4, 5];

  it('persistence repeats the last value before the target', () => {
    expect(Array.from(persistenceForecasts(series, targets))).toEqual([6, 3]);
  });

  it('seasonal naive with drift: the value a season before plus the last season\'s change', () => {
    // t = 4: y2 + (y3 − y1) = 2 + (6 − 4) = 4; t = 5: y3 + (y4 − y2) = 6 + (3 − 2) = 7
    expect(Array.from(seasonalNaiveForecasts(series, targets, 2))).toEqual([4, 7]);
    // it needs y[t − P − 1]
    expect(() => seasonalNaiveForecasts(series, [2], 2)).toThrow(RangeError);
  });

  it('scores each baseline on the same targets, in MSE', () => {
    const forecasts = baselineForecasts(series, targets, 2);
    expect(Object.keys(forecasts)).toEqual(['persistence', 'seasonalNaive']);
    expect(Object.keys(baselineForecasts(series, targets))).toEqual(['persistence']);
    // mean 2: ((2 − 3)² + (2 − 9)²) / 2 = 25; persistence ((6 − 3)² + (3 − 9)²) / 2 = 22.5; seasonal ((4 − 3)² + (7 − 9)²) / 2 = 2.5
    expect(baselineScores(series, targets, 2, forecasts)).toEqual({ mean: 25, persistence: 22.5, seasonalNaive: 2.5 });
    expect(meanSquaredError([1, 2], [1, 4])).toBe(2);
  });

  it('skill against persistence: 1 − MSE / persistence\'s MSE, negative when worse', () => {
    expect(skillVsPersistence(1, 4)).toBe(0.75);
    expect(skillVsPersistence(8, 4)).toBe(-1);
  });
});

describe('CO₂ data', () => {
  it('parses months in order and interpolates a missing month', () => {
    const { months, ppm } = parseCo2('Date,CO2,adjusted CO2\n1958-03-01,315,1\n1958-05-01,317,1\n1958-04-01,316.5,1\n1958-07-01,320,1\n');
    expect(months).toEqual(['1958-03', '1958-04', '1958-05', '1958-06', '1958-07']);
    expect(Array.from(ppm)).toEqual([315, 316.5, 317, 318.5, 320]);
  });

  it('refuses a file without its columns or with a bad row', () => {
    expect(() => parseCo2('a,b\n1,2')).toThrow(/no Date and CO2 columns/);
    expect(() => parseCo2('Date,CO2\n1958-03-01,abc')).toThrow(/Line 2 of the CO₂ file is not a date and a number/);
  });

  it('builds from the shipped file: 741 months with no gaps, held-out years after the training years', async () => {
    const csv = await readDataFile(CO2_FILE);
    const { ppm, months } = parseCo2(csv);
    expect(months[0]).toBe('1958-03');
    expect(ppm.length).toBe(months.length);
    expect(ppm.every((v) => v > 300 && v < 430)).toBe(true);
    const task = co2Task({ ...defaultConfig(), task: 'co2', sequenceLength: 12 }, { [CO2_FILE]: csv });
    // the held-out targets are the most recent months: denormalised they are all above the training mean
    const trace = task.trace!(task.heldOut.target as Float32Array);
    expect(Math.min(...trace.truth)).toBeGreaterThan(Number(task.metadata.normalisation_mean));
    // the baselines, on the same held-out months: persistence about 1.4 ppm, seasonal naive with drift about 0.5
    const rmsePpm = task.baselinesIn!.rmsePpm;
    expect(rmsePpm.persistence).toBeGreaterThan(1.2);
    expect(rmsePpm.persistence).toBeLessThan(1.6);
    expect(rmsePpm.seasonalNaive).toBeGreaterThan(0.4);
    expect(rmsePpm.seasonalNaive).toBeLessThan(0.65);
    expect(rmsePpm.mean).toBeCloseTo(Math.sqrt(task.baselines!.mean) * Number(task.metadata.normalisation_std), 6);
    // the trace carries their forecasts in ppm, one per held-out month; persistence's is last month's value
    expect(Object.keys(trace.baselines!)).toEqual(['persistence', 'seasonalNaive']);
    expect(trace.baselines!.persistence.length).toBe(trace.truth.length);
    expect(trace.baselines!.persistence[1]).toBeCloseTo(trace.truth[0], 3);
    // the model's skill against each: 1 − MSE / the baseline's MSE (predicting no change: persistence exactly)
    const noChange = task.metrics(new Float32Array(task.heldOut.inputShape[0]).fill(-Number(task.metadata.change_normalisation_mean) / Number(task.metadata.change_normalisation_std)));
    expect(noChange.skillVsPersistence).toBeCloseTo(0, 5);
    expect(noChange.skillVsSeasonalNaive).toBeCloseTo(1 - task.baselines!.persistence / task.baselines!.seasonalNaive, 5);
  });

  it('reads the month-to-month changes: the held-out inputs stay in the range training saw, the levels do not', async () => {
    const csv = await readDataFile(CO2_FILE);
    const task = co2Task({ ...defaultConfig(), task: 'co2', sequenceLength: 12 }, { [CO2_FILE]: csv });
    expect(task.summary).toMatch(/month-to-month changes/);
    expect(task.metadata.reads).toBe('changes');
    // its loss is in the changes' units, so the held-out forecast's MSE does not share the loss's axis
    expect(task.lossLabel).toBe('MSE of the changes');
    expect(task.heldOutOnLossScale).toBe(false);
    expect(sineTask(defaultConfig()).heldOutOnLossScale).toBe(true);
    const training = task.trainBatch(new Rng(1), 512).input;
    const [lo, hi] = [Math.min(...training), Math.max(...training)];
    expect(task.heldOut.input.every((v) => v > lo - 1 && v < hi + 1)).toBe(true);
    // perfect changes forecast every held-out month exactly
    expect(task.metrics(task.heldOut.target as Float32Array).mse).toBeLessThan(1e-9);
    // the roll-out climbs from the last observed month by the predicted changes (z-score 0: the training mean change)
    const { ppm } = parseCo2(csv);
    const trainEnd = Math.floor(ppm.length * 0.8);
    const meanChange = Number(task.metadata.change_normalisation_mean);
    const out = await task.tryIt!.run('0', { horizon: 3 }, async () => new Float32Array(1));
    if (!('series' in out) || !out.series) throw new Error('no roll-out');
    const last = ppm[trainEnd + 12 - 1];
    out.series.prediction.forEach((v, k) => expect(v).toBeCloseTo(last + (k + 1) * meanChange, 3));
    expect(out.series.truth).toEqual(Array.from(ppm.subarray(trainEnd + 12, trainEnd + 15)));
  });
});

describe('forecastTask', () => {
  /** A ramp 100, 102, … of 50 values, the first 40 training. */
  const ramp = (changes: Partial<ForecastSeries> = {}): ForecastSeries => ({
    id: 'co2',
    title: 'Ramp',
    summary: 'A ramp.',
    values: Float32Array.from({ length: 50 }, (_, k) => 100 + 2 * k),
    trainEnd: 40,
    normalised: false,
    probeWindow: 'first',
    seriesName: 'ramp',
    ...changes,
  });
  const config = { ...defaultConfig(), sequenceLength: 5 };

  it('holds out the windows after the training part; the probe is example 0 of every batch', () => {
    const task = forecastTask(config, ramp({ probeWindow: 'last training' }));
    // held-out windows start at 40 … 44 (their next value must exist)
    expect(task.heldOut.inputShape).toEqual([5, 5, 1]);
    expect(Array.from(task.heldOut.input.subarray(0, 5))).toEqual([180, 182, 184, 186, 188]);
    // the last training window, 34 … 38, predicts value 39: the last training value
    expect(Array.from(task.probe.input)).toEqual([168, 170, 172, 174, 176]);
    expect(Array.from(task.probe.target)).toEqual([178]);
    const batch = task.trainBatch(new Rng(3), 4);
    expect(Array.from(batch.input.subarray(0, 5))).toEqual(Array.from(task.probe.input));
    for (let b = 0; b < 4; b++) expect(batch.target[b]).toBeLessThanOrEqual(178);
    expect(task.metadata).toEqual({ sequence_length: '5', forecast_target: 'last' });
  });

  it('scores against predicting the training mean; normalised, it also reports the RMSE in the series\' units', () => {
    const raw = forecastTask(config, ramp({ maxHeldOutWindows: 2 }));
    expect(raw.heldOut.inputShape[0]).toBe(2);
    // training mean 139; next values 190 and 192
    expect(raw.metrics(Float32Array.of(190, 192))).toEqual({ mse: 0, baselineMse: ((190 - 139) ** 2 + (192 - 139) ** 2) / 2, skillVsPersistence: 1 });

    const task = forecastTask(config, ramp({ normalised: true, units: { name: 'm', rmseMetric: 'rmseMetres' } }));
    const { mean, std } = fitNormalisation(ramp().values, 40);
    expect(task.metadata).toEqual({ normalisation_mean: String(mean), normalisation_std: String(std), units: 'm', sequence_length: '5', forecast_target: 'last' });
    const offByOneStd = Float32Array.from(task.heldOut.target, (v) => v + 1);
    const metrics = task.metrics(offByOneStd);
    expect(metrics.mse).toBeCloseTo(1, 5);
    expect(metrics.rmseMetres).toBeCloseTo(std, 3);
    // the trace is in the series' own units
    expect(task.trace!(task.heldOut.target as Float32Array).truth[0]).toBeCloseTo(190, 3);
  });

  it('scores the baselines on the held-out targets, and the model\'s skill against persistence', () => {
    const task = forecastTask(config, ramp({ maxHeldOutWindows: 2 }));
    // targets 45 and 46 (190, 192); persistence 188, 190; the training mean is 139
    expect(task.baselines).toEqual({ mean: ((190 - 139) ** 2 + (192 - 139) ** 2) / 2, persistence: 4 });
    expect(task.baselinesIn).toBeUndefined();
    const metrics = task.metrics(Float32Array.of(191, 193));
    expect(metrics.mse).toBe(1);
    expect(metrics.baselineMse).toBe(task.baselines!.mean);
    expect(metrics.skillVsPersistence).toBe(0.75);
    expect(task.trace!(Float32Array.of(191, 193))).toEqual({
      truth: Float32Array.of(190, 192),
      prediction: Float32Array.of(191, 193),
      baselines: { persistence: Float32Array.of(188, 190) },
    });
    // with a season and units: seasonal naive joins, each baseline also as an RMSE in the units
    const seasonal = forecastTask(config, ramp({ maxHeldOutWindows: 2, seasonPeriod: 4, normalised: true, units: { name: 'm', rmseMetric: 'rmseMetres' } }));
    const { std } = fitNormalisation(ramp().values, 40);
    // a ramp: seasonal naive with drift is exact; persistence is one step (2 m) short
    expect(seasonal.baselines!.seasonalNaive).toBeCloseTo(0, 10);
    expect(seasonal.baselines!.persistence).toBeCloseTo((2 / std) ** 2, 6);
    expect(seasonal.baselinesIn!.rmseMetres.persistence).toBeCloseTo(2, 4);
    expect(seasonal.baselinesIn!.rmseMetres.seasonalNaive).toBeCloseTo(0, 4);
  });

  it('reading changes: the forecast is the last value plus the predicted change, scored in the values\' units', async () => {
    const task = forecastTask(config, ramp({ reads: 'changes', normalised: true, probeWindow: 'last training', maxHeldOutWindows: 3 }));
    expect(Array.from(changesOf([1, 4, 2]))).toEqual([3, -2]);
    // the ramp's changes are all 2: z-scored on the training part (std 0 → 1) they are all 0
    expect(task.metadata.reads).toBe('changes');
    expect(Number(task.metadata.change_normalisation_mean)).toBeCloseTo(2, 10);
    expect(Number(task.metadata.change_normalisation_std)).toBe(1);
    expect(Array.from(task.heldOut.input).every((v) => v === 0)).toBe(true);
    // the probe's window is the last training one: its target is the change into y[39], the last training value
    expect(task.probe.inputShape).toEqual([1, 5, 1]);
    // the same held-out targets as reading values (y[45], y[46], y[47]): same baselines
    expect(task.baselines).toEqual(forecastTask(config, ramp({ normalised: true, maxHeldOutWindows: 3 })).baselines);
    // predicting the change exactly (z-score 0) forecasts every value exactly
    expect(task.metrics(new Float32Array(3)).mse).toBeCloseTo(0, 10);
    expect(task.metrics(new Float32Array(3)).skillVsPersistence).toBeCloseTo(1, 10);
    expect(Array.from(task.trace!(new Float32Array(3)).prediction)).toEqual([190, 192, 194]);
    // a change 1 (one z-score of the changes) too big is 1 too high in the values' units
    const { std } = fitNormalisation(ramp().values, 40);
    expect(task.metrics(Float32Array.of(1, 1, 1)).mse).toBeCloseTo((1 / std) ** 2, 6);
    // the roll-out accumulates its own changes from the last observed value
    const out = await task.tryIt!.run('0', { horizon: 3 }, async (batch) => new Float32Array(batch.input.length / 5));
    expect(out).toMatchObject({ series: { truth: [190, 192, 194], prediction: [190, 192, 194] } });
  });

  it('refuses a window too long for the training part, naming the series', () => {
    expect(() => forecastTask({ ...config, sequenceLength: 30 }, ramp({ seriesName: 'ramp (50 values)' }))).toThrow(TaskDataError);
    expect(() => forecastTask({ ...config, sequenceLength: 30 }, ramp({ seriesName: 'ramp (50 values)' }))).toThrow('Sequence length 30 is too long for the ramp (50 values)');
  });
});

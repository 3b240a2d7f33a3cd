import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { defaultConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { CO2_FILE, co2Task, parseCo2 } from './co2';
import { denormalise, fitNormalisation, forecastShape, forecastTask, lastPredictions, mseAgainst, nextValues, normalise, rollOut, windowBatch, type ForecastSeries } from './forecast';
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
    expect(raw.metrics(Float32Array.of(190, 192))).toEqual({ mse: 0, baselineMse: ((190 - 139) ** 2 + (192 - 139) ** 2) / 2 });

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

  it('refuses a window too long for the training part, naming the series', () => {
    expect(() => forecastTask({ ...config, sequenceLength: 30 }, ramp({ seriesName: 'ramp (50 values)' }))).toThrow(TaskDataError);
    expect(() => forecastTask({ ...config, sequenceLength: 30 }, ramp({ seriesName: 'ramp (50 values)' }))).toThrow('Sequence length 30 is too long for the ramp (50 values)');
  });
});

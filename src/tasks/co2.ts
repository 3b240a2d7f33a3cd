/**
 * CO₂ forecasting (a real series): monthly CO₂ at Mauna Loa since 1958. The network reads the month-to-month
 * changes over `sequenceLength` months (z-scored on the training years) and predicts the next change (after the
 * window, or at every step); the forecast is the last month's value plus that change. The last 20% (the most
 * recent years, above every level seen in training) is held out; metrics score the forecast of the next month's
 * value, in normalised units and in ppm, beside the training mean, persistence and seasonal naive with drift.
 */
import type { TrainConfig } from '../shared/config';
import { forecastTask } from './forecast';
import { TaskDataError, type Task, type TaskData } from './task';

/** The data file (prepared from vega-datasets). */
export const CO2_FILE = 'data/co2-concentration.csv';
/** The share of the months that trains: the first 80%. */
const TRAIN_FRACTION = 0.8;

/** Monthly values from the CSV (Date,CO2,…), one per month in order; missing months are linearly interpolated. */
export function parseCo2(csv: string): { months: string[]; ppm: Float32Array } {
  const rows = csv.trim().split(/\r?\n/);
  const header = rows.shift()?.split(',') ?? [];
  const dateCol = header.indexOf('Date');
  const co2Col = header.indexOf('CO2');
  if (dateCol < 0 || co2Col < 0) throw new TaskDataError('The CO₂ file has no Date and CO2 columns');
  const byMonth = new Map<number, number>();
  for (const [k, row] of rows.entries()) {
    const cells = row.split(',');
    const match = /^(\d{4})-(\d{2})/.exec(cells[dateCol] ?? '');
    const value = Number(cells[co2Col]);
    if (!match || !Number.isFinite(value)) throw new TaskDataError(`Line ${k + 2} of the CO₂ file is not a date and a number: "${row.slice(0, 60)}"`);
    byMonth.set(Number(match[1]) * 12 + Number(match[2]) - 1, value);
  }
  const keys = [...byMonth.keys()].sort((a, b) => a - b);
  const first = keys[0];
  const last = keys[keys.length - 1];
  const months: string[] = [];
  const ppm = new Float32Array(last - first + 1);
  for (let m = first; m <= last; m++) {
    months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
    const known = byMonth.get(m);
    if (known !== undefined) ppm[m - first] = known;
    else {
      // interpolate between the nearest known months
      let before = m - 1;
      while (!byMonth.has(before)) before--;
      let after = m + 1;
      while (!byMonth.has(after)) after++;
      const w = (m - before) / (after - before);
      ppm[m - first] = byMonth.get(before)! * (1 - w) + byMonth.get(after)! * w;
    }
  }
  return { months, ppm };
}

/** The CO₂ task for a config. */
export function co2Task(config: TrainConfig, data: TaskData): Task {
  const csv = data[CO2_FILE];
  if (!csv) throw new TaskDataError(`The CO₂ data (${CO2_FILE}) is missing`);
  const { ppm } = parseCo2(csv);
  return forecastTask(config, {
    id: 'co2',
    title: 'CO₂ at Mauna Loa',
    summary: `The network reads the month-to-month changes in CO₂ over ${config.sequenceLength} months (normalised) and predicts the next month’s change${config.forecastTarget === 'every' ? ' at every step (the last step’s prediction is the forecast)' : ''}; the forecast is this month’s value plus that change. The test years come after every training year.`,
    values: ppm,
    trainEnd: Math.floor(ppm.length * TRAIN_FRACTION),
    // the trend carries the held-out years above every training value, where a tanh net fed levels cannot
    // follow; the month-to-month changes (a yearly cycle on a slow drift) stay in the range training saw
    reads: 'changes',
    // z-scores keep the inputs near 0, where the cells' activations are not saturated
    normalised: true,
    // the most recent training months, nearest in level to the held-out years
    probeWindow: 'last training',
    units: { name: 'ppm', rmseMetric: 'rmsePpm' },
    // monthly with a yearly cycle: the seasonal-naive baseline repeats the change of 12 months before
    seasonPeriod: 12,
    seriesName: `CO₂ series (${ppm.length} months)`,
  });
}

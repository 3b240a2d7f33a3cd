/**
 * The held-out scores as the page shows them: each metric beside the baselines a practitioner would use (issue
 * #14), named as a practitioner names them, and the forecasting skill score as a sentence. Pure: no DOM, no store.
 */

/** What the page calls each baseline. */
export const BASELINE_NAMES: Record<string, string> = {
  mean: 'predicting the mean',
  persistence: 'repeating the last value',
  seasonalNaive: 'seasonal naive with drift',
  chance: 'chance',
  bagOfWords: 'bag of words (naive Bayes)',
  unigram: 'unigram',
  bigram: 'bigram',
};

/** A baseline's name on the page (its key when the page has no name for it). */
export function baselineName(key: string): string {
  return BASELINE_NAMES[key] ?? key;
}

/** A held-out metric as the page names it, and which way is better. */
export interface MetricMeaning {
  /** Its name in a table header or an axis label: "MSE", "RMSE (ppm)", "bits/char". */
  name: string;
  lowerIsBetter: boolean;
}

/** The held-out metrics that have baselines, by their key in a frame's metrics. */
export const METRIC_MEANINGS: Record<string, MetricMeaning> = {
  mse: { name: 'MSE', lowerIsBetter: true },
  rmsePpm: { name: 'RMSE (ppm)', lowerIsBetter: true },
  accuracy: { name: 'accuracy', lowerIsBetter: false },
  bitsPerChar: { name: 'bits/char', lowerIsBetter: true },
};

/** A metric's meaning; an unknown one is named by its key, higher taken as better. */
export function metricMeaning(key: string): MetricMeaning {
  return METRIC_MEANINGS[key] ?? { name: key, lowerIsBetter: false };
}

/** Baselines whose key alone says the metric they are in (the others, "chance", are in accuracy). */
const METRIC_OF_BASELINE: Record<string, string> = { mean: 'mse', persistence: 'mse', seasonalNaive: 'mse', unigram: 'bitsPerChar', bigram: 'bitsPerChar' };

/**
 * The metric a task is judged by, the one its `baselines` are in: bits/char for character generation, MSE for
 * forecasting, else accuracy. Read from the metrics a frame brought, or, before the first, from the baselines.
 */
export function headlineMetric(metricNames: readonly string[], baselines: Record<string, number> = {}): string {
  if (metricNames.includes('bitsPerChar')) return 'bitsPerChar';
  if (metricNames.includes('mse')) return 'mse';
  if (metricNames.includes('accuracy')) return 'accuracy';
  return Object.keys(baselines).map((key) => METRIC_OF_BASELINE[key]).find(Boolean) ?? 'accuracy';
}

/** The one baseline older tasks reported among their metrics, by the headline metric: [baseline, metric key]. */
const BASELINE_IN_METRICS: Record<string, [string, string]> = {
  mse: ['mean', 'baselineMse'],
  accuracy: ['chance', 'baselineAccuracy'],
  bitsPerChar: ['unigram', 'baselineBitsPerChar'],
};

/**
 * The baselines of the headline metric, in the order to show them: the task's own (RunInfo), with the one a
 * task reports among its metrics (the training mean, chance, the unigram) where the task gives no such baseline.
 */
export function headlineBaselines(metric: string, metrics: Record<string, number> | undefined, baselines: Record<string, number> = {}): Record<string, number> {
  const [name, key] = BASELINE_IN_METRICS[metric] ?? [];
  const reported = name && metrics?.[key] !== undefined && !(name in baselines) ? { [name]: metrics[key] } : {};
  return { ...reported, ...baselines };
}

/** One column of the score table: a metric, the network's value and each baseline's. */
export interface ScoreColumn {
  metric: string;
  name: string;
  model: number | undefined;
  baselines: Record<string, number | undefined>;
}

/** The score table: the headline metric, then every other metric the baselines are given in that the frames carry (CO₂'s RMSE in ppm). */
export interface ScoreTable {
  baselineKeys: string[];
  columns: ScoreColumn[];
}

/** The network against its baselines, in the headline metric and in the other metrics they are given in. */
export function scoreTable(metric: string, metrics: Record<string, number> | undefined, baselines: Record<string, number> = {}, baselinesIn: Record<string, Record<string, number>> = {}): ScoreTable {
  const headline = headlineBaselines(metric, metrics, baselines);
  const baselineKeys = Object.keys(headline);
  const columns: ScoreColumn[] = [{ metric, name: metricMeaning(metric).name, model: metrics?.[metric], baselines: headline }];
  for (const [other, values] of Object.entries(baselinesIn)) {
    if (other === metric) continue;
    columns.push({ metric: other, name: metricMeaning(other).name, model: metrics?.[other], baselines: values });
  }
  return { baselineKeys, columns };
}

/**
 * Whether the network does better than a baseline on a metric; undefined while either is unknown. An accuracy
 * over `examples` held-out examples has to clear the baseline by two standard errors of a classifier at the
 * baseline's rate (2·√(p(1−p)/n)): 0.254 against chance's 0.25 over 200 sequences is noise, not a win.
 */
export function beats(metric: string, model: number | undefined, baseline: number | undefined, examples?: number): boolean | undefined {
  if (model === undefined || baseline === undefined || !Number.isFinite(model) || !Number.isFinite(baseline)) return undefined;
  if (metric === 'accuracy' && examples !== undefined && examples > 0) {
    const p = Math.min(Math.max(baseline, 0), 1);
    return model > baseline + 2 * Math.sqrt((p * (1 - p)) / examples);
  }
  return metricMeaning(metric).lowerIsBetter ? model < baseline : model > baseline;
}

/**
 * The forecasting skill score against persistence, 1 − MSE / MSE(repeating the last value): the task's own
 * `skillVsPersistence` when its metrics carry one, else computed from the MSE and the persistence baseline.
 */
export function skillVsPersistence(metrics: Record<string, number> | undefined, baselines: Record<string, number> = {}): number | undefined {
  if (metrics?.skillVsPersistence !== undefined) return metrics.skillVsPersistence;
  const mse = metrics?.mse;
  const persistence = baselines.persistence;
  if (mse === undefined || persistence === undefined || !(persistence > 0)) return undefined;
  return 1 - mse / persistence;
}

/**
 * A skill score (1 − MSE / MSE of the reference) as a sentence about the error: "38% lower error (MSE) than
 * repeating the last value", "12% higher error (MSE) than …", and, at twice the reference's error or more,
 * "4.3 times the error (MSE) of …" (a percentage in the thousands reads worse than a ratio).
 */
export function skillSentence(skill: number, reference = baselineName('persistence')): string {
  if (!Number.isFinite(skill)) return `an error that cannot be compared with ${reference}`;
  const percent = Math.round(Math.abs(skill) * 100);
  if (percent === 0) return `about the same error (MSE) as ${reference}`;
  if (skill > 0) return `${percent}% lower error (MSE) than ${reference}`;
  const ratio = 1 - skill;
  if (ratio >= 2) return `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)} times the error (MSE) of ${reference}`;
  return `${percent}% higher error (MSE) than ${reference}`;
}

/** A share as a whole percentage: "34%". */
function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * Sentences on the metrics beside the headline one, each with its own baseline: character generation's
 * next-character accuracy against always guessing the most frequent character, reverse's digits against chance
 * per digit.
 */
export function otherScoreSentences(metric: string, metrics: Record<string, number> | undefined): string[] {
  if (!metrics) return [];
  const out: string[] = [];
  if (metric === 'bitsPerChar' && metrics.accuracy !== undefined) {
    const mostFrequent = metrics.baselineAccuracy !== undefined ? `; always guessing the most frequent character is right ${percent(metrics.baselineAccuracy)}` : '';
    out.push(`Next character guessed right ${percent(metrics.accuracy)} of the time${mostFrequent}.`);
  }
  if (metrics.digitAccuracy !== undefined) {
    const chance = metrics.baselineDigitAccuracy !== undefined ? `; chance per digit is ${percent(metrics.baselineDigitAccuracy)}` : '';
    out.push(`Digits in the right place: ${percent(metrics.digitAccuracy)}${chance}.`);
  }
  return out;
}

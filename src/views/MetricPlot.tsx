/**
 * The held-out metric over training, against the task's baselines: accuracy for the classification tasks
 * (chance, a bag of words), bits per character for character generation (unigram, bigram).
 */
import { useMemo } from 'react';
import { baselineName, headlineBaselines, headlineMetric } from './baselines';
import { formatValue } from './format';
import { HeldOutScores } from './HeldOutScores';
import { LineChart, type Reference } from './LineChart';
import { SERIES_COLORS } from './palette';
import { useAppFields, useAppState, useDeferredAppState } from './storeContext';
import { metricsCsv } from './save/csv';

/** Colours of the baselines' reference lines, in the order the task gives them (the dash marks them too). */
const REFERENCE_COLORS = [SERIES_COLORS.reference, SERIES_COLORS.blue, SERIES_COLORS.purple];

/** How each headline metric is titled and drawn. */
const METRIC_CHARTS: Record<string, { title: string; yLabel: string; color: string }> = {
  accuracy: { title: 'Held-out accuracy', yLabel: 'accuracy', color: SERIES_COLORS.green },
  bitsPerChar: { title: 'Held-out bits per character', yLabel: 'bits per character (lower is better)', color: SERIES_COLORS.vermillion },
};

/** The metric per evaluation, with each baseline as a labelled reference line, and the scores' table below. */
export function MetricPlot() {
  const version = useDeferredAppState((s) => s.historyVersion);
  const history = useAppState((s) => s.metricHistory);
  const { names, metrics, taskBaselines } = useAppFields((s) => ({ names: s.metricNames, metrics: s.metrics, taskBaselines: s.runInfo?.baselines }));
  const metric = headlineMetric(names, taskBaselines);
  const chart = METRIC_CHARTS[metric] ?? METRIC_CHARTS.accuracy;
  const points = useMemo(() => {
    const k = names.indexOf(metric);
    return k < 0 ? [] : history.samples.map((s) => [s.step, s.values[k]] as const);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, history, names, metric]);
  const value = metrics?.[metric];
  const baselines = Object.entries(headlineBaselines(metric, metrics, taskBaselines));
  const references: Reference[] = baselines.map(([key, y], k) => ({ y, label: `${baselineName(key)} ${formatValue(y)}`, color: REFERENCE_COLORS[k % REFERENCE_COLORS.length] }));
  // "Held-out accuracy 0.780; chance is 0.500; bag of words (naive Bayes) is 0.830."
  const label = `${chart.title} ${formatValue(value)}${baselines.map(([key, y]) => `; ${baselineName(key)} is ${formatValue(y)}`).join('')}.`;
  return (
    <LineChart
      title={chart.title}
      csv={{ what: 'the held-out metrics', fileName: 'held-out-metrics.csv', build: () => metricsCsv(history, names) }}
      label={label}
      series={[{ name: metric, points, color: chart.color }]}
      references={references}
      xLabel="training step"
      yLabel={metric === 'accuracy' && names.includes('digitAccuracy') ? 'accuracy (every digit right)' : chart.yLabel}
      xDomain={points.length ? undefined : [0, 1]}
      yDomain={metric === 'accuracy' ? [0, 1] : undefined}
      empty="Evaluated as you train"
      legend={false}
      footer={<HeldOutScores />}
    />
  );
}

/** Held-out accuracy over training, against chance: the classification tasks' "how well does it do". */
import { useMemo } from 'react';
import { formatValue } from './format';
import { LineChart } from './LineChart';
import { useAppState, useDeferredAppState } from './storeContext';

/** Accuracy per evaluation, with the chance level as a reference line. */
export function MetricPlot() {
  const version = useDeferredAppState((s) => s.historyVersion);
  const history = useAppState((s) => s.metricHistory);
  const names = useAppState((s) => s.metricNames);
  const accuracy = useAppState((s) => s.metrics?.accuracy);
  const chance = useAppState((s) => s.metrics?.baselineAccuracy);
  const points = useMemo(() => {
    const k = names.indexOf('accuracy');
    return k < 0 ? [] : history.samples.map((s) => [s.step, s.values[k]] as const);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, history, names]);
  return (
    <LineChart
      title="Held-out accuracy"
      label={`Held-out accuracy ${formatValue(accuracy)}${chance !== undefined ? `; chance is ${formatValue(chance)}` : ''}.`}
      series={[{ name: 'accuracy', points, color: '#009E73' }]}
      references={chance !== undefined ? [{ y: chance, label: `chance ${formatValue(chance)}`, color: '#555' }] : []}
      xLabel="training step"
      yLabel="accuracy"
      xDomain={points.length ? undefined : [0, 1]}
      empty="Evaluated as you train"
      legend={false}
    />
  );
}

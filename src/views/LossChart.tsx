/** Loss over training, with TensorBoard-style smoothing, optional log scale, and the held-out metric. */
import { useId, useMemo, useState } from 'react';
import { formatValue } from './format';
import { LineChart, type Series } from './LineChart';
import { SERIES_COLORS } from './palette';
import { useAppState, useDeferredAppState } from './storeContext';
import { smoothEma } from './telemetry';
import { lossCsv } from './save/csv';

/** Loss vs step. */
export function LossChart() {
  const historyVersion = useDeferredAppState((s) => s.historyVersion);
  const history = useAppState((s) => s.stepHistory);
  const metricHistory = useAppState((s) => s.metricHistory);
  const metricNames = useAppState((s) => s.metricNames);
  const initialLoss = useAppState((s) => s.initialLoss);
  const lossLabel = useAppState((s) => s.runInfo?.lossLabel ?? 'MSE');
  // a held-out MSE in other units than the loss (CO₂ learns the changes) would mislead on the loss's axis
  const heldOutOnLossScale = useAppState((s) => s.runInfo?.heldOutOnLossScale ?? true);
  const [logScale, setLogScale] = useState(true);
  const [smoothing, setSmoothing] = useState(0.6);
  const checkId = useId();
  const sliderId = useId();

  const { series, last } = useMemo(() => {
    const raw = history.points(0);
    const smooth = smoothEma(raw.map((p) => p[1]), smoothing);
    const out: Series[] = [];
    if (smoothing > 0) out.push({ name: 'loss (raw)', points: raw, color: SERIES_COLORS.blueFaint, width: 1 });
    out.push({ name: smoothing > 0 ? 'loss (smoothed)' : 'loss', points: raw.map((p, k) => [p[0], smooth[k]] as const), color: SERIES_COLORS.blue });
    const mseIndex = metricNames.indexOf('mse');
    if (mseIndex >= 0 && heldOutOnLossScale) {
      const points = metricHistory.samples.filter((s) => s.step > 0).map((s) => [s.step, s.values[mseIndex]] as const);
      out.push({ name: 'held-out MSE', points, color: SERIES_COLORS.vermillion, dots: true });
    }
    return { series: out, last: raw.at(-1) };
    // historyVersion tells us the histories (mutated in place) changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [historyVersion, history, smoothing, metricNames, heldOutOnLossScale]);

  const label = last
    ? `Training loss over ${last[0]} steps: from ${formatValue(initialLoss)} to ${formatValue(last[1])}.`
    : 'Training loss: no steps yet.';

  return (
    <LineChart
      title="Loss"
      csv={{ what: 'the loss history', fileName: 'loss-history.csv', build: () => lossCsv(history) }}
      label={label}
      series={series}
      xLabel="training step"
      yLabel={`loss (${lossLabel})`}
      logY={logScale}
      empty="Press Train to start"
      controls={
        <>
          <input id={checkId} type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
          <label htmlFor={checkId}>Log scale</label>{' '}
          <label htmlFor={sliderId}>Smoothing</label>{' '}
          <input
            id={sliderId}
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
            aria-valuetext={smoothing.toFixed(2)}
          />
        </>
      }
    />
  );
}

/** The global gradient norm over training, before and after clipping, with the clipping threshold. */
import { useMemo } from 'react';
import { formatValue } from './format';
import { LineChart, type Reference, type Series } from './LineChart';
import { SERIES_COLORS } from './palette';
import { useAppState, useDeferredAppState } from './storeContext';

/** ‖∇θ L‖ per step. */
export function GradNormChart() {
  const version = useDeferredAppState((s) => s.historyVersion);
  const history = useAppState((s) => s.stepHistory);
  const clipMode = useAppState((s) => s.config.clipMode);
  const threshold = useAppState((s) => s.config.clipThreshold);
  const series = useMemo<Series[]>(() => {
    const before = history.points(1);
    const out: Series[] = [{ name: 'before clipping', points: before, color: SERIES_COLORS.vermillion }];
    if (clipMode !== 'off') out.push({ name: 'after clipping', points: history.points(2), color: SERIES_COLORS.green, dashed: true });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, history, clipMode]);
  const references: Reference[] = clipMode === 'norm' ? [{ y: threshold, label: `threshold ${formatValue(threshold)}`, color: SERIES_COLORS.reference }] : [];
  const last = series[0].points.at(-1);
  const label = last
    ? `Global gradient norm over ${last[0]} steps, now ${formatValue(last[1])}${clipMode === 'off' ? ', clipping off' : `, clipping ${clipMode === 'norm' ? 'by norm' : 'by value'} at ${formatValue(threshold)}`}.`
    : 'Global gradient norm: no steps yet.';
  return (
    <LineChart
      title={<>Gradient norm ‖∇<sub>θ</sub>L‖</>}
      name="Gradient norm ‖∇θL‖"
      label={label}
      series={series}
      references={references}
      xLabel="training step"
      yLabel="global L2 norm"
      logY
      empty="No steps yet"
    />
  );
}

/** ‖∂L/∂h_t‖ over training as a heatmap (training step × time step, log colour): vanishing fades to the left. */
import { useMemo, useState } from 'react';
import { interpolateViridis } from 'd3';
import { Heatmap, type HeatScale } from './Heatmap';
import { formatValue } from './format';
import { decadeTicks } from './logScale';
import { useAppState, useDeferredAppState } from './storeContext';
import { layerDirName } from './telemetry';
import { gradientHistoryCsv } from './save/csv';

/** log10 range of positive finite values, widened to at least one decade and rounded to whole decades. */
export function logDomain(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      const l = Math.log10(v);
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    }
  }
  if (!Number.isFinite(lo)) return [-6, 0];
  lo = Math.floor(lo);
  hi = Math.max(Math.ceil(hi), lo + 1);
  return [lo, hi];
}

/** The history heatmap of one layer·direction. */
export function GradientHistory() {
  const info = useAppState((s) => s.runInfo);
  const history = useAppState((s) => s.gradProfileHistory);
  const version = useDeferredAppState((s) => s.historyVersion);
  const dirs = useAppState((s) => (s.runInfo?.bidirectional ? 2 : 1));
  const [layerDir, setLayerDir] = useState<number>();
  const rows = info?.layerDirs ?? 1;
  const ld = layerDir !== undefined && layerDir < rows ? layerDir : rows - 1;
  const steps = info?.steps ?? 0;
  // the samples and their colour scale, both as of the (deferred) history version
  const samples = useMemo(
    () => history.samples.filter((s) => s.values.length === rows * steps),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, history, rows, steps],
  );

  const [lo, hi] = useMemo(() => logDomain(samples.flatMap((s) => Array.from(s.values.subarray(ld * steps, (ld + 1) * steps)))), [samples, ld, steps]);
  // (remade only when the domain changes: the heatmap rebuilds its colour table from each new scale)
  const scale = useMemo<HeatScale>(
    () => ({ domain: [lo, hi], color: (v: number) => interpolateViridis((v - lo) / (hi - lo)), transform: Math.log10, ticks: decadeTicks(lo, hi) }),
    [lo, hi],
  );

  if (!info) return null;
  return (
    <div className="gradient-history">
      {rows > 1 && (
        <label className="inline-field">
          Layer{' '}
          <select value={ld} onChange={(e) => setLayerDir(Number(e.target.value))}>
            {Array.from({ length: rows }, (_, r) => (
              <option key={r} value={r}>
                {layerDirName(r, dirs)}
              </option>
            ))}
          </select>
        </label>
      )}
      {samples.length === 0 ? (
        <p className="panel-empty">The history fills in as you train.</p>
      ) : (
        <Heatmap
          label={`Gradient norm per time step over training, ${layerDirName(ld, dirs)}: ${samples.length} snapshots from step ${samples[0].step} to ${samples[samples.length - 1].step}`}
          title={<>‖∂L/∂h<sub>t</sub>‖ over training</>}
          name="‖∂L/∂hₜ‖ over training"
          csv={{ what: 'the ‖∂L/∂hₜ‖ history', fileName: 'gradient-history.csv', build: () => gradientHistoryCsv(history, rows, steps, dirs === 2) }}
          rows={steps}
          cols={samples.length}
          value={(row, col) => samples[col].values[ld * steps + row]}
          scale={scale}
          version={version}
          xLabel="training step →"
          yLabel="time step t"
          describe={(c) => `training step ${samples[c.col].step} · t = ${c.row + 1} · ‖∂L/∂h_t‖ = ${formatValue(c.value)}`}
          colName={(c) => String(samples[c].step)}
          rowName={(r) => `t=${r + 1}`}
          height={Math.min(200, Math.max(80, steps * 6))}
        />
      )}
    </div>
  );
}

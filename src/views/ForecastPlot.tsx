/** Forecast vs truth on held-out data: the sine task's one-step-ahead predictions. */
import { line, scaleLinear } from 'd3';
import { Axis } from './Axis';
import { formatValue } from './format';
import { useAppState } from './storeContext';

const W = 520;
const H = 240;
const M = { top: 12, right: 16, bottom: 42, left: 72 };

/** Two lines: the held-out series and the model's one-step-ahead forecast of it. */
export function ForecastPlot() {
  const trace = useAppState((s) => s.trace);
  const mse = useAppState((s) => s.metrics?.mse);
  const baseline = useAppState((s) => s.metrics?.baselineMse);
  const n = trace?.truth.length ?? 0;
  const x = scaleLinear().domain([0, Math.max(1, n - 1)]).range([M.left, W - M.right]);
  let lo = -1.5;
  let hi = 1.5;
  if (trace) {
    for (const v of [...trace.truth, ...trace.prediction]) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  }
  const y = scaleLinear().domain([lo, hi]).range([H - M.bottom, M.top]).nice();
  const toPath = (values: Float32Array) =>
    line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, k) => x(k))
      .y((v) => y(v))(Array.from(values)) ?? '';

  const description = trace
    ? `Forecast against truth on ${n} held-out steps; mean squared error ${formatValue(mse)} (predicting the mean gives ${formatValue(baseline)}).`
    : 'Forecast against truth: not evaluated yet.';

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">Forecast vs truth (held out)</span>
        <span className="legend">
          <span className="swatch swatch-truth" /> truth <span className="swatch swatch-forecast" /> forecast
          {mse !== undefined && <span className="metric"> · MSE {formatValue(mse)}</span>}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description}>
        <Axis scale={x} orient="bottom" offset={H - M.bottom} label="held-out time step" />
        <Axis scale={y} orient="left" offset={M.left} label="value" />
        {trace && <path className="line line-truth" d={toPath(trace.truth)} />}
        {trace && <path className="line line-forecast" d={toPath(trace.prediction)} />}
      </svg>
    </figure>
  );
}

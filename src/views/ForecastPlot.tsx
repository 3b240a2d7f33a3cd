/**
 * Forecast vs truth on held-out data: the forecasting tasks' one-step-ahead predictions, beside the baselines'
 * (repeating the last value; for CO₂ also seasonal naive with drift), on an axis fitted to the series.
 */
import { useId } from 'react';
import { line, scaleLinear } from 'd3';
import { Axis } from './Axis';
import { baselineName } from './baselines';
import { formatValue } from './format';
import { HeldOutScores } from './HeldOutScores';
import { useAppFields } from './storeContext';
import { traceDomain } from './traceDomain';
import './baselines.css';
import { predictionsCsv } from './save/csv';
import { SaveMenu } from './save/SaveMenu';

const W = 520;
const H = 240;
const M = { top: 12, right: 16, bottom: 42, left: 72 };

/** The line class of each baseline's prediction (a dash pattern of its own, not colour alone). */
const BASELINE_LINE_CLASS: Record<string, string> = { persistence: 'persistence', seasonalNaive: 'seasonal-naive' };

/** The held-out series, the model's one-step-ahead forecast of it, and the baselines' forecasts. */
export function ForecastPlot() {
  const { trace, mse, meanMse, baselines, units } = useAppFields((s) => ({
    trace: s.trace,
    mse: s.metrics?.mse,
    meanMse: s.runInfo?.baselines?.mean ?? s.metrics?.baselineMse,
    baselines: s.runInfo?.baselines,
    units: s.runInfo?.traceUnits,
  }));
  // useId's characters (colons, guillemets) are not safe in url(#…)
  const clipId = `forecast-clip-${useId().replace(/[^\w-]/g, '')}`;
  const n = trace?.truth.length ?? 0;
  const x = scaleLinear().domain([0, Math.max(1, n - 1)]).range([M.left, W - M.right]);
  const y = scaleLinear().domain(traceDomain(trace)).range([H - M.bottom, M.top]).nice();
  const toPath = (values: Float32Array) =>
    line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, k) => x(k))
      .y((v) => y(v))(Array.from(values)) ?? '';
  const baselineLines = Object.entries(trace?.baselines ?? {}).filter(([, values]) => values.length === n);

  const others = Object.entries(baselines ?? {}).filter(([key]) => key !== 'mean');
  const description = trace
    ? `Forecast against truth on ${n} held-out steps${baselineLines.length ? `, with ${baselineLines.map(([key]) => baselineName(key)).join(' and ')}` : ''}; mean squared error ${formatValue(mse)} (predicting the mean gives ${formatValue(meanMse)})${others.map(([key, value]) => `; ${baselineName(key)} gives ${formatValue(value)}`).join('')}.`
    : 'Forecast against truth: not evaluated yet.';

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">Forecast vs truth (held out)</span>
        <SaveMenu name="Forecast vs truth (held out)" csv={trace && { what: 'the held-out predictions', fileName: 'held-out-predictions.csv', build: () => predictionsCsv(trace) }} />
        <span className="legend">
          <span className="legend-item">
            <span className="swatch-line swatch-line-truth" /> truth
          </span>
          <span className="legend-item">
            <span className="swatch-line swatch-line-forecast" /> this network's forecast
          </span>
          {baselineLines.map(([key]) => (
            <span key={key} className="legend-item">
              <span className={`swatch-line swatch-line-${BASELINE_LINE_CLASS[key] ?? 'baseline'}`} /> {baselineName(key)}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description}>
        <defs>
          <clipPath id={clipId}>
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        <Axis scale={x} orient="bottom" offset={H - M.bottom} label="held-out time step" />
        <Axis scale={y} orient="left" offset={M.left} label={units ? `value (${units})` : 'value'} />
        <g clipPath={`url(#${clipId})`}>
          {trace && <path className="line line-truth" d={toPath(trace.truth)} />}
          {baselineLines.map(([key, values]) => (
            <path key={key} className={`line line-${BASELINE_LINE_CLASS[key] ?? 'baseline'}`} d={toPath(values)} />
          ))}
          {trace && <path className="line line-forecast" d={toPath(trace.prediction)} />}
        </g>
      </svg>
      <HeldOutScores />
    </figure>
  );
}

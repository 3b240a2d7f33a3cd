/**
 * A small line chart: several series, linear or log y, optional horizontal reference lines, axes with units
 * and an accessible name. d3 computes scales and paths; React renders the SVG.
 */
import type { ReactNode } from 'react';
import { line, scaleLinear, scaleLog } from 'd3';
import { Axis } from './Axis';
import { decimate } from './decimate';
import { SaveMenu, type CsvOffer } from './save/SaveMenu';
import { logTickLabel } from './logScale';

/** One line. */
export interface Series {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  color: string;
  dashed?: boolean;
  width?: number;
  /** Draw dots instead of a line (sparse samples such as held-out metrics). */
  dots?: boolean;
}

/** A horizontal reference line, e.g. the clipping threshold or σ = 1. */
export interface Reference {
  y: number;
  label: string;
  color: string;
}

/** Props of the chart. */
export interface LineChartProps {
  title: ReactNode;
  /** The accessible name: what the chart shows, with its current numbers. */
  label: string;
  series: Series[];
  references?: Reference[];
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  /** Fixed x domain (defaults to the data's extent). */
  xDomain?: [number, number];
  /** Fixed y domain, for a quantity with natural bounds (an accuracy: 0 to 1); defaults to the data's extent. */
  yDomain?: [number, number];
  controls?: ReactNode;
  empty?: string;
  legend?: boolean;
  /** Shown under the chart (a readout of its numbers). */
  footer?: ReactNode;
  /** The chart's name for its Save control (default: the title, when it is text) and the CSV it offers. */
  name?: string;
  csv?: CsvOffer;
}

const W = 520;
const H = 240;
const M = { top: 12, right: 16, bottom: 42, left: 72 };

/** The extent of finite (and, for log, positive) y values over all series and references. */
export function yExtent(series: Series[], references: Reference[], logY: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (y: number) => {
    if (!Number.isFinite(y) || (logY && y <= 0)) return;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  };
  for (const s of series) for (const [, y] of s.points) take(y);
  for (const r of references) take(r.y);
  return Number.isFinite(lo) ? [lo, hi] : undefined;
}

/**
 * Baselines of the text labels at pixel heights `ys` (each wants to sit `above` px over its line), moved down
 * where needed so that no two are closer than `gap` px: two references at the same value (chance and a bag of
 * words both at 0.5) get two readable labels, not one overprinted.
 */
export function spreadLabels(ys: readonly number[], gap = 12, above = 4): number[] {
  const order = ys.map((_, k) => k).sort((a, b) => ys[a] - ys[b]);
  const out = new Array<number>(ys.length);
  let previous = -Infinity;
  for (const k of order) {
    out[k] = Math.max(ys[k] - above, previous + gap);
    previous = out[k];
  }
  return out;
}

/** The chart. */
export function LineChart({ title, label, series, references = [], xLabel, yLabel, logY = false, xDomain, yDomain, controls, empty, legend = true, footer, name, csv }: LineChartProps) {
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const [x0, x1] = xDomain ?? [xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1];
  const x = scaleLinear().domain([x0, x1 > x0 ? x1 : x0 + 1]).range([M.left, W - M.right]);
  const extent = yExtent(series, references, logY);
  const [y0, y1] = yDomain ?? extent ?? (logY ? [1e-3, 1] : [0, 1]);
  const y = (logY ? scaleLog().domain([y0, y1 > y0 ? y1 : y0 * 10]) : scaleLinear().domain([Math.min(0, y0), y1 > y0 ? y1 : y0 + 1]))
    .range([H - M.bottom, M.top])
    .nice();
  const shown = references.filter((r) => Number.isFinite(r.y) && (!logY || r.y > 0) && r.y >= y.domain()[0] && r.y <= y.domain()[1]);
  const labelYs = spreadLabels(shown.map((r) => y(r.y)));
  const valid = (p: readonly [number, number]) => Number.isFinite(p[1]) && (!logY || p[1] > 0);
  const path = line<readonly [number, number]>()
    .defined(valid)
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        {controls && <span className="chart-controls">{controls}</span>}
        <SaveMenu name={name ?? (typeof title === 'string' ? title : label)} csv={csv} />
      </figcaption>
      {legend && series.length > 1 && (
        <div className="legend">
          {series.map((s) => (
            <span key={s.name} className="legend-item">
              <span className={`swatch${s.dashed ? ' swatch-dashed' : ''}`} style={{ background: s.color, color: s.color }} /> {s.name}
            </span>
          ))}
          {references.map((r) => (
            <span key={r.label} className="legend-item">
              <span className="swatch swatch-dashed" style={{ color: r.color }} /> {r.label}
            </span>
          ))}
        </div>
      )}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {/* every line chart's x is a count of steps (training steps, time steps, steps ahead) */}
        <Axis scale={x} orient="bottom" offset={H - M.bottom} label={xLabel} integers />
        <Axis scale={y} orient="left" offset={M.left} label={yLabel} ticks={logY ? 4 : 5} format={logY ? logTickLabel : undefined} />
        {shown.map((r, k) => (
          <g key={r.label} className="reference">
            <line x1={M.left} x2={W - M.right} y1={y(r.y)} y2={y(r.y)} stroke={r.color} strokeDasharray="6 4" strokeWidth={1.5} />
            <text x={W - M.right - 4} y={labelYs[k]} textAnchor="end" fill={r.color}>
              {r.label}
            </text>
          </g>
        ))}
        {series.map((s) =>
          s.dots ? (
            <g key={s.name} fill={s.color}>
              {s.points.filter(valid).map((p) => (
                <circle key={p[0]} cx={x(p[0])} cy={y(p[1])} r={3} />
              ))}
            </g>
          ) : (
            <path
              key={s.name}
              className="line"
              d={path(decimate(s.points, x, valid)) ?? ''}
              stroke={s.color}
              strokeWidth={s.width ?? 2}
              strokeDasharray={s.dashed ? '5 3' : undefined}
            />
          ),
        )}
        {all.length === 0 && empty && (
          <text x={(M.left + W - M.right) / 2} y={H / 2} textAnchor="middle" className="chart-empty">
            {empty}
          </text>
        )}
      </svg>
      {footer}
    </figure>
  );
}

/**
 * What-if's two charts: ‖h_t − h′_t‖ per step as bars under the inputs (old → new), and both hidden-state
 * paths on the original path's two principal axes. SVG from JSX, scales from d3.
 */
import { scaleBand, scaleLinear } from 'd3';
import type { WhatIfResult } from '../../shared/protocol';
import { Axis } from '../Axis';
import { formatCell } from '../Heatmap';

/** A step's input as a chart label: quoted where it is a word or character, escapes visible ("\n"). */
export function shownInput(label: string): string {
  return JSON.stringify(label).slice(1, -1);
}

/** The largest difference and its step (0-based); −1 when there is none. */
export function largestDifference(difference: ArrayLike<number>): { value: number; t: number } {
  let t = -1;
  for (let k = 0; k < difference.length; k++) if (t < 0 || difference[k] > difference[t]) t = k;
  return { value: t < 0 ? 0 : difference[t], t };
}

const W = 560;
const H = 200;
const M = { top: 10, right: 12, bottom: 46, left: 72 };

/** ‖h_t − h′_t‖ per step, with the first changed step marked. */
export function DifferenceChart({ result }: { result: WhatIfResult }) {
  const difference = Array.from(result.difference ?? []);
  const steps = difference.length;
  const { value: largest, t: at } = largestDifference(difference);
  const x = scaleBand<number>().domain(difference.map((_, t) => t)).range([M.left, W - M.right]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(largest, 1e-6)]).range([H - M.bottom, M.top]).nice();
  const first = result.firstChangedStep ?? -1;
  const zeroBefore = first > 0 && difference.slice(0, first).every((d) => d === 0);
  const input = (t: number) => `"${shownInput(result.original.labels[t])}" → "${shownInput(result.edited!.labels[t])}"`;
  const label =
    `Distance between the hidden states of the probe and the edited copy, ‖h_t − h′_t‖, at each of ${steps} steps: ` +
    (largest > 0 ? `largest ${formatCell(largest)} at t = ${at + 1} (${input(at)})` : 'zero at every step') +
    (first >= 0 ? `; the input first differs at t = ${first + 1}${zeroBefore ? ', and every step before it is unchanged' : ''}.` : '.');
  const every = Math.ceil(steps / 24);
  return (
    <figure className="chart what-if-chart">
      <figcaption>
        <span className="chart-title">‖h_t − h′_t‖: how far the edit moves each hidden state</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <Axis scale={y} orient="left" offset={M.left} label="‖h − h′‖" ticks={4} />
        {first >= 0 && (
          <line className="what-if-first" x1={x(first)! - 1} x2={x(first)! - 1} y1={M.top} y2={H - M.bottom} stroke="var(--muted)" strokeDasharray="4 3" />
        )}
        {difference.map((d, t) => (
          <rect key={t} x={x(t)} y={y(d)} width={x.bandwidth()} height={Math.max(0, H - M.bottom - y(d))} fill="var(--c-vermillion)">
            <title>{`t = ${t + 1} · ${input(t)} · ‖h_t − h′_t‖ = ${formatCell(d)}`}</title>
          </rect>
        ))}
        {difference.map((_, t) =>
          t === first || (t % every === 0 && (first < 0 || Math.abs(t - first) >= Math.max(2, every))) ? (
            <text key={t} x={x(t)! + x.bandwidth() / 2} y={H - M.bottom + 14} className="what-if-tick" textAnchor="middle">
              {t + 1}
            </text>
          ) : null,
        )}
        <text x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle" className="axis-label">
          time step t (dashed: the first edited step)
        </text>
      </svg>
    </figure>
  );
}

const PW = 420;
const PH = 260;
const PM = { top: 12, right: 16, bottom: 42, left: 72 };

/** Both paths in the original's principal plane: the probe's solid, the edited copy's dashed. */
export function PathsPlot({ result }: { result: WhatIfResult }) {
  const paths = [
    { name: 'probe', coords: result.original.pca, color: 'var(--ink)', dashed: false },
    ...(result.edited ? [{ name: 'edited copy', coords: result.edited.pca, color: 'var(--c-vermillion)', dashed: true }] : []),
  ];
  const all = paths.flatMap((p) => Array.from(p.coords));
  const xs = all.filter((_, k) => k % 2 === 0);
  const ys = all.filter((_, k) => k % 2 === 1);
  const span = (v: number[]) => {
    const lo = Math.min(...v, -1e-3);
    const hi = Math.max(...v, 1e-3);
    const pad = (hi - lo) * 0.08;
    return [lo - pad, hi + pad];
  };
  const x = scaleLinear().domain(span(xs)).range([PM.left, PW - PM.right]).nice();
  const y = scaleLinear().domain(span(ys)).range([PH - PM.bottom, PM.top]).nice();
  const explained = result.explained.map((e) => `${Math.round(e * 100)}%`);
  const steps = result.original.pca.length / 2;
  const end = (coords: Float32Array) => `(${formatCell(coords[2 * steps - 2])}, ${formatCell(coords[2 * steps - 1])})`;
  const label =
    `Hidden-state paths over ${steps} steps on the probe's two principal axes (${explained[0]} and ${explained[1]} of its variance): ` +
    `the probe ends at ${end(result.original.pca)}` +
    (result.edited ? `, the edited copy at ${end(result.edited.pca)}.` : '.');
  return (
    <figure className="chart what-if-chart">
      <figcaption>
        <span className="chart-title">Both paths, in the probe's principal plane</span>
        <span className="legend">
          {paths.map((p) => (
            <span key={p.name} className="legend-item">
              <span className="what-if-swatch" aria-hidden="true" style={{ borderTopColor: p.color, borderTopStyle: p.dashed ? 'dashed' : 'solid' }} />{' '}
              {p.name}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${PW} ${PH}`} role="img" aria-label={label}>
        <Axis scale={x} orient="bottom" offset={PH - PM.bottom} label={`PC 1 of the probe (${explained[0]})`} ticks={4} />
        <Axis scale={y} orient="left" offset={PM.left} label={`PC 2 (${explained[1]})`} ticks={4} />
        {paths.map((p) => {
          const points = Array.from({ length: steps }, (_, t) => `${x(p.coords[2 * t])},${y(p.coords[2 * t + 1])}`).join(' ');
          return (
            <g key={p.name}>
              <polyline points={points} fill="none" stroke={p.color} strokeWidth={2} strokeDasharray={p.dashed ? '5 4' : undefined} />
              {Array.from({ length: steps }, (_, t) => (
                <circle key={t} cx={x(p.coords[2 * t])} cy={y(p.coords[2 * t + 1])} r={t === steps - 1 ? 5 : 2.5} fill={p.color}>
                  <title>{`${p.name} · t = ${t + 1}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

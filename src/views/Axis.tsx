/** Axes drawn with JSX from a d3 scale's ticks: React owns the DOM, d3 does the math. */
import { format as d3format, type ScaleContinuousNumeric } from 'd3';

/** Whole numbers with thousands separators: "1,200". */
const WHOLE = d3format(',');

/** A bottom or left axis with tick labels and an axis title. */
export function Axis({
  scale,
  orient,
  offset,
  label,
  ticks = 5,
  format,
  integers = false,
}: {
  scale: ScaleContinuousNumeric<number, number>;
  orient: 'bottom' | 'left';
  /** y of a bottom axis, x of a left axis. */
  offset: number;
  label: string;
  ticks?: number;
  format?: (value: number) => string;
  /** The axis counts steps: only whole-number ticks ("1.5 steps" is no step), written whole. */
  integers?: boolean;
}) {
  const fmt = format ?? (integers ? WHOLE : scale.tickFormat(ticks));
  const values = integers ? tickValues(scale, ticks).filter(Number.isInteger) : tickValues(scale, ticks);
  const [r0, r1] = scale.range();
  if (orient === 'bottom') {
    return (
      <g className="axis" aria-hidden="true">
        <line x1={r0} x2={r1} y1={offset} y2={offset} />
        {values.map((v) => (
          <g key={v} transform={`translate(${scale(v)},${offset})`}>
            <line y2={4} />
            <text y={15} textAnchor="middle">
              {fmt(v)}
            </text>
          </g>
        ))}
        <text className="axis-title" x={(r0 + r1) / 2} y={offset + 30} textAnchor="middle">
          {label}
        </text>
      </g>
    );
  }
  return (
    <g className="axis" aria-hidden="true">
      <line x1={offset} x2={offset} y1={r0} y2={r1} />
      {values.map((v) => (
        <g key={v} transform={`translate(${offset},${scale(v)})`}>
          <line x2={-4} />
          <text x={-7} dy="0.32em" textAnchor="end">
            {fmt(v)}
          </text>
        </g>
      ))}
      <text className="axis-title" transform={`translate(${offset - 56},${(r0 + r1) / 2}) rotate(-90)`} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}

/**
 * Tick values: a linear scale's own; for a log scale (d3 returns every 1…9 multiple) only the powers of ten,
 * thinned to about `count`, or 1-2-5 steps when the domain spans less than a decade.
 */
export function tickValues(scale: ScaleContinuousNumeric<number, number>, count: number): number[] {
  const all = scale.ticks(count);
  if (!('base' in scale)) return all;
  const decades = all.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (decades.length < 2) return all.filter((v) => [1, 2, 5].includes(Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9))));
  const every = Math.ceil(decades.length / count);
  return decades.filter((_, k) => k % every === 0);
}

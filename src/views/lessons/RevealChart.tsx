/** The reveal's picture: the learner's guess and the live result (and references) as bars on one scale (log unless linear). */
import { scaleLinear, scaleLog } from 'd3';
import type { Reveal } from '../../lessons/types';
import { formatValue } from '../format';

const W = 320;
const ROW = 24;
const LABEL = 150;
const TOP = 18;
/** Room right of the longest bar for its number: "1.23e+13" at the chart's 11 px. */
const VALUE_ROOM = 52;

/** A count with thousands separators; any other value (and a huge whole one, a loss of 1.23e+13) as the charts print it. */
function shown(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e9 ? value.toLocaleString('en-US') : formatValue(value);
}

/** Bars for `reveal.marks`, the guess's band behind them; a text alternative names every value. */
export function RevealChart({ reveal }: { reveal: Reveal }) {
  // a log scale cannot show 0 or less; a linear one starts at 0
  const drawable = (v: number) => Number.isFinite(v) && (reveal.linear ? v >= 0 : v > 0);
  const marks = reveal.marks.filter((m) => drawable(m.value));
  const values = [...marks.map((m) => m.value), ...(reveal.guessRange ?? [])].filter(drawable);
  if (values.length === 0) return null;
  const hi = Math.max(...values);
  // room for the largest value's number at the right
  const x = reveal.linear
    ? scaleLinear().domain([0, Math.max(1, hi) * 1.25]).range([LABEL, W - 8]).clamp(true)
    : scaleLog().domain([Math.min(...values) / 2, hi]).range([LABEL, W - 8 - VALUE_ROOM]).clamp(true);
  const height = TOP + marks.length * ROW + 18;
  const band = reveal.guessRange;
  const description = `${reveal.scaleLabel}: ${marks.map((m) => `${m.label} ${shown(m.value)}`).join('; ')}${band ? `; your guess, from ${shown(band[0])} to ${shown(band[1])}` : ''}.`;
  return (
    <svg className="lesson-reveal-chart" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={description}>
      <text x={W - 4} y={11} textAnchor="end" className="lesson-reveal-scale">
        {reveal.scaleLabel}
      </text>
      {band && (
        <g className="lesson-guess-band">
          <rect x={x(band[0])} y={TOP - 4} width={Math.max(2, x(band[1]) - x(band[0]))} height={marks.length * ROW + 4} />
          <text x={(x(band[0]) + x(band[1])) / 2} y={height - 4} textAnchor="middle">
            your guess
          </text>
        </g>
      )}
      {marks.map((mark, k) => {
        const y = TOP + k * ROW;
        const end = x(mark.value);
        return (
          <g key={mark.label} className={`lesson-mark lesson-mark-${mark.kind}`}>
            <text x={LABEL - 6} y={y + 14} textAnchor="end">
              {mark.label.length > 26 ? `${mark.label.slice(0, 25)}…` : mark.label}
            </text>
            <rect x={LABEL} y={y + 3} width={Math.max(2, end - LABEL)} height={ROW - 8} rx={2} />
            <text x={end + 4} y={y + 14} className="lesson-mark-value">
              {shown(mark.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A colour bar drawn from the scale the view paints with, its ends labelled with that scale's domain. */
import { formatCell } from '../Heatmap';
import type { UnitScale } from './unitScale';

const STOPS = 11;

export function ScaleLegend({ scale }: { scale: UnitScale }) {
  const [lo, hi] = scale.domain;
  const stops = Array.from({ length: STOPS }, (_, k) => `${scale.color(lo + ((hi - lo) * k) / (STOPS - 1))} ${(100 * k) / (STOPS - 1)}%`);
  return (
    <span className="one-unit-legend" role="img" aria-label={`Colour scale ${scale.words}`}>
      <span aria-hidden="true">{formatCell(lo)}</span>
      <span className="one-unit-legend-bar" aria-hidden="true" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
      <span aria-hidden="true">{formatCell(hi)}</span>
    </span>
  );
}

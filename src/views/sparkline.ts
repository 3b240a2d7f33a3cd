/** The loss sparkline's geometry (the mini bar's): a path through a run's losses, with no axes. */
import { line, scaleLinear, scaleLog } from 'd3';

/** A sparkline's SVG path and what it spans, for its accessible name. */
export interface Sparkline {
  /** The SVG path ('' with fewer than two points to draw). */
  path: string;
  /** The first and last loss drawn. */
  first?: number;
  last?: number;
}

/**
 * A path through `points` ([step, loss]) scaled into `width` × `height`, on a log scale when every loss is
 * positive (a loss falls over decades), at most `width` points (every k-th, always the last). Infinite and NaN
 * losses are left out.
 */
export function sparkline(points: ReadonlyArray<readonly [number, number]>, width: number, height: number): Sparkline {
  const finite = points.filter((p) => Number.isFinite(p[1]));
  if (finite.length < 2) return { path: '', first: finite[0]?.[1], last: finite[0]?.[1] };
  const stride = Math.ceil(finite.length / width);
  const drawn = finite.filter((_, k) => k % stride === 0 || k === finite.length - 1);
  const values = drawn.map((p) => p[1]);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = scaleLinear().domain([drawn[0][0], drawn[drawn.length - 1][0]]).range([1, width - 1]);
  // a flat line sits in the middle
  const padded = low !== high ? [low, high] : low > 0 ? [low / 2, high * 2] : [low - 1, high + 1];
  const y = (low > 0 ? scaleLog() : scaleLinear()).domain(padded).range([height - 1, 1]);
  const path = line<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .digits(1)(drawn);
  return { path: path ?? '', first: values[0], last: values[values.length - 1] };
}

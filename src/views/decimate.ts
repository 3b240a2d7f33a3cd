/**
 * Thinning a line to what the screen can show. A loss history holds up to 2048 points per series, redrawn many
 * times a second into a chart ~430 units wide; an SVG path that long is most of a frame's paint. Per pixel
 * column a line's drawing is fixed by four points: the first, the lowest, the highest and the last (M4
 * aggregation, Jugel et al., VLDB 2014), so keeping only those draws the same picture, spikes included. The
 * charts use columns one unit of their drawing wide, about a CSS pixel: on a denser screen the line is the
 * same to within a device pixel or two.
 */

/**
 * The points of a line sorted by x that a chart draws the same, column by column: `column` maps x to its pixel
 * column. A point that is not drawn (`drawn` false: NaN, or ≤ 0 on a log scale) is kept where it was, because
 * it breaks the line there.
 */
export function decimate<P extends readonly [number, number]>(points: ReadonlyArray<P>, column: (x: number) => number, drawn: (p: P) => boolean): P[] {
  if (points.length <= 8) return points.slice();
  const out: P[] = [];
  let current = NaN;
  // indices of the column's first, lowest, highest and last points
  let first = -1;
  let low = -1;
  let high = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    const keep = [...new Set([first, low, high, last])].sort((a, b) => a - b);
    for (const k of keep) out.push(points[k]);
    first = -1;
  };
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    if (!drawn(p)) {
      flush();
      out.push(p);
      current = NaN;
      continue;
    }
    const col = Math.floor(column(p[0]));
    if (col !== current || first < 0) {
      flush();
      current = col;
      first = low = high = last = k;
      continue;
    }
    if (p[1] < points[low][1]) low = k;
    if (p[1] > points[high][1]) high = k;
    last = k;
  }
  flush();
  return out;
}

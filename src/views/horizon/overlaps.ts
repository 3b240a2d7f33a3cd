/**
 * Where the accuracy curve's lines lie on each other (issue #15): the LSTM and GRU often both sit at 100%, and
 * one line then hides the other. Says which cells share a point, at which lags, so the chart can note it. Pure.
 */
import { CELL_LABELS } from '../../shared/config';
import { HORIZON_CELLS, type HorizonPoint } from '../../shared/horizon';

/** Cells that share a rounded accuracy at some lags. */
export interface Overlap {
  cells: string[];
  percent: number;
  lags: number[];
}

/** The points (rounded to whole percent) that two or more cells share, grouped by cells and percent. */
export function overlaps(points: readonly HorizonPoint[]): Overlap[] {
  const groups = new Map<string, Overlap>();
  const lags = [...new Set(points.map((p) => p.lag))].sort((a, b) => a - b);
  for (const lag of lags) {
    const byPercent = new Map<number, string[]>();
    for (const cell of HORIZON_CELLS) {
      const point = points.find((p) => p.cell === cell && p.lag === lag);
      if (!point) continue;
      const percent = Math.round(point.accuracy * 100);
      byPercent.set(percent, [...(byPercent.get(percent) ?? []), CELL_LABELS[cell]]);
    }
    for (const [percent, cells] of byPercent) {
      if (cells.length < 2) continue;
      const key = `${cells.join('|')}@${percent}`;
      const group = groups.get(key) ?? { cells, percent, lags: [] };
      group.lags.push(lag);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** "A and B" / "A, B and C". */
function and(items: readonly (string | number)[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "LSTM and GRU both at 100% at lags 5, 10, 20 and 40: their lines lie on each other (…)"; '' when none. */
export function overlapNote(points: readonly HorizonPoint[]): string {
  const found = overlaps(points);
  if (!found.length) return '';
  const parts = found.map((o) => `${and(o.cells)} ${o.cells.length > 2 ? 'all' : 'both'} at ${o.percent}% at lag${o.lags.length > 1 ? 's' : ''} ${and(o.lags)}`);
  return `Where lines overlap: ${parts.join('; ')}. The lines there lie on each other (the GRU's, dashed, is drawn over the LSTM's), so one can hide the other: the points are the same.`;
}

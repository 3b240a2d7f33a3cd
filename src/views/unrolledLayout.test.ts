import { describe, expect, it } from 'vitest';
import { DEFAULT_ROW_METRICS, fitLabel, GAP_COLUMNS, layoutColumns, layoutRows, logIntensities, type LayoutColumn } from './unrolledLayout';

const stepsOf = (columns: LayoutColumn[]) => columns.flatMap((c) => (c.kind === 'step' ? [c.t] : []));
const gapOf = (columns: LayoutColumn[]) => columns.find((c): c is Extract<LayoutColumn, { kind: 'gap' }> => c.kind === 'gap');

describe('layoutColumns', () => {
  it('shows every step when they fit, evenly spaced inside the width', () => {
    const { columns, columnWidth } = layoutColumns(10, 100, 900, 44);
    expect(columnWidth).toBe(90);
    expect(stepsOf(columns)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gapOf(columns)).toBeUndefined();
    expect(columns[0].x).toBe(145);
    expect(columns[9].x).toBe(955);
  });

  it('shows every step when they exactly fit at the minimum width', () => {
    const { columns, columnWidth } = layoutColumns(20, 0, 880, 44);
    expect(columns).toHaveLength(20);
    expect(columnWidth).toBe(44);
  });

  it.each([21, 50, 120, 200])('compresses %i steps: keeps t = 0 and t = T−1, the gap counts the rest', (steps) => {
    const left = 96;
    const width = 896;
    const { columns, columnWidth } = layoutColumns(steps, left, width, 44);
    expect(columnWidth).toBeGreaterThanOrEqual(44);
    const shown = stepsOf(columns);
    const gap = gapOf(columns)!;
    expect(shown[0]).toBe(0);
    expect(shown.at(-1)).toBe(steps - 1);
    expect(gap.hidden + shown.length).toBe(steps);
    expect(gap.hidden).toBeGreaterThanOrEqual(2);
    expect(gap.to - gap.from + 1).toBe(gap.hidden);
    expect(gap.width).toBeCloseTo(GAP_COLUMNS * columnWidth);
    // the gap sits between the last head step and the first tail step, which it names
    const g = columns.indexOf(gap);
    const before = columns[g - 1];
    const after = columns[g + 1];
    expect(before.kind === 'step' && before.t + 1).toBe(gap.from);
    expect(after.kind === 'step' && after.t - 1).toBe(gap.to);
    // visible steps are consecutive on each side of the gap
    expect(shown.slice(0, g)).toEqual(Array.from({ length: g }, (_, k) => k));
    expect(shown.slice(g)).toEqual(Array.from({ length: shown.length - g }, (_, k) => gap.to + 1 + k));
    // ordered left to right, no overlap, inside [left, left + width]
    const edges = columns.map((c) => (c.kind === 'gap' ? [c.x - c.width / 2, c.x + c.width / 2] : [c.x - columnWidth / 2, c.x + columnWidth / 2]));
    for (let k = 1; k < edges.length; k++) expect(edges[k][0]).toBeCloseTo(edges[k - 1][1]);
    expect(edges[0][0]).toBeCloseTo(left);
    expect(edges.at(-1)![1]).toBeCloseTo(left + width);
    // more of the end (where the output is) than of the beginning
    expect(shown.length - g).toBeGreaterThan(g);
  });

  it('keeps the first and the last step even when the width is tiny', () => {
    const { columns } = layoutColumns(30, 0, 60, 44);
    expect(stepsOf(columns)).toEqual([0, 29]);
    expect(gapOf(columns)!.hidden).toBe(28);
  });

  it('lays out nothing for no steps', () => {
    expect(layoutColumns(0, 0, 900)).toEqual({ columns: [], columnWidth: 0 });
  });
});

describe('layoutRows', () => {
  const m = { boxHeight: 40, stripSpace: 10, directionGap: 6, layerGap: 20, edgeRow: 30 };

  it('stacks the output, the layers from the top one down, and the input', () => {
    const { rows, layers, height } = layoutRows(2, false, 0, m);
    expect(rows.map((r) => (r.kind === 'cell' ? `L${r.layer}` : r.kind))).toEqual(['output', 'L1', 'L0', 'input']);
    expect(rows.map((r) => r.y)).toEqual([15, 30 + 20 + 20, 30 + 20 + 50 + 20 + 20, 30 + 2 * (20 + 50) + 20 + 15]);
    expect(height).toBe(30 + 2 * (20 + 50) + 20 + 30);
    expect(layers).toEqual([
      { layer: 1, top: 50, bottom: 100 },
      { layer: 0, top: 120, bottom: 170 },
    ]);
  });

  it('doubles the cell rows when bidirectional, forward above backward, with layer·dirs indices', () => {
    const one = layoutRows(2, false, 0, m);
    const two = layoutRows(2, true, 0, m);
    const cells = two.rows.filter((r) => r.kind === 'cell');
    expect(cells).toHaveLength(2 * one.rows.filter((r) => r.kind === 'cell').length);
    expect(cells.map((r) => r.kind === 'cell' && [r.layer, r.direction, r.layerDir])).toEqual([
      [1, 0, 2],
      [1, 1, 3],
      [0, 0, 0],
      [0, 1, 1],
    ]);
    expect(two.height).toBe(one.height + 2 * (50 + 6));
    // each layer's band holds both of its boxes
    for (const band of two.layers) {
      for (const r of cells) {
        if (r.kind === 'cell' && r.layer === band.layer) {
          expect(r.y - m.boxHeight / 2).toBeGreaterThanOrEqual(band.top);
          expect(r.y + m.boxHeight / 2).toBeLessThanOrEqual(band.bottom);
        }
      }
    }
  });

  it('puts rows strictly top to bottom, offset by top', () => {
    const { rows, height } = layoutRows(3, true, 12);
    const ys = rows.map((r) => r.y);
    expect(ys[0]).toBe(12 + DEFAULT_ROW_METRICS.edgeRow / 2);
    for (let k = 1; k < ys.length; k++) expect(ys[k]).toBeGreaterThan(ys[k - 1]);
    expect(ys.at(-1)! + DEFAULT_ROW_METRICS.edgeRow / 2).toBe(12 + height);
  });
});

describe('logIntensities', () => {
  it('maps positive values log-linearly to [0, 1] over all series; non-positive or missing to 0', () => {
    expect(logIntensities([[1e-6, 1e-3, 1, 0, NaN]])).toEqual([[0, 0.5, 1, 0, 0]]);
    expect(logIntensities([[1e-4], Float64Array.from([1e-2, 1])])).toEqual([[0], [0.5, 1]]);
  });

  it('gives 1 to equal values and handles empty input', () => {
    expect(logIntensities([[2, 2]])).toEqual([[1, 1]]);
    expect(logIntensities([[]])).toEqual([[]]);
    expect(logIntensities([])).toEqual([]);
    expect(logIntensities([[0, Infinity]])).toEqual([[0, 0]]);
  });
});

describe('fitLabel', () => {
  it('cuts long labels with an ellipsis', () => {
    expect(fitLabel('movie', 5)).toBe('movie');
    expect(fitLabel('wonderful', 5)).toBe('wond…');
    expect(fitLabel('ab', 1)).toBe('…');
  });
});

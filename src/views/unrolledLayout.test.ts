import { describe, expect, it } from 'vitest';
import { layoutColumns, layoutRows, logIntensity } from './unrolledLayout';

describe('layoutColumns', () => {
  it('shows every step when they fit, evenly spaced', () => {
    const { columns, columnWidth } = layoutColumns(10, 100, 900, 44);
    expect(columns).toHaveLength(10);
    expect(columnWidth).toBe(90);
    expect(columns.map((c) => c.kind === 'step' && c.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(columns[0].x).toBe(145);
    expect(columns[9].x).toBe(955);
  });

  it('compresses a long sequence: keeps t = 0 and the last steps, one gap column counts the rest', () => {
    const { columns, columnWidth } = layoutColumns(120, 0, 900, 44);
    expect(columnWidth).toBeGreaterThanOrEqual(44);
    const steps = columns.filter((c) => c.kind === 'step').map((c) => (c.kind === 'step' ? c.t : -1));
    const gap = columns.find((c) => c.kind === 'gap');
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(119);
    expect(gap && gap.kind === 'gap' && gap.hidden + steps.length).toBe(120);
    const g = columns.findIndex((c) => c.kind === 'gap');
    const before = columns[g - 1];
    const after = columns[g + 1];
    expect(gap && gap.kind === 'gap' && before.kind === 'step' && after.kind === 'step' && [gap.from, gap.to]).toEqual([
      before.kind === 'step' ? before.t + 1 : -1,
      after.kind === 'step' ? after.t - 1 : -1,
    ]);
    // ordered and inside the width
    const xs = columns.map((c) => c.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(Math.max(...xs)).toBeLessThan(900);
    // more of the tail than of the head
    expect(steps.filter((t) => t > 60).length).toBeGreaterThan(steps.filter((t) => t < 60).length);
  });

  it('handles an empty sequence', () => {
    expect(layoutColumns(0, 0, 900)).toEqual({ columns: [], columnWidth: 0 });
  });
});

describe('layoutRows', () => {
  it('stacks output, layers from the top one down, input', () => {
    const { rows, height } = layoutRows(2, false, 0, 60, 40);
    expect(rows.map((r) => (r.kind === 'cell' ? `L${r.layer}` : r.kind))).toEqual(['output', 'L1', 'L0', 'input']);
    expect(height).toBe(40 + 2 * 60 + 40);
    expect(rows.map((r) => r.y)).toEqual([20, 70, 130, 180]);
  });

  it('doubles the cell rows when bidirectional, forward above backward, with layer·dirs indices', () => {
    const { rows } = layoutRows(2, true);
    const cells = rows.filter((r) => r.kind === 'cell');
    expect(cells.map((r) => r.kind === 'cell' && [r.layer, r.direction, r.layerDir])).toEqual([[1, 0, 2], [1, 1, 3], [0, 0, 0], [0, 1, 1]]);
  });
});

describe('logIntensity', () => {
  it('maps positive values log-linearly to [0, 1], non-positive or missing to 0', () => {
    expect(logIntensity([1e-6, 1e-3, 1, 0, NaN])).toEqual([0, 0.5, 1, 0, 0]);
    expect(logIntensity([2, 2])).toEqual([1, 1]);
    expect(logIntensity([])).toEqual([]);
  });
});

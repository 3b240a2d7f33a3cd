import { describe, expect, it } from 'vitest';
import {
  cellBox,
  DEFAULT_ROW_METRICS,
  feedLines,
  fitLabel,
  fittingViewBoxWidth,
  GAP_COLUMNS,
  layoutColumns,
  layoutDiagram,
  layoutRows,
  logIntensities,
  MAX_COLUMNS,
  OUTPUT_RADIUS,
  recurrentArrows,
  VIEWBOX_WIDTH,
  weightLabelFontSize,
  type LayoutColumn,
} from './unrolledLayout';

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

describe('fittingViewBoxWidth', () => {
  it('is the full width on a wide panel, narrower (in whole tens) on a narrow one, never below its minimum', () => {
    expect(fittingViewBoxWidth(1400)).toBe(VIEWBOX_WIDTH);
    expect(fittingViewBoxWidth(700)).toBe(850); // 700 / 0.82 = 853.7
    expect(fittingViewBoxWidth(100)).toBe(560);
  });
});

describe('layoutDiagram', () => {
  const lstm = { numLayers: 1, bidirectional: false, steps: 20, readout: 'last' as const };

  it('reads one output, at the last step, for a many-to-one network; one at every step for many-to-many', () => {
    const last = layoutDiagram(lstm, VIEWBOX_WIDTH);
    expect(last.columns.filter((c) => c.output).map((c) => c.t)).toEqual([19]);
    expect(last.handoff).toBeUndefined();
    const all = layoutDiagram({ ...lstm, readout: 'all' }, VIEWBOX_WIDTH);
    expect(all.columns.every((c) => c.output)).toBe(true);
    expect(all.height).toBe(last.height);
  });

  it('splits an encoder–decoder: its decoder steps read outputs, the hand-off line sits between the halves', () => {
    const layout = layoutDiagram({ ...lstm, steps: 8, readout: 'decoder', decoderSteps: 3 }, VIEWBOX_WIDTH);
    expect(layout.encoderSteps).toBe(5);
    expect(layout.columns.map((c) => c.decoder)).toEqual([false, false, false, false, false, true, true, true]);
    expect(layout.columns.filter((c) => c.output).map((c) => c.t)).toEqual([5, 6, 7]);
    const { x, encoderMiddle, decoderMiddle } = layout.handoff!;
    expect(x).toBeCloseTo((layout.columns[4].x + layout.columns[5].x) / 2);
    expect(encoderMiddle).toBeCloseTo((layout.columns[0].x + layout.columns[4].x) / 2);
    expect(decoderMiddle).toBeCloseTo((layout.columns[5].x + layout.columns[7].x) / 2);
    // a band on top names the halves
    expect(layout.height).toBe(layoutDiagram({ ...lstm, steps: 8 }, VIEWBOX_WIDTH).height + 20);
  });

  it('folds the steps that do not fit into a gap and never shows more than MAX_COLUMNS', () => {
    const layout = layoutDiagram({ ...lstm, steps: 200 }, VIEWBOX_WIDTH);
    expect(layout.gap?.hidden).toBe(200 - layout.columns.length);
    expect(layout.columns.length).toBeLessThanOrEqual(MAX_COLUMNS);
    expect(layoutDiagram({ ...lstm, steps: MAX_COLUMNS }, VIEWBOX_WIDTH).columns).toHaveLength(MAX_COLUMNS);
  });

  it('gives each vertical arrow a layer gap: x_t → layer 0 → layer 1 (→ ŷ only where an output is read)', () => {
    const layout = layoutDiagram({ ...lstm, numLayers: 2, bidirectional: true }, VIEWBOX_WIDTH);
    const [top, bottom] = layout.layers; // the top layer first
    expect(feedLines(layout, layout.columns[0])).toEqual([
      { key: 'in', y1: layout.inputY - 14, y2: bottom.bottom + 1 },
      { key: 'l1', y1: bottom.top, y2: top.bottom + 1 },
    ]);
    expect(feedLines(layout, layout.columns[19]).at(-1)).toEqual({ key: 'out', y1: top.top, y2: layout.outputY + OUTPUT_RADIUS + 2 });
  });

  it('draws recurrent arrows between neighbouring boxes, right to left for the backward direction', () => {
    const layout = layoutDiagram({ ...lstm, steps: 50, bidirectional: true, readout: 'decoder', decoderSteps: 10 }, VIEWBOX_WIDTH);
    const [forward, backward] = layout.cellRows;
    const arrows = recurrentArrows(layout, forward);
    expect(arrows).toHaveLength(layout.columns.length - 1);
    arrows.forEach((arrow, k) => {
      expect(arrow.left).toBe(layout.columns[k]);
      expect(arrow.right).toBe(layout.columns[k + 1]);
      expect(arrow.x1).toBeCloseTo(arrow.left.x + layout.boxWidth / 2);
      expect(arrow.x2).toBeCloseTo(arrow.right.x - layout.boxWidth / 2 - 2);
    });
    const back = recurrentArrows(layout, backward)[0];
    expect(back.x1).toBeCloseTo(back.right.x - layout.boxWidth / 2);
    expect(back.x2).toBeCloseTo(back.left.x + layout.boxWidth / 2 + 2);
    // one arrow spans the folded steps; one hands the encoder's state to the decoder
    expect(arrows.filter((arrow) => arrow.folded).map((arrow) => [arrow.left.t + 1, arrow.right.t - 1])).toEqual([[layout.gap!.from, layout.gap!.to]]);
    expect(arrows.filter((arrow) => arrow.handoff).map((arrow) => arrow.right.t)).toEqual([40]);
  });

  it('centres a cell box on its column and row', () => {
    const layout = layoutDiagram(lstm, VIEWBOX_WIDTH);
    const column = layout.columns[3];
    const row = layout.cellRows[0];
    const box = cellBox(layout, column, row);
    expect(box.x + box.width / 2).toBeCloseTo(column.x);
    expect(box.y + box.height / 2).toBeCloseTo(row.y);
    expect(box.height).toBe(DEFAULT_ROW_METRICS.boxHeight);
  });

  it('shrinks the W_hh label to fit between boxes, within 7–11 px', () => {
    const wide = layoutDiagram({ ...lstm, steps: 4 }, VIEWBOX_WIDTH);
    const narrow = layoutDiagram(lstm, 560);
    expect(weightLabelFontSize(wide, 'hh')).toBe(11);
    expect(weightLabelFontSize(narrow, 'hh1← dec')).toBe(7);
  });
});

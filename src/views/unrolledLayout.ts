/** Pure layout of the unrolled diagram: which time steps get a column and where, the rows of layers, log intensities. */

/** A visible time step t (0-based), or one wide column standing for the hidden steps from..to. x is the centre. */
export type LayoutColumn =
  | { kind: 'step'; t: number; x: number }
  | { kind: 'gap'; x: number; width: number; hidden: number; from: number; to: number };

/** How many column widths the "… n steps …" gap takes (its label needs more room than a step). */
export const GAP_COLUMNS = 2;

/**
 * Columns across `width` px starting at `left`: every step when each gets ≥ minColumn px; otherwise the first
 * third and the last two thirds of what fits, with one gap column between (the last step is always visible:
 * that is where a many-to-one network reads its output).
 */
export function layoutColumns(steps: number, left: number, width: number, minColumn = 44): { columns: LayoutColumn[]; columnWidth: number } {
  if (steps <= 0 || width <= 0) return { columns: [], columnWidth: 0 };
  const fit = Math.max(1, Math.floor(width / minColumn));
  if (steps <= fit) {
    const columnWidth = width / steps;
    return { columns: Array.from({ length: steps }, (_, t) => ({ kind: 'step' as const, t, x: left + (t + 0.5) * columnWidth })), columnWidth };
  }
  // Too many: `visible` steps plus a gap worth GAP_COLUMNS columns. At least t = 0 and t = T−1 stay.
  const visible = Math.max(2, fit - GAP_COLUMNS);
  const columnWidth = width / (visible + GAP_COLUMNS);
  const head = Math.max(1, Math.floor(visible / 3));
  const tail = visible - head;
  const columns: LayoutColumn[] = [];
  for (let k = 0; k < head; k++) columns.push({ kind: 'step', t: k, x: left + (k + 0.5) * columnWidth });
  const gapWidth = GAP_COLUMNS * columnWidth;
  columns.push({ kind: 'gap', x: left + head * columnWidth + gapWidth / 2, width: gapWidth, hidden: steps - visible, from: head, to: steps - tail - 1 });
  for (let k = 0; k < tail; k++) {
    columns.push({ kind: 'step', t: steps - tail + k, x: left + gapWidth + (head + k + 0.5) * columnWidth });
  }
  return { columns, columnWidth };
}

/** A row of the diagram, top to bottom; y is its centre line. direction 1 is the backward (right-to-left) pass. */
export type LayoutRow =
  | { kind: 'output'; y: number }
  | { kind: 'cell'; y: number; layer: number; direction: 0 | 1; layerDir: number }
  | { kind: 'input'; y: number };

/** The vertical extent of one layer's boxes (both directions when bidirectional): where the x/h arrows end. */
export interface LayerBand {
  layer: number;
  top: number;
  bottom: number;
}

/** Heights of the parts of the diagram, in px. */
export interface RowMetrics {
  /** Height of a cell box. */
  boxHeight: number;
  /** Room under each box for its ‖∂L/∂h_t‖ strip. */
  stripSpace: number;
  /** Between the forward and the backward box of one layer. */
  directionGap: number;
  /** Between layers (and between the outer layers and the input/output rows): the vertical arrows live here. */
  layerGap: number;
  /** Height of the output row and of the input row. */
  edgeRow: number;
}

/** The metrics the view uses. */
export const DEFAULT_ROW_METRICS: RowMetrics = { boxHeight: 40, stripSpace: 10, directionGap: 6, layerGap: 26, edgeRow: 38 };

/**
 * Rows from the top: the output ŷ, then the layers from the last down to layer 0 (forward box above backward box
 * when bidirectional), then the input x_t. layerDir = layer·dirs + direction, the order the telemetry uses.
 */
export function layoutRows(numLayers: number, bidirectional: boolean, top = 0, metrics: RowMetrics = DEFAULT_ROW_METRICS): { rows: LayoutRow[]; layers: LayerBand[]; height: number } {
  const { boxHeight, stripSpace, directionGap, layerGap, edgeRow } = metrics;
  const dirs = bidirectional ? 2 : 1;
  const rows: LayoutRow[] = [{ kind: 'output', y: top + edgeRow / 2 }];
  const layers: LayerBand[] = [];
  let y = top + edgeRow;
  for (let layer = numLayers - 1; layer >= 0; layer--) {
    y += layerGap;
    const bandTop = y;
    for (let direction = 0; direction < dirs; direction++) {
      if (direction > 0) y += directionGap;
      rows.push({ kind: 'cell', y: y + boxHeight / 2, layer, direction: direction as 0 | 1, layerDir: layer * dirs + direction });
      y += boxHeight + stripSpace;
    }
    layers.push({ layer, top: bandTop, bottom: y });
  }
  y += layerGap;
  rows.push({ kind: 'input', y: y + edgeRow / 2 });
  return { rows, layers, height: y + edgeRow - top };
}

/**
 * Maps positive values to [0, 1] on one log scale over all the series together (so layers can be compared):
 * the smallest → 0, the largest → 1. Zero, negative and non-finite values → 0.
 */
export function logIntensities(series: ReadonlyArray<ArrayLike<number>>): number[][] {
  const logs = series.map((values) => Array.from(values, (v) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN)));
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of logs) {
    for (const l of row) {
      if (!Number.isFinite(l)) continue;
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
  }
  return logs.map((row) => row.map((l) => (Number.isFinite(l) ? (hi > lo ? (l - lo) / (hi - lo) : 1) : 0)));
}

/** A label cut to at most maxChars characters, with "…" when cut. */
export function fitLabel(label: string, maxChars: number): string {
  const chars = Array.from(label);
  if (chars.length <= maxChars) return label;
  return maxChars <= 1 ? '…' : `${chars.slice(0, maxChars - 1).join('')}…`;
}

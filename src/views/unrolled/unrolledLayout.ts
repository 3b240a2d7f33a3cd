/**
 * Pure layout of the unrolled diagram: which time steps get a column and where, the rows of layers, log intensities,
 * and (layoutDiagram) all of them composed into where each box, arrow and label goes for one network shape.
 */
import type { Readout } from '../../shared/spec';

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
  const range = positiveRange(series);
  const [lo, hi] = range ? [Math.log10(range[0]), Math.log10(range[1])] : [0, 0];
  return series.map((values) =>
    Array.from(values, (v) => (v > 0 && Number.isFinite(v) ? (hi > lo ? (Math.log10(v) - lo) / (hi - lo) : 1) : 0)),
  );
}

/** The smallest and largest positive finite values over all the series (what logIntensities maps to 0 and 1). */
export function positiveRange(series: ReadonlyArray<ArrayLike<number>>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of series) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (!(v > 0 && Number.isFinite(v))) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** A label cut to at most maxChars characters, with "…" when cut. */
export function fitLabel(label: string, maxChars: number): string {
  const chars = Array.from(label);
  if (chars.length <= maxChars) return label;
  return maxChars <= 1 ? '…' : `${chars.slice(0, maxChars - 1).join('')}…`;
}

// ——— The diagram as UnrolledView draws it: the pieces above, composed for one network shape and viewBox width ———

/**
 * viewBox width on a laptop-wide panel; the SVG scales to its container. On a narrower panel the viewBox narrows
 * too (so that text is drawn at ≥ MIN_SCALE of its size, down to MIN_VIEWBOX_WIDTH) and layoutColumns folds more steps.
 */
export const VIEWBOX_WIDTH = 1000;
const MIN_VIEWBOX_WIDTH = 560;
const MIN_SCALE = 0.82;
/** Room for the row labels. */
const LEFT = 92;
const RIGHT = 6;
const MIN_COLUMN = 44;
/** Radius of an output node ŷ. */
export const OUTPUT_RADIUS = 11;
/** The most step columns the diagram ever shows (at the widest viewBox): bounds how long a Step animation runs. */
export const MAX_COLUMNS = Math.floor((VIEWBOX_WIDTH - LEFT - RIGHT) / MIN_COLUMN);

/** The viewBox width for a container this many px wide: VIEWBOX_WIDTH, or less on a narrow panel (see MIN_SCALE). */
export function fittingViewBoxWidth(containerWidth: number): number {
  const fitting = Math.max(MIN_VIEWBOX_WIDTH, Math.min(VIEWBOX_WIDTH, containerWidth / MIN_SCALE));
  // whole tens of px, so that sub-pixel jitter does not re-lay out the diagram
  return Math.round(fitting / 10) * 10;
}

/** The network's shape, as far as the diagram draws it. */
export interface DiagramShape {
  numLayers: number;
  bidirectional: boolean;
  /** Time steps T (an encoder–decoder's encoder steps, then its decoder steps). */
  steps: number;
  readout: Readout;
  /** Encoder–decoder: how many of the steps (the last ones) are the decoder's. */
  decoderSteps?: number;
}

/** A visible time step: its column's centre x, whether the decoder runs it, and whether ŷ is read there. */
export interface DiagramColumn {
  t: number;
  x: number;
  decoder: boolean;
  output: boolean;
}

/** The row of one layer·direction's cells. */
export type CellRow = Extract<LayoutRow, { kind: 'cell' }>;
/** The column that stands for the folded steps. */
export type GapColumn = Extract<LayoutColumn, { kind: 'gap' }>;

/** Where everything of the diagram goes, in viewBox px. */
export interface DiagramLayout {
  width: number;
  height: number;
  /** The first encoderSteps steps are the encoder's (all of them unless an encoder–decoder). */
  encoderSteps: number;
  /** The visible steps, left to right. */
  columns: DiagramColumn[];
  columnWidth: number;
  gap?: GapColumn;
  /** Width of a cell box, and the room between two neighbouring boxes (where the W_hh labels sit). */
  boxWidth: number;
  between: number;
  /** Characters of an input label that fit under a column. */
  inputChars: number;
  outputY: number;
  inputY: number;
  cellRows: CellRow[];
  layers: LayerBand[];
  /** Encoder–decoder: the dashed line between the halves and the centres of their names. */
  handoff?: { x: number; encoderMiddle: number; decoderMiddle: number };
}

/** Lays out the diagram of a network of this shape in a viewBox this wide. */
export function layoutDiagram(shape: DiagramShape, width: number): DiagramLayout {
  const { numLayers, bidirectional, steps, readout } = shape;
  // An encoder–decoder: the first encoderSteps columns are the encoder's, the rest the decoder's.
  const encoderSteps = readout === 'decoder' ? steps - (shape.decoderSteps ?? 0) : steps;
  const { columns: allColumns, columnWidth } = layoutColumns(steps, LEFT, width - LEFT - RIGHT, MIN_COLUMN);
  // an encoder–decoder gets a band on top that names its two halves
  const headerSpace = readout === 'decoder' ? 20 : 0;
  const { rows, layers, height: rowsHeight } = layoutRows(numLayers, bidirectional, headerSpace);
  const columns = allColumns.flatMap((c): DiagramColumn[] => {
    if (c.kind !== 'step') return [];
    const decoder = c.t >= encoderSteps;
    return [{ t: c.t, x: c.x, decoder, output: readout === 'all' || decoder || c.t === steps - 1 }];
  });
  const boxWidth = Math.min(64, columnWidth * 0.56);
  // Where the encoder hands its final state to the decoder: between the last encoder and first decoder column.
  const firstDecoder = readout === 'decoder' ? columns.findIndex((c) => c.decoder) : -1;
  const middleOf = (cols: DiagramColumn[]) => (cols[0].x + cols[cols.length - 1].x) / 2;
  return {
    width,
    height: rowsHeight + headerSpace,
    encoderSteps,
    columns,
    columnWidth,
    gap: allColumns.find((c): c is GapColumn => c.kind === 'gap'),
    boxWidth,
    between: columnWidth - boxWidth,
    inputChars: Math.max(2, Math.floor(columnWidth / 7.4)),
    outputY: rows[0].y,
    inputY: rows[rows.length - 1].y,
    cellRows: rows.filter((r): r is CellRow => r.kind === 'cell'),
    layers,
    handoff:
      firstDecoder > 0
        ? {
            x: (columns[firstDecoder - 1].x + columns[firstDecoder].x) / 2,
            encoderMiddle: middleOf(columns.slice(0, firstDecoder)),
            decoderMiddle: middleOf(columns.slice(firstDecoder)),
          }
        : undefined,
  };
}

/** The rectangle of the cell of this column and row (the Step animation outlines the same one). */
export function cellBox(layout: DiagramLayout, column: DiagramColumn, row: CellRow): { x: number; y: number; width: number; height: number; rx: number } {
  const height = DEFAULT_ROW_METRICS.boxHeight;
  return { x: column.x - layout.boxWidth / 2, y: row.y - height / 2, width: layout.boxWidth, height, rx: 5 };
}

/** A vertical arrow of a column, from y1 up to y2: x_t → layer 0, layer l−1 → layer l, or the top layer → ŷ. */
export interface FeedLine {
  key: string;
  y1: number;
  y2: number;
}

/** The vertical arrows of one column: x_t → layer 0 → … → top layer (→ ŷ where an output is read). */
export function feedLines(layout: DiagramLayout, column: DiagramColumn): FeedLine[] {
  const bandOf = (layer: number) => layout.layers.find((b) => b.layer === layer)!;
  const top = layout.layers.length - 1;
  const lines = [{ key: 'in', y1: layout.inputY - 14, y2: bandOf(0).bottom + 1 }];
  for (let layer = 1; layer <= top; layer++) lines.push({ key: `l${layer}`, y1: bandOf(layer - 1).top, y2: bandOf(layer).bottom + 1 });
  if (column.output) lines.push({ key: 'out', y1: bandOf(top).top, y2: layout.outputY + OUTPUT_RADIUS + 2 });
  return lines;
}

/**
 * A horizontal arrow of one row between neighbouring visible columns: h_{t−1} → h_t, drawn left to right for
 * a forward direction and right to left for a backward one.
 */
export interface RecurrentArrow {
  key: number;
  left: DiagramColumn;
  right: DiagramColumn;
  /** Index of the left column in the layout's columns (the right one is the next). */
  index: number;
  x1: number;
  x2: number;
  /** It spans the folded steps. */
  folded: boolean;
  /** The encoder's final state → the decoder's initial state: a hand-off, not a W_hh. */
  handoff: boolean;
}

/** The horizontal arrows of one row, left to right; they point right to left for the backward direction. */
export function recurrentArrows(layout: DiagramLayout, row: CellRow): RecurrentArrow[] {
  const { columns, boxWidth } = layout;
  return columns.slice(1).map((right, index) => {
    const left = columns[index];
    const leftEdge = left.x + boxWidth / 2;
    const rightEdge = right.x - boxWidth / 2;
    return {
      key: right.t,
      left,
      right,
      index,
      x1: row.direction === 0 ? leftEdge : rightEdge,
      x2: row.direction === 0 ? rightEdge - 2 : leftEdge + 2,
      folded: right.t - left.t > 1,
      handoff: !left.decoder && right.decoder,
    };
  });
}

/** Font size of a "W_sub" label that fits between two boxes. */
export function weightLabelFontSize(layout: DiagramLayout, sub: string): number {
  return Math.max(7, Math.min(11, (layout.between - 4) / (0.95 + 0.45 * Array.from(sub).length)));
}

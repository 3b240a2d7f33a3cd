/** Pure layout of the unrolled diagram: which time steps get a column, where, and the rows of layers. */

/** A visible time step, or a gap standing for several hidden ones. */
export type LayoutColumn = { kind: 'step'; t: number; x: number } | { kind: 'gap'; x: number; hidden: number; from: number; to: number };

/** Columns across `width` px starting at `left`: all steps when each gets ≥ minColumn px, else head … tail. */
export function layoutColumns(steps: number, left: number, width: number, minColumn = 44): { columns: LayoutColumn[]; columnWidth: number } {
  if (steps <= 0) return { columns: [], columnWidth: 0 };
  const fit = Math.floor(width / minColumn);
  if (steps <= fit) {
    const columnWidth = width / steps;
    return { columns: Array.from({ length: steps }, (_, t) => ({ kind: 'step' as const, t, x: left + (t + 0.5) * columnWidth })), columnWidth };
  }
  // Keep the first few and more of the last steps (where the output is), one column for the gap.
  const visible = Math.max(2, fit - 1);
  const head = Math.max(1, Math.floor(visible / 3));
  const tail = visible - head;
  const columnWidth = width / (visible + 1);
  const columns: LayoutColumn[] = [];
  for (let k = 0; k < head; k++) columns.push({ kind: 'step', t: k, x: left + (k + 0.5) * columnWidth });
  columns.push({ kind: 'gap', x: left + (head + 0.5) * columnWidth, hidden: steps - visible, from: head, to: steps - tail - 1 });
  for (let k = 0; k < tail; k++) {
    const t = steps - tail + k;
    columns.push({ kind: 'step', t, x: left + (head + 1 + k + 0.5) * columnWidth });
  }
  return { columns, columnWidth };
}

/** A row of the diagram, top to bottom. */
export type LayoutRow = { kind: 'output'; y: number } | { kind: 'cell'; y: number; layer: number; direction: 0 | 1; layerDir: number } | { kind: 'input'; y: number };

/** Rows: the output on top, then layers from the last down to the first (forward above backward), the input at the bottom. */
export function layoutRows(numLayers: number, bidirectional: boolean, top = 0, cellRow = 64, edgeRow = 44): { rows: LayoutRow[]; height: number } {
  const dirs = bidirectional ? 2 : 1;
  const rows: LayoutRow[] = [{ kind: 'output', y: top + edgeRow / 2 }];
  let y = top + edgeRow;
  for (let layer = numLayers - 1; layer >= 0; layer--) {
    for (let direction = 0; direction < dirs; direction++) {
      rows.push({ kind: 'cell', y: y + cellRow / 2, layer, direction: direction as 0 | 1, layerDir: layer * dirs + direction });
      y += cellRow;
    }
  }
  rows.push({ kind: 'input', y: y + edgeRow / 2 });
  return { rows, height: y + edgeRow - top };
}

/** Maps positive values to [0, 1] on a log scale between their min and max (for gradient intensity). */
export function logIntensity(values: ArrayLike<number>): number[] {
  const logs = Array.from(values, (v) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN));
  const finite = logs.filter(Number.isFinite);
  if (finite.length === 0) return logs.map(() => 0);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return logs.map((l) => (Number.isFinite(l) ? (hi > lo ? (l - lo) / (hi - lo) : 1) : 0));
}

/**
 * A heatmap drawn on a canvas (thousands of cells, up to 20 times a second) with an accessible name, a hover and
 * keyboard readout, a colour legend, and a table alternative. React owns the DOM; the canvas is painted from
 * an effect through a 256-colour lookup table, one pixel per cell, scaled up without smoothing.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { color as parseColor } from 'd3';
import { ValueTable } from './ValueTable';
import { heatmapPictureOf } from './save/pagePicture';
import { SaveMenu, type CsvOffer } from './save/SaveMenu';

/** A cell of the heatmap. */
export interface HeatCell {
  row: number;
  col: number;
  value: number;
}

/** A colour scale as the heatmap needs it: its domain and a colour for a value. */
export interface HeatScale {
  domain: [number, number];
  color: (value: number) => string;
  /** Maps values before the lookup (e.g. log10 for a log colour scale). */
  transform?: (value: number) => number;
  /** Tick labels of the legend: [value, label] pairs. */
  ticks?: Array<[number, string]>;
}

const LUT_SIZE = 256;

/** Precomputes RGB triples of a scale at LUT_SIZE points of its (transformed) domain. */
export function colorLookup(scale: HeatScale): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  const [lo, hi] = scale.domain;
  for (let k = 0; k < LUT_SIZE; k++) {
    const v = lo + ((hi - lo) * k) / (LUT_SIZE - 1);
    const rgb = parseColor(scale.color(v))?.rgb();
    lut[k * 3] = rgb?.r ?? 0;
    lut[k * 3 + 1] = rgb?.g ?? 0;
    lut[k * 3 + 2] = rgb?.b ?? 0;
  }
  return lut;
}

/** LUT index of a value (clamped to the domain); −1 for a value that is not finite. */
export function lookupIndex(value: number, scale: HeatScale): number {
  const v = scale.transform ? scale.transform(value) : value;
  if (!Number.isFinite(v)) return -1;
  const [lo, hi] = scale.domain;
  const x = hi === lo ? 0.5 : (v - lo) / (hi - lo);
  return Math.round(Math.min(1, Math.max(0, x)) * (LUT_SIZE - 1));
}

/** Props of a heatmap: rows × cols values through an accessor. */
export interface HeatmapProps {
  /** Accessible name of the chart. */
  label: string;
  title: ReactNode;
  rows: number;
  cols: number;
  value: (row: number, col: number) => number;
  scale: HeatScale;
  /** Changes whenever the values change (the accessor is read again then). */
  version: unknown;
  xLabel: string;
  yLabel: string;
  /** The readout of a cell, e.g. "t = 5 · unit 2 · x = 0.42 → 0.731". */
  describe: (cell: HeatCell) => string;
  onHover?: (cell: HeatCell | undefined) => void;
  /** Picks a cell (a click, or Enter on the keyboard's cell): e.g. its row's unit for the one-unit view. */
  onPick?: (cell: HeatCell) => void;
  /** Highlights the whole map (e.g. its gate is pointed at in the equations). */
  highlighted?: boolean;
  /** Accent colour of the title marker and highlight. */
  accent?: string;
  /** CSS height of the map in px (width follows the container). */
  height?: number;
  /** Column header text in the table alternative. */
  colName?: (col: number) => string;
  rowName?: (row: number) => string;
  /** The map's name for its Save control (default: the title, when it is text) and the CSV it offers. */
  name?: string;
  csv?: CsvOffer;
}

/** Table alternatives above this many cells show only the first rows. */
const TABLE_CELL_LIMIT = 4000;

/** The heatmap. */
export function Heatmap(props: HeatmapProps) {
  const { label, title, rows, cols, value, scale, version, xLabel, yLabel, describe, onHover, highlighted, accent, height = 120 } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<HeatCell>();
  const [pointer, setPointer] = useState<{ x: number; y: number }>();
  const [showTable, setShowTable] = useState(false);
  const readoutId = useId();
  const lut = useMemo(() => colorLookup(scale), [scale]);

  // Paint: one pixel per cell on a small canvas, CSS scales it up (image-rendering: pixelated).
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || rows === 0 || cols === 0) return;
    if (canvas.width !== cols || canvas.height !== rows) {
      canvas.width = cols;
      canvas.height = rows;
    }
    const image = ctx.createImageData(cols, rows);
    const px = image.data;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = lookupIndex(value(r, c), scale);
        const o = (r * cols + c) * 4;
        if (k < 0) {
          // not finite: magenta-free "missing" grey
          px[o] = px[o + 1] = px[o + 2] = 200;
        } else {
          px[o] = lut[k * 3];
          px[o + 1] = lut[k * 3 + 1];
          px[o + 2] = lut[k * 3 + 2];
        }
        px[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, rows, cols, lut, scale]);

  // Keep the cursor's value current as frames arrive.
  const current = cursor && cursor.row < rows && cursor.col < cols ? { ...cursor, value: value(cursor.row, cursor.col) } : undefined;

  const cellAt = (clientX: number, clientY: number): HeatCell | undefined => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return undefined;
    const col = Math.floor(((clientX - rect.left) / rect.width) * cols);
    const row = Math.floor(((clientY - rect.top) / rect.height) * rows);
    if (row < 0 || col < 0 || row >= rows || col >= cols) return undefined;
    return { row, col, value: value(row, col) };
  };

  const point = (cell: HeatCell | undefined) => {
    setCursor(cell);
    onHover?.(cell);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[event.key];
    if (!move) {
      if (event.key === 'Escape') point(undefined);
      if (event.key === 'Enter' && props.onPick && current) props.onPick(current);
      return;
    }
    event.preventDefault();
    const row = Math.min(rows - 1, Math.max(0, (cursor?.row ?? 0) + (cursor ? move[0] : 0)));
    const col = Math.min(cols - 1, Math.max(0, (cursor?.col ?? 0) + (cursor ? move[1] : 0)));
    setPointer(undefined);
    point({ row, col, value: value(row, col) });
  };

  const saveName = props.name ?? (typeof title === 'string' ? title : label);
  const tableRows = Math.min(rows, Math.max(1, Math.floor(TABLE_CELL_LIMIT / Math.max(1, cols))));

  return (
    <figure className={`heatmap${highlighted ? ' heatmap-highlighted' : ''}`} style={accent ? ({ '--accent-color': accent } as React.CSSProperties) : undefined}>
      <figcaption>
        <span className="heatmap-title">
          {accent && <span className="heatmap-marker" aria-hidden="true" />}
          {title}
        </span>
        <button type="button" className="link-button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Hide table' : 'Table'}
        </button>
        <SaveMenu name={saveName} csv={props.csv} picture={() => heatmapPictureOf(saveName, props, canvasRef.current)} />
      </figcaption>
      <div className="heatmap-body">
        <span className="heatmap-ylabel" aria-hidden="true">
          {yLabel}
        </span>
        <div className="heatmap-canvas-wrap" style={{ height }}>
          <canvas
            ref={canvasRef}
            role="img"
            aria-label={label}
            aria-describedby={current ? readoutId : undefined}
            tabIndex={0}
            className="heatmap-canvas"
            onMouseMove={(e) => {
              const rect = canvasRef.current!.getBoundingClientRect();
              setPointer({ x: e.clientX - rect.left, y: e.clientY - rect.top });
              point(cellAt(e.clientX, e.clientY));
            }}
            onMouseLeave={() => {
              setPointer(undefined);
              point(undefined);
            }}
            onKeyDown={onKeyDown}
            onClick={(e) => {
              const cell = props.onPick && cellAt(e.clientX, e.clientY);
              if (cell) props.onPick!(cell);
            }}
            onFocus={() => {
              // keyboard users start at the first cell; arrows move from there
              if (!cursor && rows > 0 && cols > 0) point({ row: 0, col: 0, value: value(0, 0) });
            }}
            onBlur={() => point(undefined)}
          />
          {current && (
            <div
              id={readoutId}
              className="heatmap-tooltip"
              role="tooltip"
              style={{
                left: pointer ? pointer.x + 12 : `${((current.col + 0.5) / cols) * 100}%`,
                top: pointer ? pointer.y + 12 : `${((current.row + 1) / rows) * 100}%`,
              }}
            >
              {describe(current)}
            </div>
          )}
        </div>
      </div>
      <div className="heatmap-footer">
        <span className="heatmap-xlabel">{xLabel}</span>
        <ColorLegend scale={scale} />
      </div>
      {showTable && (
        <div className="heatmap-table-wrap">
          <ValueTable
            caption={
              <>
                {label}
                {tableRows < rows ? ` (first ${tableRows} of ${rows} rows)` : ''}
              </>
            }
            corner={yLabel}
            columns={Array.from({ length: cols }, (_, c) => ({ key: c, header: props.colName ? props.colName(c) : c, cell: (r: number) => formatCell(value(r, c)) }))}
            rowCount={tableRows}
            rowHeader={(r) => (props.rowName ? props.rowName(r) : r)}
          />
        </div>
      )}
    </figure>
  );
}

/** Three significant digits, as in the tooltips. */
export function formatCell(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e4)) return value.toExponential(2);
  return value.toPrecision(3);
}

/** A horizontal colour bar with end (and optional tick) labels. */
export function ColorLegend({ scale }: { scale: HeatScale }) {
  const [lo, hi] = scale.domain;
  const stops = Array.from({ length: 11 }, (_, k) => `${scale.color(lo + ((hi - lo) * k) / 10)} ${k * 10}%`).join(', ');
  const ticks = scale.ticks ?? [
    [lo, formatCell(lo)],
    [hi, formatCell(hi)],
  ];
  return (
    <span className="color-legend" aria-hidden="true">
      <span className="color-legend-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span className="color-legend-ticks">
        {ticks.map(([v, text]) => (
          <span key={text} style={{ left: `${((v - lo) / (hi - lo || 1)) * 100}%` }}>
            {text}
          </span>
        ))}
      </span>
    </span>
  );
}

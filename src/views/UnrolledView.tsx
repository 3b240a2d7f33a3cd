/**
 * The network unrolled over time: one column per step t (x_t → layer 0 → … → ŷ), stacked layers, both directions
 * when bidirectional, and the same W_hh on every horizontal arrow h_{t−1} → h_t — parameter sharing made visible.
 * Small bars in each cell show how open its gates are; a strip under each cell shows ‖∂L/∂h_t‖ on a log scale
 * (watch it fade toward early steps). After a single Step the forward pass runs left → right, then BPTT right → left.
 */
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { interpolateBlues, interpolateViridis } from 'd3';
import { CELL_LABELS } from '../shared/config';
import { GATE_NAMES, type CellKind, type Readout } from '../shared/spec';
import { formatValue } from './format';
import { GATE_COLORS, GATE_LABELS, UNIT_INTERVAL_GATES } from './palette';
import { layerDirName } from './telemetry';
import { DEFAULT_ROW_METRICS, fitLabel, layoutColumns, layoutRows, logIntensities, type LayoutColumn, type LayoutRow } from './unrolledLayout';
import './unrolled.css';

/** Props: the network's shape and, per layer·direction, per-step readings of the probe example. */
export interface UnrolledViewProps {
  cell: CellKind;
  numLayers: number;
  bidirectional: boolean;
  /** Time steps T (an encoder–decoder's encoder steps, then its decoder steps). */
  steps: number;
  readout: Readout;
  /** Encoder–decoder: how many of the steps (the last ones) are the decoder's. */
  decoderSteps?: number;
  /** Short labels of the inputs x_t (length T), e.g. "0.42" or a token. */
  inputs: string[];
  /** [layer·dirs + dir][gate name] → T means over units (LSTM i f g o; GRU r z n; RNN none). */
  gateMeans?: Array<Record<string, ArrayLike<number>>>;
  /** [layer·dirs + dir] → T values of ‖h_t‖ (readout; shades RNN cells). */
  hiddenNorms?: Array<ArrayLike<number>>;
  /** [layer·dirs + dir] → T values of ‖∂L/∂h_t‖ (readout, strip under each cell, backward animation). */
  gradNorms?: Array<ArrayLike<number>>;
  /** Changes on each single Step: plays the forward, then the backward pass (not on the first render). */
  animateKey?: number;
}

/**
 * viewBox width on a laptop-wide panel; the SVG scales to its container. On a narrower panel the viewBox narrows
 * too (so that text is drawn at ≥ MIN_SCALE of its size, down to MIN_WIDTH) and layoutColumns folds more steps.
 */
const WIDTH = 1000;
const MIN_WIDTH = 560;
const MIN_SCALE = 0.82;
/** Room for the row labels. */
const LEFT = 92;
const RIGHT = 6;
const MIN_COLUMN = 44;
const BOX_H = DEFAULT_ROW_METRICS.boxHeight;
const OUTPUT_R = 11;
/** Animation: one column every STEP_MS, forward then backward; the longest pass bounds how long the overlay lives. */
const STEP_MS = 40;
const FLASH_MS = 420;
const GLOW_MS = 700;
const PAUSE_MS = 250;
const MAX_COLUMNS = Math.floor((WIDTH - LEFT - RIGHT) / MIN_COLUMN);
const PASS_MS = 2 * MAX_COLUMNS * STEP_MS + PAUSE_MS + GLOW_MS + 200;

type StepColumn = Extract<LayoutColumn, { kind: 'step' }>;
type CellRow = Extract<LayoutRow, { kind: 'cell' }>;

/**
 * One gate bar inside a cell box. Sigmoid gates (i f o r z) live in [0, 1] — "how open" — and grow up from the
 * bottom of the box. The candidates g and n are tanh outputs in [−1, 1], signed rather than "open", so they grow
 * from a zero line in the middle: up for positive, down for negative. Both reach the box edge at |v| = 1.
 */
function gateBar(name: string, value: number, x: number, width: number, top: number, height: number): ReactNode {
  const v = Number.isFinite(value) ? value : 0;
  const signed = !UNIT_INTERVAL_GATES.has(name);
  const mid = top + height / 2;
  const length = signed ? (Math.min(1, Math.abs(v)) * height) / 2 : Math.min(1, Math.max(0, v)) * height;
  const y = signed ? (v >= 0 ? mid - length : mid) : top + height - length;
  return (
    <g key={name}>
      <rect className="gate-track" x={x} y={top} width={width} height={height} />
      <rect x={x} y={y} width={width} height={length} fill={GATE_COLORS[name]} />
      {signed && <line className="gate-zero" x1={x - 1} x2={x + width + 1} y1={mid} y2={mid} />}
    </g>
  );
}

/**
 * "W_hh", with the layer (several layers), ← (the backward direction's own matrix) and "dec" (the decoder's own
 * matrix) in the subscript.
 */
function recurrentWeightName(layer: number, direction: number, numLayers: number, decoder = false): string {
  return `hh${numLayers > 1 ? layer : ''}${direction === 1 ? '←' : ''}${decoder ? ' dec' : ''}`;
}

/** The viewBox width for the element's current width: WIDTH, or less on a narrow panel (see MIN_SCALE). */
function useViewBoxWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      // whole tens of px, so that sub-pixel jitter does not re-lay out the diagram
      const fitting = Math.max(MIN_WIDTH, Math.min(WIDTH, entry.contentRect.width / MIN_SCALE));
      setWidth(Math.round(fitting / 10) * 10);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The diagram with its legend, caption and hover/keyboard readout. */
export function UnrolledView(props: UnrolledViewProps) {
  const { cell, numLayers, bidirectional, steps, readout, inputs, gateMeans, hiddenNorms, gradNorms, animateKey } = props;
  // An encoder–decoder: the first encoderSteps columns are the encoder's, the rest the decoder's.
  const encoderSteps = readout === 'decoder' ? steps - (props.decoderSteps ?? 0) : steps;
  const isDecoder = (t: number) => t >= encoderSteps;
  const dirs = bidirectional ? 2 : 1;
  const layerDirs = numLayers * dirs;
  const gates = GATE_NAMES[cell];
  const canvasRef = useRef<HTMLDivElement>(null);
  const width = useViewBoxWidth(canvasRef);
  const { columns, columnWidth } = layoutColumns(steps, LEFT, width - LEFT - RIGHT, MIN_COLUMN);
  // an encoder–decoder gets a band on top that names its two halves
  const headerSpace = readout === 'decoder' ? 20 : 0;
  const { rows, layers, height: rowsHeight } = layoutRows(numLayers, bidirectional, headerSpace);
  const height = rowsHeight + headerSpace;
  const stepColumns = columns.filter((c): c is StepColumn => c.kind === 'step');
  const cellRows = rows.filter((r): r is CellRow => r.kind === 'cell');
  const outputRow = rows[0];
  const inputRow = rows[rows.length - 1];
  const gap = columns.find((c) => c.kind === 'gap');
  const boxW = Math.min(64, columnWidth * 0.56);
  const between = columnWidth - boxW;
  const gradIntensity = gradNorms ? logIntensities(gradNorms) : undefined;
  const hiddenMax = Math.max(1e-12, ...(hiddenNorms ?? []).flatMap((h) => Array.from(h).filter(Number.isFinite)));
  const bandOf = (layer: number) => layers.find((b) => b.layer === layer)!;

  const [focus, setFocus] = useState<number>();
  const focused = focus !== undefined && focus < steps && stepColumns.some((c) => c.t === focus) ? focus : undefined;
  const activeT = focused ?? stepColumns.at(-1)?.t;
  const hitsRef = useRef<SVGSVGElement>(null);

  // The animation overlay lives for one pass after each change of animateKey, never on the first render.
  const [initialKey] = useState(animateKey);
  const [playing, setPlaying] = useState<number>();
  useEffect(() => {
    if (animateKey === undefined || animateKey === initialKey) return;
    setPlaying(animateKey);
    const timer = setTimeout(() => setPlaying(undefined), PASS_MS);
    return () => clearTimeout(timer);
  }, [animateKey, initialKey]);

  const moveFocus = (event: KeyboardEvent<SVGRectElement>, t: number) => {
    const index = stepColumns.findIndex((c) => c.t === t);
    const target =
      event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? stepColumns.length - 1 : undefined;
    if (target === undefined) return;
    event.preventDefault();
    const next = stepColumns[Math.min(stepColumns.length - 1, Math.max(0, target))];
    setFocus(next.t);
    hitsRef.current?.querySelector<SVGRectElement>(`[data-column="${next.t}"]`)?.focus();
  };

  const hasOutput = (t: number) => readout === 'all' || isDecoder(t) || t === steps - 1;
  const outputsText =
    readout === 'last'
      ? 'the same weights at every step; one output, at the last step'
      : readout === 'all'
        ? 'the same weights at every step; an output at every step'
        : `an encoder over steps 1 to ${encoderSteps} (no outputs), whose final state starts a decoder over steps ${encoderSteps + 1} to ${steps} with its own weights, shared across its steps; an output at every decoder step`;
  const label = `${CELL_LABELS[cell]} unrolled over ${steps} time step${steps === 1 ? '' : 's'}, ${numLayers} layer${numLayers > 1 ? 's' : ''}${bidirectional ? ', bidirectional' : ''}; ${outputsText}${gap?.kind === 'gap' ? `; steps ${gap.from + 1} to ${gap.to + 1} are folded into one gap column` : ''}.`;
  // Where the encoder hands its final state to the decoder: between the last encoder and first decoder column.
  const handoff = readout === 'decoder' ? stepColumns.findIndex((c) => isDecoder(c.t)) : -1;
  const handoffX = handoff > 0 ? (stepColumns[handoff - 1].x + stepColumns[handoff].x) / 2 : undefined;
  const middleOf = (cols: StepColumn[]) => (cols[0].x + cols[cols.length - 1].x) / 2;

  // Horizontal arrows h_{t−1} → h_t between neighbouring visible columns; reversed for the backward direction.
  const recurrentArrows = (row: CellRow) =>
    stepColumns.slice(1).map((b, k) => {
      const a = stepColumns[k];
      const left = a.x + boxW / 2;
      const right = b.x - boxW / 2;
      return {
        key: b.t, a, b, x1: row.direction === 0 ? left : right, x2: row.direction === 0 ? right - 2 : left + 2, folded: b.t - a.t > 1,
        // the encoder's final state → the decoder's initial state: a hand-off, not a W_hh
        handoff: !isDecoder(a.t) && isDecoder(b.t),
      };
    });

  // Vertical arrows of one column: x_t → layer 0 → … → top layer (→ ŷ).
  const feedLines = (column: StepColumn) => {
    const lines = [{ key: 'in', y1: inputRow.y - 14, y2: bandOf(0).bottom + 1 }];
    for (let layer = 1; layer < numLayers; layer++) lines.push({ key: `l${layer}`, y1: bandOf(layer - 1).top, y2: bandOf(layer).bottom + 1 });
    if (hasOutput(column.t)) lines.push({ key: 'out', y1: bandOf(numLayers - 1).top, y2: outputRow.y + OUTPUT_R + 2 });
    return lines;
  };

  // Animation timing by visible column index k of n: forward k·STEP (mirrored for the backward direction, which
  // reads the sequence right to left), then BPTT the other way round.
  const n = stepColumns.length;
  const forwardDelay = (k: number, direction = 0) => `${(direction === 0 ? k : n - 1 - k) * STEP_MS}ms`;
  const backwardBase = n * STEP_MS + FLASH_MS / 2 + PAUSE_MS;
  const backwardDelay = (k: number, direction = 0) => `${backwardBase + (direction === 0 ? n - 1 - k : k) * STEP_MS}ms`;
  const timing = (delay: string, glow?: number) => ({ '--delay': delay, ...(glow !== undefined && { '--glow': glow.toFixed(2) }) }) as CSSProperties;
  const indexOf = (t: number) => stepColumns.findIndex((c) => c.t === t);

  const weightFont = (sub: string) => Math.max(7, Math.min(11, (between - 4) / (0.95 + 0.45 * Array.from(sub).length)));
  const inputChars = Math.max(2, Math.floor(columnWidth / 7.4));

  return (
    <figure className="chart unrolled">
      <figcaption>
        <span className="chart-title">Unrolled over time</span>
        <span className="legend">
          {gates.map((g) => (
            <span key={g} className="legend-item">
              <span className="swatch" style={{ background: GATE_COLORS[g] }} /> {GATE_LABELS[g]}
              {!UNIT_INTERVAL_GATES.has(g) && ' (±, from the middle)'}
            </span>
          ))}
          {gates.length === 0 && (
            <span className="legend-item">
              <span className="swatch swatch-hidden-norm" /> shade: ‖h<sub>t</sub>‖
            </span>
          )}
          <span className="legend-item">
            <span className="swatch swatch-gradient" /> ‖∂L/∂h<sub>t</sub>‖ (log)
          </span>
        </span>
      </figcaption>

      <div className="unrolled-canvas" ref={canvasRef}>
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
          <defs>
            <marker id="unrolled-arrow-h" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head-recurrent" />
            </marker>
            <marker id="unrolled-arrow-v" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head-feed" />
            </marker>
          </defs>

          {focused !== undefined && (
            <rect className="focus-band" x={stepColumns[indexOf(focused)].x - columnWidth / 2} y={0} width={columnWidth} height={height} rx={6} />
          )}

          {/* row labels */}
          <text x={8} y={outputRow.y + 4} className="row-label">
            ŷ (output)
          </text>
          {cellRows.map((row) => (
            <text key={row.layerDir} x={8} y={row.y + 4} className="row-label">
              layer {row.layer}
              {bidirectional && (row.direction === 0 ? ' →' : ' ←')}
            </text>
          ))}
          <text x={8} y={inputRow.y + 4} className="row-label">
            x<tspan className="sub" dy={3}>t</tspan>
            <tspan dy={-3}> (input)</tspan>
          </text>

          {/* bidirectional: the two directions of a layer are one band; it reads x_t (or the layer below) and its
              concatenated [h→; h←] feeds the layer above */}
          {bidirectional &&
            stepColumns.map((column) =>
              layers.map((band) => (
                <rect key={`${column.t}-${band.layer}`} className="layer-band" x={column.x - boxW / 2 - 4} y={band.top - 4} width={boxW + 8} height={band.bottom - band.top + 2} rx={8} />
              )),
            )}

          {/* vertical arrows: the input weights W_ih (and the head) */}
          {stepColumns.map((column) =>
            feedLines(column).map((line) => <line key={`${column.t}-${line.key}`} className="feed" x1={column.x} x2={column.x} y1={line.y1} y2={line.y2} markerEnd="url(#unrolled-arrow-v)" />),
          )}

          {/* encoder–decoder: the two halves, named above the outputs */}
          {handoffX !== undefined && (
            <g className="encoder-decoder">
              <line className="handoff-divider" x1={handoffX} x2={handoffX} y1={2} y2={inputRow.y + 18} />
              <text x={middleOf(stepColumns.slice(0, handoff))} y={13} textAnchor="middle" className="half-label">
                encoder: reads the whole input
              </text>
              <text x={middleOf(stepColumns.slice(handoff))} y={13} textAnchor="middle" className="half-label">
                decoder: writes, one output per step
              </text>
            </g>
          )}

          {/* horizontal arrows: the same W_hh at every step (the decoder has its own) */}
          {cellRows.map((row) => {
            return (
              <g key={row.layerDir} className="recurrent">
                {recurrentArrows(row).map((arrow) => {
                  const sub = recurrentWeightName(row.layer, row.direction, numLayers, isDecoder(arrow.a.t));
                  const fontSize = weightFont(sub);
                  return (
                    <g key={arrow.key}>
                      <line x1={arrow.x1} x2={arrow.x2} y1={row.y} y2={row.y} markerEnd="url(#unrolled-arrow-h)" className={arrow.folded ? 'folded' : arrow.handoff ? 'handoff' : undefined} />
                      {!arrow.folded && !arrow.handoff && (
                        <text x={(arrow.a.x + arrow.b.x) / 2} y={row.y - 4 - 0.3 * fontSize} textAnchor="middle" className="weight-label" fontSize={fontSize}>
                          W<tspan className="sub" dy={fontSize * 0.3}>{sub}</tspan>
                        </text>
                      )}
                      {arrow.handoff && (
                        <text x={(arrow.a.x + arrow.b.x) / 2} y={row.y - 6} textAnchor="middle" className="handoff-label">
                          state
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
            );
          })}

          {/* cells */}
          {stepColumns.map((column) =>
            cellRows.map((row) => {
              const { t } = column;
              const ld = row.layerDir;
              const means = gateMeans?.[ld];
              const hiddenNorm = hiddenNorms?.[ld]?.[t];
              const shade = gates.length === 0 && hiddenNorm !== undefined && Number.isFinite(hiddenNorm) ? interpolateBlues(0.08 + 0.62 * Math.min(1, hiddenNorm / hiddenMax)) : undefined;
              const grad = gradIntensity?.[ld]?.[t];
              const inner = boxW - 8;
              const slot = gates.length ? inner / gates.length : 0;
              const barW = Math.max(1.5, slot - Math.min(3, slot * 0.3));
              return (
                <g key={`${t}-${ld}`}>
                  <rect className="cell-box" x={column.x - boxW / 2} y={row.y - BOX_H / 2} width={boxW} height={BOX_H} rx={5} style={shade ? { fill: shade } : undefined} />
                  {means && gates.map((g, k) => gateBar(g, Number(means[g]?.[t]), column.x - inner / 2 + k * slot + (slot - barW) / 2, barW, row.y - BOX_H / 2 + 5, BOX_H - 10))}
                  {grad !== undefined && <rect x={column.x - boxW / 2} y={row.y + BOX_H / 2 + 3} width={boxW} height={5} rx={2} fill={interpolateViridis(grad)} />}
                </g>
              );
            }),
          )}

          {/* outputs */}
          {stepColumns
            .filter((column) => hasOutput(column.t))
            .map((column) => (
              <g key={column.t}>
                <circle cx={column.x} cy={outputRow.y} r={OUTPUT_R} className="output-node" />
                <text x={column.x} y={outputRow.y + 4} textAnchor="middle" className="output-label">
                  ŷ
                </text>
              </g>
            ))}

          {/* inputs and step numbers (1-based, as in the other views) */}
          {stepColumns.map((column) => (
            <g key={column.t}>
              <text x={column.x} y={inputRow.y + 2} textAnchor="middle" className="input-label">
                {fitLabel(inputs[column.t] ?? '', inputChars)}
              </text>
              <text x={column.x} y={inputRow.y + 16} textAnchor="middle" className="step-label">
                t={column.t + 1}
              </text>
            </g>
          ))}
          {gap?.kind === 'gap' && (
            <g className="gap-label">
              <text x={gap.x} y={inputRow.y + 2} textAnchor="middle">
                … {gap.hidden} steps …
              </text>
              <text x={gap.x} y={inputRow.y + 16} textAnchor="middle" className="step-label">
                t={gap.from + 1}–{gap.to + 1}
              </text>
            </g>
          )}

          {/* one pass after a Step: CSS animations, restarted by keying the group on animateKey */}
          {playing !== undefined && (
            <g key={playing} className="unrolled-pass" aria-hidden="true">
              {stepColumns.map((column, k) => (
                <g key={column.t}>
                  {feedLines(column).map((line) => (
                    <line key={line.key} className="pass-forward pass-feed" x1={column.x} x2={column.x} y1={line.y1} y2={line.y2} style={timing(forwardDelay(k))} />
                  ))}
                  {cellRows.map((row) => (
                    <rect
                      key={row.layerDir}
                      className="pass-forward pass-box"
                      x={column.x - boxW / 2}
                      y={row.y - BOX_H / 2}
                      width={boxW}
                      height={BOX_H}
                      rx={5}
                      style={timing(forwardDelay(k, row.direction))}
                    />
                  ))}
                  {hasOutput(column.t) && <circle className="pass-backward pass-output" cx={column.x} cy={outputRow.y} r={OUTPUT_R} style={timing(`${backwardBase - PAUSE_MS}ms`, 1)} />}
                </g>
              ))}
              {cellRows.map((row) =>
                recurrentArrows(row).map((arrow) => {
                  const k = indexOf(arrow.b.t);
                  // Forward direction: the arrow into b carries ∂L/∂h_b back to a. Backward direction: the arrow
                  // into a (it points left) carries ∂L/∂h_a back to b, and its BPTT runs left → right.
                  const t = row.direction === 0 ? arrow.b.t : arrow.a.t;
                  const glow = gradIntensity ? 0.12 + 0.88 * (gradIntensity[row.layerDir]?.[t] ?? 0) : 0.85;
                  return (
                    <g key={`${row.layerDir}-${arrow.key}`}>
                      <line className="pass-forward pass-recurrent-forward" x1={arrow.x1} x2={arrow.x2} y1={row.y} y2={row.y} style={timing(forwardDelay(row.direction === 0 ? k : k - 1, row.direction))} />
                      <line className="pass-backward pass-recurrent" x1={arrow.x1} x2={arrow.x2} y1={row.y} y2={row.y} style={timing(backwardDelay(row.direction === 0 ? k : k - 1, row.direction), glow)} />
                    </g>
                  );
                }),
              )}
              {/* each cell glows as ∂L/∂h_t reaches it */}
              {stepColumns.map((column, k) =>
                cellRows.map((row) => (
                  <rect
                    key={`${column.t}-${row.layerDir}`}
                    className="pass-backward pass-box-grad"
                    x={column.x - boxW / 2}
                    y={row.y - BOX_H / 2}
                    width={boxW}
                    height={BOX_H}
                    rx={5}
                    style={timing(backwardDelay(k, row.direction), gradIntensity ? 0.12 + 0.88 * (gradIntensity[row.layerDir]?.[column.t] ?? 0) : 0.85)}
                  />
                )),
              )}
            </g>
          )}
        </svg>

        {/* hover and keyboard targets, one per visible step (a separate layer: the drawing above is one image) */}
        <svg ref={hitsRef} className="unrolled-hits" viewBox={`0 0 ${width} ${height}`} role="group" aria-label="Time steps: use the arrow keys to move between them">
          {stepColumns.map((column) => (
            <rect
              key={column.t}
              data-column={column.t}
              className="column-hit"
              x={column.x - columnWidth / 2}
              y={0}
              width={columnWidth}
              height={height}
              rx={6}
              tabIndex={column.t === activeT ? 0 : -1}
              aria-label={`Time step ${column.t + 1}, input ${inputs[column.t] ?? ''}`}
              onMouseEnter={() => setFocus(column.t)}
              onFocus={() => setFocus(column.t)}
              onKeyDown={(event) => moveFocus(event, column.t)}
            />
          ))}
        </svg>
      </div>

      <p className="unrolled-caption">
        The same weights <span className="w-ih">W<sub>ih</sub></span>, <span className="w-hh">W<sub>hh</sub></span> are used at every step
        {numLayers > 1 || bidirectional ? ' (one pair per layer' + (bidirectional ? ' and direction)' : ')') : ''}
        {readout === 'decoder' && ' of the encoder, and the decoder has its own pair, shared over its steps'}: backpropagation through time adds up their
        gradients over all the steps{readout === 'decoder' && ', and the decoder’s gradient reaches the encoder only through the state it was handed'}. Press Step to watch the forward pass run left → right, then the gradient flow back right → left
        {bidirectional && ' (mirrored for the ← direction)'}.
      </p>

      <div className="unrolled-readout" aria-live="polite" style={{ minHeight: `${2.9 + 1.45 * layerDirs}em` }}>
        {focused === undefined ? (
          <p className="unrolled-hint">Point at a column (or Tab to the diagram and use ← →) to read that step’s values.</p>
        ) : (
          <>
            <p className="unrolled-readout-head">
              <strong>t = {focused + 1}</strong> · x<sub>t</sub> = {inputs[focused] ?? '—'}
              {hasOutput(focused) && ' · ŷ is read here'}
            </p>
            <table className="unrolled-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">layer</span>
                  </th>
                  <th scope="col">
                    ‖h<sub>t</sub>‖
                  </th>
                  <th scope="col">
                    ‖∂L/∂h<sub>t</sub>‖
                  </th>
                  {gates.map((g) => (
                    <th key={g} scope="col">
                      <span className="swatch" style={{ background: GATE_COLORS[g] }} /> mean {g}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: layerDirs }, (_, ld) => (
                  <tr key={ld}>
                    <th scope="row">{layerDirName(ld, dirs)}</th>
                    <td>{formatValue(hiddenNorms?.[ld]?.[focused])}</td>
                    <td>{formatValue(gradNorms?.[ld]?.[focused])}</td>
                    {gates.map((g) => (
                      <td key={g}>{formatValue(gateMeans?.[ld]?.[g]?.[focused])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </figure>
  );
}

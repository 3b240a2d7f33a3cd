/**
 * The network unrolled over time: one column per step t (x_t → cell → h_t → ŷ), layers stacked, both
 * directions when bidirectional, the same W_hh on every horizontal arrow. Small bars in each cell show how
 * open its gates are; a strip under each cell shows ‖∂L/∂h_t‖ (log scale) — watch it fade toward early steps.
 * After a single Step the forward pass lights up left to right, then BPTT right to left.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { interpolateViridis } from 'd3';
import { CELL_LABELS } from '../core/config';
import { GATE_NAMES, type CellKind } from '../core/spec';
import { formatValue } from './format';
import { GATE_COLORS, GATE_LABELS, UNIT_INTERVAL_GATES } from './palette';
import { layerDirName } from './telemetry';
import { layoutColumns, layoutRows, logIntensity, type LayoutColumn } from './unrolledLayout';
import './unrolled.css';

/** Props: the network's shape and, per layer·direction, per-step readings. */
export interface UnrolledViewProps {
  cell: CellKind;
  numLayers: number;
  bidirectional: boolean;
  steps: number;
  readout: 'last' | 'all';
  /** Short labels of the inputs x_t. */
  inputs: string[];
  /** [layerDir][gate] → T means over units. */
  gateMeans?: Array<Record<string, ArrayLike<number>>>;
  /** [layerDir] → T values of ‖h_t‖. */
  hiddenNorms?: Array<ArrayLike<number>>;
  /** [layerDir] → T values of ‖∂L/∂h_t‖. */
  gradNorms?: Array<ArrayLike<number>>;
  /** Changes on each single Step: plays the forward, then the backward pass. */
  animateKey?: number;
}

const WIDTH = 1000;
const LEFT = 96;
const STEP_MS = 45;

/** How far a gate bar fills: sigmoid gates are already in [0, 1]; tanh-valued g and n show |v|. */
function barFill(name: string, value: number): number {
  if (!Number.isFinite(value)) return 0;
  return UNIT_INTERVAL_GATES.has(name) ? Math.min(1, Math.max(0, value)) : Math.min(1, Math.abs(value));
}

/** The diagram. */
export function UnrolledView(props: UnrolledViewProps) {
  const { cell, numLayers, bidirectional, steps, readout, inputs, gateMeans, hiddenNorms, gradNorms, animateKey } = props;
  const dirs = bidirectional ? 2 : 1;
  const { columns, columnWidth } = layoutColumns(steps, LEFT, WIDTH - LEFT - 8);
  const { rows, height } = layoutRows(numLayers, bidirectional, 6);
  const gates = GATE_NAMES[cell];
  const boxW = Math.min(64, columnWidth * 0.64);
  const boxH = 38;
  const [focus, setFocus] = useState<number>();
  const [playing, setPlaying] = useState(0);
  const first = useRef(true);
  const stepColumns = columns.filter((c): c is Extract<LayoutColumn, { kind: 'step' }> => c.kind === 'step');
  const intensities = (gradNorms ?? []).map((g) => logIntensity(g));
  const hMax = (hiddenNorms ?? []).map((h) => Math.max(1e-9, ...Array.from(h).filter(Number.isFinite)));

  // Play the animation after each Step (not on the first render).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (animateKey !== undefined) setPlaying((p) => p + 1);
  }, [animateKey]);

  const describe = `${CELL_LABELS[cell]} unrolled over ${steps} time steps, ${numLayers} layer${numLayers > 1 ? 's' : ''}${bidirectional ? ', bidirectional' : ''}; the same weights at every step${readout === 'last' ? '; the output is read at the last step' : '; an output at every step'}.`;
  const forwardDelay = (t: number) => `${t * STEP_MS}ms`;
  const backwardDelay = (t: number) => `${(steps + (steps - 1 - t)) * STEP_MS}ms`;
  const focused = focus !== undefined ? stepColumns.find((c) => c.t === focus) : undefined;

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = stepColumns.findIndex((c) => c.t === focus);
    const next = stepColumns[Math.min(stepColumns.length - 1, Math.max(0, index + (event.key === 'ArrowRight' ? 1 : -1)))];
    setFocus(next.t);
    (event.currentTarget.parentElement?.querySelector(`[data-column="${next.t}"]`) as SVGElement | null)?.focus();
  };

  return (
    <figure className="chart unrolled">
      <figcaption>
        <span className="chart-title">Unrolled over time</span>
        <span className="legend">
          {gates.map((g) => (
            <span key={g} className="legend-item">
              <span className="swatch" style={{ background: GATE_COLORS[g] }} /> {GATE_LABELS[g]}
            </span>
          ))}
          <span className="legend-item">
            <span className="swatch swatch-grad-strip" /> ‖∂L/∂h<sub>t</sub>‖ (log)
          </span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height + 12}`} role="img" aria-label={describe} key={playing} className={playing ? 'playing' : undefined}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
          </marker>
        </defs>
        {rows.map((row) => (
          <text key={`label-${row.y}`} x={8} y={row.y + 4} className="row-label">
            {row.kind === 'output' ? 'ŷ (output)' : row.kind === 'input' ? 'x_t (input)' : `${layerDirName(row.layerDir, dirs).replace(' forward', ' →').replace(' backward', ' ←')}`}
          </text>
        ))}
        {rows.map((row) => {
          if (row.kind !== 'cell') return null;
          const reverse = row.direction === 1;
          const arrows = [];
          for (let k = 0; k + 1 < columns.length; k++) {
            const a = columns[k];
            const b = columns[k + 1];
            const x1 = a.x + (a.kind === 'step' ? boxW / 2 : 10);
            const x2 = b.x - (b.kind === 'step' ? boxW / 2 : 10);
            const gap = a.kind === 'gap' || b.kind === 'gap';
            const t = b.kind === 'step' ? b.t : a.kind === 'step' ? a.t : 0;
            arrows.push(
              <g key={k} className="recurrent" style={{ '--fwd-delay': forwardDelay(t), '--bwd-delay': backwardDelay(t) } as CSSProperties}>
                <line x1={reverse ? x2 : x1} x2={reverse ? x1 : x2} y1={row.y} y2={row.y} markerEnd="url(#arrow)" strokeDasharray={gap ? '3 3' : undefined} />
                {!gap && columnWidth >= 56 && (
                  <text x={(x1 + x2) / 2} y={row.y - 6} textAnchor="middle" className="weight-label">
                    W<tspan baselineShift="sub">hh</tspan>
                  </text>
                )}
              </g>,
            );
          }
          return <g key={`rec-${row.layerDir}`}>{arrows}</g>;
        })}
        {columns.map((column) => {
          if (column.kind === 'gap') {
            return (
              <text key="gap" x={column.x} y={rows[rows.length - 1].y + 4} textAnchor="middle" className="gap-label">
                … {column.hidden} steps …
              </text>
            );
          }
          const t = column.t;
          const cellRows = rows.filter((r) => r.kind === 'cell');
          const inputRow = rows.at(-1)!;
          const outputRow = rows[0];
          const hasOutput = readout === 'all' || t === steps - 1;
          const topCell = cellRows[0];
          const bottomCell = cellRows[cellRows.length - 1];
          return (
            <g key={t} className={`column${focus === t ? ' column-focus' : ''}`} style={{ '--fwd-delay': forwardDelay(t), '--bwd-delay': backwardDelay(t) } as CSSProperties}>
              {/* vertical flow: x_t → layers → ŷ */}
              <line className="feed" x1={column.x} x2={column.x} y1={inputRow.y - 10} y2={bottomCell.y + boxH / 2 + 2} markerEnd="url(#arrow)" />
              {cellRows.slice(0, -1).map((r, k) => (
                <line key={k} className="feed" x1={column.x} x2={column.x} y1={cellRows[k + 1].y - boxH / 2} y2={r.y + boxH / 2 + 2} markerEnd="url(#arrow)" />
              ))}
              {hasOutput && <line className="feed" x1={column.x} x2={column.x} y1={topCell.y - boxH / 2} y2={outputRow.y + 10} markerEnd="url(#arrow)" />}
              {hasOutput && (
                <circle cx={column.x} cy={outputRow.y} r={9} className="output-node">
                  <title>ŷ at t = {t + 1}</title>
                </circle>
              )}
              <text x={column.x} y={inputRow.y + 4} textAnchor="middle" className="input-label">
                {inputs[t] ?? ''}
              </text>
              <text x={column.x} y={inputRow.y + 18} textAnchor="middle" className="step-label">
                t={t + 1}
              </text>
              {cellRows.map((r) => {
                if (r.kind !== 'cell') return null;
                const ld = r.layerDir;
                const means = gateMeans?.[ld];
                const hNorm = hiddenNorms?.[ld]?.[t];
                const tint = gates.length === 0 && hNorm !== undefined ? Math.min(1, hNorm / hMax[ld]) : 0;
                const grad = intensities[ld]?.[t];
                const barW = gates.length ? (boxW - 10) / gates.length : 0;
                return (
                  <g key={ld}>
                    <rect className="cell-box" x={column.x - boxW / 2} y={r.y - boxH / 2} width={boxW} height={boxH} rx={6} style={{ fillOpacity: 0.12 + 0.5 * tint }} />
                    {means &&
                      gates.map((g, k) => {
                        const fill = barFill(g, Number(means[g]?.[t]));
                        const h = (boxH - 10) * fill;
                        return <rect key={g} x={column.x - boxW / 2 + 5 + k * barW + 1} y={r.y + boxH / 2 - 5 - h} width={Math.max(1, barW - 2)} height={h} fill={GATE_COLORS[g]} />;
                      })}
                    {grad !== undefined && (
                      <rect className="grad-strip" x={column.x - boxW / 2} y={r.y + boxH / 2 + 3} width={boxW} height={5} rx={2} fill={interpolateViridis(grad)} />
                    )}
                  </g>
                );
              })}
              <rect
                data-column={t}
                className="column-hit"
                x={column.x - columnWidth / 2}
                y={0}
                width={columnWidth}
                height={height}
                tabIndex={0}
                aria-label={`time step ${t + 1}`}
                onMouseEnter={() => setFocus(t)}
                onFocus={() => setFocus(t)}
                onKeyDown={onKeyDown}
              />
            </g>
          );
        })}
      </svg>
      <p className="unrolled-caption">
        The same weights W<sub>ih</sub>, W<sub>hh</sub> (and the head&apos;s) are used at every step: backpropagation through time adds up their gradients over all columns.
      </p>
      <div className="unrolled-readout" aria-live="polite">
        {focused ? (
          <>
            <strong>t = {focused.t + 1}</strong>, x<sub>t</sub> = {inputs[focused.t]}
            {Array.from({ length: numLayers * dirs }, (_, ld) => (
              <span key={ld} className="readout-row">
                {layerDirName(ld, dirs)}: ‖h<sub>t</sub>‖ = {formatValue(hiddenNorms?.[ld]?.[focused.t])}, ‖∂L/∂h<sub>t</sub>‖ = {formatValue(gradNorms?.[ld]?.[focused.t])}
                {gates.map((g) => (
                  <span key={g}>
                    , mean {g} = {formatValue(Number(gateMeans?.[ld]?.[g]?.[focused.t]))}
                  </span>
                ))}
              </span>
            ))}
          </>
        ) : (
          <span className="muted">Point at a column (or Tab to it and use ← →) to read its values.</span>
        )}
      </div>
    </figure>
  );
}

/**
 * The drawing of the network unrolled over time, one SVG image: a column per visible step t (x_t → layer 0 → … → ŷ),
 * stacked layers (both directions in one band when bidirectional), the same W_hh on every horizontal arrow
 * h_{t−1} → h_t, and an encoder–decoder's hand-off. Each cell shows its gate bars and a ‖∂L/∂h_t‖ strip under it.
 */
import type { ReactNode } from 'react';
import { interpolateBlues, interpolateViridis } from 'd3';
import { GATE_NAMES, type CellKind } from '../../shared/spec';
import { GATE_COLORS, UNIT_INTERVAL_GATES } from '../palette';
import { fittedHalfLabel, recurrentWeightName } from './diagramText';
import { cellBox, feedLines, fitLabel, OUTPUT_RADIUS, recurrentArrows, weightLabelFontSize, type DiagramLayout } from './unrolledLayout';
import type { UnrolledReadings } from './UnrolledView';

/** One gate bar inside a cell box, its track from top to top + height. */
interface GateBarProps {
  name: string;
  value: number;
  x: number;
  width: number;
  top: number;
  height: number;
}

/**
 * Sigmoid gates (i f o r z) live in [0, 1] — "how open" — and grow up from the bottom of the box. The candidates g
 * and n are tanh outputs in [−1, 1], signed rather than "open", so they grow from a zero line in the middle: up for
 * positive, down for negative. Both reach the box edge at |v| = 1.
 */
function GateBar({ name, value, x, width, top, height }: GateBarProps) {
  const v = Number.isFinite(value) ? value : 0;
  const signed = !UNIT_INTERVAL_GATES.has(name);
  const mid = top + height / 2;
  const length = signed ? (Math.min(1, Math.abs(v)) * height) / 2 : Math.min(1, Math.max(0, v)) * height;
  const y = signed ? (v >= 0 ? mid - length : mid) : top + height - length;
  return (
    <g>
      <rect className="gate-track" x={x} y={top} width={width} height={height} />
      <rect x={x} y={y} width={width} height={length} fill={GATE_COLORS[name]} />
      {signed && <line className="gate-zero" x1={x - 1} x2={x + width + 1} y1={mid} y2={mid} />}
    </g>
  );
}

/** Props: the network, its layout, the probe's readings, and the step pointed at. */
export interface UnrolledDiagramProps extends Pick<UnrolledReadings, 'gateMeans' | 'hiddenNorms'> {
  cell: CellKind;
  numLayers: number;
  bidirectional: boolean;
  layout: DiagramLayout;
  /** The accessible name: the whole drawing is one image. */
  label: string;
  inputs: string[];
  /** Log intensities of ‖∂L/∂h_t‖ per layer·direction (the strips). */
  gradIntensity?: number[][];
  /** The step pointed at (a band behind its column). */
  focused?: number;
  /** Drawn over everything: the Step animation. */
  children?: ReactNode;
}

/** The diagram's SVG. */
export function UnrolledDiagram(props: UnrolledDiagramProps) {
  const { cell, numLayers, bidirectional, layout, label, inputs, gateMeans, hiddenNorms, gradIntensity, focused, children } = props;
  const { width, height, columns, columnWidth, boxWidth, cellRows, layers, outputY, inputY, gap, handoff } = layout;
  const gates = GATE_NAMES[cell];
  const hiddenMax = Math.max(1e-12, ...(hiddenNorms ?? []).flatMap((h) => Array.from(h).filter(Number.isFinite)));
  const focusedColumn = columns.find((c) => c.t === focused);

  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <defs>
        <marker id="unrolled-arrow-h" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head-recurrent" />
        </marker>
        <marker id="unrolled-arrow-v" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head-feed" />
        </marker>
      </defs>

      {focusedColumn && <rect className="focus-band" x={focusedColumn.x - columnWidth / 2} y={0} width={columnWidth} height={height} rx={6} />}

      {/* row labels */}
      <text x={8} y={outputY + 4} className="row-label">
        ŷ (output)
      </text>
      {cellRows.map((row) => (
        <text key={row.layerDir} x={8} y={row.y + 4} className="row-label">
          layer {row.layer}
          {bidirectional && (row.direction === 0 ? ' →' : ' ←')}
        </text>
      ))}
      <text x={8} y={inputY + 4} className="row-label">
        x<tspan className="sub" dy={3}>t</tspan>
        <tspan dy={-3}> (input)</tspan>
      </text>

      {/* bidirectional: the two directions of a layer are one band; it reads x_t (or the layer below) and its
          concatenated [h→; h←] feeds the layer above */}
      {bidirectional &&
        columns.map((column) =>
          layers.map((band) => (
            <rect key={`${column.t}-${band.layer}`} className="layer-band" x={column.x - boxWidth / 2 - 4} y={band.top - 4} width={boxWidth + 8} height={band.bottom - band.top + 2} rx={8} />
          )),
        )}

      {/* vertical arrows: the input weights W_ih (and the head) */}
      {columns.map((column) =>
        feedLines(layout, column).map((line) => <line key={`${column.t}-${line.key}`} className="feed" x1={column.x} x2={column.x} y1={line.y1} y2={line.y2} markerEnd="url(#unrolled-arrow-v)" />),
      )}

      {/* encoder–decoder: the two halves, named above the outputs */}
      {handoff && (
        <g className="encoder-decoder">
          <line className="handoff-divider" x1={handoff.x} x2={handoff.x} y1={2} y2={inputY + 18} />
          <text x={handoff.encoderMiddle} y={13} textAnchor="middle" className="half-label">
            {fittedHalfLabel('encoder: reads the whole input', 2 * (handoff.x - handoff.encoderMiddle))}
          </text>
          <text x={handoff.decoderMiddle} y={13} textAnchor="middle" className="half-label">
            {fittedHalfLabel('decoder: writes, one output per step', 2 * (handoff.decoderMiddle - handoff.x))}
          </text>
        </g>
      )}

      {/* horizontal arrows: the same W_hh at every step (the decoder has its own) */}
      {cellRows.map((row) => (
        <g key={row.layerDir} className="recurrent">
          {recurrentArrows(layout, row).map((arrow) => {
            const sub = recurrentWeightName(row.layer, row.direction, numLayers, arrow.left.decoder);
            const fontSize = weightLabelFontSize(layout, sub);
            return (
              <g key={arrow.key}>
                <line x1={arrow.x1} x2={arrow.x2} y1={row.y} y2={row.y} markerEnd="url(#unrolled-arrow-h)" className={arrow.folded ? 'folded' : arrow.handoff ? 'handoff' : undefined} />
                {!arrow.folded && !arrow.handoff && (
                  <text x={(arrow.left.x + arrow.right.x) / 2} y={row.y - 4 - 0.3 * fontSize} textAnchor="middle" className="weight-label" fontSize={fontSize}>
                    W<tspan className="sub" dy={fontSize * 0.3}>{sub}</tspan>
                  </text>
                )}
                {arrow.handoff && (
                  <text x={(arrow.left.x + arrow.right.x) / 2} y={row.y - 6} textAnchor="middle" className="handoff-label">
                    state
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}

      {/* cells: gate bars (or, without gates, a shade for ‖h_t‖) and the ‖∂L/∂h_t‖ strip */}
      {columns.map((column) =>
        cellRows.map((row) => {
          const { t } = column;
          const ld = row.layerDir;
          const box = cellBox(layout, column, row);
          const means = gateMeans?.[ld];
          const hiddenNorm = hiddenNorms?.[ld]?.[t];
          const shade = gates.length === 0 && hiddenNorm !== undefined && Number.isFinite(hiddenNorm) ? interpolateBlues(0.08 + 0.62 * Math.min(1, hiddenNorm / hiddenMax)) : undefined;
          const grad = gradIntensity?.[ld]?.[t];
          const inner = boxWidth - 8;
          const slot = gates.length ? inner / gates.length : 0;
          const barW = Math.max(1.5, slot - Math.min(3, slot * 0.3));
          return (
            <g key={`${t}-${ld}`}>
              <rect className="cell-box" {...box} style={shade ? { fill: shade } : undefined} />
              {means &&
                gates.map((g, k) => (
                  <GateBar key={g} name={g} value={Number(means[g]?.[t])} x={column.x - inner / 2 + k * slot + (slot - barW) / 2} width={barW} top={box.y + 5} height={box.height - 10} />
                ))}
              {grad !== undefined && <rect x={box.x} y={box.y + box.height + 3} width={boxWidth} height={5} rx={2} fill={interpolateViridis(grad)} />}
            </g>
          );
        }),
      )}

      {/* outputs */}
      {columns
        .filter((column) => column.output)
        .map((column) => (
          <g key={column.t}>
            <circle cx={column.x} cy={outputY} r={OUTPUT_RADIUS} className="output-node" />
            <text x={column.x} y={outputY + 4} textAnchor="middle" className="output-label">
              ŷ
            </text>
          </g>
        ))}

      {/* inputs and step numbers (1-based, as in the other views) */}
      {columns.map((column) => (
        <g key={column.t}>
          <text x={column.x} y={inputY + 2} textAnchor="middle" className="input-label">
            {fitLabel(inputs[column.t] ?? '', layout.inputChars)}
          </text>
          <text x={column.x} y={inputY + 16} textAnchor="middle" className="step-label">
            t={column.t + 1}
          </text>
        </g>
      ))}
      {gap && (
        <g className="gap-label">
          <text x={gap.x} y={inputY + 2} textAnchor="middle">
            … {gap.hidden} steps …
          </text>
          <text x={gap.x} y={inputY + 16} textAnchor="middle" className="step-label">
            t={gap.from + 1}–{gap.to + 1}
          </text>
        </g>
      )}

      {children}
    </svg>
  );
}

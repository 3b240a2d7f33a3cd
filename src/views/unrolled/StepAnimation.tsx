/**
 * The Step animation: an overlay over the diagram for one pass after a single Step. The forward pass flashes the
 * boxes and vertical arrows left → right; then BPTT glows the recurrent arrows and boxes right → left, each as bright
 * as its log ‖∂L/∂h_t‖. CSS animations do the drawing; this only places the parts and gives each its delay.
 */
import type { CSSProperties } from 'react';
import { backwardDelayMs, forwardDelayMs, glowOpacity, outputGlowDelayMs } from './stepAnimationTiming';
import { cellBox, feedLines, OUTPUT_RADIUS, recurrentArrows, type DiagramLayout } from './unrolledLayout';

/** A part's start (--delay) and peak opacity (--glow), read by the CSS animations in unrolled.css. */
function timing(delayMs: number, glow?: number): CSSProperties {
  return { '--delay': `${delayMs}ms`, ...(glow !== undefined && { '--glow': glow.toFixed(2) }) } as CSSProperties;
}

/** Props: the diagram's layout and the log intensities of ‖∂L/∂h_t‖ per layer·direction (none before a gradient). */
export interface StepAnimationProps {
  layout: DiagramLayout;
  gradIntensity?: number[][];
}

/** One pass of the animation; key it on the Step, so that a new Step restarts it. */
export function StepAnimation({ layout, gradIntensity }: StepAnimationProps) {
  const { columns, cellRows } = layout;
  const n = columns.length;
  return (
    <g className="unrolled-pass" aria-hidden="true">
      {columns.map((column, k) => (
        <g key={column.t}>
          {feedLines(layout, column).map((line) => (
            <line key={line.key} className="pass-forward pass-feed" x1={column.x} x2={column.x} y1={line.y1} y2={line.y2} style={timing(forwardDelayMs(k, n))} />
          ))}
          {cellRows.map((row) => (
            <rect key={row.layerDir} className="pass-forward pass-box" {...cellBox(layout, column, row)} style={timing(forwardDelayMs(k, n, row.direction))} />
          ))}
          {column.output && <circle className="pass-backward pass-output" cx={column.x} cy={layout.outputY} r={OUTPUT_RADIUS} style={timing(outputGlowDelayMs(n), 1)} />}
        </g>
      ))}
      {cellRows.map((row) =>
        recurrentArrows(layout, row).map((arrow) => {
          // Forward direction: the arrow into b carries ∂L/∂h_b back to a. Backward direction: the arrow into a (it
          // points left) carries ∂L/∂h_a back to b, and its BPTT runs left → right.
          const [k, t] = row.direction === 0 ? [arrow.index + 1, arrow.right.t] : [arrow.index, arrow.left.t];
          const line = { x1: arrow.x1, x2: arrow.x2, y1: row.y, y2: row.y };
          return (
            <g key={`${row.layerDir}-${arrow.key}`}>
              <line className="pass-forward pass-recurrent-forward" {...line} style={timing(forwardDelayMs(k, n, row.direction))} />
              <line className="pass-backward pass-recurrent" {...line} style={timing(backwardDelayMs(k, n, row.direction), glowOpacity(gradIntensity, row.layerDir, t))} />
            </g>
          );
        }),
      )}
      {/* each cell glows as ∂L/∂h_t reaches it */}
      {columns.map((column, k) =>
        cellRows.map((row) => (
          <rect
            key={`${column.t}-${row.layerDir}`}
            className="pass-backward pass-box-grad"
            {...cellBox(layout, column, row)}
            style={timing(backwardDelayMs(k, n, row.direction), glowOpacity(gradIntensity, row.layerDir, column.t))}
          />
        )),
      )}
    </g>
  );
}

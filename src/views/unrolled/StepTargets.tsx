/**
 * Hover and keyboard targets, one per visible step, in their own SVG over the diagram (the drawing is one image).
 * One target is in the tab order (a roving tab stop); ← → Home End move between steps.
 */
import { useRef, type KeyboardEvent } from 'react';
import { columnKeyTarget } from './stepFocus';
import type { DiagramLayout } from './unrolledLayout';

/** Props: the layout, the probe's inputs, the step that holds the tab stop, and what to do when a step is pointed at. */
export interface StepTargetsProps {
  layout: DiagramLayout;
  inputs: string[];
  /** The step whose target is in the tab order. */
  tabStop?: number;
  onPoint: (t: number) => void;
}

/** The targets' SVG, the size of the diagram's. */
export function StepTargets({ layout, inputs, tabStop, onPoint }: StepTargetsProps) {
  const { width, height, columns, columnWidth } = layout;
  const ref = useRef<SVGSVGElement>(null);

  const move = (event: KeyboardEvent<SVGRectElement>, t: number) => {
    const target = columnKeyTarget(event.key, columns.findIndex((c) => c.t === t), columns.length);
    if (target === undefined) return;
    event.preventDefault();
    const next = columns[target];
    onPoint(next.t);
    ref.current?.querySelector<SVGRectElement>(`[data-column="${next.t}"]`)?.focus();
  };

  return (
    <svg ref={ref} className="unrolled-hits" viewBox={`0 0 ${width} ${height}`} role="group" aria-label="Time steps: use the arrow keys to move between them">
      {columns.map((column) => (
        <rect
          key={column.t}
          data-column={column.t}
          className="column-hit"
          // a named, focusable target needs a role that allows a name (axe: aria-prohibited-attr): one of a set of
          // steps that arrow keys move between, the one holding the tab stop checked, as a radio group's radios are
          role="radio"
          x={column.x - columnWidth / 2}
          y={0}
          width={columnWidth}
          height={height}
          rx={6}
          tabIndex={column.t === tabStop ? 0 : -1}
          aria-label={`Time step ${column.t + 1}, input ${inputs[column.t] ?? ''}`}
          aria-checked={column.t === tabStop}
          onMouseEnter={() => onPoint(column.t)}
          onFocus={() => onPoint(column.t)}
          onKeyDown={(event) => move(event, column.t)}
        />
      ))}
    </svg>
  );
}

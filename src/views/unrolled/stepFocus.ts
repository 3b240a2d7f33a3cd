/** Which time step the readout shows, and where the keyboard moves it: pure, over the diagram's visible columns. */
import type { DiagramColumn } from './unrolledLayout';

/** The step pointed at, if it still has a visible column (the shape or the panel width may have changed since). */
export function visibleFocus(focus: number | undefined, columns: readonly DiagramColumn[]): number | undefined {
  return focus !== undefined && columns.some((c) => c.t === focus) ? focus : undefined;
}

/** The column index a key moves to from column index of count (← → one step, Home End the ends); undefined for other keys. */
export function columnKeyTarget(key: string, index: number, count: number): number | undefined {
  const target = key === 'ArrowRight' ? index + 1 : key === 'ArrowLeft' ? index - 1 : key === 'Home' ? 0 : key === 'End' ? count - 1 : undefined;
  return target === undefined ? undefined : Math.min(count - 1, Math.max(0, target));
}

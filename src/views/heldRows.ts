/**
 * Annotations on the gate heatmaps: which units' gate stays open at every step after the first. In `remember`,
 * an LSTM's forget-gate rows that sit above 0.9 are what hold the marked symbol in the cell state (lesson 6's
 * card and lesson6.claims.test.ts); the gate panel labels them on the f map.
 */
import { gateValue, type GateLayout } from '../shared/gateLayout';

/** The threshold a held row stays above. */
export const HELD_THRESHOLD = 0.9;

/** Units whose gate `name` (layer·direction `layerDir`) stays above `threshold` at every t = 2…T. */
export function heldRows(gates: ArrayLike<number>, layout: GateLayout, layerDir: number, name: string, threshold = HELD_THRESHOLD): number[] {
  const units: number[] = [];
  for (let unit = 0; unit < layout.hiddenSize; unit++) {
    let held = layout.steps > 1;
    for (let t = 1; t < layout.steps && held; t++) held = gateValue(gates, layout, layerDir, name, t, unit) > threshold;
    if (held) units.push(unit);
  }
  return units;
}

/** "units 3 and 11 hold the symbol (f > 0.9 after t = 1)", or undefined when none does. */
export function heldRowsLabel(units: readonly number[]): string | undefined {
  if (!units.length) return undefined;
  const names = units.length === 1 ? `unit ${units[0]}` : `units ${units.slice(0, -1).join(', ')} and ${units[units.length - 1]}`;
  return `◀ ${names}: f > ${HELD_THRESHOLD} after t = 1, ${units.length === 1 ? 'it holds' : 'they hold'} the symbol`;
}

/**
 * For tests of what the lessons say about gates: reads one recorded gate of the probe example (the packed
 * array Trainer.trainStep(true) returns, laid out as shared/gateLayout.ts says) unit by unit.
 */
import { gateValue, type GateLayout } from '../shared/gateLayout';

/** Gate `name` of layer·direction 0 as one row per unit, each over the time steps t = 1…T (index t − 1). */
export function gateRows(gates: Float32Array, layout: GateLayout, name: string): number[][] {
  return Array.from({ length: layout.hiddenSize }, (_, unit) => Array.from({ length: layout.steps }, (_, t) => gateValue(gates, layout, 0, name, t, unit)));
}

/** How many units' gate stays above `threshold` at every step after the first (t = 2…T). */
export function rowsAboveAfterFirst(rows: readonly number[][], threshold: number): number {
  return rows.filter((row) => Math.min(...row.slice(1)) > threshold).length;
}

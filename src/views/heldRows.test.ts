/** The held-rows annotation: units whose gate stays above 0.9 after the first step, and its label. */
import { describe, expect, it } from 'vitest';
import type { GateLayout } from '../shared/gateLayout';
import { gateOffset } from '../shared/gateLayout';
import { heldRows, heldRowsLabel } from './heldRows';

const layout: GateLayout = { layerDirs: 1, recordedNames: ['i', 'f', 'g', 'o', 'c', 'h'], steps: 4, hiddenSize: 3 };

function gatesWith(f: number[][]): Float32Array {
  const gates = new Float32Array(layout.recordedNames.length * layout.steps * layout.hiddenSize).fill(0.95);
  for (let unit = 0; unit < 3; unit++) for (let t = 0; t < 4; t++) gates[gateOffset(layout, 0, 'f', t) + unit] = f[unit][t];
  return gates;
}

describe('heldRows', () => {
  it('finds the units whose f stays above 0.9 at every step after the first (the first step does not count)', () => {
    const gates = gatesWith([
      [0.1, 0.95, 0.97, 0.99], // held: t = 1 is free
      [0.95, 0.95, 0.89, 0.99], // dips at t = 3
      [0.5, 0.5, 0.5, 0.5],
    ]);
    expect(heldRows(gates, layout, 0, 'f')).toEqual([0]);
  });

  it('says which units, or nothing', () => {
    expect(heldRowsLabel([])).toBeUndefined();
    expect(heldRowsLabel([4])).toBe('◀ unit 4: f > 0.9 after t = 1, it holds the symbol');
    expect(heldRowsLabel([3, 7, 11])).toBe('◀ units 3, 7 and 11: f > 0.9 after t = 1, they hold the symbol');
  });
});

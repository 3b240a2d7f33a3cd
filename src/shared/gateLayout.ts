/**
 * Where each recorded gate sits in a frame's packed gates array: (layerDirs, names, T, H) row-major, as the
 * worker packs it (core/network.ts's packRecords) and the views read it.
 */

/** The shape facts a transform needs (a subset of RunInfo). */
export interface GateLayout {
  layerDirs: number;
  recordedNames: readonly string[];
  steps: number;
  hiddenSize: number;
}

/** Offset of gate `name` of `layerDir` at step t, unit 0, in the packed gates array. */
export function gateOffset(layout: GateLayout, layerDir: number, name: string, t = 0): number {
  const nameIndex = layout.recordedNames.indexOf(name);
  if (nameIndex < 0) throw new Error(`no recorded gate "${name}"`);
  return ((layerDir * layout.recordedNames.length + nameIndex) * layout.steps + t) * layout.hiddenSize;
}

/** One gate's value at (t, unit). */
export function gateValue(gates: ArrayLike<number>, layout: GateLayout, layerDir: number, name: string, t: number, unit: number): number {
  return gates[gateOffset(layout, layerDir, name, t) + unit];
}

/** Whether a packed gates array fits the layout (frames of an older run may not). */
export function gatesFit(gates: ArrayLike<number> | undefined, layout: GateLayout | undefined): boolean {
  return !!gates && !!layout && gates.length === layout.layerDirs * layout.recordedNames.length * layout.steps * layout.hiddenSize;
}

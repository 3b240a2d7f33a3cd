/**
 * Pure transforms from telemetry frames to what the charts draw. No React, no DOM: unit-tested in Node.
 * Gates arrive packed as (layerDirs, names, T, H) row-major; gradient norms as (layerDirs, T).
 */
import { gateOffset, type GateLayout } from '../shared/gateLayout';

/** Mean over units of each gate at each step: [layerDir][name] → T values (the unrolled view's inline bars). */
export function gateMeans(gates: ArrayLike<number>, layout: GateLayout, names: readonly string[]): Array<Record<string, Float32Array>> {
  return Array.from({ length: layout.layerDirs }, (_, ld) => {
    const out: Record<string, Float32Array> = {};
    for (const name of names) {
      const means = new Float32Array(layout.steps);
      for (let t = 0; t < layout.steps; t++) {
        const offset = gateOffset(layout, ld, name, t);
        let sum = 0;
        for (let u = 0; u < layout.hiddenSize; u++) sum += gates[offset + u];
        means[t] = sum / layout.hiddenSize;
      }
      out[name] = means;
    }
    return out;
  });
}

/** ‖h_t‖ (L2 over units) per layer·direction and step. */
export function hiddenNorms(gates: ArrayLike<number>, layout: GateLayout): Float32Array[] {
  return Array.from({ length: layout.layerDirs }, (_, ld) => {
    const norms = new Float32Array(layout.steps);
    for (let t = 0; t < layout.steps; t++) {
      const offset = gateOffset(layout, ld, 'h', t);
      let sq = 0;
      for (let u = 0; u < layout.hiddenSize; u++) sq += gates[offset + u] ** 2;
      norms[t] = Math.sqrt(sq);
    }
    return norms;
  });
}

/** Largest |value| of one gate over steps and units (the symmetric domain of a diverging colour scale). */
export function gateMaxAbs(gates: ArrayLike<number>, layout: GateLayout, layerDir: number, name: string): number {
  const offset = gateOffset(layout, layerDir, name);
  let max = 0;
  for (let k = 0; k < layout.steps * layout.hiddenSize; k++) {
    const v = Math.abs(gates[offset + k]);
    if (v > max && Number.isFinite(v)) max = v;
  }
  return max;
}

/** Splits (layerDirs × T) norms into one array per layer·direction. */
export function splitRows(values: Float32Array, rows: number): Float32Array[] {
  const cols = values.length / rows;
  return Array.from({ length: rows }, (_, r) => values.subarray(r * cols, (r + 1) * cols));
}

/**
 * Exponential moving average with bias correction, as TensorBoard smooths a curve: s_k = w·s_{k−1} + (1−w)·x_k,
 * divided by 1 − w^k. Non-finite values pass through unsmoothed and do not poison what follows.
 */
export function smoothEma(values: ArrayLike<number>, weight: number): Float32Array {
  const out = new Float32Array(values.length);
  let acc = 0;
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) {
      out[k] = v;
      continue;
    }
    acc = weight * acc + (1 - weight) * v;
    n++;
    out[k] = weight === 0 ? v : acc / (1 - weight ** n);
  }
  return out;
}

/** The name of layer·direction row `r`: "layer 0", or "layer 1 backward" when bidirectional. */
export function layerDirName(r: number, directions: number): string {
  const layer = Math.floor(r / directions);
  return directions === 2 ? `layer ${layer} ${r % 2 ? 'backward' : 'forward'}` : `layer ${layer}`;
}

/** The value axis of a forecast chart, fitted to the data it shows. Pure. */
import type { HeldOutTrace } from '../shared/protocol';

/** Extent of the finite values of some arrays; undefined when there are none. */
function extent(arrays: Iterable<ArrayLike<number>>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of arrays) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/**
 * The y domain of a held-out trace: the range of the truth and the baselines' predictions (CO₂'s 400–420 ppm,
 * not 0–420, so a forecast's error stays visible), widened to the model's prediction by at most the truth's
 * own span either way (a wild early forecast leaves the chart, clipped, rather than flattening the series),
 * plus 5% padding. `fallback` before there is a trace.
 */
export function traceDomain(trace: HeldOutTrace | undefined, fallback: [number, number] = [-1.5, 1.5]): [number, number] {
  if (!trace) return fallback;
  const data = extent([trace.truth, ...Object.values(trace.baselines ?? {})]);
  if (!data) return extent([trace.prediction]) ?? fallback;
  let [lo, hi] = data;
  const span = hi - lo || Math.abs(hi) || 1;
  const predicted = extent([trace.prediction]);
  if (predicted) {
    lo = Math.max(Math.min(lo, predicted[0]), data[0] - span);
    hi = Math.min(Math.max(hi, predicted[1]), data[1] + span);
  }
  const pad = 0.05 * (hi - lo || span);
  return [lo - pad, hi + pad];
}

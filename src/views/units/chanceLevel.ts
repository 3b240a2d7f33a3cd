/**
 * How high a ranking of units by |r| goes by chance (issue #16): the best |r| over H units and F features on a
 * probe of N steps is large even when nothing is tracked (16 units × 4 features over 20 steps easily reach 0.7).
 * The chance level is the 95th percentile of that same best |r| with the probe's steps shuffled in the features
 * (one permutation for all features, so their relations to each other stay), from a fixed seed so the same probe
 * always gives the same level. Also: features that merely repeat the input value are dropped, since a unit that
 * "tracks" them may only echo what it reads. Pure functions.
 */
import { pearson, type InputFeature } from './unitFeatures';

/** The chance level of a ranking and how it was found. */
export interface ChanceLevel {
  /** |r| a unit must exceed to count as above chance. */
  threshold: number;
  /** The shuffles it was computed from. */
  shuffles: number;
  /** The quantile of the shuffled best |r| (0.95). */
  quantile: number;
  /** Steps of the probe where every feature applies (the N of "r over the probe's N steps"). */
  steps: number;
}

/** A small seeded generator (mulberry32): the same seed, the same shuffles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The best |r| of any unit with any feature (NaN correlations ignored); 0 when none is defined. */
export function bestAbsR(activations: readonly number[][], features: readonly InputFeature[]): number {
  let best = 0;
  for (const values of activations)
    for (const feature of features) {
      const r = Math.abs(pearson(values, feature.values));
      if (r > best) best = r;
    }
  return best;
}

/**
 * The chance level: the `quantile` of the best |r| over `shuffles` permutations of the steps where every feature
 * is finite (the others keep their places, so padding stays padding).
 */
export function chanceLevel(activations: readonly number[][], features: readonly InputFeature[], { shuffles = 200, quantile = 0.95, seed = 1 } = {}): ChanceLevel {
  const length = Math.max(0, ...features.map((f) => f.values.length));
  const open = Array.from({ length }, (_, t) => t).filter((t) => features.every((f) => Number.isFinite(f.values[t])));
  const random = seededRandom(seed);
  // with every activation finite and as long as the features, each feature's steps are fixed under the shuffles,
  // and so are the means and spreads in r: only the order of the feature's values moves, so each shuffle is a dot
  // product (centredBest); otherwise the shuffled features go through bestAbsR itself
  const fast = activations.every((values) => values.length >= length && values.every(Number.isFinite));
  const best = fast ? centredBest(activations, features, length) : undefined;
  const bests: number[] = [];
  for (let s = 0; s < shuffles; s++) {
    const order = [...open];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    // shuffled[t] = the step whose feature values land at step t
    const from = Array.from({ length }, (_, t) => t);
    open.forEach((t, k) => (from[t] = order[k]));
    bests.push(best ? best(from) : bestAbsR(activations, features.map((f) => ({ name: f.name, values: from.map((t) => f.values[t]) }))));
  }
  bests.sort((a, b) => a - b);
  const threshold = bests.length ? bests[Math.min(bests.length - 1, Math.ceil(quantile * bests.length) - 1)] : 1;
  return { threshold, shuffles, quantile, steps: open.length };
}

/**
 * bestAbsR for finite activations, with the features' steps reordered by `from`, as dot products of centred,
 * normalised vectors prepared once: for a feature, its finite steps (which reordering within the open steps
 * keeps), each unit centred and scaled over those steps, and the feature's own values likewise. Pairs pearson
 * finds undefined (fewer than 3 steps, a flat unit or feature) are left out, as bestAbsR leaves out NaN. For
 * activations that are all finite and at least `length` long (exported for its test).
 */
export function centredBest(activations: readonly number[][], features: readonly InputFeature[], length: number): (from: readonly number[]) => number {
  const prepared = features.map((feature) => {
    const steps = Int32Array.from(Array.from({ length: Math.min(length, feature.values.length) }, (_, t) => t).filter((t) => Number.isFinite(feature.values[t])));
    const n = steps.length;
    /** The values at `steps`, centred and scaled to length 1, packed (k-th entry: step steps[k]); undefined when flat. */
    const centred = (values: ArrayLike<number>): Float64Array | undefined => {
      if (n < 3) return undefined;
      let mean = 0;
      for (let k = 0; k < n; k++) mean += values[steps[k]] / n;
      const out = new Float64Array(n);
      let squares = 0;
      for (let k = 0; k < n; k++) {
        out[k] = values[steps[k]] - mean;
        squares += out[k] ** 2;
      }
      if (squares <= 1e-12 * n) return undefined;
      const norm = Math.sqrt(squares);
      for (let k = 0; k < n; k++) out[k] /= norm;
      return out;
    };
    // where each step sits in the packed vectors (the reordering only moves values between steps of `steps`)
    const slot = new Int32Array(length).fill(-1);
    steps.forEach((t, k) => (slot[t] = k));
    const units = activations.map(centred).filter((a): a is Float64Array => a !== undefined);
    return { steps, slot, y: centred(feature.values), units };
  });
  return (from) => {
    let best = 0;
    for (const { steps, slot, y, units } of prepared) {
      if (!y) continue;
      const moved = Float64Array.from(steps, (t) => y[slot[from[t]]]);
      for (const a of units) {
        let r = 0;
        for (let k = 0; k < moved.length; k++) r += a[k] * moved[k];
        r = Math.abs(r);
        if (r > best) best = r;
      }
    }
    return best;
  };
}

/** A feature left out, and its |r| with the input value. */
export interface DroppedFeature {
  name: string;
  r: number;
}

/**
 * Features that duplicate the input value (|r| with the feature named `input` at least `limit`) are dropped: a
 * unit that follows them may only echo what it reads. The input feature itself stays.
 */
export function dropInputEchoes(features: readonly InputFeature[], input = 'the value read', limit = 0.9): { kept: InputFeature[]; dropped: DroppedFeature[] } {
  const reference = features.find((f) => f.name === input);
  if (!reference) return { kept: [...features], dropped: [] };
  const kept: InputFeature[] = [];
  const dropped: DroppedFeature[] = [];
  for (const feature of features) {
    const r = feature === reference ? NaN : pearson(feature.values, reference.values);
    if (Math.abs(r) >= limit) dropped.push({ name: feature.name, r });
    else kept.push(feature);
  }
  return { kept, dropped };
}

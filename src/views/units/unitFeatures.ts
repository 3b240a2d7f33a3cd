/**
 * One unit at a time (issue #16, part 4): a hidden unit's activation at each step of the probe, simple features
 * of the probe's input at each step (position in a word, inside quotes, after "not", the sine's phase), and the
 * units whose activation best tracks one of them, by Pearson correlation over the steps. Pure functions.
 */
import { gateValue, type GateLayout } from '../../shared/gateLayout';

/** A feature of the input: a value per step, NaN where it does not apply (a sentence's padding). */
export interface InputFeature {
  name: string;
  values: number[];
}

/** One unit's activation (of recorded state or gate `name`) at each step. */
export function unitActivations(gates: ArrayLike<number>, layout: GateLayout, layerDir: number, name: string, unit: number): number[] {
  return Array.from({ length: layout.steps }, (_, t) => gateValue(gates, layout, layerDir, name, t, unit));
}

/** Pearson's r over the steps where both are finite; NaN when fewer than 3 such steps or either is constant there. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const pairs: Array<[number, number]> = [];
  for (let t = 0; t < Math.min(x.length, y.length); t++) if (Number.isFinite(x[t]) && Number.isFinite(y[t])) pairs.push([x[t], y[t]]);
  const n = pairs.length;
  if (n < 3) return NaN;
  const mx = pairs.reduce((s, [a]) => s + a, 0) / n;
  const my = pairs.reduce((s, [, b]) => s + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [a, b] of pairs) {
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
  }
  // a feature or unit that does not move (up to rounding) has no correlation to speak of
  if (sxx <= 1e-12 * n || syy <= 1e-12 * n) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}

const LETTER = /[\p{L}\p{N}'’]/u;
const QUOTES = new Set(['"', '“', '”']);

/** Character features: position in the current word (1, 2, …; 0 between words), inside double quotes, at a space. */
export function characterFeatures(chars: readonly string[]): InputFeature[] {
  const position: number[] = [];
  const quoted: number[] = [];
  const space: number[] = [];
  let inWord = 0;
  let inQuotes = false;
  for (const char of chars) {
    inWord = LETTER.test(char) ? inWord + 1 : 0;
    position.push(inWord);
    // the quote marks themselves count as inside (an opening one starts the quote, a closing one ends it after itself)
    if (QUOTES.has(char)) {
      const closing: boolean = char === '”' || (char === '"' && inQuotes);
      quoted.push(1);
      inQuotes = !closing;
    } else quoted.push(inQuotes ? 1 : 0);
    space.push(/\s/u.test(char) ? 1 : 0);
  }
  return [
    { name: 'position in a word', values: position },
    { name: 'inside quotes', values: quoted },
    { name: 'a space', values: space },
  ];
}

/** Word features of a sentence (padding excluded): position in the sentence, right after "not", after "but". */
export function wordFeatures(words: readonly string[], pad = '<pad>'): InputFeature[] {
  const position: number[] = [];
  const negated: number[] = [];
  const afterBut: number[] = [];
  let index = 0;
  let seenBut = false;
  words.forEach((word, t) => {
    if (word === pad) {
      position.push(NaN);
      negated.push(NaN);
      afterBut.push(NaN);
      return;
    }
    position.push(++index);
    negated.push(word === 'not' || words[t - 1] === 'not' ? 1 : 0);
    if (word === 'but') seenBut = true;
    afterBut.push(seenBut ? 1 : 0);
  });
  return [
    { name: 'position in the sentence', values: position },
    { name: '"not" or right after it', values: negated },
    { name: 'from "but" on', values: afterBut },
  ];
}

/**
 * The phase of a noisy sine of known period: a least-squares fit x_t ≈ a·sin ωt + b·cos ωt + c (ω = 2π/period)
 * gives the phase φ_t = ωt + atan2(b, a); its sine and cosine are the features (a circle needs both).
 */
export function phaseFeatures(values: readonly number[], period: number): InputFeature[] {
  const omega = (2 * Math.PI) / period;
  const rows = values.map((_, t) => [Math.sin(omega * t), Math.cos(omega * t), 1]);
  const [a, b] = leastSquares3(rows, values);
  const offset = Math.atan2(b, a);
  return [
    { name: 'phase (sine of)', values: values.map((_, t) => Math.sin(omega * t + offset)) },
    { name: 'phase (cosine of)', values: values.map((_, t) => Math.cos(omega * t + offset)) },
  ];
}

/** Series features: the value read, and its change from the step before. */
export function seriesFeatures(values: readonly number[]): InputFeature[] {
  return [
    { name: 'the value read', values: [...values] },
    { name: 'change from the step before', values: values.map((v, t) => (t === 0 ? NaN : v - values[t - 1])) },
  ];
}

/** The 3 coefficients of min ‖A·x − y‖ (normal equations, Cramer's rule); zeros when singular. */
function leastSquares3(rows: number[][], y: readonly number[]): [number, number, number] {
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const v = [0, 0, 0];
  rows.forEach((row, t) => {
    for (let i = 0; i < 3; i++) {
      v[i] += row[i] * y[t];
      for (let j = 0; j < 3; j++) m[i * 3 + j] += row[i] * row[j];
    }
  });
  const det = (x: number[]) => x[0] * (x[4] * x[8] - x[5] * x[7]) - x[1] * (x[3] * x[8] - x[5] * x[6]) + x[2] * (x[3] * x[7] - x[4] * x[6]);
  const d = det(m);
  if (Math.abs(d) < 1e-12) return [0, 0, 0];
  const solve = (col: number) => det(m.map((value, k) => (k % 3 === col ? v[Math.floor(k / 3)] : value)));
  return [solve(0) / d, solve(1) / d, solve(2) / d];
}

/** A unit and the feature it tracks best, with the correlation. */
export interface TrackingUnit {
  unit: number;
  feature: string;
  r: number;
}

/**
 * The units (rows of `activations`, each a value per step) ranked by how well they track a feature: each unit's
 * best |r| over the features, largest first; units with no defined correlation are left out.
 */
export function rankUnits(activations: readonly number[][], features: readonly InputFeature[], limit = 8): TrackingUnit[] {
  const ranked: TrackingUnit[] = [];
  activations.forEach((values, unit) => {
    let best: TrackingUnit | undefined;
    for (const feature of features) {
      const r = pearson(values, feature.values);
      if (Number.isFinite(r) && (!best || Math.abs(r) > Math.abs(best.r))) best = { unit, feature: feature.name, r };
    }
    if (best) ranked.push(best);
  });
  return ranked.sort((a, b) => Math.abs(b.r) - Math.abs(a.r)).slice(0, limit);
}

/** The features of a probe, by task: its characters, words, the sine's phase, a series' values; position always. */
export function probeFeatures(task: string, labels: readonly string[], probeInput: ArrayLike<number>, sinePeriod?: number): InputFeature[] {
  const position: InputFeature = { name: 'position in the sequence', values: labels.map((_, t) => t + 1) };
  if (task === 'chargen') return [...characterFeatures(labels), position];
  if (task === 'sentiment') return wordFeatures(labels);
  const values = Array.from({ length: labels.length }, (_, t) => Number(probeInput[t]));
  if (task === 'sine' && sinePeriod) return [...phaseFeatures(values, sinePeriod), ...seriesFeatures(values), position];
  if (task === 'sine' || task === 'co2') return [...seriesFeatures(values), position];
  return [position];
}

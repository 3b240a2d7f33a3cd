/**
 * One colour per gate and state, the same in every view (Okabe–Ito, colour-blind safe), and the colour scales
 * of the heatmaps: sequential for gates that live in [0, 1] and for a ReLU's h (never negative), diverging around 0
 * for signed quantities.
 */
import { color as parseColor, interpolateCividis, interpolateRdBu, interpolateViridis, scaleDiverging, scaleSequential } from 'd3';

/**
 * The charts' series colours: Okabe–Ito (colour-blind safe) as CSS variables, so that one name reads on the light
 * and on the dark theme (src/styles.css sets both; the dark one lightens the blue and the greys). They work where
 * CSS resolves them: SVG fill/stroke, style, CSS custom properties — not on a canvas.
 */
export const SERIES_COLORS = {
  blue: 'var(--c-blue)',
  orange: 'var(--c-orange)',
  green: 'var(--c-green)',
  vermillion: 'var(--c-vermillion)',
  purple: 'var(--c-purple)',
  sky: 'var(--c-sky)',
  /** near-black on light, near-white on dark: a hidden state, a first series */
  neutral: 'var(--c-neutral)',
  grey: 'var(--c-grey)',
  /** a reference line and its label (σ = 1, a threshold, a baseline) */
  reference: 'var(--c-reference)',
  /** the truth under a forecast */
  truth: 'var(--c-truth)',
  /** a faint trace behind its smoothed line */
  blueFaint: 'var(--c-blue-faint)',
} as const;

/** Series colours in the order the multi-series charts take them (vermillion first, as the gradient chart does). */
export const SERIES_CYCLE = [
  SERIES_COLORS.vermillion,
  SERIES_COLORS.blue,
  SERIES_COLORS.green,
  SERIES_COLORS.purple,
  SERIES_COLORS.orange,
  SERIES_COLORS.sky,
  SERIES_COLORS.neutral,
  SERIES_COLORS.grey,
];

/** Gate/state name → colour. LSTM: i f g o c h; GRU: r z n h; RNN: a (pre-activation) h. */
export const GATE_COLORS: Record<string, string> = {
  i: SERIES_COLORS.blue,
  f: SERIES_COLORS.vermillion,
  g: SERIES_COLORS.green,
  o: SERIES_COLORS.purple,
  c: SERIES_COLORS.orange,
  h: SERIES_COLORS.neutral,
  r: SERIES_COLORS.sky,
  z: SERIES_COLORS.orange,
  n: SERIES_COLORS.green,
  a: SERIES_COLORS.grey,
};

/** Gate/state name → what the lesson calls it. */
export const GATE_LABELS: Record<string, string> = {
  i: 'input gate i',
  f: 'forget gate f',
  g: 'candidate g (C̃)',
  o: 'output gate o',
  c: 'cell state c',
  h: 'hidden state h',
  r: 'reset gate r',
  z: 'update gate z',
  n: 'candidate n (h̃)',
  a: 'pre-activation a',
};

/** Gates whose values are sigmoids, in [0, 1]: "how open". */
export const UNIT_INTERVAL_GATES = new Set(['i', 'f', 'o', 'r', 'z']);

/** Whether a recorded state can never be negative: a ReLU RNN's h = max(0, a). */
export function isNonNegative(name: string, cell: string): boolean {
  return name === 'h' && cell === 'rnn-relu';
}

/**
 * The colour scale of a gate's heatmap: [0, 1] sequential for sigmoid gates, [0, max] sequential for a
 * non-negative state (a ReLU's h, `nonNegative`), symmetric diverging ±max otherwise.
 */
export function gateColorScale(name: string, maxAbs = 1, nonNegative = false): (value: number) => string {
  if (UNIT_INTERVAL_GATES.has(name)) return scaleSequential(interpolateCividis).domain([0, 1]).clamp(true);
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  // the positive half of the diverging scale below: 0 is the same white, max the same red
  if (nonNegative) return scaleSequential((t: number) => interpolateRdBu(0.5 - t / 2)).domain([0, m]).clamp(true);
  // RdBu runs red → blue; reversed so that negative is blue and positive is red.
  return scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-m, 0, m]).clamp(true);
}

/** Where the trajectory's viridis starts: its darkest purples (below ~0.25) vanish on the dark theme's panel. */
const TRAJECTORY_START = 0.25;

/** The colour of a point along a path, `fraction` 0 (first step) to 1 (last): viridis from TRAJECTORY_START on. */
export function trajectoryColor(fraction: number): string {
  return interpolateViridis(TRAJECTORY_START + (1 - TRAJECTORY_START) * Math.min(1, Math.max(0, fraction)));
}

/**
 * Text on a colour-scale cell, in either theme: black or white. On any colour one of the two has at least
 * √21 ≈ 4.58:1 (their two ratios multiply to 21), so inkOn always passes WCAG's 4.5:1; a softer dark ink
 * (#1d2430) does not on cividis's middle grey.
 */
export const INK_ON_LIGHT = '#000000';
export const INK_ON_DARK = '#ffffff';

/** WCAG relative luminance of an sRGB colour (0 black … 1 white); NaN for a colour d3 cannot read. */
export function relativeLuminance(cssColor: string): number {
  const rgb = parseColor(cssColor)?.rgb();
  if (!rgb) return NaN;
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(rgb.r / 255) + 0.7152 * linear(rgb.g / 255) + 0.0722 * linear(rgb.b / 255);
}

/** WCAG contrast ratio of two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The ink (INK_ON_LIGHT or INK_ON_DARK) with the higher contrast on a cell of this background colour. */
export function inkOn(background: string): string {
  return contrastRatio(INK_ON_LIGHT, background) >= contrastRatio(INK_ON_DARK, background) ? INK_ON_LIGHT : INK_ON_DARK;
}

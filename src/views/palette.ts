/**
 * One colour per gate and state, the same in every view (Okabe–Ito, colour-blind safe), and the colour scales
 * of the heatmaps: sequential for gates that live in [0, 1] and for a ReLU's h (never negative), diverging around 0
 * for signed quantities.
 */
import { interpolateCividis, interpolateRdBu, scaleDiverging, scaleSequential } from 'd3';

/** Gate/state name → colour. LSTM: i f g o c h; GRU: r z n h; RNN: a (pre-activation) h. */
export const GATE_COLORS: Record<string, string> = {
  i: '#0072B2',
  f: '#D55E00',
  g: '#009E73',
  o: '#CC79A7',
  c: '#E69F00',
  h: '#333333',
  r: '#56B4E9',
  z: '#E69F00',
  n: '#009E73',
  a: '#7F7F7F',
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

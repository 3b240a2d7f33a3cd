/**
 * What the memory-horizon view says, and the numbers it stakes: worker/horizon.test.ts trains the plan in Node
 * (seed 1, 300 steps a run) and asserts each of HORIZON_CLAIMS, so the text below cannot drift from the curve.
 */
import { HORIZON_STEPS } from '../../shared/horizon';

/** The thresholds the text states, as fractions (accuracy) and orders of magnitude. */
export const HORIZON_CLAIMS = {
  /** The tanh RNN remembers the shortest lag: over 90%. */
  tanhShortAbove: 0.9,
  /** … and is near chance at lags 20 and 40: under 40%. */
  tanhLongBelow: 0.4,
  /** The LSTM and GRU: over 90% at every lag. */
  gatedAbove: 0.9,
  /** Before training every cell's ‖∂L/∂h_t‖ falls by more than this many orders from t = 41 to t = 1. */
  ordersBefore: 7,
} as const;

/** The view's lead: what is measured, on what, and how long it takes. */
export const HORIZON_INTRO = `Twelve small runs of the remember task, one seed: the tanh RNN, the LSTM and the GRU, each trained ${HORIZON_STEPS} steps at lag 5, 10, 20 and 40, then scored on 256 held-out sequences at that lag. They run in their own worker on WASM; your live model is not touched.`;

/** What to look for once the curve is in (each sentence asserted by worker/horizon.test.ts on this seed). */
export const HORIZON_READING = [
  'On this seed the tanh RNN remembers over 90% at lag 5 but is near chance (under 40%) from lag 20 on; the LSTM and GRU stay above 90% at every lag.',
  'Before training, every cell’s ‖∂L/∂h_t‖ falls by more than 7 orders of magnitude from t = 41 back to t = 1: all three start with a vanishing gradient. Training also shows them shorter lags (blank steps first), where the gradient has less far to go; after training the GRU’s stays within one order of magnitude across all 41 steps.',
  'The LSTM keeps its memory in the cell state c, so its ‖∂L/∂h_t‖ tells only part of its story.',
];

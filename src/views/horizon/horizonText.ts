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
  /** After training the tanh RNN's ‖∂L/∂h_t‖ at lag 40 varies by less than this many orders over the 41 steps … */
  tanhAfterOrders: 2,
  /** … and lies above the LSTM's and the GRU's at every step, while its accuracy at lag 40 stays under tanhLongBelow. */
} as const;

/** The view's lead: what is measured, on what, and how long it takes. */
export const HORIZON_INTRO = `Twelve small runs of the remember task, one seed: the tanh RNN, the LSTM and the GRU, each trained ${HORIZON_STEPS} steps at lag 5, 10, 20 and 40, then scored on 256 held-out sequences at that lag. They run in their own worker on WASM; your live model is not touched.`;

/** What to look for once the curve is in (each sentence asserted by worker/horizon.test.ts on this seed). */
export const HORIZON_READING = [
  'On this seed the tanh RNN remembers over 90% at lag 5 but is near chance (under 40%) from lag 20 on; the LSTM and GRU stay above 90% at every lag.',
  'Before training, every cell’s ‖∂L/∂h_t‖ falls by more than 7 orders of magnitude from t = 41 back to t = 1: all three start with a vanishing gradient. The training sequences are not all at the full lag: most are shorter, padded with blank steps at the start so the marked symbol sits anywhere from 1 to 40 steps before the end, and on those the gradient has less far to travel. After training the GRU’s ‖∂L/∂h_t‖ stays within one order of magnitude across all 41 steps.',
  'A gradient that does not vanish is necessary, not sufficient. After training the tanh RNN’s ‖∂L/∂h_t‖ at lag 40 is the highest line, above the LSTM’s and the GRU’s at every step, and varies by less than two orders of magnitude across the 41 steps, yet its accuracy at lag 40 is near chance (under 40%). What matters is the part of the gradient that comes from the marked symbol, not the total: the Connectivity view shows how much each output moves with each input step.',
  'The LSTM keeps its memory in the cell state c, so its ‖∂L/∂h_t‖ tells only part of its story.',
];

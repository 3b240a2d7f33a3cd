/**
 * Divergence: when the loss or the gradient becomes NaN or ±∞, or the loss jumps past a bound, training stops
 * at that step and says which quantity blew up. (The checkpoints a rewind goes back to: checkpointRing.ts.)
 */
import type { Divergence } from '../shared/protocol';

/** The default bound on the loss: this many times the first step's loss (and at least LOSS_BOUND_FLOOR). */
export const LOSS_JUMP_FACTOR = 1e4;
/** The loss bound's floor in absolute terms, whatever the first step's loss. */
export const LOSS_BOUND_FLOOR = 1e3;

/** The loss bound for a run whose first loss was `initialLoss`. */
export function lossBound(initialLoss: number): number {
  return Math.max(LOSS_BOUND_FLOOR, Number.isFinite(initialLoss) ? LOSS_JUMP_FACTOR * Math.abs(initialLoss) : 0);
}

function spell(value: number): string {
  return Number.isNaN(value) ? 'became NaN' : value > 0 ? 'became +∞' : 'became −∞';
}

/** Checks one step's numbers; returns what diverged, or undefined when all is finite and in bounds. */
export function checkDivergence(step: number, loss: number, gradNorm: number, bound: number): Divergence | undefined {
  let quantity: Divergence['quantity'] | undefined;
  let value = NaN;
  let how = '';
  if (!Number.isFinite(gradNorm)) {
    quantity = 'gradient norm';
    value = gradNorm;
    how = spell(gradNorm);
  } else if (!Number.isFinite(loss)) {
    quantity = 'loss';
    value = loss;
    how = spell(loss);
  } else if (loss > bound) {
    quantity = 'loss';
    value = loss;
    how = `jumped past ${bound.toExponential(0)} (it is ${loss.toExponential(2)})`;
  }
  if (!quantity) return undefined;
  return { step, quantity, value, how, message: `Diverged at step ${step}: the ${quantity} ${how}.` };
}

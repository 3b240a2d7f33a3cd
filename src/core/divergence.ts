/**
 * Divergence: when the loss or the gradient becomes NaN or ±∞, or the loss jumps past a bound, training stops
 * at that step and says which quantity blew up. Checkpoints of recent finite states allow a rewind.
 */
import type { Divergence } from '../shared/protocol';

/** The default bound on the loss: this many times the first step's loss (and at least this much in absolute terms). */
export const LOSS_JUMP_FACTOR = 1e4;
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

/**
 * The last few checkpoints, oldest first. Each holds resources (tensors) that `release` frees when the
 * checkpoint falls out of the ring or is dropped.
 */
export class CheckpointRing<T> {
  private readonly items: Array<{ step: number; value: T }> = [];

  constructor(
    readonly capacity: number,
    private readonly release: (value: T) => void,
  ) {
    if (capacity < 1) throw new Error('capacity must be ≥ 1');
  }

  /** Adds a checkpoint; the oldest is released when the ring is full. Steps must increase. */
  push(step: number, value: T): void {
    const last = this.items.at(-1);
    if (last && step <= last.step) throw new Error(`checkpoint steps must increase (${step} after ${last.step})`);
    this.items.push({ step, value });
    while (this.items.length > this.capacity) this.release(this.items.shift()!.value);
  }

  /** The newest checkpoint. */
  latest(): { step: number; value: T } | undefined {
    return this.items.at(-1);
  }

  /** Steps held, oldest first. */
  steps(): number[] {
    return this.items.map((item) => item.step);
  }

  /** Releases and drops every checkpoint after `step`. */
  dropAfter(step: number): void {
    while (this.items.length && this.items[this.items.length - 1].step > step) this.release(this.items.pop()!.value);
  }

  /** Releases everything. */
  clear(): void {
    for (const item of this.items) this.release(item.value);
    this.items.length = 0;
  }
}

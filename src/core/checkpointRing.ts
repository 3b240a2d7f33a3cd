/**
 * The last few checkpoints of a run, for a rewind after a divergence (divergence.ts): a fixed-size ring that
 * frees what each checkpoint holds (tensors) when it falls out.
 */

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

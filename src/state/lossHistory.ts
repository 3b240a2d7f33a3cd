/**
 * The loss over a whole run in bounded memory: points are appended until the buffer is full, then every
 * other point is dropped and the stride doubles, so a long run keeps its whole shape at coarser resolution.
 */
export class LossHistory {
  readonly steps: Float64Array;
  readonly losses: Float32Array;
  length = 0;
  /** One point is kept every `stride` steps. */
  stride = 1;
  /** Step of the first point ever appended; kept points are origin + k·stride. */
  private origin: number | undefined;

  constructor(readonly capacity = 2048) {
    if (capacity < 2 || capacity % 2) throw new Error('capacity must be even and ≥ 2');
    this.steps = new Float64Array(capacity);
    this.losses = new Float32Array(capacity);
  }

  /** Adds the losses of consecutive steps starting at `firstStep`. */
  append(firstStep: number, losses: ArrayLike<number>): void {
    this.origin ??= firstStep;
    for (let k = 0; k < losses.length; k++) {
      if ((firstStep + k - this.origin) % this.stride !== 0) continue;
      if (this.length === this.capacity) {
        this.halve();
        if ((firstStep + k - this.origin) % this.stride !== 0) continue;
      }
      this.steps[this.length] = firstStep + k;
      this.losses[this.length] = losses[k];
      this.length++;
    }
  }

  /** Empties the history. */
  clear(): void {
    this.length = 0;
    this.stride = 1;
    this.origin = undefined;
  }

  /** The kept points as [step, loss] pairs. */
  points(): Array<[number, number]> {
    return Array.from({ length: this.length }, (_, k) => [this.steps[k], this.losses[k]]);
  }

  private halve(): void {
    const half = this.capacity / 2;
    for (let k = 0; k < half; k++) {
      this.steps[k] = this.steps[2 * k];
      this.losses[k] = this.losses[2 * k];
    }
    this.length = half;
    this.stride *= 2;
  }
}

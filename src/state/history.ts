/**
 * Training histories in bounded memory. Both halve their resolution when full, so a long run keeps its whole
 * shape at a coarser grain instead of forgetting its start.
 */

/**
 * Per-step scalars (loss, gradient norms …) over consecutive steps, several channels side by side. Points are
 * kept every `stride` steps; when the buffer is full every other point goes and the stride doubles.
 */
export class StepHistory {
  readonly steps: Float64Array;
  readonly values: Float32Array[];
  length = 0;
  /** One point is kept every `stride` steps. */
  stride = 1;
  /** Step of the first point ever appended; kept points are origin + k·stride. */
  private origin: number | undefined;

  constructor(
    readonly channels = 1,
    readonly capacity = 2048,
  ) {
    if (capacity < 2 || capacity % 2) throw new Error('capacity must be even and ≥ 2');
    this.steps = new Float64Array(capacity);
    this.values = Array.from({ length: channels }, () => new Float32Array(capacity));
  }

  /** Adds consecutive steps starting at `firstStep`; one array per channel, all the same length. */
  append(firstStep: number, ...channels: ArrayLike<number>[]): void {
    if (channels.length !== this.channels) throw new Error(`expected ${this.channels} channels, got ${channels.length}`);
    this.origin ??= firstStep;
    const count = channels[0].length;
    for (let k = 0; k < count; k++) {
      if ((firstStep + k - this.origin) % this.stride !== 0) continue;
      if (this.length === this.capacity) {
        this.halve();
        if ((firstStep + k - this.origin) % this.stride !== 0) continue;
      }
      this.steps[this.length] = firstStep + k;
      for (let c = 0; c < this.channels; c++) this.values[c][this.length] = channels[c][k];
      this.length++;
    }
  }

  /** Empties the history. */
  clear(): void {
    this.length = 0;
    this.stride = 1;
    this.origin = undefined;
  }

  /** Forgets every point after `step` (a rewind); later appends continue from there. */
  truncate(step: number): void {
    while (this.length > 0 && this.steps[this.length - 1] > step) this.length--;
    if (this.length === 0) this.origin = undefined;
  }

  /** The kept points of one channel as [step, value] pairs. */
  points(channel = 0): Array<[number, number]> {
    return Array.from({ length: this.length }, (_, k) => [this.steps[k], this.values[channel][k]]);
  }

  /** The kept points as plain arrays, to save them. */
  serialize(): SerializedStepHistory {
    return {
      steps: this.steps.slice(0, this.length),
      values: this.values.map((v) => v.slice(0, this.length)),
      stride: this.stride,
      origin: this.origin ?? null,
    };
  }

  /** Replaces the contents with saved ones (same channel count; extra points beyond capacity are dropped). */
  load(saved: SerializedStepHistory): void {
    if (saved.values.length !== this.channels) throw new Error(`saved history has ${saved.values.length} channels, expected ${this.channels}`);
    this.length = Math.min(this.capacity, saved.steps.length);
    this.steps.set(saved.steps.subarray(0, this.length));
    saved.values.forEach((v, c) => this.values[c].set(v.subarray(0, this.length)));
    this.stride = saved.stride;
    this.origin = saved.origin ?? undefined;
  }

  private halve(): void {
    const half = this.capacity / 2;
    for (let k = 0; k < half; k++) {
      this.steps[k] = this.steps[2 * k];
      for (const v of this.values) v[k] = v[2 * k];
    }
    this.length = half;
    this.stride *= 2;
  }
}

/** A StepHistory as plain arrays. */
export interface SerializedStepHistory {
  steps: Float64Array;
  values: Float32Array[];
  stride: number;
  origin: number | null;
}

/**
 * Samples taken now and then (held-out metrics, singular values, gradient-norm profiles): each a step and an
 * array. When full, every other sample is dropped, oldest first in pairs, so the whole run stays covered.
 */
export class SampledHistory {
  readonly samples: Array<{ step: number; values: Float32Array }> = [];

  constructor(readonly capacity = 512) {
    if (capacity < 2) throw new Error('capacity must be ≥ 2');
  }

  /** Adds a sample (the array is kept, not copied). A sample for a step already present replaces it. */
  push(step: number, values: Float32Array): void {
    const last = this.samples.at(-1);
    if (last && last.step === step) {
      last.values = values;
      return;
    }
    if (last && step < last.step) throw new Error(`samples must come in step order (${step} after ${last.step})`);
    if (this.samples.length === this.capacity) {
      // keep every other sample, and always the newest
      const kept = this.samples.filter((_, k) => k % 2 === 0);
      this.samples.length = 0;
      this.samples.push(...kept);
    }
    this.samples.push({ step, values });
  }

  /** Empties the history. */
  clear(): void {
    this.samples.length = 0;
  }

  /** Forgets every sample after `step` (a rewind). */
  truncate(step: number): void {
    while (this.samples.length && this.samples[this.samples.length - 1].step > step) this.samples.pop();
  }
}

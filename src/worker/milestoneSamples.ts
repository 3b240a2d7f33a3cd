/**
 * A run's milestone samples: when training reaches one of its task's sample steps, the model writes a short
 * text from the plan's seed with the task's "try it" (seeded by the seed and options, so reproducible), and the
 * sample waits for the next frame. Each milestone is written once per pass over it: pausing and resuming writes
 * nothing again; a rewind forgets the samples written after the step it went back to, so they are written anew.
 */
import type { ArrayBatch } from '../core/trainingTask';
import type { SamplePlan } from '../shared/milestoneSamples';
import type { MilestoneSample } from '../shared/protocol';
import type { TryIt } from '../tasks/task';

/** Evaluates a batch with the model at its current step (the trainer's predict). */
export type Predict = (batch: ArrayBatch) => Promise<Float32Array>;

/** Writes one sample with the model as it is now, from the plan's seed; undefined when the task refuses the seed. */
export async function writeSample(plan: SamplePlan, tryIt: Pick<TryIt, 'run'>, predict: Predict, step: number): Promise<MilestoneSample | undefined> {
  const output = await tryIt.run(plan.seed, { temperature: plan.temperature, length: plan.length }, predict);
  if (output.error || output.text === undefined) return undefined;
  // "try it" returns the seed and its continuation; a sample carries the continuation only
  const text = output.text.startsWith(plan.seed) ? output.text.slice(plan.seed.length) : output.text;
  return { step, seed: plan.seed, temperature: plan.temperature, text };
}

/** The milestone samples of one run: which were written, and which still wait for a frame. */
export class MilestoneSamples {
  /** Milestones written (or tried: a seed the task refused is not tried again at the same step). */
  private readonly written = new Set<number>();
  /** Written samples no frame has carried yet, oldest first (a slow page may let two pile up). */
  private waiting: MilestoneSample[] = [];

  /** The samples of a run that writes by `plan` with `tryIt`; with neither, it never writes. */
  constructor(
    private readonly plan: SamplePlan | undefined,
    private readonly tryIt: Pick<TryIt, 'run'> | undefined,
  ) {}

  /** Whether the model at `step` should write a sample now: a milestone not yet written in this pass. */
  due(step: number): boolean {
    return !!this.plan && !!this.tryIt && this.plan.steps.includes(step) && !this.written.has(step);
  }

  /**
   * Writes the sample of `step` with `predict` when it is due. A failure (the model was disposed meanwhile, the
   * seed refused) writes none and is not retried at that step.
   */
  async reach(step: number, predict: Predict): Promise<void> {
    if (!this.due(step)) return;
    this.written.add(step);
    try {
      const sample = await writeSample(this.plan!, this.tryIt!, predict, step);
      if (sample) this.waiting.push(sample);
    } catch {
      // the run was closed under the sample (its trainer disposed): there is nobody left to show it to
    }
  }

  /** The oldest sample not yet carried by a frame, now taken for one. */
  take(): MilestoneSample | undefined {
    return this.waiting.shift();
  }

  /** Forgets every sample, written or waiting (the run now holds another model's state). */
  clear(): void {
    this.forgetAfter(-Infinity);
  }

  /** Forgets what was written after `step` (a rewind, a loaded state): those milestones will be written again. */
  forgetAfter(step: number): void {
    for (const written of this.written) if (written > step) this.written.delete(written);
    this.waiting = this.waiting.filter((sample) => sample.step <= step);
  }
}

/**
 * The warm-up of each new model: on WebGL the first step compiles every shader it needs (2.9 s in software
 * rendering with layers op by op), so a throwaway copy takes one step while the learner is still reading the page.
 */
import type { ExecutionPlan } from '../core/kernels/executionPlan';
import type { Trainer } from '../core/trainer';
import type { RunState } from '../shared/protocol';

/** How long after the page's first frame of a new model its warm-up starts (the page renders that frame first). */
export const WARM_UP_DELAY_MS = 300;

/** How the service warms up new models (tests replace both). */
export interface WarmUpOptions {
  /** Whether each new model gets one throwaway step (by default on WebGL only: see warmUpOnWebgl). */
  shouldWarmUp?: () => boolean;
  /** Called after each warm-up that ran to its end. */
  onWarmedUp?: () => void;
}

/** The default: warm up when the plan init chose runs on WebGL (no plan yet: no warm-up). */
export function warmUpOnWebgl(plan: ExecutionPlan | undefined): boolean {
  return plan?.backend === 'webgl';
}

/** A throwaway model of a run's shape: what a warm-up trains. */
export type ScratchModel = Pick<Trainer, 'trainStep' | 'evaluate' | 'dispose'>;

/** What ModelWarmUp needs from the service. */
export interface WarmUpParts<Run> {
  /** Whether a new model gets a warm-up. */
  shouldWarmUp: () => boolean;
  /** Called after each warm-up that ran to its end. */
  onWarmedUp?: () => void;
  /** A throwaway model of the same shape as `run`'s (the service builds it, by its plan). */
  scratchFor: (run: Run) => ScratchModel;
  /** The run the service holds now. */
  currentRun: () => Run | undefined;
  /** Queues the warm-up among the service's commands, so that none interleaves with it. */
  enqueue: (command: () => Promise<void>) => void;
}

/**
 * Warms up each new model: one training step of a throwaway model of the same shape (gates recorded too), then
 * a prediction, so that the backend compiles its programs now rather than on the learner's first step. Queued
 * shortly after the first refresh that follows a configure (the page has its first frame and shows "ready"),
 * unless the run has started or been replaced by then. It cannot be interrupted mid-step: a Train or a rebuild
 * asked for during it waits for it (the compiling it saves the first step). The run's weights and random
 * streams are not touched.
 */
export class ModelWarmUp<Run extends { readonly state: RunState }> {
  /** The run whose model still waits for its warm-up, due after the page's next refresh. */
  private pending: Run | undefined;

  /** Warm-ups as `parts` decide and build them. */
  constructor(private readonly parts: WarmUpParts<Run>) {}

  /** A new run: its model is warmed up after the next refresh, if shouldWarmUp says so. */
  newRun(run: Run): void {
    this.pending = this.parts.shouldWarmUp() ? run : undefined;
  }

  /** After a refresh: queues the pending warm-up, WARM_UP_DELAY_MS later, if its run is still the current one. */
  afterRefresh(): void {
    const run = this.pending;
    this.pending = undefined;
    if (run && run === this.parts.currentRun()) setTimeout(() => this.parts.enqueue(() => this.warmUp(run)), WARM_UP_DELAY_MS);
  }

  private async warmUp(run: Run): Promise<void> {
    const isCurrent = (): boolean => run === this.parts.currentRun();
    if (!isCurrent() || run.state !== 'idle') return;
    const scratch = this.parts.scratchFor(run);
    try {
      await scratch.trainStep(true);
      // a rebuild asked for meanwhile waits for no more than this one step
      if (!isCurrent()) return;
      await scratch.evaluate();
      this.parts.onWarmedUp?.();
    } catch {
      // a warm-up that fails costs nothing: the real first step will report any real problem
    } finally {
      scratch.dispose();
    }
  }
}

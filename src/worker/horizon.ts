/**
 * Measures the memory-horizon curve (shared/horizon.ts) through the core: for each lag and cell, trains the
 * remember task from the plan's seed, reads the held-out accuracy, and at the longest lag ‖∂L/∂h_t‖ on the
 * held-out sequences themselves (full lag, no blank steps), before training and after, so the profiles compare
 * like with like. The worker
 * (horizon.worker.ts) and the Node test (horizon.test.ts) both run this.
 */
import type { ExecutionPlan } from '../core/kernels/executionPlan';
import { Trainer } from '../core/trainer';
import type { ArrayBatch } from '../core/trainingTask';
import { HORIZON_LAGS, HORIZON_STEPS, horizonConfig, horizonRuns, type HorizonPoint, type HorizonRun } from '../shared/horizon';
import { TASKS } from '../tasks/registry';
import type { Task } from '../tasks/task';

/** What the measurement reports as it goes. */
export interface HorizonHooks {
  /** Every few steps of a run. */
  progress?(run: HorizonRun, step: number, stepsPerSecond: number): void;
  /** Each measured point. */
  point?(point: HorizonPoint): void;
  /** Lets the event loop breathe (the worker yields to its messages); default: nothing. */
  pause?(): Promise<void>;
  plan?: ExecutionPlan;
  /** Train this many steps instead of HORIZON_STEPS (tests of the plumbing only). */
  steps?: number;
}

const PROGRESS_EVERY = 25;

/** ‖∂L/∂h_t‖ over t on `batch`: one backward pass of the trained weights on it (the update it makes is thrown away). */
async function profileOn(trainer: Trainer<Task>, batch: ArrayBatch, plan?: ExecutionPlan): Promise<number[]> {
  const task: Task = { ...trainer.task, trainBatch: () => batch };
  const probe = new Trainer(trainer.config, task, await trainer.weights(), { plan });
  try {
    return Array.from((await probe.trainStep(false)).hiddenGradNorms);
  } finally {
    probe.dispose();
  }
}

/** Trains one run of the plan and measures its point. */
export async function measureRun(run: HorizonRun, hooks: HorizonHooks = {}): Promise<HorizonPoint> {
  const config = horizonConfig(run);
  const trainer = new Trainer(config, TASKS.memory(config, {}), undefined, { plan: hooks.plan });
  const steps = hooks.steps ?? HORIZON_STEPS;
  const longest = run.lag === HORIZON_LAGS[HORIZON_LAGS.length - 1];
  try {
    const profileBefore = longest ? await profileOn(trainer, trainer.task.heldOut, hooks.plan) : undefined;
    const started = performance.now();
    for (let step = 1; step <= steps; step++) {
      await trainer.trainStep(false);
      if (step % PROGRESS_EVERY === 0 || step === steps) {
        hooks.progress?.(run, step, (step * 1000) / (performance.now() - started));
        await hooks.pause?.();
      }
    }
    const stepsPerSecond = (steps * 1000) / (performance.now() - started);
    const { accuracy } = await trainer.evaluate();
    const profile = longest ? await profileOn(trainer, trainer.task.heldOut, hooks.plan) : undefined;
    return { ...run, accuracy, stepsPerSecond, profileBefore, profile };
  } finally {
    trainer.dispose();
  }
}

/** Measures every run of the plan in order, reporting each point as it lands. */
export async function measureHorizon(hooks: HorizonHooks = {}): Promise<HorizonPoint[]> {
  const points: HorizonPoint[] = [];
  for (const run of horizonRuns()) {
    const point = await measureRun(run, hooks);
    points.push(point);
    hooks.point?.(point);
  }
  return points;
}

/**
 * For tests of what the app's texts claim (presets, lessons): trains a config through the core in Node, as the
 * page's worker does, and returns what a learner would read off the screen. The losses and gradient norms of
 * every step; ‖∂L/∂h_t‖ and the held-out metrics at the steps asked for; and the divergence, found by the same
 * check and bound as the worker's (core/divergence.ts), where training stops as it does on the page.
 *
 * It runs on whatever tfjs backend is active: vitest's setup (setupTf.ts) makes that WASM, or the CPU with
 * UNROLLED_TEST_BACKEND=cpu. A claim should hold on both. Example:
 *
 *   const run = await runClaims(presetConfig('remember', { cell: 'lstm' }), { steps: 400, evaluateAt: [400] });
 *   expect(run.heldOut[400].accuracy).toBeGreaterThan(0.9);
 */
import { checkDivergence, lossBound } from '../core/divergence';
import { Trainer } from '../core/trainer';
import { readDataFile } from '../cli/dataFiles';
import { startingConfig, type TrainConfig } from '../shared/config';
import { PRESETS } from '../shared/presets';
import type { Divergence } from '../shared/protocol';
import { TASKS, loadTaskData } from '../tasks/registry';

/** What to run and what to record besides every step's losses and gradient norms. */
export interface ClaimRunOptions {
  /** Training steps at most (fewer when the run diverges). */
  steps: number;
  /** Steps after which to keep ‖∂L/∂h_t‖ (1 is the first step); a step the run does not reach is left out. */
  hiddenGradNormsAt?: readonly number[];
  /** Steps after which to evaluate the held-out set (0: before training). */
  evaluateAt?: readonly number[];
  /** Go on training after a divergence, as if the page had no check (default false: stop, as the page does). */
  ignoreDivergence?: boolean;
}

/** A run's record, indexed by step where a step is named (step k is the k-th trainStep, from 1). */
export interface ClaimRun {
  config: TrainConfig;
  /** Steps trained (the divergent step included). */
  stepsRun: number;
  /** Loss of step k at index k − 1 (on that step's training batch, before its update). */
  losses: number[];
  /** Global gradient norm of step k before clipping, at index k − 1. */
  gradNormsBefore: number[];
  /** … and after clipping (equal to the above when clipping is off or did not bite). */
  gradNormsAfter: number[];
  /** ‖∂L/∂h_t‖ at the asked steps: one array per layer·direction, over t = 1…T. */
  hiddenGradNorms: Record<number, number[][]>;
  /** The task's held-out metrics (accuracy, mse, …) at the asked steps. */
  heldOut: Record<number, Record<string, number>>;
  /** What blew up and where (the page's banner shows `divergence.message`); undefined when nothing did. */
  divergence?: Divergence;
}

/** A preset's config as the page builds it (its task's defaults, then its settings), with `changes` on top. */
export function presetConfig(name: string, changes: Partial<TrainConfig> = {}): TrainConfig {
  const preset = PRESETS[name];
  if (!preset) throw new Error(`Unknown preset "${name}"`);
  return { ...startingConfig({}, preset.settings), ...changes };
}

/** Trains `config` for up to `options.steps` steps and records what the claims are about. */
export async function runClaims(config: TrainConfig, options: ClaimRunOptions): Promise<ClaimRun> {
  const task = TASKS[config.task](config, await loadTaskData(config.task, readDataFile));
  const trainer = new Trainer(config, task);
  const gradientSteps = new Set(options.hiddenGradNormsAt ?? []);
  const evaluateSteps = new Set(options.evaluateAt ?? []);
  const run: ClaimRun = { config, stepsRun: 0, losses: [], gradNormsBefore: [], gradNormsAfter: [], hiddenGradNorms: {}, heldOut: {} };
  try {
    if (evaluateSteps.has(0)) run.heldOut[0] = await trainer.evaluate();
    let bound = Infinity;
    for (let k = 1; k <= options.steps; k++) {
      const stats = await trainer.trainStep(false);
      run.stepsRun = k;
      run.losses.push(stats.loss);
      run.gradNormsBefore.push(stats.gradNormBefore);
      run.gradNormsAfter.push(stats.gradNormAfter);
      if (gradientSteps.has(k)) run.hiddenGradNorms[k] = rows(stats.hiddenGradNorms, trainer.layerDirs);
      if (k === 1) bound = lossBound(stats.loss);
      const divergence = run.divergence ?? checkDivergence(k, stats.loss, stats.gradNormBefore, bound);
      if (divergence) {
        run.divergence = divergence;
        if (!options.ignoreDivergence) break;
      }
      if (evaluateSteps.has(k)) run.heldOut[k] = await trainer.evaluate();
    }
  } finally {
    trainer.dispose();
  }
  return run;
}

/** Splits a (rows, T) row-major array into its rows. */
function rows(values: Float32Array, count: number): number[][] {
  const width = values.length / count;
  return Array.from({ length: count }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));
}

/**
 * How many orders of magnitude a ‖∂L/∂h_t‖ profile (t = 1…T) falls from its last step back to its first:
 * log₁₀(‖∂L/∂h_T‖ / ‖∂L/∂h_1‖). 40 means the first step gets 10⁻⁴⁰ of the last step's gradient; negative when it grows.
 */
export function ordersOfFall(profile: readonly number[]): number {
  return Math.log10(profile[profile.length - 1] / profile[0]);
}

/** The steps from `first` to `last` in strides of `every` (evaluateAt: [50, 100, …, 1000]). */
export function stepsFrom(first: number, last: number, every = 1): number[] {
  return Array.from({ length: Math.floor((last - first) / every) + 1 }, (_, i) => first + i * every);
}

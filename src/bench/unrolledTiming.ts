/**
 * Unrolled's side of the benchmark, shared by Node (scripts/bench.ts) and the browser bench worker: steps/s of
 * the instrumented training step on the active backend, as the app runs it, then with the gates recorded, then
 * op by op (the same plan with fused layers off).
 */
import { defaultConfig, type TrainConfig } from '../shared/config';
import type { ExecutionPlan } from '../core/kernels/executionPlan';
import { Trainer } from '../core/trainer';
import { sineTask } from '../tasks/sine';
import { BENCH_BATCH_SIZE, BENCH_LEARNING_RATE, BENCH_SEQUENCE_LENGTH, type LayersCell } from './layersBaseline';
import { timeLoop } from './measure';

/** Warm-up steps before each timing (the first steps compile, allocate and build optimizer slots). */
export const WARMUP_STEPS = 3;

/** The benchmark's configuration of Unrolled: one layer, batch 32, sequence 30, Adam, on the sine task. */
export function benchConfig(cell: LayersCell, hiddenSize: number): TrainConfig {
  return {
    ...defaultConfig(),
    cell,
    hiddenSize,
    numLayers: 1,
    batchSize: BENCH_BATCH_SIZE,
    sequenceLength: BENCH_SEQUENCE_LENGTH,
    optimizer: 'adam',
    learningRate: BENCH_LEARNING_RATE,
  };
}

/** What to time besides the plain step. */
export interface UnrolledTimingOptions {
  /** Also time the step op by op (default true). */
  ops?: boolean;
  /** The backend's execution plan (the browser bench passes its backend chooser's); when absent, the Trainer's default. */
  plan?: ExecutionPlan;
}

/**
 * Steps/s of fresh trainers on the active backend: plain and with the gates recorded (one trainer, by the plan),
 * and op by op (another, by the same plan with fusedLayers off; `ops: false` skips it).
 */
export async function unrolledStepsPerSecond(cell: LayersCell, hidden: number, seconds: number, options: UnrolledTimingOptions = {}): Promise<{ plain: number; gates: number; ops: number }> {
  const config = benchConfig(cell, hidden);
  const time = async (trainerPlan: ExecutionPlan | undefined, record: boolean[]) => {
    const trainer = new Trainer(config, sineTask(config), undefined, { plan: trainerPlan });
    try {
      const rates: number[] = [];
      for (const gates of record) rates.push((await timeLoop(() => trainer.trainStep(gates), WARMUP_STEPS, seconds)).stepsPerSecond);
      return { rates, plan: trainer.plan };
    } finally {
      trainer.dispose();
    }
  };
  // the op-by-op trainer runs by the plan the first one ran by (the Trainer's default when none was passed)
  const fused = await time(options.plan, [false, true]);
  const [plain, gates] = fused.rates;
  const [ops] = options.ops === false ? [NaN] : (await time({ ...fused.plan, fusedLayers: false }, [false])).rates;
  return { plain, gates, ops };
}

/**
 * Unrolled's side of the benchmark, shared by Node (scripts/bench.ts) and the browser bench worker: steps/s of
 * the instrumented training step on the active backend, as the app runs it, then with the gates recorded, then
 * op by op (the fused layer off).
 */
import { defaultConfig, type TrainConfig } from '../shared/config';
import { setFusedRecurrence } from '../core/network';
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

/** Steps/s of one fresh trainer: plain, with the gates recorded, and op by op (`ops: false` skips that one). */
export async function unrolledStepsPerSecond(cell: LayersCell, hidden: number, seconds: number, options: { ops?: boolean } = {}): Promise<{ plain: number; gates: number; ops: number }> {
  const config = benchConfig(cell, hidden);
  const trainer = new Trainer(config, sineTask(config));
  try {
    const plain = await timeLoop(() => trainer.trainStep(false), WARMUP_STEPS, seconds);
    const gates = await timeLoop(() => trainer.trainStep(true), WARMUP_STEPS, seconds);
    let ops = NaN;
    if (options.ops !== false) {
      setFusedRecurrence('off');
      ops = (await timeLoop(() => trainer.trainStep(false), WARMUP_STEPS, seconds)).stepsPerSecond;
    }
    return { plain: plain.stepsPerSecond, gates: gates.stepsPerSecond, ops };
  } finally {
    setFusedRecurrence('auto');
    trainer.dispose();
  }
}

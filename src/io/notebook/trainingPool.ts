/**
 * Training examples for the notebook's training loop, drawn from the task exactly as the app draws its batches
 * (task.trainBatch with a seeded generator), so that PyTorch goes on training on the same kind of data. Targets
 * that are one-hot become class ids (what torch's cross_entropy reads); regression targets stay values.
 */
import { Rng } from '../../core/rng';
import type { TrainingTask } from '../../core/trainingTask';

/** A pool of training examples: inputs and targets as flat arrays with their shapes. */
export interface TrainingPool {
  inputs: Float32Array | Int32Array;
  inputShape: number[];
  /** Class ids (Int32Array) for classification tasks, values (Float32Array) for regression. */
  targets: Float32Array | Int32Array;
  targetShape: number[];
}

/** About this many numbers in all: the notebook stays a few hundred kB. */
const NUMBER_BUDGET = 60_000;
const MAX_EXAMPLES = 512;

/** Converts one-hot rows of `classes` to ids. */
function classIds(oneHot: ArrayLike<number>, classes: number): Int32Array {
  const rows = oneHot.length / classes;
  const ids = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (oneHot[r * classes + c] > oneHot[r * classes + best]) best = c;
    ids[r] = best;
  }
  return ids;
}

/**
 * Up to MAX_EXAMPLES training examples (at least one batch), drawn with a generator seeded by `seed`.
 * `classification`: the targets are one-hot over their last axis.
 */
export function trainingPool(task: TrainingTask, batchSize: number, seed: number, classification: boolean): TrainingPool {
  const rng = new Rng(seed ^ 0x4e0b);
  const first = task.trainBatch(rng, batchSize);
  // numbers per example as the notebook writes them: a one-hot target is one class id
  const classes = first.targetShape[first.targetShape.length - 1];
  const perExample = (first.input.length + first.target.length / (classification ? classes : 1)) / first.inputShape[0];
  const wanted = Math.max(batchSize, Math.min(MAX_EXAMPLES, Math.floor(NUMBER_BUDGET / perExample)));
  const batches = [first];
  let count = first.inputShape[0];
  while (count < wanted) {
    const next = task.trainBatch(rng, batchSize);
    batches.push(next);
    count += next.inputShape[0];
  }
  const inputs = first.input instanceof Int32Array ? new Int32Array(count * (first.input.length / first.inputShape[0])) : new Float32Array(count * (first.input.length / first.inputShape[0]));
  const rawTargets = new Float32Array(count * (first.target.length / first.inputShape[0]));
  let inputAt = 0;
  let targetAt = 0;
  for (const batch of batches) {
    inputs.set(batch.input, inputAt);
    rawTargets.set(batch.target, targetAt);
    inputAt += batch.input.length;
    targetAt += batch.target.length;
  }
  const inputShape = [count, ...first.inputShape.slice(1)];
  const targetShape = [count, ...first.targetShape.slice(1)];
  if (!classification) return { inputs, inputShape, targets: rawTargets, targetShape };
  return { inputs, inputShape, targets: classIds(rawTargets, classes), targetShape: targetShape.slice(0, -1) };
}

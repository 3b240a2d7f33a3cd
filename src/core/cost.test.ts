/**
 * The cost estimate (shared/cost.ts) against the tasks it sizes and against memory measured while training on
 * WASM. What is measured, per configuration, over one recorded step and one plain step (as the worker takes them):
 *   the peak of tfjs's tensor bytes (tf.memory().numBytes) above where it stood before the Trainer was built, plus
 *   the peak of the process's ArrayBuffer bytes (process.memoryUsage().arrayBuffers: the fused layer's typed
 *   arrays, the optimizer's slots) above the same point,
 * both sampled whenever the fused layer takes an array from its pool and around the loss (so inside the forward and
 * the backward pass). It leaves out what a fresh worker holds before it trains and the worker's checkpoints (the
 * estimate's base and checkpoints), and the SIMD module's memory, a process-wide high-water mark, which is
 * checked on its own. Typed arrays the garbage collector has not yet collected count as used: the measure errs high.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { startingConfig, type TrainConfig } from '../shared/config';
import { GENERATED_REVIEWS_VOCABULARY, MOBY_DICK_VOCABULARY, OWN_TEXT_VOCABULARY, REVIEWS_VOCABULARY, estimateCost, taskSizes } from '../shared/cost';
import { MAX_VOCABULARY as CHAR_MAX_VOCABULARY } from '../tasks/chargenData';
import { TASKS, loadTaskData } from '../tasks/registry';
import { MAX_VOCABULARY as WORD_MAX_VOCABULARY } from '../tasks/sentiment';
import { scratchPool } from './kernels/arrayPool';
import { simdMemoryBytes } from './kernels/matrixKernels';
import { Trainer } from './trainer';

async function taskFor(config: TrainConfig) {
  return TASKS[config.task](config, await loadTaskData(config.task, readDataFile));
}

describe('the cost estimate sizes each task as the task builds it', () => {
  it('input, vocabulary, output and steps, for every task', async () => {
    const configs = [
      startingConfig({ task: 'sine' }),
      startingConfig({ task: 'co2' }, { forecastTarget: 'every' }),
      startingConfig({ task: 'sentiment' }),
      startingConfig({ task: 'sentiment', sentimentSource: 'reviews' }),
      startingConfig({ task: 'chargen' }, { sequenceLength: 40 }),
      startingConfig({ task: 'reverse' }, { reverseDigits: 5 }),
      startingConfig({ task: 'memory' }),
    ];
    for (const config of configs) {
      const task = await taskFor(config);
      const sizes = taskSizes(config);
      const spec = task.modelSpec;
      const batch = task.trainBatch({ int: () => 0, next: () => 0.5, seed: () => 1 } as never, 2);
      expect({ inputSize: sizes.inputSize, vocabSize: sizes.vocabSize, outputSize: sizes.outputSize }, config.task).toEqual({ inputSize: spec.rnn.inputSize, vocabSize: spec.vocabSize, outputSize: spec.outputSize });
      expect(sizes.steps + (sizes.decoderSteps ?? 0), config.task).toBe(batch.inputShape[1]);
      expect(sizes.decoderSteps, config.task).toBe(spec.decoderSteps);
      expect(sizes.headSteps, config.task).toBe(spec.readout === 'last' ? 1 : batch.targetShape[1]);
    }
    expect([OWN_TEXT_VOCABULARY, REVIEWS_VOCABULARY, GENERATED_REVIEWS_VOCABULARY, MOBY_DICK_VOCABULARY]).toEqual([CHAR_MAX_VOCABULARY, WORD_MAX_VOCABULARY, 128, 80]);
  });
});

describe('the memory estimate against memory measured while training on WASM', () => {
  const take = scratchPool.take;
  afterEach(() => {
    scratchPool.take = take;
  });

  /** Peak bytes of tensors and of typed arrays above where they stood, over one recorded and one plain step. */
  async function measure(config: TrainConfig): Promise<{ bytes: number; simdGrowth: number }> {
    const task = await taskFor(config);
    const tensorsBefore = tf.memory().numBytes;
    const arraysBefore = process.memoryUsage().arrayBuffers;
    const simdBefore = simdMemoryBytes();
    let tensors = tensorsBefore;
    let arrays = arraysBefore;
    const sample = () => {
      tensors = Math.max(tensors, tf.memory().numBytes);
      arrays = Math.max(arrays, process.memoryUsage().arrayBuffers);
    };
    scratchPool.take = (length: number) => {
      sample();
      return take.call(scratchPool, length);
    };
    const loss = task.loss.bind(task);
    task.loss = (prediction, target) => {
      sample();
      return loss(prediction, target);
    };
    const trainer = new Trainer(config, task);
    try {
      await trainer.trainStep(true);
      sample();
      await trainer.trainStep(false);
      sample();
    } finally {
      trainer.dispose();
      scratchPool.take = take;
    }
    return { bytes: tensors - tensorsBefore + arrays - arraysBefore, simdGrowth: simdMemoryBytes() - simdBefore };
  }

  /** The estimate of what `measure` sees: all but the base, the checkpoints and the SIMD module. */
  function estimated(config: TrainConfig): number {
    const left = new Set(['base', 'checkpoints', 'simd']);
    return estimateCost(config).parts.filter((part) => !left.has(part.key)).reduce((sum, part) => sum + part.bytes, 0);
  }

  // Small on purpose (a second or two each on 2 shared cores); measured on the build machine: 0.9–1.7 over 14
  // configurations up to 350 MB, among them LSTM H = 256, B = 128, T = 50 at 289 MB measured for 316 MB estimated.
  const CONFIGS: Array<[string, TrainConfig]> = [
    ['LSTM, sine, H 32, B 64, T 50', startingConfig({ task: 'sine' }, { hiddenSize: 32, batchSize: 64, sequenceLength: 50 })],
    ['GRU, memory, 2 layers both ways, H 24, B 64, T 40', startingConfig({ task: 'memory' }, { cell: 'gru', hiddenSize: 24, numLayers: 2, bidirectional: true, batchSize: 64, sequenceLength: 40 })],
    ['LSTM, chargen, H 64, B 16, T 64', startingConfig({ task: 'chargen' }, { hiddenSize: 64, batchSize: 16, sequenceLength: 64 })],
  ];

  it.each(CONFIGS)('%s: measured within a factor of two of the estimate', async (_name, config) => {
    const estimate = estimated(config);
    const { bytes, simdGrowth } = await measure(config);
    const ratio = bytes / estimate;
    expect(ratio, `measured ${(bytes / 2 ** 20).toFixed(1)} MB, estimated ${(estimate / 2 ** 20).toFixed(1)} MB`).toBeGreaterThan(0.5);
    expect(ratio, `measured ${(bytes / 2 ** 20).toFixed(1)} MB, estimated ${(estimate / 2 ** 20).toFixed(1)} MB`).toBeLessThan(2);
    // the SIMD module grows to its largest block, which the estimate bounds
    expect(simdGrowth).toBeLessThanOrEqual(estimateCost(config).simdBytes);
  });
});

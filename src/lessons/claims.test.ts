/**
 * What the lessons tell the learner about a run holds for the live model with the lesson's own settings and
 * seed: each lesson's set-up runs through the core in Node (as the page's worker runs it, on WASM here), and
 * every number or outcome its cards state is checked.
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { TrainConfig } from '../shared/config';
import type { Task } from '../tasks/task';
import { lessonAt, lessonConfig, settingsAt } from './index';
import { LESSON1_MIN_STEPS, lesson1 } from './lesson1Sequences';
import { LESSON2_LONG_SEQUENCE, lesson2, recurrentParameterCount } from './lesson2HiddenState';

/** A trainer for `config` with its task's data, as the worker builds one. */
async function trainerFor(config: TrainConfig): Promise<Trainer<Task>> {
  return new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
}

/** The config a learner has at a part of a lesson (0-based), as the page applies it. */
function configAt(lessonNumber: number, partIndex: number): TrainConfig {
  const lesson = lessonAt(lessonNumber)!;
  return lessonConfig(lesson, settingsAt(lesson, partIndex));
}

/** The index of a lesson's part by its id. */
function partIndex(lesson: typeof lesson1, id: string): number {
  return lesson.parts.findIndex((part) => 'id' in part && part.id === id);
}

describe('lesson 1: a tanh RNN forecasting the noisy sine wave', () => {
  it('the baselines are as the prediction card says, the untrained forecast is poor, and from step 100 to 2,000 the network stays several times below repeating the last value', async () => {
    const config = configAt(1, partIndex(lesson1, 'train-past-100'));
    expect(config).toMatchObject({ task: 'sine', cell: 'rnn-tanh', hiddenSize: 16, sequenceLength: 20, seed: 1 });
    const trainer = await trainerFor(config);
    try {
      const { mean, persistence } = trainer.task.baselines;
      // "repeating the last value misses by … about 0.08; predicting the mean by about 0.5"
      expect(persistence).toBeGreaterThan(0.07);
      expect(persistence).toBeLessThan(0.09);
      expect(mean).toBeGreaterThan(0.45);
      expect(mean).toBeLessThan(0.55);
      // "the weights start random, so the forecast is poor for now"
      expect((await trainer.evaluate()).mse).toBeGreaterThan(persistence);
      // the reveal's correct band ("several times lower": below half, here below a third) wherever the learner pauses
      const worst: number[] = [];
      for (let step = 1; step <= 2000; step++) {
        await trainer.trainStep(false);
        if (step >= LESSON1_MIN_STEPS && step % 100 === 0) worst.push((await trainer.evaluate()).mse);
      }
      expect(worst).toHaveLength(20);
      expect(Math.max(...worst)).toBeLessThan(persistence / 3);
    } finally {
      trainer.dispose();
    }
  }, 120_000);
});

describe('lesson 2: the same cell at every step', () => {
  it('the recurrent layer holds 304 numbers (16 × 1, 16 × 16 and two biases of 16) at 20 steps and at 40, and the live count reads the same', async () => {
    const counts: number[] = [];
    for (const part of ['count-at-40', 'reveal']) {
      const index = part === 'reveal' ? lesson2.parts.findIndex((p) => p.kind === 'reveal') : partIndex(lesson2, part);
      const config = configAt(2, index);
      expect(config.sequenceLength).toBe(part === 'reveal' ? LESSON2_LONG_SEQUENCE : 20);
      const trainer = await trainerFor(config);
      try {
        // the trainer's own variables, not a formula
        const variables = (trainer as unknown as { variables: Record<string, { size: number; shape: number[] }> }).variables;
        const recurrent = Object.entries(variables).filter(([name]) => name.startsWith('rnn.'));
        expect(Object.fromEntries(recurrent.map(([name, v]) => [name, v.shape]))).toEqual({
          'rnn.weight_ih_l0': [16, 1],
          'rnn.weight_hh_l0': [16, 16],
          'rnn.bias_ih_l0': [16],
          'rnn.bias_hh_l0': [16],
        });
        const total = recurrent.reduce((sum, [, v]) => sum + v.size, 0);
        counts.push(total);
        const spec = trainer.spec.rnn;
        expect(recurrentParameterCount({ ...spec })).toBe(total);
        // the diagram unrolls the probe example over the configured number of steps
        const stats = await trainer.trainStep(true);
        expect(stats.hiddenGradNorms.length).toBe(config.sequenceLength);
      } finally {
        trainer.dispose();
      }
    }
    expect(counts).toEqual([304, 304]);
  });
});

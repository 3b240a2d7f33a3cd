/**
 * Lesson 3's claims on its own settings and seed, run through the core in Node: the sine forecaster has one
 * output (at t = 20) and, predicting every step, 20; reverse digits, reached from the lesson's settings by
 * switching the task as the learner does, unrolls over 8 steps with its outputs at t = 5–8 only; and its tanh
 * RNN (no gates before lesson 6) reverses over 90% of held-out 4-digit sequences exactly from step 600 to 800, then dips
 * below it near step 850.
 */
import { describe, expect, it } from 'vitest';
import { changesForChoice, type TrainConfig } from '../shared/config';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import { describeRun } from '../worker/runInfo';
import { runClaims, stepsFrom } from '../test/runClaims';
import { lessonAt, lessonConfig, settingsAt } from './index';
import { LESSON3_DIGITS, LESSON3_TRAIN_STEPS, lesson3, outputSteps } from './lesson3Shapes';

/** The config a learner has at a part of lesson 3, by the part's id (or kind), as the page applies it. */
function configAt(id: string): TrainConfig {
  const index = lesson3.parts.findIndex((part) => ('id' in part ? part.id === id : part.kind === id));
  return lessonConfig(lesson3, settingsAt(lesson3, index));
}

/** The run's facts as the worker sends them to the page's diagram. */
async function shapeOf(config: TrainConfig) {
  const trainer = new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
  try {
    return describeRun(1, trainer, 0);
  } finally {
    trainer.dispose();
  }
}

describe('lesson 3: where the outputs are', () => {
  it('the sine forecaster has one output at t = 20; predicting every step, an output at each of the 20', async () => {
    expect(lessonAt(3)).toBe(lesson3);
    const start = configAt('every-step');
    expect(start).toMatchObject({ task: 'sine', forecastTarget: 'last', sequenceLength: 20, seed: 1 });
    const one = await shapeOf(start);
    expect(one.sequenceShape).toBe('many-to-one');
    expect(outputSteps(one)).toEqual({ first: 20, count: 1 });
    const every = await shapeOf({ ...start, forecastTarget: 'every' });
    expect(every.sequenceShape).toBe('many-to-many (synchronized)');
    expect(every.steps).toBe(20);
    expect(outputSteps(every)).toEqual({ first: 1, count: 20 });
  });

  it('the cards’ other examples: sentiment is many-to-one, character generation has an output at every step', async () => {
    const base = configAt('every-step');
    for (const [task, shape, readout] of [
      ['sentiment', 'many-to-one', 'last'],
      ['chargen', 'many-to-many (synchronized)', 'all'],
    ] as const) {
      const config = { ...base, ...changesForChoice(base, { task }) };
      const made = TASKS[task](config, await loadTaskData(task, readDataFile));
      expect([made.shape, made.modelSpec.readout]).toEqual([shape, readout]);
    }
  });

  it('reverse digits, switched to as the learner does, is an encoder over t = 1–4 and a decoder writing at t = 5–8', async () => {
    const before = configAt('switch-to-reverse');
    // the Task control applies the new task's defaults to what the lesson did not set
    const switched = { ...before, ...changesForChoice(before, { task: 'reverse' }) };
    // a link to a later part gets the same model
    const linked = configAt('reveal');
    for (const config of [switched, linked]) {
      expect(config).toMatchObject({ task: 'reverse', cell: 'rnn-tanh', hiddenSize: 16, reverseDigits: LESSON3_DIGITS, seed: 1 });
      const info = await shapeOf(config);
      expect(info.sequenceShape).toBe('many-to-many (delayed)');
      expect(info.steps).toBe(2 * LESSON3_DIGITS);
      expect(outputSteps(info)).toEqual({ first: LESSON3_DIGITS + 1, count: LESSON3_DIGITS });
    }
  });

  it(`"this plain tanh RNN passes 90% by step ${LESSON3_TRAIN_STEPS} and stays above it to step 800", then "dips below 90% again near step 850" (held-out 4-digit sequences reversed exactly)`, async () => {
    const config = configAt('your-turn');
    // a tanh RNN: the lesson shows no gates before lesson 6 teaches them
    expect(config).toMatchObject({ task: 'reverse', cell: 'rnn-tanh', hiddenSize: 16, reverseDigits: 4, seed: 1 });
    const at = stepsFrom(LESSON3_TRAIN_STEPS, 800, 10);
    const wobble = stepsFrom(830, 880, 10);
    const run = await runClaims(config, { steps: 880, evaluateAt: [0, ...at, ...wobble] });
    expect(run.divergence).toBeUndefined();
    expect(run.heldOut[0].accuracy).toBeLessThan(0.01);
    for (const step of at) expect(run.heldOut[step].accuracy, `step ${step}`).toBeGreaterThan(0.9);
    expect(Math.min(...wobble.map((step) => run.heldOut[step].accuracy))).toBeLessThan(0.9);
  }, 120_000);
});

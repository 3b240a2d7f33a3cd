/**
 * Lesson 6 (LSTM) tells the truth about its own set-up: the `remember` task at lag 40, seed 1, trained through
 * the core in Node as the page's worker trains it. Checked: the task's numbers on the setup card (41 steps,
 * chance 25%, the probe's first symbol C); the tanh RNN near chance while the LSTM passes 90% wherever the
 * learner pauses from step 200 on; and the forget gate as the card describes it (near 0.5 before training,
 * a few rows above 0.9 at every step after the first once trained).
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { TrainConfig } from '../shared/config';
import type { Task } from '../tasks/task';
import { gateRows, rowsAboveAfterFirst } from '../test/gateRows';
import { lessonConfig, settingsAt } from './index';
import { runClaims } from '../test/runClaims';
import { LESSON6_COMPARE_LOSS, LESSON6_COMPARE_STEPS, LESSON6_MIN_STEPS, lesson6 } from './lesson6Lstm';

/** The config a learner has at the part with this id (an experiment's own settings included). */
function configAtPart(id: string): TrainConfig {
  const index = lesson6.parts.findIndex((part) => 'id' in part && part.id === id);
  return lessonConfig(lesson6, settingsAt(lesson6, index));
}

async function trainerFor(config: TrainConfig): Promise<Trainer<Task>> {
  return new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
}

/** Steps from 200 to 1,000, every 50: wherever a learner who trains "200 steps or more" may pause. */
const PAUSES = Array.from({ length: 17 }, (_, k) => LESSON6_MIN_STEPS + 50 * k);

describe('lesson 6: the tanh RNN against the LSTM on remember (lag 40, seed 1)', () => {
  it('the set-up is the remember preset: 41 steps, four symbols (chance 25%), the probe marks C', async () => {
    const config = configAtPart('train-tanh');
    expect(config).toMatchObject({ task: 'memory', cell: 'rnn-tanh', hiddenSize: 16, sequenceLength: 41, clipMode: 'norm', clipThreshold: 1, seed: 1 });
    const trainer = await trainerFor(config);
    try {
      expect(trainer.task.baselines.chance).toBe(0.25);
      expect(trainer.task.probeLabels).toHaveLength(41);
      expect(trainer.task.probeLabels?.[0]).toBe('▸C');
    } finally {
      trainer.dispose();
    }
  });

  it('the tanh RNN stays near chance (under 30% held out) at every 50 steps up to 400', async () => {
    const trainer = await trainerFor(configAtPart('train-tanh'));
    try {
      const accuracies: number[] = [];
      for (let step = 1; step <= 400; step++) {
        await trainer.trainStep(false);
        if (step % 50 === 0) accuracies.push((await trainer.evaluate()).accuracy);
      }
      expect(Math.max(...accuracies)).toBeLessThan(0.3);
    } finally {
      trainer.dispose();
    }
  });

  it('the LSTM passes 90% from step 200 to 1,000; its forget gate starts near 0.5 and, trained, holds a few rows above 0.9 after the first step', async () => {
    const config = configAtPart('train-lstm');
    // the experiment's cell is what the learner sets, and what a link to a later part applies
    expect(lesson6.parts.find((p) => p.kind === 'experiment' && p.id === 'train-lstm')).toMatchObject({ settingsAfter: { cell: 'lstm' } });
    const trainer = await trainerFor({ ...config, cell: 'lstm' });
    try {
      const layout = { layerDirs: 1, recordedNames: trainer.recordedNames, steps: 41, hiddenSize: 16 };
      const first = await trainer.trainStep(true);
      // "Before training every f sat near 0.5"
      const untrained = gateRows(first.gates!, layout, 'f').flat();
      expect(Math.min(...untrained)).toBeGreaterThan(0.3);
      expect(Math.max(...untrained)).toBeLessThan(0.7);
      const accuracies: number[] = [];
      const heldRows: number[] = [];
      for (let step = 2; step <= PAUSES.at(-1)!; step++) {
        const stats = await trainer.trainStep(PAUSES.includes(step));
        if (!PAUSES.includes(step)) continue;
        accuracies.push((await trainer.evaluate()).accuracy);
        heldRows.push(rowsAboveAfterFirst(gateRows(stats.gates!, layout, 'f'), 0.9));
      }
      expect(Math.min(...accuracies)).toBeGreaterThan(0.9);
      // "a few rows stay above 0.9 at every step after the first" (of 16)
      expect(Math.min(...heldRows)).toBeGreaterThanOrEqual(2);
      expect(Math.max(...heldRows)).toBeLessThanOrEqual(5);
      // the card's arithmetic: 0.95^40 ≈ 0.13, 0.5^40 ≈ 10^-12
      expect(0.95 ** 40).toBeCloseTo(0.13, 2);
      expect(Math.round(Math.log10(0.5 ** 40))).toBe(-12);
    } finally {
      trainer.dispose();
    }
  }, 120_000);

  it('side by side in Compare (A: the live LSTM, B: the tanh RNN, 200 steps): over the last 20 steps the tanh RNN’s training loss averages above 1.2, the LSTM’s below 0.1', async () => {
    const index = lesson6.parts.findIndex((p) => p.title === 'Side by side');
    const live = lessonConfig(lesson6, settingsAt(lesson6, index));
    // the live model there is the LSTM the learner trained; Compare's B changes only the cell
    expect(live).toMatchObject({ task: 'memory', cell: 'lstm', sequenceLength: 41, seed: 1 });
    const lastTwenty = async (config: TrainConfig) => (await runClaims(config, { steps: LESSON6_COMPARE_STEPS })).losses.slice(-20);
    const [lstm, tanh] = [await lastTwenty(live), await lastTwenty({ ...live, cell: 'rnn-tanh' })];
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(tanh)).toBeGreaterThan(LESSON6_COMPARE_LOSS.tanhAbove);
    expect(mean(lstm)).toBeLessThan(LESSON6_COMPARE_LOSS.lstmBelow);
    expect(Math.log(4)).toBeCloseTo(1.39, 2);
  }, 120_000);
});

/**
 * Lesson 7 (GRU) tells the truth about its own set-up: the `remember` task at lag 40, seed 1, trained through
 * the core in Node. Checked: the parameter counts the cards give (1,472 for the LSTM it starts from, 1,104 for
 * the GRU the learner switches to, 368 a block), from the trainer's own variables; the GRU past 90% wherever
 * the learner pauses from step 200 on; and the update gate as the card describes it.
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { TrainConfig } from '../shared/config';
import type { Task } from '../tasks/task';
import { gateRows, rowsAboveAfterFirst } from '../test/gateRows';
import { lessonConfig, settingsAt } from './index';
import { recurrentParameterCount } from './lesson2HiddenState';
import { runClaims } from '../test/runClaims';
import { MEMORY_INPUT_WIDTH } from '../tasks/memory';
import { LESSON7_COUNTS, LESSON7_LSTM_ACCURACY, LESSON7_MIN_STEPS, lesson7 } from './lesson7Gru';

/** The config a learner has at the part with this id (settingsAfter of the experiments before it included). */
function configAtPart(id: string): TrainConfig {
  const index = lesson7.parts.findIndex((part) => 'id' in part && part.id === id);
  return lessonConfig(lesson7, settingsAt(lesson7, index));
}

async function trainerFor(config: TrainConfig): Promise<Trainer<Task>> {
  return new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
}

/** The trainer's recurrent variables: name → shape, and how many numbers they hold. */
function recurrentVariables(trainer: Trainer<Task>): { shapes: Record<string, number[]>; total: number } {
  const variables = (trainer as unknown as { variables: Record<string, { size: number; shape: number[] }> }).variables;
  const recurrent = Object.entries(variables).filter(([name]) => name.startsWith('rnn.'));
  return { shapes: Object.fromEntries(recurrent.map(([name, v]) => [name, v.shape])), total: recurrent.reduce((sum, [, v]) => sum + v.size, 0) };
}

const PAUSES = Array.from({ length: 17 }, (_, k) => LESSON7_MIN_STEPS + 50 * k);

describe('lesson 7: the GRU on remember (lag 40, seed 1)', () => {
  it('the LSTM it starts from holds 1,472 numbers in four blocks, the GRU 1,104 in three, 368 a block; the live count reads the same', async () => {
    const before = configAtPart('gru-as-well');
    const after = lessonConfig(lesson7, settingsAt(lesson7, lesson7.parts.findIndex((p) => p.kind === 'reveal')));
    expect(before).toMatchObject({ task: 'memory', cell: 'lstm', hiddenSize: 16, sequenceLength: 41, seed: 1 });
    expect(after).toMatchObject({ ...before, cell: 'gru' });
    const counts: number[] = [];
    for (const [config, blocks] of [[before, 4], [after, 3]] as const) {
      const trainer = await trainerFor(config);
      try {
        const { shapes, total } = recurrentVariables(trainer);
        expect(shapes).toEqual({
          'rnn.weight_ih_l0': [16 * blocks, 5],
          'rnn.weight_hh_l0': [16 * blocks, 16],
          'rnn.bias_ih_l0': [16 * blocks],
          'rnn.bias_hh_l0': [16 * blocks],
        });
        expect(total).toBe(368 * blocks);
        expect(recurrentParameterCount({ ...trainer.spec.rnn })).toBe(total);
        counts.push(total);
      } finally {
        trainer.dispose();
      }
    }
    expect(counts).toEqual([LESSON7_COUNTS.lstm, LESSON7_COUNTS.gru]);
    // "Each block is H × 5 + H × H + 2H", at hidden size 16
    expect(16 * 5 + 16 * 16 + 2 * 16).toBe(368);
  });

  it('the GRU passes 90% from step 200 to 1,000; its update gate starts near 0.5 and, trained, holds a few rows above 0.9 after the first step', async () => {
    const trainer = await trainerFor(configAtPart('z-is-one'));
    expect(trainer.spec.rnn.cell).toBe('gru');
    try {
      expect(trainer.task.probeLabels).toHaveLength(41);
      const layout = { layerDirs: 1, recordedNames: trainer.recordedNames, steps: 41, hiddenSize: 16 };
      // r above z in the gates view (the card's "the map above it")
      expect(trainer.recordedNames.indexOf('r')).toBe(trainer.recordedNames.indexOf('z') - 1);
      const first = await trainer.trainStep(true);
      const untrained = gateRows(first.gates!, layout, 'z').flat();
      expect(Math.min(...untrained)).toBeGreaterThan(0.25);
      expect(Math.max(...untrained)).toBeLessThan(0.75);
      const accuracies: number[] = [];
      const heldRows: number[] = [];
      const brightRows: number[] = [];
      for (let step = 2; step <= PAUSES.at(-1)!; step++) {
        const stats = await trainer.trainStep(PAUSES.includes(step));
        if (!PAUSES.includes(step)) continue;
        accuracies.push((await trainer.evaluate()).accuracy);
        const rows = gateRows(stats.gates!, layout, 'z');
        heldRows.push(rowsAboveAfterFirst(rows, 0.9));
        brightRows.push(rows.filter((row) => row.slice(1).reduce((a, b) => a + b, 0) / (row.length - 1) > 0.8).length);
      }
      expect(Math.min(...accuracies)).toBeGreaterThan(0.9);
      expect(Math.min(...heldRows)).toBeGreaterThanOrEqual(2);
      expect(Math.max(...heldRows)).toBeLessThanOrEqual(6);
      // "many rows are bright": at least 6 of 16 average above 0.8 after the first step
      expect(Math.min(...brightRows)).toBeGreaterThanOrEqual(6);
    } finally {
      trainer.dispose();
    }
  }, 120_000);

  it('the reveal’s LSTM bar: the LSTM it starts from, trained 200 steps on the same seed, names 97.7% of held-out first symbols; the input is a one-hot of 5 (4 symbols and the marker)', async () => {
    const lstm = configAtPart('gru-as-well');
    expect(lstm).toMatchObject({ cell: 'lstm', seed: 1 });
    const run = await runClaims(lstm, { steps: LESSON7_MIN_STEPS, evaluateAt: [LESSON7_MIN_STEPS] });
    expect(Number((run.heldOut[LESSON7_MIN_STEPS].accuracy * 100).toFixed(1))).toBe(LESSON7_LSTM_ACCURACY);
    expect(MEMORY_INPUT_WIDTH).toBe(5);
  }, 60_000);
});

/**
 * Lesson 8 (LSTM vs GRU) tells the truth about its own set-up: the `remember` task at lag 60, trained through
 * the core in Node. Checked: the parameter counts and the formula 4·H·(H+I+2) / 3·H·(H+I+2) against the
 * trainer's own variables (two bias vectors a layer, as PyTorch has them); the steps to 90% held-out accuracy
 * that the seeds card states, for each cell on seeds 1–3 and two tasks (read every 25 steps, as the card says),
 * and the card's summary of them, generated from the tie rule (within 25 steps is a tie); and, on seed
 * 1, that the GRU's first reading at 90% comes more than the tie margin before the LSTM's at any reading
 * cadence up to 20 steps (the page reads about once a second, at 20 steps/s).
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import { startingConfig, type TrainConfig } from '../shared/config';
import type { Task } from '../tasks/task';
import { lessonConfig, settingsAt } from './index';
import { recurrentParameterCount } from './lesson2HiddenState';
import { LESSON8_COUNTS, LESSON8_GOAL, LESSON8_MIN_STEPS, LESSON8_RACES, LESSON8_TIE, firstStepAtGoal, lesson8, raceOutcomes, raceSummary } from './lesson8LstmVsGru';

/** The config a learner has at the part with this id (settingsAfter of the experiments before it included). */
function configAtPart(id: string): TrainConfig {
  const index = lesson8.parts.findIndex((part) => 'id' in part && part.id === id);
  return lessonConfig(lesson8, settingsAt(lesson8, index));
}

async function trainerFor(config: TrainConfig): Promise<Trainer<Task>> {
  return new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
}

/** Every held-out accuracy reading, each `every` steps, until the first at the goal (or `maxSteps`). */
async function readingsToGoal(config: TrainConfig, every: number, maxSteps = 400): Promise<Array<{ step: number; accuracy: number }>> {
  const trainer = await trainerFor(config);
  const readings: Array<{ step: number; accuracy: number }> = [];
  try {
    for (let step = 1; step <= maxSteps; step++) {
      await trainer.trainStep(false);
      if (step % every !== 0) continue;
      const { accuracy } = await trainer.evaluate();
      readings.push({ step, accuracy });
      if (accuracy >= LESSON8_GOAL) break;
    }
  } finally {
    trainer.dispose();
  }
  return readings;
}

/** The first step in `readings` at the goal, as the page finds it in its metric history. */
function firstAtGoal(readings: Array<{ step: number; accuracy: number }>): number {
  return firstStepAtGoal({ metricNames: ['loss', 'accuracy'], metricHistory: { samples: readings.map((r) => ({ step: r.step, values: Float32Array.of(0, r.accuracy) })) } });
}

describe('lesson 8: LSTM against GRU on remember at lag 60', () => {
  it('the counts are 4·H·(H+I+2) = 1,472 and 3·H·(H+I+2) = 1,104 with two bias vectors a block, as the trainer holds them', async () => {
    const lstm = configAtPart('race');
    const gru = lessonConfig(lesson8, settingsAt(lesson8, lesson8.parts.findIndex((p) => p.kind === 'reveal')));
    expect(lstm).toMatchObject({ task: 'memory', cell: 'lstm', hiddenSize: 16, sequenceLength: 61, seed: 1 });
    expect(gru).toMatchObject({ ...lstm, cell: 'gru' });
    const [H, I] = [16, 5];
    for (const [config, blocks, expected] of [[lstm, 4, LESSON8_COUNTS.lstm], [gru, 3, LESSON8_COUNTS.gru]] as const) {
      const trainer = await trainerFor(config);
      try {
        const variables = (trainer as unknown as { variables: Record<string, { size: number; shape: number[] }> }).variables;
        const recurrent = Object.entries(variables).filter(([name]) => name.startsWith('rnn.'));
        expect(Object.fromEntries(recurrent.map(([name, v]) => [name, v.shape]))).toEqual({
          'rnn.weight_ih_l0': [blocks * H, I],
          'rnn.weight_hh_l0': [blocks * H, H],
          'rnn.bias_ih_l0': [blocks * H],
          'rnn.bias_hh_l0': [blocks * H],
        });
        const total = recurrent.reduce((sum, [, v]) => sum + v.size, 0);
        expect(total).toBe(blocks * H * (H + I + 2));
        expect(total).toBe(expected);
        expect(recurrentParameterCount({ ...trainer.spec.rnn })).toBe(total);
      } finally {
        trainer.dispose();
      }
    }
    // "three quarters of the LSTM's multiply-adds": per step 4H(H+I) against 3H(H+I)
    expect((3 * H * (H + I)) / (4 * H * (H + I))).toBe(0.75);
  });

  it('the seeds card: steps to 90% read every 25 steps on seeds 1, 2 and 3; remember at lag 60: by the tie rule the GRU on seeds 1 and 3, a tie on seed 2', async () => {
    const base = configAtPart('race');
    const race = LESSON8_RACES.memory;
    const measured = { seeds: race.seeds, lstm: [] as number[], gru: [] as number[] };
    for (const seed of race.seeds) {
      for (const cell of ['lstm', 'gru'] as const) measured[cell].push(firstAtGoal(await readingsToGoal({ ...base, cell, seed }, 25)));
    }
    expect(measured).toEqual(race);
    // by the tie rule (within 25 steps is a tie), read independently off the differences
    expect(race.lstm.map((l, k) => (Math.abs(l - race.gru[k]) <= 25 ? 'tie' : l > race.gru[k] ? 'gru' : 'lstm'))).toEqual(['gru', 'tie', 'gru']);
    expect(raceOutcomes(race)).toEqual(['gru', 'tie', 'gru']);
    expect(raceSummary(race)).toBe('the GRU on seeds 1 and 3, a tie on seed 2');
  }, 120_000);

  it('the seeds card: Reverse digits at its defaults (4 digits, 16 units): by the tie rule the LSTM on seed 1, ties on seeds 2 and 3', async () => {
    const race = LESSON8_RACES.reverse;
    const measured = { seeds: race.seeds, lstm: [] as number[], gru: [] as number[] };
    for (const seed of race.seeds) {
      for (const cell of ['lstm', 'gru'] as const) {
        const config = { ...startingConfig({ task: 'reverse' }), cell, seed };
        expect(config).toMatchObject({ reverseDigits: 4, hiddenSize: 16, numLayers: 1, bidirectional: false });
        measured[cell].push(firstAtGoal(await readingsToGoal(config, 25, 600)));
      }
    }
    expect(measured).toEqual(race);
    // by the tie rule: 300 vs 425 is the LSTM's, 300 vs 325 and 300 vs 300 are ties
    expect(race.lstm.map((l, k) => (Math.abs(l - race.gru[k]) <= 25 ? 'tie' : l > race.gru[k] ? 'gru' : 'lstm'))).toEqual(['lstm', 'tie', 'tie']);
    expect(raceOutcomes(race)).toEqual(['lstm', 'tie', 'tie']);
    expect(raceSummary(race)).toBe('the LSTM on seed 1, ties on seeds 2 and 3');
  }, 120_000);

  it('the seeds card and the check say what the tie rule gives, and no card gives a cause the race did not measure', () => {
    const text = JSON.stringify(lesson8.parts);
    expect(text).toContain('on remember, the GRU on seeds 1 and 3, a tie on seed 2; on Reverse digits, the LSTM on seed 1, ties on seeds 2 and 3. Neither wins everywhere.');
    expect(text).toContain('the GRU won two memory seeds, the LSTM one reversal seed, and the rest were ties.');
    expect(text).toContain('the GRU won no seed there (the LSTM on seed 1, ties on seeds 2 and 3)');
    expect(text).not.toMatch(/every seed|two seeds and tied|one block (fewer|more)/);
    const reveal = lesson8.parts.find((p) => p.kind === 'reveal');
    if (reveal?.kind !== 'reveal') throw new Error('no reveal');
    const shown = reveal.reveal('gru', { first: 125, step: 250 }, { 'train-lstm': { first: 175, step: 250 } });
    expect(shown.verdict).toContain('the GRU got there first');
    expect(shown.why).toContain('not why');
    expect(reveal.reveal('gru', { first: 150, step: 250 }, { 'train-lstm': { first: 175, step: 250 } }).verdict).toContain('a tie');
  });

  it('seed 1, read every 5 steps: the GRU first reaches 90% more than 25 + 20 steps before the LSTM, so the page (a reading every ~20 steps) sees the GRU win', async () => {
    const base = configAtPart('race');
    const lstm = firstAtGoal(await readingsToGoal({ ...base, cell: 'lstm' }, 5));
    const gru = firstAtGoal(await readingsToGoal({ ...base, cell: 'gru' }, 5));
    // the page's first reading at the goal is at or after the first crossing, and at most one reading later
    // (a reading every ~20 steps at 20 steps/s, and the LSTM stays up once there: checked on the grid above)
    expect(lstm - (gru + 20)).toBeGreaterThan(LESSON8_TIE);
    // and the LSTM gets there well before the experiment's 250 steps are up, a reading or more to spare
    expect(lstm).toBeLessThan(LESSON8_MIN_STEPS - 25);
  }, 120_000);
});

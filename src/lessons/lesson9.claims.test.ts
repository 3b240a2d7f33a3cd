/**
 * Lesson 9 (applications) tells the truth about its own set-up, trained through the core in Node with the
 * lesson's settings and seed: on the generated reviews the bag of words scores 50% (chance) and the LSTM passes
 * 90% wherever the learner pauses from step 150 on (the "over 90%" band, and the reveal's reading of word
 * order); on CO₂ the network's held-out RMSE in ppm stays more than 10% under seasonal naive with drift's
 * wherever the learner pauses from step 300 on (the "lower" band), and even the untrained network beats
 * repeating the last value (the card's "by construction").
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { TrainConfig } from '../shared/config';
import { stepsFrom } from '../test/runClaims';
import { lessonConfig, settingsAt } from './index';
import { LESSON9_CO2_STEPS, LESSON9_SENTIMENT_STEPS, lesson9 } from './lesson9Applications';

/** The config of the run an experiment measures: what a learner has at the reveal after it (its settingsAfter included). */
function configAfter(experiment: string): TrainConfig {
  const index = lesson9.parts.findIndex((part) => part.kind === 'reveal' && part.experiment === experiment);
  return lessonConfig(lesson9, settingsAt(lesson9, index));
}

/** Trains `config` to the last of `pauses`, evaluating the held-out set at each. */
async function heldOutAt(config: TrainConfig, pauses: readonly number[]): Promise<{ baselines: Record<string, number>; baselinesIn: Record<string, Record<string, number>>; metrics: Array<Record<string, number>> }> {
  const trainer = new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
  const metrics: Array<Record<string, number>> = [];
  try {
    if (pauses.includes(0)) metrics.push(await trainer.evaluate());
    for (let step = 1; step <= pauses.at(-1)!; step++) {
      await trainer.trainStep(false);
      if (pauses.includes(step)) metrics.push(await trainer.evaluate());
    }
    return { baselines: { ...trainer.task.baselines }, baselinesIn: { ...trainer.task.baselinesIn }, metrics };
  } finally {
    trainer.dispose();
  }
}

describe('lesson 9: the tasks against their baselines', () => {
  it('sentiment: the bag of words scores 50%, as chance does; the LSTM is over 90% from step 150 to 600', async () => {
    const config = configAfter('train-sentiment');
    expect(config).toMatchObject({ task: 'sentiment', sentimentSource: 'generated', cell: 'lstm', hiddenSize: 16, sequenceLength: 20, seed: 1 });
    const { baselines, metrics } = await heldOutAt(config, stepsFrom(LESSON9_SENTIMENT_STEPS, 600, 25));
    // "On the held-out reviews it scores 50%, the same as chance"
    expect(baselines.bagOfWords).toBeCloseTo(0.5, 2);
    expect(baselines.chance).toBeCloseTo(0.5, 2);
    expect(Math.min(...metrics.map((m) => m.accuracy))).toBeGreaterThan(0.9);
  }, 60_000);

  it('CO₂: the network reads 20 months; from step 300 to 1,000 its held-out RMSE (ppm) is under 0.9 × seasonal naive’s, seasonal naive beats repeating the last value, and the untrained network beats it too (the drift)', async () => {
    const config = configAfter('train-co2');
    expect(config).toMatchObject({ task: 'co2', cell: 'lstm', hiddenSize: 16, sequenceLength: 20, seed: 1 });
    const { baselines, baselinesIn, metrics } = await heldOutAt(config, [0, ...stepsFrom(LESSON9_CO2_STEPS, 1000, 25)]);
    const [untrained, ...trained] = metrics;
    const rmse = baselinesIn.rmsePpm;
    // RMSE in ppm is the square root of the MSE, rescaled by one constant (the changes' spread) for all of them
    expect(rmse.seasonalNaive / rmse.persistence).toBeCloseTo(Math.sqrt(baselines.seasonalNaive / baselines.persistence), 4);
    // "even an untrained network beats repeating the last value, by construction"
    expect(untrained.mse).toBeLessThan(baselines.persistence);
    expect(untrained.rmsePpm).toBeLessThan(rmse.persistence);
    const ratios = trained.map((m) => m.rmsePpm / rmse.seasonalNaive);
    expect(Math.max(...ratios)).toBeLessThan(0.9);
    // the "lower" band, [0.3, 0.9] of seasonal naive's RMSE, holds the ratio
    expect(Math.min(...ratios)).toBeGreaterThan(0.3);
    expect(rmse.seasonalNaive).toBeLessThan(rmse.persistence);
    // the reveal draws what was measured: the network's RMSE and both baselines', in ppm
    const reveal = lesson9.parts.find((p) => p.kind === 'reveal' && p.experiment === 'train-co2');
    if (reveal?.kind !== 'reveal') throw new Error('no CO₂ reveal');
    const last = trained.at(-1)!;
    const shown = reveal.reveal('lower', { step: 1000, rmse: last.rmsePpm, persistence: rmse.persistence, seasonalNaive: rmse.seasonalNaive });
    expect(shown.marks.map((m) => m.value)).toEqual([rmse.persistence, rmse.seasonalNaive, last.rmsePpm]);
  }, 60_000);
});

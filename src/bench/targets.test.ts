import { describe, expect, it } from 'vitest';
import { TASK_IDS } from '../shared/config';
import { SINE_MEAN_SHARE, TASK_TARGETS, TIME_TO_TARGET_BUDGET_SECONDS, firstReached, targetOf, timeToTargetRow, type MetricsRecord } from './targets';

describe('TASK_TARGETS', () => {
  it('has one target per task, in the app’s order, each within the 90 s budget', () => {
    expect(TASK_TARGETS.map((target) => target.task)).toEqual([...TASK_IDS]);
    for (const target of TASK_TARGETS) expect(target.budgetSeconds).toBeLessThanOrEqual(TIME_TO_TARGET_BUDGET_SECONDS);
  });

  it('sine: beats persistence and stays under 5% of the mean’s MSE — both, not either', () => {
    const sine = targetOf('sine');
    const mean = 0.5;
    expect(sine.reached({ mse: 0.02, baselineMse: mean, skillVsPersistence: 0.75 })).toBe(true);
    expect(sine.reached({ mse: SINE_MEAN_SHARE * mean, baselineMse: mean, skillVsPersistence: 0.7 })).toBe(true);
    // beats persistence, but 6% of the mean's error
    expect(sine.reached({ mse: 0.03, baselineMse: mean, skillVsPersistence: 0.6 })).toBe(false);
    // under 5% of the mean's, but no better than repeating the last value
    expect(sine.reached({ mse: 0.02, baselineMse: mean, skillVsPersistence: 0 })).toBe(false);
    expect(sine.reached({ mse: 0.02, baselineMse: mean, skillVsPersistence: -0.1 })).toBe(false);
    expect(sine.reading({ mse: 0.02, baselineMse: mean, skillVsPersistence: 0.75 })).toBe("MSE 0.0200 (4.0% of the mean's), skill vs persistence 0.750");
  });

  it('co2: a positive skill against seasonal naive with drift (beating persistence alone is not enough)', () => {
    const co2 = targetOf('co2');
    expect(co2.reached({ mse: 0.1, skillVsPersistence: 0.9, skillVsSeasonalNaive: 0.001 })).toBe(true);
    // an untrained network forecasting "no change" is persistence give or take: not a good model
    expect(co2.reached({ mse: 0.1, skillVsPersistence: 0.04, skillVsSeasonalNaive: -6 })).toBe(false);
    expect(co2.reached({ mse: 0.1, skillVsPersistence: 0.9, skillVsSeasonalNaive: 0 })).toBe(false);
    expect(co2.reached({ mse: 0.1, skillVsPersistence: 0.9 })).toBe(false);
    expect(co2.reading({ mse: 0.1, skillVsPersistence: 0.9, skillVsSeasonalNaive: 0.25 })).toBe('skill vs seasonal naive 0.250, vs persistence 0.900, MSE 0.100');
  });

  it('accuracy targets read `accuracy` (reverse: whole sequences, not digitAccuracy), at 0.9 inclusive', () => {
    for (const task of ['sentiment', 'reverse', 'memory'] as const) {
      const target = targetOf(task);
      expect(target.reached({ accuracy: 0.9 })).toBe(true);
      expect(target.reached({ accuracy: 0.899 })).toBe(false);
    }
    expect(targetOf('reverse').reached({ accuracy: 0.5, digitAccuracy: 0.97 })).toBe(false);
    expect(targetOf('reverse').reading({ accuracy: 0.5, digitAccuracy: 0.97 })).toBe('exact-sequence accuracy 0.500');
  });

  it('chargen: at most 2.5 bits/char', () => {
    const chargen = targetOf('chargen');
    expect(chargen.reached({ bitsPerChar: 2.5, accuracy: 0.4 })).toBe(true);
    expect(chargen.reached({ bitsPerChar: 2.62, accuracy: 0.4 })).toBe(false);
  });

  it('never counts a missing or NaN metric as reached', () => {
    for (const target of TASK_TARGETS) {
      expect(target.reached({})).toBe(false);
      expect(target.reached({ mse: NaN, baselineMse: NaN, skillVsPersistence: NaN, accuracy: NaN, bitsPerChar: NaN })).toBe(false);
    }
    expect(targetOf('memory').reading({})).toBe('accuracy —');
  });
});

describe('firstReached and timeToTargetRow', () => {
  const memory = targetOf('memory');
  const record = (seconds: number, step: number, accuracy: number): MetricsRecord => ({ elapsedMs: seconds * 1000, step, metrics: { accuracy, baselineAccuracy: 0.25 } });

  it('takes the first evaluation that meets the target, not the best one', () => {
    const records = [record(1.2, 40, 0.3), record(12.34, 400, 0.91), record(13.5, 440, 0.99)];
    expect(firstReached(memory, records)).toBe(records[1]);
    expect(timeToTargetRow(memory, records)).toEqual({
      task: 'memory',
      target: 'held-out accuracy ≥ 0.9',
      seconds: 12.3,
      reachedAtStep: 400,
      budgetSeconds: 90,
      lastStep: 400,
      lastMetrics: { accuracy: 0.91, baselineAccuracy: 0.25 },
    });
  });

  it('does not count an evaluation that arrived after the budget, and reports the last one within it', () => {
    const records = [record(30, 900, 0.6), record(89.9, 2700, 0.85), record(90.4, 2710, 0.95)];
    expect(firstReached(memory, records)).toBeNull();
    const row = timeToTargetRow(memory, records, 'stopped');
    expect(row).toMatchObject({ seconds: null, reachedAtStep: null, lastStep: 2700, lastMetrics: { accuracy: 0.85 }, note: 'stopped' });
  });

  it('says so when there was no evaluation at all', () => {
    expect(timeToTargetRow(memory, [])).toMatchObject({ seconds: null, reachedAtStep: null, lastStep: null, lastMetrics: null });
  });

  it('drops the note of a run that reached its target', () => {
    expect(timeToTargetRow(memory, [record(5, 100, 0.95)], 'diverged at step 120')).not.toHaveProperty('note');
  });
});

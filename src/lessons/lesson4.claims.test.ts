/**
 * Lesson 4's claims on its own settings and seed, run through the core in Node, at the first Step and at every
 * step a learner who trains first might reach (to 200). Many-to-one: ‖∂L/∂h_t‖ is largest at the last steps
 * (t = 19 or 20), least at the first steps (t ≤ 3), over 20× less there — and at the first Step, rising at every t toward t = 20,
 * over 500× less at t = 1. Many-to-many: largest at the first steps (t = 1 or 2), and smaller at t = 20 than at t = 1.
 */
import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../shared/config';
import { runClaims, stepsFrom } from '../test/runClaims';
import { LESSON4_STEPS, lesson4, profileSummary } from './lesson4Bptt';
import { lessonAt, lessonConfig, settingsAt } from './index';

/** The config a learner has at a part of lesson 4, by the part's id, as the page applies it. */
function configAt(id: string): TrainConfig {
  const index = lesson4.parts.findIndex((part) => 'id' in part && part.id === id);
  expect(index).toBeGreaterThanOrEqual(0);
  return lessonConfig(lesson4, settingsAt(lesson4, index));
}

const STEPS = stepsFrom(1, 200);

describe('lesson 4: where the gradient is', () => {
  it('many-to-one: largest at the last steps, least at the first (steps 1 to 200); at the first Step rising at every t, 500× from t = 1 to 20', async () => {
    expect(lessonAt(4)).toBe(lesson4);
    const config = configAt('step-many-to-one');
    expect(config).toMatchObject({ task: 'sine', cell: 'rnn-tanh', hiddenSize: 16, sequenceLength: LESSON4_STEPS, forecastTarget: 'last', seed: 1 });
    const run = await runClaims(config, { steps: STEPS.length, hiddenGradNormsAt: STEPS });
    expect(run.divergence).toBeUndefined();
    for (const step of STEPS) {
      const [profile] = run.hiddenGradNorms[step];
      expect(profile).toHaveLength(LESSON4_STEPS);
      const m = profileSummary(profile);
      expect(m.argmax, `step ${step}`).toBeGreaterThanOrEqual(LESSON4_STEPS - 1);
      // "the first steps get the least"
      expect(profile.indexOf(Math.min(...profile)) + 1, `step ${step}`).toBeLessThanOrEqual(3);
      expect(m.largest / m.first, `step ${step}`).toBeGreaterThan(20);
    }
    const [first] = run.hiddenGradNorms[1];
    for (let t = 1; t < LESSON4_STEPS; t++) expect(first[t], `t = ${t + 1}`).toBeGreaterThan(first[t - 1]);
    expect(first[LESSON4_STEPS - 1] / first[0]).toBeGreaterThan(500);
  }, 60_000);

  it('many-to-many: largest at the first steps (t = 1 or 2), smaller at t = 20 than at t = 1 (steps 1 to 200)', async () => {
    // the experiment asks the learner to set Predict; what it leaves behind is that setting
    const before = configAt('step-many-to-many');
    expect(before.forecastTarget).toBe('last');
    const config = { ...before, forecastTarget: 'every' as const };
    expect(lessonConfig(lesson4, settingsAt(lesson4, lesson4.parts.length - 1))).toEqual(config);
    const run = await runClaims(config, { steps: STEPS.length, hiddenGradNormsAt: STEPS });
    expect(run.divergence).toBeUndefined();
    for (const step of STEPS) {
      const [profile] = run.hiddenGradNorms[step];
      const m = profileSummary(profile);
      expect(m.argmax, `step ${step}`).toBeLessThanOrEqual(2);
      expect(m.last, `step ${step}`).toBeLessThan(m.first);
    }
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import type { SamplePlan } from '../shared/milestoneSamples';
import type { TryIt } from '../tasks/task';
import { MilestoneSamples, writeSample } from './milestoneSamples';

const plan: SamplePlan = { steps: [0, 3, 5], seed: 'ab', temperature: 0.5, length: 4 };
const predict = async () => new Float32Array(0);

/** A "try it" that writes "ab" + "x" repeated, and records the options it was asked with. */
function fakeTryIt(asked: Array<Record<string, number>> = []): Pick<TryIt, 'run'> {
  return {
    async run(input, options) {
      asked.push(options);
      return { text: input + 'x'.repeat(options.length) };
    },
  };
}

describe('milestone samples', () => {
  it('writes the continuation of the seed at the plan’s temperature and length', async () => {
    const asked: Array<Record<string, number>> = [];
    expect(await writeSample(plan, fakeTryIt(asked), predict, 3)).toEqual({ step: 3, seed: 'ab', temperature: 0.5, text: 'xxxx' });
    expect(asked).toEqual([{ temperature: 0.5, length: 4 }]);
    const refusing: Pick<TryIt, 'run'> = { run: async () => ({ error: 'None of these characters…' }) };
    expect(await writeSample(plan, refusing, predict, 3)).toBeUndefined();
  });

  it('writes each milestone once, hands them to frames oldest first, and writes nothing off the plan', async () => {
    const asked: Array<Record<string, number>> = [];
    const samples = new MilestoneSamples(plan, fakeTryIt(asked));
    for (const step of [0, 0, 1, 2, 3, 3, 4, 5]) await samples.reach(step, predict);
    expect(asked).toHaveLength(3);
    expect([samples.take()?.step, samples.take()?.step, samples.take()?.step, samples.take()]).toEqual([0, 3, 5, undefined]);
    expect(new MilestoneSamples(undefined, fakeTryIt()).due(0)).toBe(false);
    expect(new MilestoneSamples(plan, undefined).due(0)).toBe(false);
  });

  it('forgets what was written after a rewound step, waiting or sent, and writes it again when passed', async () => {
    const samples = new MilestoneSamples(plan, fakeTryIt());
    for (const step of [0, 3, 5]) await samples.reach(step, predict);
    expect(samples.take()?.step).toBe(0);
    samples.forgetAfter(3);
    expect([samples.take()?.step, samples.take()]).toEqual([3, undefined]);
    expect([samples.due(3), samples.due(5)]).toEqual([false, true]);
    samples.clear();
    expect(samples.due(0)).toBe(true);
  });

  it('a sample whose model was disposed under it is dropped, not retried', async () => {
    const failing: Pick<TryIt, 'run'> = { run: () => Promise.reject(new Error('Tensor is disposed')) };
    const samples = new MilestoneSamples(plan, failing);
    await samples.reach(3, predict);
    expect(samples.take()).toBeUndefined();
    expect(samples.due(3)).toBe(false);
  });
});

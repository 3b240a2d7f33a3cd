import { describe, expect, it } from 'vitest';
import { baselinesJson } from './train';

describe("train's JSON summary", () => {
  it('puts the baselines under `baselines`, and those in another metric under baselines<Metric>', () => {
    const json = baselinesJson({ baselines: { mean: 7.6, persistence: 0.02 }, baselinesIn: { rmsePpm: { mean: 27.5, persistence: 1.4 } } });
    expect(json).toEqual({ baselines: { mean: 7.6, persistence: 0.02 }, baselinesRmsePpm: { mean: 27.5, persistence: 1.4 } });
  });

  it('adds nothing for a task without baselines', () => {
    expect(baselinesJson({})).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { bestAbsR, centredBest, chanceLevel, dropInputEchoes, seededRandom } from './chanceLevel';
import { phaseFeatures, rankUnits, seriesFeatures, type InputFeature } from './unitFeatures';

/** H units of independent uniform noise over N steps. */
function noiseUnits(random: () => number, units: number, steps: number): number[][] {
  return Array.from({ length: units }, () => Array.from({ length: steps }, () => random() * 2 - 1));
}

/** F features of N steps: a 0/1 flag, a count, and noise. */
function someFeatures(random: () => number, steps: number): InputFeature[] {
  return [
    { name: 'flag', values: Array.from({ length: steps }, () => (random() < 0.3 ? 1 : 0)) },
    { name: 'count', values: Array.from({ length: steps }, (_, t) => t % 7) },
    { name: 'noise', values: Array.from({ length: steps }, () => random()) },
  ];
}

describe('the chance level of a ranking of units by |r|', () => {
  it('passes a unit that tracks a feature exactly and none of 15 random ones', () => {
    const random = seededRandom(7);
    const features = someFeatures(random, 20);
    const units = noiseUnits(random, 16, 20);
    units[5] = features[1].values.map((v) => 0.3 * v - 1); // tracks "count" exactly (r = 1)
    const level = chanceLevel(units, features);
    expect(level.steps).toBe(20);
    const above = rankUnits(units, features, 16).filter((u) => Math.abs(u.r) > level.threshold);
    expect(above.map((u) => u.unit)).toEqual([5]);
    expect(above[0].feature).toBe('count');
  });

  it('is above the 5% critical |r| of a single pair over 20 steps (0.444), since the best of 16 × 3 is kept', () => {
    const random = seededRandom(3);
    const level = chanceLevel(noiseUnits(random, 16, 20), someFeatures(random, 20));
    // two-sided 5% critical value of Pearson's r for n = 20: t(18) = 2.101, r = t / √(t² + 18)
    const single = 2.101 / Math.sqrt(2.101 ** 2 + 18);
    expect(single).toBeCloseTo(0.444, 3);
    expect(level.threshold).toBeGreaterThan(single + 0.1);
    expect(level.threshold).toBeLessThan(1);
  });

  it('lets random units through in about 5% of probes, not more (family-wise, over 60 probes)', () => {
    let any = 0;
    for (let trial = 0; trial < 60; trial++) {
      const random = seededRandom(100 + trial);
      const features = someFeatures(random, 20);
      const units = noiseUnits(random, 16, 20);
      const level = chanceLevel(units, features, { shuffles: 100, seed: trial + 1 });
      if (rankUnits(units, features, 16).some((u) => Math.abs(u.r) > level.threshold)) any++;
    }
    // expected 3 of 60; 9 or more would happen by chance with probability < 0.1%
    expect(any).toBeLessThanOrEqual(8);
  });

  it('is deterministic for a seed and shuffles only steps where every feature applies', () => {
    const random = seededRandom(11);
    const features = someFeatures(random, 24);
    features[0].values[0] = NaN;
    features[2].values[23] = NaN;
    const units = noiseUnits(random, 8, 24);
    const a = chanceLevel(units, features);
    expect(a.steps).toBe(22);
    expect(chanceLevel(units, features)).toEqual(a);
    expect(chanceLevel(units, features, { seed: 2 }).threshold).not.toBe(a.threshold);
  });
});

describe('features that duplicate the input value', () => {
  it("drops a noisy sine's phase (sine of), which is the value read up to noise, and keeps its cosine", () => {
    const random = seededRandom(5);
    const period = 20;
    const values = Array.from({ length: 24 }, (_, t) => Math.sin((2 * Math.PI * t) / period) + 0.05 * (random() * 2 - 1));
    const { kept, dropped } = dropInputEchoes([...phaseFeatures(values, period), ...seriesFeatures(values)]);
    expect(dropped.map((d) => d.name)).toEqual(['phase (sine of)']);
    expect(dropped[0].r).toBeGreaterThan(0.99);
    expect(kept.map((f) => f.name)).toEqual(['phase (cosine of)', 'the value read', 'change from the step before']);
  });

  it('keeps everything when there is no input value to compare with', () => {
    const features = [{ name: 'a', values: [1, 2, 3] }, { name: 'b', values: [1, 2, 3] }];
    expect(dropInputEchoes(features)).toEqual({ kept: features, dropped: [] });
  });
});

describe('the chance level’s dot products', () => {
  it('give bestAbsR of the reordered features, with short and partly undefined features and a flat unit', () => {
    const random = seededRandom(21);
    const features = someFeatures(random, 24);
    features[1].values[3] = NaN;
    features[2].values = features[2].values.slice(0, 22);
    const units = noiseUnits(random, 12, 24);
    units[4] = units[4].map(() => 0.5);
    const best = centredBest(units, features, 24);
    const open = Array.from({ length: 22 }, (_, t) => t).filter((t) => t !== 3);
    for (let trial = 0; trial < 20; trial++) {
      const order = [...open].sort(() => random() - 0.5);
      const from = Array.from({ length: 24 }, (_, t) => t);
      open.forEach((t, k) => (from[t] = order[k]));
      const reordered = features.map((f) => ({ name: f.name, values: f.values.map((_, t) => f.values[from[t]]) }));
      expect(best(from)).toBeCloseTo(bestAbsR(units, reordered), 12);
    }
  });
});

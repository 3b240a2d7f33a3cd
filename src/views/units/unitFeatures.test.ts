import { describe, expect, it } from 'vitest';
import { characterFeatures, pearson, phaseFeatures, probeFeatures, rankUnits, unitActivations, wordFeatures } from './unitFeatures';

describe('one unit at a time', () => {
  it('correlates as Pearson by hand: x = 1 2 3 4, y = 2 4 5 9 gives 11/√130', () => {
    // x̄ = 2.5, ȳ = 5; Σdxdy = 1.5·3 + 0.5·1 + 0 + 1.5·4 = 11, Σdx² = 5, Σdy² = 26
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 12);
    expect(pearson([1, 2, 3, 4], [9, 5, 4, 2])).toBeCloseTo(-pearson([1, 2, 3, 4], [2, 4, 5, 9]), 12);
    // steps where the feature does not apply are left out of both
    expect(pearson([NaN, 1, 2, 3, 4], [100, 2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 12);
    // a constant has no correlation; two points are too few
    expect(pearson([1, 1, 1, 1], [1, 2, 3, 4])).toBeNaN();
    expect(pearson([1, 2], [1, 2])).toBeNaN();
  });

  it('reads position in a word, quotes and spaces off characters', () => {
    const features = characterFeatures([...'he said "hi" ok']);
    const byName = Object.fromEntries(features.map((f) => [f.name, f.values]));
    expect(byName['position in a word']).toEqual([1, 2, 0, 1, 2, 3, 4, 0, 0, 1, 2, 0, 0, 1, 2]);
    expect(byName['inside quotes']).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(byName['a space']).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('reads words after "not" and from "but" on, leaving padding out', () => {
    const byName = Object.fromEntries(wordFeatures(['<pad>', 'not', 'good', 'but', 'fine']).map((f) => [f.name, f.values]));
    expect(byName['position in the sentence']).toEqual([NaN, 1, 2, 3, 4]);
    expect(byName['"not" or right after it']).toEqual([NaN, 1, 1, 0, 0]);
    expect(byName['from "but" on']).toEqual([NaN, 0, 0, 1, 1]);
  });

  it("recovers a sine's phase from its values (least squares with the known period)", () => {
    const period = 12;
    const values = Array.from({ length: 30 }, (_, t) => 0.8 * Math.sin((2 * Math.PI * t) / period + 1.1) + 0.3);
    const [sine, cosine] = phaseFeatures(values, period);
    values.forEach((_, t) => {
      expect(sine.values[t]).toBeCloseTo(Math.sin((2 * Math.PI * t) / period + 1.1), 9);
      expect(cosine.values[t]).toBeCloseTo(Math.cos((2 * Math.PI * t) / period + 1.1), 9);
    });
  });

  it('ranks units by their best |r| over the features, leaving out units with none', () => {
    const features = [
      { name: 'up', values: [1, 2, 3, 4, 5] },
      { name: 'bump', values: [0, 1, 0, 1, 0] },
    ];
    const activations = [
      [0.1, 0.1, 0.1, 0.1, 0.1], // constant: no correlation
      [0, 0.9, 0.1, 1, 0], // tracks the bump (r ≈ 0.99)
      [5, 4, 3, 2, 1], // falls with "up": r = −1
      [1, 3, 2, 5, 4], // tracks "up" loosely
    ];
    const ranked = rankUnits(activations, features);
    expect(ranked.map((u) => u.unit)).toEqual([2, 1, 3]);
    expect(ranked[0]).toMatchObject({ feature: 'up' });
    expect(ranked[0].r).toBeCloseTo(-1, 12);
    expect(ranked[1]).toMatchObject({ unit: 1, feature: 'bump' });
    expect(ranked[2].r).toBeCloseTo(pearson(activations[3], features[0].values), 12);
    expect(rankUnits(activations, features, 1)).toHaveLength(1);
  });

  it("takes a unit's activation at every step out of packed gates", () => {
    // (layerDirs 1, names [a, h], T 3, H 2): h of unit 1 sits at offsets 6 + 2t + 1
    const gates = Float32Array.from({ length: 12 }, (_, k) => k);
    expect(unitActivations(gates, { layerDirs: 1, recordedNames: ['a', 'h'], steps: 3, hiddenSize: 2 }, 0, 'h', 1)).toEqual([7, 9, 11]);
  });

  it('picks features by task', () => {
    expect(probeFeatures('chargen', [...'ab c'], []).map((f) => f.name)).toContain('inside quotes');
    expect(probeFeatures('sentiment', ['good'], []).map((f) => f.name)).toContain('from "but" on');
    expect(probeFeatures('sine', ['0', '1', '0', '-1'], [0, 1, 0, -1], 4).map((f) => f.name)).toContain('phase (sine of)');
    expect(probeFeatures('reverse', ['1', '2'], [1, 2]).map((f) => f.name)).toEqual(['position in the sequence']);
  });
});

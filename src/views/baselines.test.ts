import { describe, expect, it } from 'vitest';
import { baselineName, beats, headlineBaselines, headlineMetric, otherScoreSentences, scoreTable, skillSentence, skillVsPersistence } from './baselines';

describe('baselineName', () => {
  it('names each baseline as a practitioner would, and an unknown one by its key', () => {
    expect(['mean', 'persistence', 'seasonalNaive', 'chance', 'bagOfWords', 'unigram', 'bigram'].map(baselineName)).toEqual([
      'predicting the mean',
      'repeating the last value',
      'seasonal naive with drift',
      'chance',
      'bag of words (naive Bayes)',
      'unigram',
      'bigram',
    ]);
    expect(baselineName('trigram')).toBe('trigram');
  });
});

describe('headlineMetric', () => {
  it('judges character generation by bits/char, forecasting by MSE, the rest by accuracy', () => {
    expect(headlineMetric(['bitsPerChar', 'accuracy', 'baselineAccuracy'])).toBe('bitsPerChar');
    expect(headlineMetric(['mse', 'baselineMse', 'rmsePpm'])).toBe('mse');
    expect(headlineMetric(['accuracy', 'baselineAccuracy'])).toBe('accuracy');
  });

  it('before the first evaluation, reads it from the baselines', () => {
    expect(headlineMetric([], { unigram: 4.4, bigram: 3.4 })).toBe('bitsPerChar');
    expect(headlineMetric([], { mean: 1, persistence: 0.1 })).toBe('mse');
    expect(headlineMetric([], { chance: 0.25 })).toBe('accuracy');
    expect(headlineMetric([])).toBe('accuracy');
  });
});

describe('headlineBaselines', () => {
  it("takes the task's baselines, and the one its metrics report where the task gives none of that name", () => {
    expect(headlineBaselines('mse', { mse: 0.1, baselineMse: 7.6 })).toEqual({ mean: 7.6 });
    expect(headlineBaselines('mse', { mse: 0.1, baselineMse: 7.6 }, { mean: 7.5, persistence: 0.2 })).toEqual({ mean: 7.5, persistence: 0.2 });
    expect(headlineBaselines('bitsPerChar', { bitsPerChar: 3, baselineBitsPerChar: 4.4 }, { bigram: 3.3 })).toEqual({ unigram: 4.4, bigram: 3.3 });
    expect(headlineBaselines('accuracy', undefined, { chance: 0.5, bagOfWords: 0.83 })).toEqual({ chance: 0.5, bagOfWords: 0.83 });
  });
});

describe('scoreTable', () => {
  it("puts the network beside its baselines in the headline metric, then in each other metric they are given in", () => {
    const table = scoreTable(
      'mse',
      { mse: 0.2, baselineMse: 7.6, rmsePpm: 2 },
      { mean: 7.6, persistence: 0.1, seasonalNaive: 0.01 },
      { rmsePpm: { mean: 12, persistence: 1.4, seasonalNaive: 0.5 } },
    );
    expect(table.baselineKeys).toEqual(['mean', 'persistence', 'seasonalNaive']);
    expect(table.columns.map((column) => [column.name, column.model])).toEqual([
      ['MSE', 0.2],
      ['RMSE (ppm)', 2],
    ]);
    expect(table.columns[1].baselines.persistence).toBe(1.4);
  });

  it('has the baselines before the first evaluation, and no value for the network', () => {
    const table = scoreTable('bitsPerChar', undefined, { unigram: 4.4, bigram: 3.4 });
    expect(table.baselineKeys).toEqual(['unigram', 'bigram']);
    expect(table.columns[0].model).toBeUndefined();
  });
});

describe('beats', () => {
  it('reads lower as better for errors and bits/char, higher for accuracy', () => {
    expect(beats('mse', 0.1, 0.2)).toBe(true);
    expect(beats('bitsPerChar', 3.5, 3.4)).toBe(false);
    expect(beats('accuracy', 0.78, 0.83)).toBe(false);
    expect(beats('accuracy', 0.9, 0.5)).toBe(true);
    expect(beats('mse', undefined, 0.2)).toBeUndefined();
    expect(beats('mse', NaN, 0.2)).toBeUndefined();
    // an accuracy must clear the baseline by two standard errors: 2·√(0.25·0.75/200) ≈ 0.061 over 200 sequences
    expect(beats('accuracy', 0.258, 0.25, 200)).toBe(false);
    expect(beats('accuracy', 0.3, 0.25, 200)).toBe(false);
    expect(beats('accuracy', 0.32, 0.25, 200)).toBe(true);
    expect(beats('accuracy', 0.258, 0.25)).toBe(true);
    // other metrics as before: the held-out count does not apply
    expect(beats('mse', 0.19, 0.2, 200)).toBe(true);
  });
});

describe('skillVsPersistence', () => {
  it("is the task's own figure when it gives one, else 1 − MSE / MSE(persistence)", () => {
    expect(skillVsPersistence({ mse: 1, skillVsPersistence: 0.25 }, { persistence: 2 })).toBe(0.25);
    expect(skillVsPersistence({ mse: 1 }, { persistence: 4 })).toBeCloseTo(0.75);
    expect(skillVsPersistence({ mse: 1 }, {})).toBeUndefined();
    expect(skillVsPersistence(undefined, { persistence: 4 })).toBeUndefined();
  });
});

describe('skillSentence', () => {
  it('says how much lower the error is than repeating the last value', () => {
    expect(skillSentence(0.38)).toBe('38% lower error (MSE) than repeating the last value');
  });

  it('says honestly when the error is higher', () => {
    expect(skillSentence(-0.12)).toBe('12% higher error (MSE) than repeating the last value');
  });

  it('gives a ratio from twice the error on', () => {
    expect(skillSentence(-1)).toBe('2.0 times the error (MSE) of repeating the last value');
    expect(skillSentence(-35.9)).toBe('37 times the error (MSE) of repeating the last value');
  });

  it('calls a skill that rounds to 0% about the same, and names another reference when asked', () => {
    expect(skillSentence(0.004)).toBe('about the same error (MSE) as repeating the last value');
    expect(skillSentence(0.5, 'seasonal naive with drift')).toBe('50% lower error (MSE) than seasonal naive with drift');
    expect(skillSentence(NaN)).toBe('an error that cannot be compared with repeating the last value');
  });
});

describe('otherScoreSentences', () => {
  it("names character generation's \"chance\" for what it is: the most frequent character's rate", () => {
    expect(otherScoreSentences('bitsPerChar', { bitsPerChar: 3, accuracy: 0.341, baselineAccuracy: 0.16 })).toEqual([
      'Next character guessed right 34% of the time; always guessing the most frequent character is right 16%.',
    ]);
  });

  it("gives reverse's digits against chance per digit", () => {
    expect(otherScoreSentences('accuracy', { accuracy: 0.2, digitAccuracy: 0.45, baselineDigitAccuracy: 0.1 })).toEqual(['Digits in the right place: 45%; chance per digit is 10%.']);
  });

  it('has nothing to add for the other tasks', () => {
    expect(otherScoreSentences('accuracy', { accuracy: 0.9, baselineAccuracy: 0.25 })).toEqual([]);
    expect(otherScoreSentences('mse', undefined)).toEqual([]);
  });
});

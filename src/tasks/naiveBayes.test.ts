import { describe, expect, it } from 'vitest';
import { naiveBayesAccuracy, naiveBayesPredict, naiveBayesScores, trainNaiveBayes } from './naiveBayes';

/** Three sentences, five words: small enough to compute by hand. */
const corpus = [
  { tokens: ['good', 'movie'], label: 1 },
  { tokens: ['great', 'fun'], label: 1 },
  { tokens: ['bad', 'movie'], label: 0 },
];

describe('naive Bayes (multinomial, Laplace smoothing)', () => {
  const model = trainNaiveBayes(corpus);

  it('priors are the share of training sentences per class', () => {
    expect(Math.exp(model.logPriors[0])).toBeCloseTo(1 / 3, 12);
    expect(Math.exp(model.logPriors[1])).toBeCloseTo(2 / 3, 12);
  });

  it('likelihoods are add-one smoothed over the training vocabulary', () => {
    // |V| = 5; positive has 4 words, negative 2: P(w|+) = (n+1)/9, P(w|−) = (n+1)/7
    const p = (label: number, word: string) => Math.exp(model.logLikelihoods[label].get(word)!);
    expect(p(1, 'movie')).toBeCloseTo(2 / 9, 12);
    expect(p(1, 'bad')).toBeCloseTo(1 / 9, 12);
    expect(p(0, 'movie')).toBeCloseTo(2 / 7, 12);
    expect(p(0, 'fun')).toBeCloseTo(1 / 7, 12);
    for (const label of [0, 1]) expect([...model.logLikelihoods[label].values()].reduce((sum, l) => sum + Math.exp(l), 0)).toBeCloseTo(1, 12);
  });

  it('decides by prior × likelihoods, skipping words it never saw', () => {
    // "bad movie": + 2/3·1/9·2/9 = 4/243 < − 1/3·2/7·2/7 = 4/147 → negative
    const [negative, positive] = naiveBayesScores(model, ['bad', 'movie']);
    expect(Math.exp(positive)).toBeCloseTo(4 / 243, 12);
    expect(Math.exp(negative)).toBeCloseTo(4 / 147, 12);
    expect(naiveBayesPredict(model, ['bad', 'movie'])).toBe(0);
    // "bad fun": + 4/243 > − 1/3·2/7·1/7 = 2/147 → positive, although "bad" alone leans negative
    expect(naiveBayesPredict(model, ['bad', 'fun'])).toBe(1);
    // an unseen word changes nothing: the prior decides
    expect(naiveBayesScores(model, ['zorblax'])).toEqual(model.logPriors);
    expect(naiveBayesPredict(model, ['zorblax'])).toBe(1);
    // order is invisible to it
    expect(naiveBayesScores(model, ['movie', 'bad'])).toEqual(naiveBayesScores(model, ['bad', 'movie']));
  });

  it('scores accuracy as the share of sentences it labels right', () => {
    expect(naiveBayesAccuracy(model, [{ tokens: ['bad', 'movie'], label: 0 }, { tokens: ['bad', 'fun'], label: 0 }])).toBe(0.5);
    expect(naiveBayesAccuracy(model, corpus)).toBe(1);
  });
});

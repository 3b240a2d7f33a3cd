import { beforeAll, describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { naiveBayesAccuracy, trainNaiveBayes } from './naiveBayes';
import { AFINN_FILE } from './sentiment';
import { ruleLabel } from './sentimentLabels';
import { generateReviews, parseAfinn, reviewLexicon, type ReviewLexicon } from './sentimentReviews';
import { tokenize } from './sentimentTokens';

let afinn: Record<string, number> = {};
beforeAll(async () => {
  afinn = parseAfinn(await readDataFile(AFINN_FILE));
}, 60_000);

describe('generated reviews', () => {
  const lexicon = (): ReviewLexicon => reviewLexicon(afinn);

  it('uses 40 positive and 40 negative AFINN words with |valence| ≥ 2', () => {
    const { positive, negative, valence } = lexicon();
    expect(positive).toHaveLength(40);
    expect(negative).toHaveLength(40);
    for (const word of positive) expect(valence[word]).toBeGreaterThanOrEqual(2);
    for (const word of negative) expect(valence[word]).toBeLessThanOrEqual(-2);
  });

  it('is seeded, balanced, distinct, and has negations and "but" sentences', () => {
    const reviews = generateReviews(lexicon(), 1000, 7);
    expect(generateReviews(lexicon(), 1000, 7)).toEqual(reviews);
    expect(generateReviews(lexicon(), 1000, 8)).not.toEqual(reviews);
    expect(reviews.filter((r) => r.label === 1)).toHaveLength(500);
    expect(new Set(reviews.map((r) => tokenize(r.text).join(' '))).size).toBe(1000);
    const tokens = reviews.map((r) => tokenize(r.text));
    expect(tokens.filter((t) => t.includes('not')).length).toBeGreaterThan(200);
    expect(tokens.filter((t) => t.includes('but')).length).toBeGreaterThan(200);
    expect(tokens.filter((t) => t.some((w) => ['very', 'really', 'so', 'truly', 'extremely'].includes(w))).length).toBeGreaterThan(100);
  });

  it('labels follow the rules: "not" flips, the clause after "but" decides', () => {
    const { valence } = lexicon();
    const reviews = generateReviews(lexicon(), 2000, 3);
    // an oracle written apart from the generator: the last clause's adjective sign, flipped by "not"
    for (const { text, label } of reviews) {
      const tokens = tokenize(text);
      const cut = Math.max(tokens.lastIndexOf('but'), tokens.lastIndexOf('and'));
      const last = tokens.slice(cut + 1);
      const adjective = last.find((w) => valence[w] !== undefined)!;
      const negated = last.includes('not');
      expect(label, text).toBe((valence[adjective] > 0) !== negated ? 1 : 0);
      expect(ruleLabel(tokens, valence)).toBe(label);
    }
    expect(ruleLabel(tokenize('the food was not good'), valence)).toBe(0);
    expect(ruleLabel(tokenize('the food was not bad'), valence)).toBe(1);
    expect(ruleLabel(tokenize('the food was good, but the staff were rude'), valence)).toBe(0);
    expect(ruleLabel(tokenize('the food was awful, but the staff were very friendly'), valence)).toBe(1);
  });

  it('order matters: the same bag of words can carry either label', () => {
    const { valence } = lexicon();
    const reviews = generateReviews(lexicon(), 2000, 5);
    const contrasts = reviews.filter((r) => tokenize(r.text).includes('but'));
    expect(contrasts.length).toBeGreaterThan(500);
    for (const { text, label } of contrasts.slice(0, 100)) {
      // swapping the clauses keeps every word and flips the label
      const [first, second] = text.replace(/\.$/, '').split(', but ');
      const swapped = tokenize(`${second}, but ${first}`);
      expect([...swapped].sort()).toEqual([...tokenize(text)].sort());
      expect(ruleLabel(swapped, valence)).toBe(1 - label);
    }
  });
  it('a bag of words cannot solve it: naive Bayes over word counts stays near chance', () => {
    const reviews = generateReviews(lexicon(), 3000, 2).map(({ text, label }) => ({ tokens: tokenize(text), label }));
    const model = trainNaiveBayes(reviews.slice(0, 2400));
    expect(naiveBayesAccuracy(model, reviews.slice(2400))).toBeLessThan(0.6);
  });
});

import { describe, expect, it } from 'vitest';
import { bigramBitsPerChar, fitBigram, unigramEntropyBits } from './charBaselines';

describe('unigram', () => {
  it('computes the unigram entropy in bits', () => {
    expect(unigramEntropyBits('ab'.repeat(50))).toBeCloseTo(1, 12);
    expect(unigramEntropyBits('aaab'.repeat(25))).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 12);
    expect(unigramEntropyBits('abcd'.repeat(10))).toBeCloseTo(2, 12);
    expect(unigramEntropyBits([7, 7, 7])).toBe(0);
  });
});

describe('bigram', () => {
  // ids 0 (<unk>), 1 (a), 2 (b): the text "ababab" has the pairs a→b three times and b→a twice
  const model = fitBigram([1, 2, 1, 2, 1, 2], 3);
  const p = (previous: number, next: number) => model.probabilities[previous * 3 + next];

  it('counts pairs with add-one smoothing over the vocabulary: (n(p, c) + 1) / (n(p) + V)', () => {
    expect(p(1, 2)).toBeCloseTo(4 / 6, 15);
    expect(p(1, 1)).toBeCloseTo(1 / 6, 15);
    expect(p(1, 0)).toBeCloseTo(1 / 6, 15);
    expect(p(2, 1)).toBeCloseTo(3 / 5, 15);
    expect(p(2, 2)).toBeCloseTo(1 / 5, 15);
    // never seen as a predecessor: uniform
    for (const next of [0, 1, 2]) expect(p(0, next)).toBeCloseTo(1 / 3, 15);
    for (const previous of [0, 1, 2]) expect(p(previous, 0) + p(previous, 1) + p(previous, 2)).toBeCloseTo(1, 15);
  });

  it('scores held-out pairs as −mean log₂ P(target | previous)', () => {
    expect(bigramBitsPerChar(model, [1, 2], [2, 1])).toBeCloseTo(-(Math.log2(4 / 6) + Math.log2(3 / 5)) / 2, 15);
    // an unseen pair costs log₂(n(p) + V) bits
    expect(bigramBitsPerChar(model, [2], [2])).toBeCloseTo(Math.log2(5), 15);
    expect(() => bigramBitsPerChar(model, [1], [2, 1])).toThrow(/1 previous characters for 2 targets/);
  });

  it('on a long alternating text it is nearly certain: far below the unigram’s 1 bit', () => {
    const ids = Array.from({ length: 1000 }, (_, k) => 1 + (k % 2));
    const bits = bigramBitsPerChar(fitBigram(ids, 3), [1, 2, 1], [2, 1, 2]);
    expect(bits).toBeGreaterThan(0);
    expect(bits).toBeLessThan(0.01);
    expect(unigramEntropyBits(ids)).toBeCloseTo(1, 12);
  });
});

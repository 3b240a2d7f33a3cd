import { describe, expect, it } from 'vitest';
import { accuracy, argmaxAt, softmax } from './scores';

describe('argmaxAt', () => {
  it('finds the largest value within the window only, the first on ties', () => {
    const values = [9, 1, 5, 5, 2, 9];
    expect(argmaxAt(values, 1, 4)).toBe(1); // 1 5 5 2: the first 5
    expect(argmaxAt(values, 3, 3)).toBe(2); // 5 2 9
    expect(argmaxAt(values, 0, 1)).toBe(0);
  });

  it('is not fooled by negative values or NaN', () => {
    expect(argmaxAt([-3, -1, -2], 0, 3)).toBe(1);
    expect(argmaxAt([NaN, NaN], 0, 2)).toBe(0);
    expect(argmaxAt([NaN, 1, 0], 0, 3)).toBe(0); // a NaN first compares false: callers see NaN scores as wrong
  });
});

describe('softmax', () => {
  it('gives probabilities that sum to one, in the order of the logits', () => {
    const [a, b, c] = softmax([0, Math.log(2), Math.log(5)]);
    expect([a, b, c].map((p) => +p.toFixed(12))).toEqual([0.125, 0.25, 0.625]);
  });

  it('does not overflow on large logits', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });
});

describe('accuracy', () => {
  it('scores each row by its largest logit against the one-hot target', () => {
    expect(accuracy([0.1, 2, 0, 0, 5, 0, 0, 0], [0, 1, 0, 0, 0, 0, 1, 0], 4)).toBe(0.5);
  });
});

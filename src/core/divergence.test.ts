import { describe, expect, it } from 'vitest';
import { checkDivergence, lossBound } from './divergence';

describe('checkDivergence', () => {
  it('passes finite values within the bound', () => {
    expect(checkDivergence(5, 0.3, 12, 1000)).toBeUndefined();
  });
  it('names NaN and ±∞ in the loss or the gradient norm, gradient first', () => {
    expect(checkDivergence(7, NaN, 1, 1000)).toMatchObject({ step: 7, quantity: 'loss', message: 'Diverged at step 7: the loss became NaN.' });
    expect(checkDivergence(8, 0.1, Infinity, 1000)).toMatchObject({ quantity: 'gradient norm', message: 'Diverged at step 8: the gradient norm became +∞.' });
    expect(checkDivergence(9, -Infinity, NaN, 1000)?.quantity).toBe('gradient norm');
    expect(checkDivergence(9, -Infinity, 3, 1000)?.how).toBe('became −∞');
  });
  it('stops a loss that jumps past the bound', () => {
    const d = checkDivergence(3, 5e6, 10, lossBound(0.5));
    expect(d?.message).toBe('Diverged at step 3: the loss jumped past 5e+3 (it is 5.00e+6).');
  });
  it('bounds the loss relative to the first loss, with a floor', () => {
    expect(lossBound(0.5)).toBe(5000);
    expect(lossBound(0.001)).toBe(1000);
    expect(lossBound(NaN)).toBe(1000);
  });
});

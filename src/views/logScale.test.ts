import { describe, expect, it } from 'vitest';
import { decadeTicks, logTickLabel, powerOfTen } from './logScale';

describe('powerOfTen', () => {
  it('writes exponents as superscripts', () => {
    expect(powerOfTen(-43)).toBe('10⁻⁴³');
    expect(powerOfTen(-4)).toBe('10⁻⁴');
    expect(powerOfTen(0)).toBe('1');
    expect(powerOfTen(1)).toBe('10');
    expect(powerOfTen(12)).toBe('10¹²');
  });
});

describe('decadeTicks', () => {
  it('labels at most the two ends and the middle, however many decades there are', () => {
    expect(decadeTicks(-43, -10)).toEqual([
      [-43, '10⁻⁴³'],
      [-26, '10⁻²⁶'],
      [-10, '10⁻¹⁰'],
    ]);
    expect(decadeTicks(-6, 0)).toEqual([
      [-6, '10⁻⁶'],
      [-3, '10⁻³'],
      [0, '1'],
    ]);
  });

  it('labels only the ends of a one-decade range', () => {
    expect(decadeTicks(-3, -2)).toEqual([
      [-3, '10⁻³'],
      [-2, '10⁻²'],
    ]);
  });
});

describe('logTickLabel', () => {
  it('writes 0.01 … 1000 plainly and powers of ten beyond', () => {
    expect([0.01, 0.1, 1, 5, 200, 1000].map(logTickLabel)).toEqual(['0.01', '0.1', '1', '5', '200', '1000']);
    expect([1e-6, 1e-8, 0.001, 1e4].map(logTickLabel)).toEqual(['10⁻⁶', '10⁻⁸', '10⁻³', '10⁴']);
    expect(logTickLabel(2e-6)).toBe('2×10⁻⁶');
    expect(logTickLabel(0.0001 * 5)).toBe('5×10⁻⁴');
  });
});

import { describe, expect, it } from 'vitest';
import { sigmoid, tanh } from './activations';

/** Every x in [from, to] at the given step. */
function grid(from: number, to: number, step: number): number[] {
  const xs: number[] = [];
  for (let k = 0; from + k * step <= to; k++) xs.push(from + k * step);
  return xs;
}

describe('the rational tanh and sigmoid', () => {
  const xs = grid(-20, 20, 1e-4);

  it('stay within 5·10⁻⁸ of Math.tanh and of 1/(1+e^−x) everywhere', () => {
    let tanhError = 0;
    let sigmoidError = 0;
    for (const x of xs) {
      tanhError = Math.max(tanhError, Math.abs(tanh(x) - Math.tanh(x)));
      sigmoidError = Math.max(sigmoidError, Math.abs(sigmoid(x) - 1 / (1 + Math.exp(-x))));
    }
    expect(tanhError).toBeLessThan(5e-8);
    expect(sigmoidError).toBeLessThan(2.5e-8);
  });

  it('are accurate relative to the value near 0, where tanh(x) ≈ x', () => {
    for (const x of [1e-30, 1e-12, 1e-6, 1e-3, -1e-3]) expect(Math.abs(tanh(x) / Math.tanh(x) - 1)).toBeLessThan(2e-7);
    expect(tanh(0)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('are odd (tanh) and symmetric (σ(−x) = 1 − σ(x)), monotone, and bounded once stored as float32', () => {
    const stored = new Float32Array(1);
    let previous = -Infinity;
    const broken = { odd: 0, symmetric: 0, monotone: 0, bounded: 0 };
    for (const x of xs) {
      const y = tanh(x);
      if (tanh(-x) !== -y) broken.odd++;
      if (Math.abs(sigmoid(-x) - (1 - sigmoid(x))) > 1e-15) broken.symmetric++;
      if (y < previous) broken.monotone++;
      previous = y;
      stored[0] = y;
      if (Math.abs(stored[0]) > 1) broken.bounded++;
    }
    expect(broken).toEqual({ odd: 0, symmetric: 0, monotone: 0, bounded: 0 });
  });

  it('keep NaN as NaN and map ±∞ to within float32 rounding of the limits, so divergence still shows', () => {
    expect(tanh(NaN)).toBeNaN();
    expect(sigmoid(NaN)).toBeNaN();
    expect(Math.abs(tanh(Infinity) - 1)).toBeLessThan(5e-8);
    expect(Math.abs(tanh(-Infinity) + 1)).toBeLessThan(5e-8);
    expect(Math.abs(sigmoid(Infinity) - 1)).toBeLessThan(2.5e-8);
    expect(Math.abs(sigmoid(-Infinity))).toBeLessThan(2.5e-8);
  });
});

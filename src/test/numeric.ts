/** Small numeric helpers shared by the tests: seeded values and element-wise closeness. */
import { expect } from 'vitest';

/**
 * n values U(−scale, scale) from a seed, by a linear congruential generator (independent of the code under
 * test, and the same in every test that uses it).
 */
export function seeded(n: number, seed: number, scale = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return scale * ((s / 2147483648) * 2 - 1);
  });
}

/** seeded() as float32, as tensors and the fused layer's products take them. */
export function seededF32(n: number, seed: number, scale = 1): Float32Array {
  return Float32Array.from(seeded(n, seed, scale));
}

/** Expects |actual − expected| ≤ atol + rtol·|expected| element by element, naming the first element that is not. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const tol = atol + rtol * Math.abs(expected[k]);
    if (!(Math.abs(actual[k] - expected[k]) <= tol)) throw new Error(`element ${k}: ${actual[k]} vs expected ${expected[k]} (tolerance ${tol})`);
  }
}

/** out + Aᵀ·C, naively in float64: A rows × p, C rows × n. */
export function naiveAddTransposed(a: Float32Array, c: Float32Array, rows: number, p: number, n: number, out: Float32Array): number[] {
  const expected = Array.from(out);
  for (let j = 0; j < p; j++)
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += a[r * p + j] * c[r * n + k];
      expected[j * n + k] += s;
    }
  return expected;
}

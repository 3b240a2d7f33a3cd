/** The JavaScript products against naive loops. */
import { describe, expect, it } from 'vitest';
import { expectClose, naiveAddTransposed, seededF32 } from '../../test/numeric';
import { addTransposedProduct, matMulTransposed } from './jsProducts';

describe('matMulTransposed', () => {
  it.each([
    [1, 1, 1],
    [2, 3, 4],
    [5, 7, 9],
    [32, 16, 64],
  ])('matches the naive product for A %i×%i, M %i×n (odd sizes take the remainder loops), and adds when asked', (m, n, p) => {
    const a = seededF32(m * n, 3);
    const mat = seededF32(p * n, 5);
    const out = seededF32(m * p, 7);
    const before = Float32Array.from(out);
    matMulTransposed(a, m, n, mat, p, out, true);
    const fresh = new Float32Array(m * p);
    matMulTransposed(a, m, n, mat, p, fresh);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * mat[j * n + k];
        expect(fresh[i * p + j]).toBeCloseTo(s, 5);
        expect(out[i * p + j]).toBeCloseTo(before[i * p + j] + s, 5);
      }
  });
});

describe('addTransposedProduct (∂L/∂W_hh without transposes)', () => {
  it.each([
    [1, 1, 1],
    [3, 5, 7],
    [64, 12, 16],
  ])('adds Aᵀ·C for %i rows, A ·×%i, C ·×%i', (rows, p, n) => {
    const a = seededF32(rows * p, 3);
    const c = seededF32(rows * n, 5);
    const out = seededF32(p * n, 7);
    const expected = naiveAddTransposed(a, c, rows, p, n, out);
    addTransposedProduct(a, c, rows, p, n, out);
    expectClose(out, expected, 1e-5 * Math.sqrt(rows), 1e-5);
  });
});


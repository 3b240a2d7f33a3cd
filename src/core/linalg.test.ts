import { describe, expect, it } from 'vitest';
import { gateBlockSingularValues, largestSingularValue, orthogonalFactor, pca2, topSingularValues } from './linalg';

describe('largestSingularValue', () => {
  it('is the largest |diagonal| of a diagonal matrix', () => {
    expect(largestSingularValue([2, 0, 0, 0, -5, 0, 0, 0, 1], 3, 3)).toBeCloseTo(5, 8);
  });
  it('matches the closed form of a 2×2 matrix', () => {
    // σ_max² is the largest eigenvalue of AᵀA = [[10, 14], [14, 20]]  (A = [[1, 2], [3, 4]])
    const expected = Math.sqrt((30 + Math.sqrt(30 * 30 - 4 * (10 * 20 - 14 * 14))) / 2);
    expect(largestSingularValue([1, 2, 3, 4], 2, 2)).toBeCloseTo(expected, 8);
  });
  it('handles a rectangular matrix and a rotation (σ = 1 though the eigenvalues are complex)', () => {
    expect(largestSingularValue([3, 4], 1, 2)).toBeCloseTo(5, 8);
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    expect(largestSingularValue([c, -s, s, c], 2, 2)).toBeCloseTo(1, 8);
  });
  it('is 0 for a zero matrix and NaN for a matrix with NaN', () => {
    expect(largestSingularValue([0, 0, 0, 0], 2, 2)).toBe(0);
    expect(largestSingularValue([NaN, 1, 1, 1], 2, 2)).toBeNaN();
  });
  it('splits W_hh into its gate blocks', () => {
    // two 2×2 blocks stacked by rows: diag(3, 1) and diag(0.5, 0.2)
    expect(gateBlockSingularValues([3, 0, 0, 1, 0.5, 0, 0, 0.2], 2, 2).map((v) => +v.toFixed(6))).toEqual([3, 0.5]);
  });
});

describe('pca2', () => {
  it('recovers a line: all variance on the first axis, distances preserved', () => {
    // points along direction (1, 2, 2)/3 at positions −2, −1, 0, 1, 2
    const pts = [-2, -1, 0, 1, 2].flatMap((s) => [s / 3, (2 * s) / 3, (2 * s) / 3]);
    const { coords, explained } = pca2(pts, 5, 3);
    expect(explained[0]).toBeCloseTo(1, 6);
    expect(explained[1]).toBeCloseTo(0, 6);
    expect(Array.from({ length: 5 }, (_, i) => coords[i * 2])).toEqual([-2, -1, 0, 1, 2].map((v) => expect.closeTo(v, 5)));
  });
  it('orders axes by variance and explains a plane fully', () => {
    // an ellipse in the x–z plane: x = 3 cos, z = sin
    const n = 16;
    const pts = Array.from({ length: n }, (_, i) => [3 * Math.cos((2 * Math.PI * i) / n), 0, Math.sin((2 * Math.PI * i) / n)]).flat();
    const { coords, explained } = pca2(pts, n, 3);
    expect(explained[0]).toBeCloseTo(0.9, 6);
    expect(explained[1]).toBeCloseTo(0.1, 6);
    expect(Math.abs(coords[0])).toBeCloseTo(3, 5);
    // first point has non-positive coordinates (stable signs)
    expect(coords[0]).toBeLessThanOrEqual(0);
  });
  it('returns zeros for identical points', () => {
    const { coords, explained } = pca2([1, 2, 1, 2, 1, 2], 3, 2);
    expect(Array.from(coords)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(explained).toEqual([0, 0]);
  });
});

/** A seeded row-major (rows × cols) matrix with entries in (−1, 1). */
function seededMatrix(rows: number, cols: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: rows * cols }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

describe('orthogonalFactor', () => {
  it('gives QᵀQ = I and A = QR with R upper triangular and a positive diagonal (torch’s sign fix)', () => {
    const n = 6;
    const a = seededMatrix(n, n, 3);
    const q = orthogonalFactor(a, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += q[k * n + i] * q[k * n + j];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    // R = QᵀA
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let r = 0;
        for (let k = 0; k < n; k++) r += q[k * n + i] * a[k * n + j];
        if (j < i) expect(r).toBeCloseTo(0, 12);
        else expect(r).toBeGreaterThan(0);
      }
  });
});

describe('topSingularValues', () => {
  it('finds a diagonal matrix’s |entries|, largest first', () => {
    expect(topSingularValues([2, 0, 0, 0, -5, 0, 0, 0, 1], 3, 3, 2)).toEqual([5, 2].map((v) => expect.closeTo(v, 12)));
  });
  it('agrees with power iteration on σ_max and with the Frobenius norm on the sum of σ², rectangular too', () => {
    for (const [rows, cols] of [[7, 7], [5, 3], [3, 5]]) {
      const a = seededMatrix(rows, cols, rows * 31 + cols);
      const all = topSingularValues(a, rows, cols);
      expect(all[0]).toBeCloseTo(largestSingularValue(a, rows, cols, 500), 8);
      expect(all.reduce((s, v) => s + v * v, 0)).toBeCloseTo(a.reduce((s, v) => s + v * v, 0), 10);
      expect(all.slice(0, Math.min(rows, cols)).every((v, k) => k === 0 || v <= all[k - 1])).toBe(true);
    }
  });
  it('recovers U·diag(σ)·Vᵀ’s σ over eight decades, and zeros as zeros (nothing squared)', () => {
    const n = 9;
    const u = orthogonalFactor(seededMatrix(n, n, 5), n);
    const v = orthogonalFactor(seededMatrix(n, n, 6), n);
    const sigma = [7, 2, 1, 0.5, 1e-3, 1e-6, 1e-8, 0, 0];
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += u[i * n + k] * sigma[k] * v[j * n + k];
    const found = topSingularValues(a, n, n);
    for (let k = 0; k < n; k++) expect(Math.abs(found[k] - sigma[k])).toBeLessThan(1e-14 * 7 * n);
    // the top three of a wide and a tall slice agree with each other (Aᵀ has A's singular values)
    const wide = Array.from(a.slice(0, 4 * n));
    const tall = Array.from({ length: 4 * n }, (_, idx) => wide[(idx % 4) * n + Math.floor(idx / 4)]);
    expect(topSingularValues(tall, n, 4, 3)).toEqual(topSingularValues(wide, 4, n, 3).map((x) => expect.closeTo(x, 12)));
  });
  it('gives the closed form of a 2×2 matrix and NaN for a matrix with NaN', () => {
    // A = [[1, 2], [3, 4]]: σ² are the eigenvalues of AᵀA = [[10, 14], [14, 20]]
    const root = Math.sqrt(30 * 30 - 4 * 4);
    expect(topSingularValues([1, 2, 3, 4], 2, 2)).toEqual([Math.sqrt((30 + root) / 2), Math.sqrt((30 - root) / 2)].map((v) => expect.closeTo(v, 12)));
    expect(topSingularValues([NaN, 1, 1, 1], 2, 2, 1)).toEqual([NaN]);
  });
});

/** The WebAssembly SIMD kernels against the JavaScript products and exact tanh and σ. */
import { describe, expect, it } from 'vitest';
import { expectClose, naiveAddTransposed, seededF32 } from '../../../test/numeric';
import { matMulTransposed } from '../jsProducts';
import { executionPlanFor } from '../executionPlan';
import { simdAvailable } from '../matrixKernels';
import { createSimdMatMul } from './simdMatMul';

describe('the WebAssembly SIMD product', () => {
  const simd = createSimdMatMul();

  it('runs here (Node 20 has WebAssembly SIMD), and the fused layer uses it by default', () => {
    expect(simd).toBeDefined();
    expect(simdAvailable()).toBe(true);
    for (const backend of ['wasm', 'cpu', 'webgl']) expect(executionPlanFor(backend, { softwareWebgl: true }).simd).toBe(true);
  });

  it.each([
    [1, 1, 1],
    [3, 5, 7],
    [2, 4, 4],
    [33, 17, 130],
    [128, 960, 32],
  ])('matches the JavaScript product for A %i×%i, M %i×n (padding odd sizes), overwriting and adding', (m, n, p) => {
    const a = seededF32(m * n, 13);
    const mat = seededF32(p * n, 17);
    const expected = new Float32Array(m * p);
    matMulTransposed(a, m, n, mat, p, expected);
    // a dirty output buffer, and a product into memory that held other numbers before
    const out = seededF32(m * p, 19);
    simd!.load(seededF32(4096, 29), 64, 64);
    simd!.multiply(seededF32(4096, 23), 64, new Float32Array(64 * 64));
    simd!.load(mat, p, n);
    simd!.multiply(a, m, out);
    expectClose(out, expected, 1e-5 * Math.sqrt(n), 1e-5);
    const base = seededF32(m * p, 31);
    const summed = Float32Array.from(base);
    // the loaded matrix stays for the next product
    simd!.multiply(a, m, summed, true);
    expectClose(summed, Array.from(expected, (v, k) => v + base[k]), 1e-5 * Math.sqrt(n), 1e-5);
  });

  it('computes tanh and σ of whole arrays within 5·10⁻⁷, bounded by ±1 and 0…1, keeping NaN and the loaded matrix', () => {
    const xs: number[] = [];
    for (let x = -20; x <= 20; x += 1e-3) xs.push(x);
    xs.push(Infinity, -Infinity, 0, -0, 1e-30);
    const values = Float32Array.from(xs);
    const tanhs = values.slice();
    const sigmoids = values.slice();
    simd!.load(seededF32(12, 3), 3, 4);
    simd!.activate(tanhs, false);
    simd!.activate(sigmoids, true);
    let tanhError = 0;
    let sigmoidError = 0;
    values.forEach((x, k) => {
      tanhError = Math.max(tanhError, Math.abs(tanhs[k] - Math.tanh(x)));
      sigmoidError = Math.max(sigmoidError, Math.abs(sigmoids[k] - 1 / (1 + Math.exp(-x))));
    });
    expect(tanhError).toBeLessThan(5e-7);
    expect(sigmoidError).toBeLessThan(5e-7);
    expect(Math.max(...Array.from(tanhs, Math.abs))).toBeLessThanOrEqual(1);
    expect(Math.min(...sigmoids)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sigmoids)).toBeLessThanOrEqual(1);
    // lengths that are not a multiple of the vector width, and NaN
    for (const n of [1, 3, 7, 9]) {
      const short = Float32Array.from({ length: n }, (_, k) => (k === n - 1 ? NaN : k - 2));
      simd!.activate(short, false);
      expect(short[n - 1]).toBeNaN();
      for (let k = 0; k < n - 1; k++) expect(short[k]).toBeCloseTo(Math.tanh(k - 2), 6);
    }
    const nan = Float32Array.of(NaN);
    simd!.activate(nan, true);
    expect(nan[0]).toBeNaN();
    const product = new Float32Array(3);
    const reference = new Float32Array(3);
    const x = seededF32(4, 5);
    simd!.multiply(x, 1, product);
    matMulTransposed(x, 1, 4, seededF32(12, 3), 3, reference);
    expectClose(product, reference, 1e-6, 1e-6);
  });

  it.each([
    [1, 1, 1],
    [3, 5, 7],
    [960, 64, 64],
    [7, 33, 17],
  ])('adds Aᵀ·C for %i rows, A ·×%i, C ·×%i (padding odd sizes), keeping the loaded matrix', (rows, p, n) => {
    const a = seededF32(rows * p, 37);
    const c = seededF32(rows * n, 41);
    const out = seededF32(p * n, 43);
    const expected = naiveAddTransposed(a, c, rows, p, n, out);
    const mat = seededF32(5 * 6, 47);
    simd!.load(mat, 5, 6);
    simd!.addTransposedProduct(a, c, rows, p, n, out);
    expectClose(out, expected, 1e-5 * Math.sqrt(rows), 1e-5);
    const x = seededF32(2 * 6, 53);
    const product = new Float32Array(2 * 5);
    const reference = new Float32Array(2 * 5);
    simd!.multiply(x, 2, product);
    matMulTransposed(x, 2, 6, mat, 5, reference);
    expectClose(product, reference, 1e-6, 1e-6);
  });
});


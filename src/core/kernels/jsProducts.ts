/**
 * The fused layer's matrix products in plain JavaScript, for engines without WebAssembly SIMD (and the reference
 * the SIMD kernels are tested against). Row-major Float32Arrays throughout; sizes are passed as numbers.
 */

/**
 * out (m × p) = A (m × n) · Mᵀ for M (p × n): out[i][j] = Σₖ A[i][k] M[j][k], rows contiguous. With `add`,
 * the product is added to out. Two rows of A against four of M at a time (eight sums in registers).
 */
export function matMulTransposed(a: Float32Array, m: number, n: number, mat: Float32Array, p: number, out: Float32Array, add = false): void {
  // Sizes as small integers: a size that reaches here as a double (tfjs shapes can) makes every index
  // computation a float conversion, and the loops twice as slow.
  m |= 0;
  n |= 0;
  p |= 0;
  const m2 = m - (m % 2);
  const p4 = p - (p % 4);
  for (let i = 0; i < m2; i += 2) {
    const a0 = i * n;
    const a1 = a0 + n;
    const o0 = i * p;
    const o1 = o0 + p;
    for (let j = 0; j < p4; j += 4) {
      const w0 = j * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < n; k++) {
        const x0 = a[a0 + k];
        const x1 = a[a1 + k];
        const v0 = mat[w0 + k];
        const v1 = mat[w1 + k];
        const v2 = mat[w2 + k];
        const v3 = mat[w3 + k];
        s00 += x0 * v0; s01 += x0 * v1; s02 += x0 * v2; s03 += x0 * v3;
        s10 += x1 * v0; s11 += x1 * v1; s12 += x1 * v2; s13 += x1 * v3;
      }
      if (add) {
        out[o0 + j] += s00; out[o0 + j + 1] += s01; out[o0 + j + 2] += s02; out[o0 + j + 3] += s03;
        out[o1 + j] += s10; out[o1 + j + 1] += s11; out[o1 + j + 2] += s12; out[o1 + j + 3] += s13;
      } else {
        out[o0 + j] = s00; out[o0 + j + 1] = s01; out[o0 + j + 2] = s02; out[o0 + j + 3] = s03;
        out[o1 + j] = s10; out[o1 + j + 1] = s11; out[o1 + j + 2] = s12; out[o1 + j + 3] = s13;
      }
    }
    for (let j = p4; j < p; j++) {
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < n; k++) {
        s0 += a[a0 + k] * mat[j * n + k];
        s1 += a[a1 + k] * mat[j * n + k];
      }
      out[o0 + j] = (add ? out[o0 + j] : 0) + s0;
      out[o1 + j] = (add ? out[o1 + j] : 0) + s1;
    }
  }
  for (let i = m2; i < m; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * mat[j * n + k];
      out[i * p + j] = (add ? out[i * p + j] : 0) + s;
    }
  }
}

/** out (p × n) += Aᵀ · C for A (rows × p) and C (rows × n): one outer product per row, rows contiguous. */
export function addTransposedProduct(a: Float32Array, c: Float32Array, rows: number, p: number, n: number, out: Float32Array): void {
  rows |= 0;
  p |= 0;
  n |= 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < p; j++) {
      const x = a[r * p + j];
      const outRow = j * n;
      const cRow = r * n;
      for (let k = 0; k < n; k++) out[outRow + k] += x * c[cRow + k];
    }
  }
}

/** out (cols × rows) = Xᵀ for X (rows × cols). */
export function transposeInto(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c];
}

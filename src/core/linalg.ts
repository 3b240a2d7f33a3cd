/**
 * Small dense linear algebra in plain arrays, for the numbers that explain training: the largest singular
 * value of a recurrent weight matrix, and a 2-D PCA of a hidden-state trajectory. Float64 accumulation.
 */

/** Largest singular value σ_max of a row-major (rows × cols) matrix, by power iteration on AᵀA. */
export function largestSingularValue(a: ArrayLike<number>, rows: number, cols: number, iterations = 60): number {
  if (rows === 0 || cols === 0) return 0;
  let v = new Float64Array(cols).map((_, k) => 1 + 0.01 * k); // deterministic start, not orthogonal to much
  let sigma = 0;
  const av = new Float64Array(rows);
  for (let it = 0; it < iterations; it++) {
    // u = A v
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += a[r * cols + c] * v[c];
      av[r] = s;
    }
    // w = Aᵀ u
    const w = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      const u = av[r];
      if (u === 0) continue;
      for (let c = 0; c < cols; c++) w[c] += a[r * cols + c] * u;
    }
    const norm = Math.hypot(...w);
    if (!(norm > 0) || !Number.isFinite(norm)) return Number.isFinite(norm) ? 0 : NaN;
    const next = Math.sqrt(norm / Math.hypot(...v));
    v = w.map((x) => x / norm);
    if (Math.abs(next - sigma) <= 1e-10 * next) return next;
    sigma = next;
  }
  return sigma;
}

/** The σ_max of each gate's H × H block of W_hh ((G·H) × H, blocks stacked by rows in PyTorch's gate order). */
export function gateBlockSingularValues(wHh: ArrayLike<number>, gates: number, hidden: number): number[] {
  const out: number[] = [];
  for (let g = 0; g < gates; g++) {
    const block = Array.prototype.slice.call(wHh, g * hidden * hidden, (g + 1) * hidden * hidden) as number[];
    out.push(largestSingularValue(block, hidden, hidden));
  }
  return out;
}

/** A 2-D projection: coordinates (n × 2, row-major) and the fraction of variance each axis explains. */
export interface Projection2D {
  coords: Float32Array;
  explained: [number, number];
}

/**
 * PCA of n points in d dimensions (row-major): centres them, finds the top two eigenvectors of the covariance
 * by power iteration with deflation, and projects. Signs are fixed so that the first point has non-positive
 * coordinates, so the picture does not flip between frames.
 */
export function pca2(points: ArrayLike<number>, n: number, d: number): Projection2D {
  const coords = new Float32Array(n * 2);
  if (n === 0 || d === 0) return { coords, explained: [0, 0] };
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += points[i * d + j] / n;
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = points[i * d + j] - mean[j];
  const cov = new Float64Array(d * d);
  let total = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const xij = x[i * d + j];
      if (xij === 0) continue;
      for (let k = 0; k < d; k++) cov[j * d + k] += (xij * x[i * d + k]) / n;
    }
  for (let j = 0; j < d; j++) total += cov[j * d + j];
  const components: Float64Array[] = [];
  const eigenvalues: number[] = [];
  for (let comp = 0; comp < Math.min(2, d); comp++) {
    let v = new Float64Array(d).map((_, k) => 1 / Math.sqrt(d) + 0.001 * ((k * 7919) % 13));
    let lambda = 0;
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += cov[j * d + k] * v[k];
        w[j] = s;
      }
      // deflate: remove the components already found
      for (let p = 0; p < components.length; p++) {
        const c = components[p];
        let dot = 0;
        for (let j = 0; j < d; j++) dot += w[j] * c[j];
        for (let j = 0; j < d; j++) w[j] -= dot * c[j];
      }
      const norm = Math.hypot(...w);
      if (!(norm > 1e-300)) {
        lambda = 0;
        break;
      }
      v = w.map((value) => value / norm);
      if (Math.abs(norm - lambda) <= 1e-12 * norm) {
        lambda = norm;
        break;
      }
      lambda = norm;
    }
    components.push(v);
    eigenvalues.push(lambda);
  }
  for (let p = 0; p < components.length; p++) {
    const c = components[p];
    let first = 0;
    for (let j = 0; j < d; j++) first += x[j] * c[j];
    const sign = first > 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * c[j];
      coords[i * 2 + p] = sign * s;
    }
  }
  const share = (k: number) => (total > 0 ? (eigenvalues[k] ?? 0) / total : 0);
  return { coords, explained: [share(0), share(1)] };
}

/**
 * The orthogonal factor Q of A = QR for a square row-major n × n matrix, by Householder reflections in float64,
 * with the sign fix torch.nn.init.orthogonal_ applies (each column of Q times the sign of R's diagonal), so that
 * Q is uniformly distributed over the orthogonal matrices when A is Gaussian. Cost O(n³).
 */
export function orthogonalFactor(a: ArrayLike<number>, n: number): Float64Array {
  const r = Float64Array.from({ length: n * n }, (_, k) => a[k]);
  const q = new Float64Array(n * n);
  for (let k = 0; k < n; k++) q[k * n + k] = 1;
  const v = new Float64Array(n);
  for (let col = 0; col < n - 1; col++) {
    // the reflection H = I − 2vvᵀ/(vᵀv) that zeroes column `col` below the diagonal
    let norm = 0;
    for (let row = col; row < n; row++) norm += r[row * n + col] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = r[col * n + col] > 0 ? -norm : norm;
    v.fill(0);
    for (let row = col; row < n; row++) v[row] = r[row * n + col];
    v[col] -= alpha;
    let vv = 0;
    for (let row = col; row < n; row++) vv += v[row] * v[row];
    if (vv === 0) continue;
    // R ← H R (columns col…n−1), Q ← Q H (Q accumulates H₀ H₁ ⋯, so that A = Q R)
    for (let j = col; j < n; j++) {
      let dot = 0;
      for (let row = col; row < n; row++) dot += v[row] * r[row * n + j];
      const scale = (2 * dot) / vv;
      for (let row = col; row < n; row++) r[row * n + j] -= scale * v[row];
    }
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let row = col; row < n; row++) dot += q[i * n + row] * v[row];
      const scale = (2 * dot) / vv;
      for (let row = col; row < n; row++) q[i * n + row] -= scale * v[row];
    }
  }
  // sign fix: Q ← Q diag(sign(diag R)), as torch does (a zero diagonal keeps its column)
  for (let j = 0; j < n; j++) if (r[j * n + j] < 0) for (let i = 0; i < n; i++) q[i * n + j] = -q[i * n + j];
  return q;
}

/**
 * The k largest singular values of a row-major (rows × cols) matrix, largest first, by one-sided Jacobi
 * (Hestenes): plane rotations of pairs of columns until every pair is orthogonal; the singular values are then
 * the column norms. It is Jacobi's eigenvalue method on AᵀA without forming AᵀA, so the small singular values
 * keep their relative accuracy too. Float64; cost about 3·cols²·rows multiply-adds per sweep, usually 5–10
 * sweeps (a 32 × 32 matrix: ~0.3 M multiply-adds, well under a millisecond).
 */
export function topSingularValues(a: ArrayLike<number>, rows: number, cols: number, k = cols, maxSweeps = 60): number[] {
  if (rows === 0 || cols === 0) return new Array<number>(Math.min(k, cols)).fill(0);
  // columns stored contiguously: u[j·rows + i] = A[i][j]
  const u = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) u[j * rows + i] = a[i * cols + j];
  for (const value of u) if (!Number.isFinite(value)) return new Array<number>(Math.min(k, cols)).fill(NaN);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < rows; i++) {
          const x = u[p * rows + i];
          const y = u[q * rows + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        // already orthogonal to working precision
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // the rotation that diagonalises [[α, γ], [γ, β]]
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = u[p * rows + i];
          const y = u[q * rows + i];
          u[p * rows + i] = c * x - s * y;
          u[q * rows + i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms: number[] = [];
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += u[j * rows + i] ** 2;
    norms.push(Math.sqrt(sum));
  }
  return norms.sort((x, y) => y - x).slice(0, Math.min(k, cols));
}

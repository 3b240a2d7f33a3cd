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
 * The k largest singular values of a row-major (rows × cols) matrix, largest first: Householder reduction to an
 * upper bidiagonal matrix B (Golub–Kahan), then bisection on Sturm counts of the 2n × 2n tridiagonal matrix
 * [[0, B], [Bᵀ, 0]] (permuted), whose eigenvalues are ±σ. Float64; nothing is squared, so each value is exact
 * to about 1e-15·σ_max (a zero singular value comes out as ~1e-16·σ_max, not 1e-8). Cost for an n × n matrix:
 * about 4n³/3 multiply-adds for the reduction, then k·2n·60 for the bisection — for n = 32, ≈ 50 k (a tenth of a
 * millisecond); for n = 256 (an LSTM's [h; c] at H = 128), ≈ 23 M.
 */
export function topSingularValues(a: ArrayLike<number>, rows: number, cols: number, k = Math.min(rows, cols)): number[] {
  const n = Math.min(rows, cols);
  const count = Math.min(k, n);
  if (n === 0) return [];
  for (let index = 0; index < rows * cols; index++) if (!Number.isFinite(a[index])) return new Array<number>(count).fill(NaN);
  // work on the tall orientation (m ≥ n); Aᵀ has the same singular values
  const m = Math.max(rows, cols);
  const work = new Float64Array(m * n);
  if (rows >= cols) for (let index = 0; index < m * n; index++) work[index] = a[index];
  else for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) work[c * n + r] = a[r * cols + c];
  const { diagonal, superDiagonal } = bidiagonalise(work, m, n);
  // Golub–Kahan: the tridiagonal matrix with zero diagonal and off-diagonal d₀, e₀, d₁, e₁, …, d_{n−1}
  const offDiagonal = new Float64Array(2 * n - 1);
  for (let i = 0; i < n; i++) {
    offDiagonal[2 * i] = diagonal[i];
    if (i < n - 1) offDiagonal[2 * i + 1] = superDiagonal[i];
  }
  return largestTridiagonalEigenvalues(new Float64Array(2 * n), offDiagonal, count).map((sigma) => Math.max(0, sigma));
}

/**
 * Householder bidiagonalisation of a row-major m × n matrix (m ≥ n, overwritten): reflections from the left zero
 * each column below the diagonal, from the right each row beyond the superdiagonal. Returns B's two diagonals.
 */
function bidiagonalise(a: Float64Array, m: number, n: number): { diagonal: Float64Array; superDiagonal: Float64Array } {
  const diagonal = new Float64Array(n);
  const superDiagonal = new Float64Array(Math.max(0, n - 1));
  const v = new Float64Array(Math.max(m, n));
  for (let k = 0; k < n; k++) {
    // left: column k, rows k…m−1 → (alpha, 0, …, 0)
    diagonal[k] = reflect(m - k, (i) => a[(k + i) * n + k], v, (reflection) => {
      for (let j = k; j < n; j++) {
        let dot = 0;
        for (let i = 0; i < m - k; i++) dot += reflection[i] * a[(k + i) * n + j];
        for (let i = 0; i < m - k; i++) a[(k + i) * n + j] -= 2 * dot * reflection[i];
      }
    });
    if (k >= n - 1) continue;
    // right: row k, columns k+1…n−1 → (beta, 0, …, 0)
    superDiagonal[k] = reflect(n - k - 1, (j) => a[k * n + k + 1 + j], v, (reflection) => {
      for (let i = k; i < m; i++) {
        let dot = 0;
        for (let j = 0; j < n - k - 1; j++) dot += reflection[j] * a[i * n + k + 1 + j];
        for (let j = 0; j < n - k - 1; j++) a[i * n + k + 1 + j] -= 2 * dot * reflection[j];
      }
    });
  }
  return { diagonal, superDiagonal };
}

/**
 * The Householder vector v (unit length, in `v`'s first `length` entries) that maps x to (alpha, 0, …, 0); applies
 * it with `apply` and returns alpha. When x is already of that form nothing is applied.
 */
function reflect(length: number, x: (i: number) => number, v: Float64Array, apply: (v: Float64Array) => void): number {
  let tail = 0;
  for (let i = 1; i < length; i++) tail += x(i) ** 2;
  const head = x(0);
  if (tail === 0) return head;
  const norm = Math.sqrt(head * head + tail);
  const alpha = head > 0 ? -norm : norm;
  v[0] = head - alpha;
  for (let i = 1; i < length; i++) v[i] = x(i);
  const vNorm = Math.sqrt(v[0] * v[0] + tail);
  for (let i = 0; i < length; i++) v[i] /= vNorm;
  apply(v);
  return alpha;
}

/** The k largest eigenvalues of a symmetric tridiagonal matrix, largest first, by bisection on Sturm counts. */
function largestTridiagonalEigenvalues(diagonal: Float64Array, offDiagonal: Float64Array, k: number): number[] {
  const n = diagonal.length;
  // Gershgorin: every eigenvalue lies in [low, high]
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const radius = (i > 0 ? Math.abs(offDiagonal[i - 1]) : 0) + (i < n - 1 ? Math.abs(offDiagonal[i]) : 0);
    low = Math.min(low, diagonal[i] - radius);
    high = Math.max(high, diagonal[i] + radius);
  }
  const scale = Math.max(Math.abs(low), Math.abs(high));
  if (scale === 0) return new Array<number>(k).fill(0);
  const tiny = 1e-300;
  // how many eigenvalues are below x: the negative pivots of the LDLᵀ factorisation of T − xI
  const countBelow = (x: number): number => {
    let count = 0;
    let pivot = 1;
    for (let i = 0; i < n; i++) {
      pivot = diagonal[i] - x - (i > 0 ? (offDiagonal[i - 1] * offDiagonal[i - 1]) / pivot : 0);
      if (pivot === 0) pivot = -tiny;
      if (pivot < 0) count++;
    }
    return count;
  };
  const out: number[] = [];
  for (let rank = 0; rank < k; rank++) {
    // the (rank+1)-th largest eigenvalue is the one with n − rank − 1 eigenvalues below it
    const below = n - rank - 1;
    let lo = low - 1e-15 * scale;
    let hi = high + 1e-15 * scale;
    while (hi - lo > 2e-16 * scale) {
      const mid = (lo + hi) / 2;
      if (mid === lo || mid === hi) break;
      if (countBelow(mid) <= below) lo = mid;
      else hi = mid;
    }
    out.push((lo + hi) / 2);
  }
  return out;
}

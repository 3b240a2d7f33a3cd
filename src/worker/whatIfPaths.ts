/**
 * What-if's geometry: two hidden-state paths compared step by step (‖h_t − h′_t‖) and drawn in the original
 * path's principal plane, so that the edited path is seen in the same axes as the old one. Plain arrays, float64
 * inside.
 */

/** ‖a_t − b_t‖ for each row t of two (T, d) row-major arrays. */
export function stepDistances(a: ArrayLike<number>, b: ArrayLike<number>, steps: number, width: number): Float32Array {
  const out = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const d = a[t * width + j] - b[t * width + j];
      sum += d * d;
    }
    out[t] = Math.sqrt(sum);
  }
  return out;
}

/** A principal plane: the centre of the points and two orthonormal axes, with the share of variance on each. */
export interface PrincipalPlane {
  mean: Float64Array;
  axes: [Float64Array, Float64Array];
  explained: [number, number];
}

/**
 * The two leading principal axes of n points in d dimensions (rows of `points`), by power iteration with
 * deflation on the covariance. Each axis's sign is fixed (its largest entry positive), so that the plot does not
 * flip between two runs of the same path. An axis with no variance is zero.
 */
export function principalPlane(points: ArrayLike<number>, n: number, d: number): PrincipalPlane {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += points[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const xj = points[i * d + j] - mean[j];
      if (xj === 0) continue;
      for (let k = 0; k < d; k++) cov[j * d + k] += (xj * (points[i * d + k] - mean[k])) / n;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j];
  const axes: Float64Array[] = [];
  const variances: number[] = [];
  for (let component = 0; component < 2; component++) {
    const { axis, variance } = leadingAxis(cov, d, axes, 1e-12 * total);
    axes.push(axis);
    variances.push(variance);
  }
  const share = (v: number) => (total > 0 ? v / total : 0);
  return { mean, axes: [axes[0], axes[1]], explained: [share(variances[0]), share(variances[1])] };
}

/** The covariance's leading eigenvector orthogonal to `found`, and its eigenvalue (power iteration); none at or below `floor`. */
function leadingAxis(cov: Float64Array, d: number, found: readonly Float64Array[], floor: number): { axis: Float64Array; variance: number } {
  // a start with a little of every direction, so no eigenvector is missed by symmetry
  let v = Float64Array.from({ length: d }, (_, k) => 1 + 0.01 * ((k * 7919) % 13));
  removeFound(v, found);
  let variance = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const w = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += cov[j * d + k] * v[k];
      w[j] = s;
    }
    removeFound(w, found);
    const norm = Math.hypot(...w);
    // nothing left but rounding: no axis (rather than a direction made of noise)
    if (!(norm > Math.max(floor, 1e-300))) return { axis: new Float64Array(d), variance: 0 };
    v = w.map((value) => value / norm);
    const converged = Math.abs(norm - variance) <= 1e-13 * norm;
    variance = norm;
    if (converged) break;
  }
  let largest = 0;
  for (let j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[largest])) largest = j;
  if (v[largest] < 0) v = v.map((value) => -value);
  return { axis: v, variance };
}

/** Removes from `v` its components along the (orthonormal) `found` axes. */
function removeFound(v: Float64Array, found: readonly Float64Array[]): void {
  for (const axis of found) {
    let dot = 0;
    for (let j = 0; j < v.length; j++) dot += v[j] * axis[j];
    for (let j = 0; j < v.length; j++) v[j] -= dot * axis[j];
  }
}

/** Rows of a (n, d) array on a principal plane: ((x − mean)·axis₁, (x − mean)·axis₂) per row, (n, 2) row-major. */
export function projectOnPlane(points: ArrayLike<number>, n: number, d: number, plane: PrincipalPlane): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 2; a++) {
      const axis = plane.axes[a];
      let s = 0;
      for (let j = 0; j < d; j++) s += (points[i * d + j] - plane.mean[j]) * axis[j];
      out[i * 2 + a] = s;
    }
  }
  return out;
}

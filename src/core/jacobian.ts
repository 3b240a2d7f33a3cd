/**
 * The step-to-step Jacobian of a recurrent layer, J_t = ∂s_t/∂s_{t−1}, where the state s is h (RNN, GRU) or the
 * concatenation [h; c] (LSTM), written analytically from the gates a forward pass records, and its top singular
 * values: how much one step can stretch a change of the state. ‖∂L/∂h_t‖ is the loss's gradient pushed back
 * through the product of these Jacobians, so singular values below 1 step after step make it vanish, above 1
 * explode. Plain float64 arrays; no tfjs, so the worker can call it per frame on its records.
 *
 * Cost per step and example (H hidden units, S = H, or 2H for an LSTM): building J takes about G·H²
 * multiply-adds (GRU: one more H² for W_hn h_{t−1}); its top singular values (linalg.topSingularValues) about
 * 4S³/3. Measured in Node on a loaded 2-core machine (load 11): tanh RNN H = 16 0.15 ms, H = 32 0.5 ms; GRU H = 32
 * 0.8 ms; LSTM H = 16 0.55 ms, H = 32 3.4 ms, H = 64 16 ms a step. So the probe example over T = 20 steps costs
 * ~10 ms for a 16-unit LSTM — fine per frame — while chargen's 128-unit LSTM (S = 256, ~0.1 s a step, 128 steps)
 * must be computed every k-th frame, or on fewer steps.
 */
import { topSingularValues } from './linalg';
import type { CellKind } from '../shared/spec';

/** One layer and direction's recurrent weights, as PyTorch stores them. */
export interface RecurrentLayer {
  cell: CellKind;
  hidden: number;
  /** W_hh, (G·H) × H row-major, gate blocks in PyTorch's order (LSTM i, f, g, o; GRU r, z, n). */
  wHh: ArrayLike<number>;
  /** b_hh, G·H: needed by the GRU only (its n gate reads r ⊙ (W_hn h + b_hn)). */
  bHh?: ArrayLike<number>;
}

/**
 * What one step recorded, for one example: the state before the step and the step's gates and new state, each
 * of length H (the names of shared/spec.ts's RECORDED_NAMES: LSTM i, f, g, o, c, h; GRU r, z, n, h; RNN h).
 */
export interface StepRecord {
  hPrev: ArrayLike<number>;
  /** LSTM only: c_{t−1}. */
  cPrev?: ArrayLike<number>;
  gates: Record<string, ArrayLike<number>>;
}

/** The length of the state the Jacobian maps: H, or 2H for an LSTM ([h; c]). */
export function stateSize(cell: CellKind, hidden: number): number {
  return cell === 'lstm' ? 2 * hidden : hidden;
}

/** J_t = ∂s_t/∂s_{t−1} for one step of one example: S × S row-major, S = stateSize(cell, H). */
export function stepJacobian(layer: RecurrentLayer, step: StepRecord): Float64Array {
  const { cell, hidden: H, wHh } = layer;
  const size = stateSize(cell, H);
  const jac = new Float64Array(size * size);
  const gate = (name: string): ArrayLike<number> => {
    const values = step.gates[name];
    if (!values) throw new Error(`The ${cell} step's record has no "${name}"`);
    return values;
  };
  // W_hh's row j of gate block g
  const row = (g: number, j: number) => (g * H + j) * H;
  switch (cell) {
    case 'rnn-tanh':
    case 'rnn-relu': {
      // h_t = act(a), a = W_ih x_t + b + W_hh h_{t−1}: J = diag(act′(a)) W_hh; tanh′ = 1 − h², relu′ = [a > 0] = [h > 0]
      const h = gate('h');
      for (let j = 0; j < H; j++) {
        const slope = cell === 'rnn-tanh' ? 1 - h[j] * h[j] : h[j] > 0 ? 1 : 0;
        if (slope === 0) continue;
        for (let k = 0; k < H; k++) jac[j * H + k] = slope * wHh[row(0, j) + k];
      }
      return jac;
    }
    case 'lstm': {
      // c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t); the gates read h_{t−1} only (no peepholes):
      //   ∂c/∂h_{t−1} = diag(c_{t−1} f(1−f)) W_hf + diag(g i(1−i)) W_hi + diag(i (1−g²)) W_hg,   ∂c/∂c_{t−1} = diag(f)
      //   ∂h/∂h_{t−1} = diag(tanh c_t · o(1−o)) W_ho + diag(o (1 − tanh² c_t)) ∂c/∂h_{t−1},   ∂h/∂c_{t−1} = diag(o (1 − tanh² c_t) f)
      const [i, f, g, o, c] = ['i', 'f', 'g', 'o', 'c'].map(gate);
      const cPrev = step.cPrev;
      if (!cPrev) throw new Error('An LSTM step needs c_{t−1}');
      const width = 2 * H;
      for (let j = 0; j < H; j++) {
        const dI = g[j] * i[j] * (1 - i[j]);
        const dF = cPrev[j] * f[j] * (1 - f[j]);
        const dG = i[j] * (1 - g[j] * g[j]);
        const tanhC = Math.tanh(c[j]);
        const dO = tanhC * o[j] * (1 - o[j]);
        const throughC = o[j] * (1 - tanhC * tanhC);
        const hRow = j * width;
        const cRow = (H + j) * width;
        for (let k = 0; k < H; k++) {
          const dc = dI * wHh[row(0, j) + k] + dF * wHh[row(1, j) + k] + dG * wHh[row(2, j) + k];
          jac[cRow + k] = dc;
          jac[hRow + k] = dO * wHh[row(3, j) + k] + throughC * dc;
        }
        jac[cRow + H + j] = f[j];
        jac[hRow + H + j] = throughC * f[j];
      }
      return jac;
    }
    case 'gru': {
      // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, n = tanh(x_n + r ⊙ m), m = W_hn h_{t−1} + b_hn:
      //   J = diag((1−z)(1−n²) m r(1−r)) W_hr + diag((1−z)(1−n²) r) W_hn + diag((h_{t−1} − n) z(1−z)) W_hz + diag(z)
      const [r, z, n] = ['r', 'z', 'n'].map(gate);
      const { bHh } = layer;
      if (!bHh) throw new Error('A GRU step needs b_hh');
      const hPrev = step.hPrev;
      for (let j = 0; j < H; j++) {
        let m = bHh[2 * H + j];
        for (let k = 0; k < H; k++) m += wHh[row(2, j) + k] * hPrev[k];
        const throughN = (1 - z[j]) * (1 - n[j] * n[j]);
        const dR = throughN * m * r[j] * (1 - r[j]);
        const dN = throughN * r[j];
        const dZ = (hPrev[j] - n[j]) * z[j] * (1 - z[j]);
        for (let k = 0; k < H; k++) jac[j * H + k] = dR * wHh[row(0, j) + k] + dZ * wHh[row(1, j) + k] + dN * wHh[row(2, j) + k];
        jac[j * H + j] += z[j];
      }
      return jac;
    }
  }
}

/** The k largest singular values of each step's Jacobian, largest first: steps.length rows of min(k, S). */
export function jacobianSingularValues(layer: RecurrentLayer, steps: readonly StepRecord[], k = 3): number[][] {
  const size = stateSize(layer.cell, layer.hidden);
  return steps.map((step) => topSingularValues(stepJacobian(layer, step), size, size, k));
}

/**
 * Each step's record for example `b` from a layer's records laid out (T, B, H) per name (as rnnForward and the
 * worker's frames give them), with the initial state h0 (and c0) of that example (zeros when absent).
 */
export function stepRecordsOf(
  cell: CellKind,
  records: Record<string, ArrayLike<number>>,
  shape: { steps: number; batch: number; hidden: number },
  b: number,
  initial: { h0?: ArrayLike<number>; c0?: ArrayLike<number> } = {},
): StepRecord[] {
  const { steps, batch, hidden: H } = shape;
  const at = (name: string, t: number) => {
    const values = records[name];
    if (!values) throw new Error(`The ${cell} layer's records have no "${name}"`);
    const start = (t * batch + b) * H;
    return Array.prototype.slice.call(values, start, start + H) as number[];
  };
  const zeros = new Array<number>(H).fill(0);
  const names = cell === 'lstm' ? ['i', 'f', 'g', 'o', 'c', 'h'] : cell === 'gru' ? ['r', 'z', 'n', 'h'] : ['h'];
  const out: StepRecord[] = [];
  for (let t = 0; t < steps; t++) {
    const gates = Object.fromEntries(names.map((name) => [name, at(name, t)]));
    const hPrev = t === 0 ? (initial.h0 ?? zeros) : at('h', t - 1);
    const cPrev = cell !== 'lstm' ? undefined : t === 0 ? (initial.c0 ?? zeros) : at('c', t - 1);
    out.push(cPrev ? { hPrev, cPrev, gates } : { hPrev, gates });
  }
  return out;
}

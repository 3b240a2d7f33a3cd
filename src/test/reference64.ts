/**
 * An independent float64 reference of PyTorch's nn.RNN / nn.LSTM / nn.GRU forward pass (batch_first=True).
 *
 * Written directly from PyTorch's documented equations, over plain number arrays and Float64Array — it
 * deliberately imports nothing (no tfjs, no project code), so tests can use it as a ground truth for the
 * tfjs implementation, and (with the finite-difference helpers below) for its gradients.
 *
 * Conventions (as in PyTorch):
 *  - x is (B, T, inputSize); outputs are (B, T, H·dirs) of the last layer.
 *  - Parameters per layer l and direction (suffix '' for forward, '_reverse' for backward):
 *      weight_ih_l{l}: (G·H, inSize_l), weight_hh_l{l}: (G·H, H), bias_ih_l{l}: (G·H), bias_hh_l{l}: (G·H)
 *    with G = 4 (LSTM, gate rows i, f, g, o), 3 (GRU, rows r, z, n), 1 (RNN); inSize_0 = inputSize and
 *    inSize_l = H·dirs for l > 0.
 *  - States h0 / c0 / h_n / c_n are (numLayers·dirs, B, H), indexed layer·dirs + direction.
 *  - No dropout.
 */

/** Which recurrent cell: PyTorch's `mode` names. */
export type RefMode = 'LSTM' | 'GRU' | 'RNN_TANH' | 'RNN_RELU';

/** Network hyper-parameters, as in the PyTorch module constructor. */
export interface RefSpec {
  mode: RefMode;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
}

/** A dense row-major float64 tensor. */
export interface RefTensor {
  shape: number[];
  data: Float64Array;
}

/** Parameters keyed weight_ih_l{l}, weight_hh_l{l}, bias_ih_l{l}, bias_hh_l{l}, plus `_reverse` suffix for direction 1. */
export type RefParams = Record<string, RefTensor>;

/** A perturbation added to one hidden state h_t (after it is computed, before it is used for the output and for step t±1). For LSTM only h is perturbed, not c. */
export interface HiddenProbe {
  layer: number;
  direction: 0 | 1;
  t: number;
  batch: number;
  unit: number;
  delta: number;
}

/** Forward results: last-layer outputs (B, T, H·dirs), final states (L·dirs, B, H) and every intermediate gate. */
export interface RefResult {
  outputs: number[][][];
  hN: number[][][];
  cN?: number[][][];
  gates: RefGates;
}

/**
 * Per layer·dirs index, per time step (in time order t = 0..T-1), per batch, per unit: LSTM {i,f,g,o,c,h}; GRU {r,z,n,h}; RNN {h}.
 * The recorded `h` is the (possibly probe-perturbed) value actually emitted at that step.
 */
export type RefGates = Array<Record<string, number[][][]>>; // [layerDir][gateName][t][batch][unit]

/** Number of stacked gate blocks in the weight rows: LSTM 4 (i,f,g,o), GRU 3 (r,z,n), RNN 1. */
function gateCount(mode: RefMode): number {
  return mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1;
}

/** Names of the per-step quantities recorded in `gates` for a mode. */
function gateNames(mode: RefMode): string[] {
  if (mode === 'LSTM') return ['i', 'f', 'g', 'o', 'c', 'h'];
  if (mode === 'GRU') return ['r', 'z', 'n', 'h'];
  return ['h'];
}

/** Parameter-name suffix for a direction: '' (forward) or '_reverse' (backward). */
function dirSuffix(direction: number): string {
  return direction === 0 ? '' : '_reverse';
}

/** Logistic sigmoid σ(x) = 1 / (1 + e^−x), evaluated without overflow for large |x|. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Expected parameter shapes, keyed in PyTorch's named_parameters order. */
export function refParamShapes(spec: RefSpec): Record<string, number[]> {
  const { inputSize, hiddenSize: H, numLayers } = spec;
  const dirs = spec.bidirectional ? 2 : 1;
  const G = gateCount(spec.mode);
  const shapes: Record<string, number[]> = {};
  for (let l = 0; l < numLayers; l++) {
    const inSize = l === 0 ? inputSize : H * dirs;
    for (let d = 0; d < dirs; d++) {
      const s = `_l${l}${dirSuffix(d)}`;
      shapes[`weight_ih${s}`] = [G * H, inSize];
      shapes[`weight_hh${s}`] = [G * H, H];
      shapes[`bias_ih${s}`] = [G * H];
      shapes[`bias_hh${s}`] = [G * H];
    }
  }
  return shapes;
}

/** y = W v + b for a row-major W of shape (rows, cols). */
function affine(W: Float64Array, b: Float64Array, v: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = b[r];
    const base = r * cols;
    for (let c = 0; c < cols; c++) s += W[base + c] * v[c];
    y[r] = s;
  }
  return y;
}

/** A zero (T, B, H) array. */
function zeros3(a: number, b: number, c: number): number[][][] {
  return Array.from({ length: a }, () => Array.from({ length: b }, () => new Array<number>(c).fill(0)));
}

/** Throws unless `arr` is a (n0, n1, n2) nested array. */
function checkShape3(name: string, arr: number[][][], n0: number, n1: number, n2: number): void {
  const ok =
    arr.length === n0 && arr.every((a) => a.length === n1 && a.every((b) => b.length === n2));
  if (!ok) throw new Error(`reference64: ${name} must have shape (${n0}, ${n1}, ${n2})`);
}

/** Fetches a parameter and checks its shape. */
function getParam(params: RefParams, name: string, shape: number[]): Float64Array {
  const p = params[name];
  if (!p) throw new Error(`reference64: missing parameter ${name}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (p.shape.length !== shape.length || p.shape.some((n, i) => n !== shape[i]) || p.data.length !== size) {
    throw new Error(`reference64: parameter ${name} has shape [${p.shape}] (${p.data.length} values), expected [${shape}]`);
  }
  return p.data;
}

/** Runs the network forward in float64; optionally from given h0/c0 and with one hidden state perturbed. */
export function refForward(
  spec: RefSpec,
  params: RefParams,
  x: number[][][],
  opts: { h0?: number[][][]; c0?: number[][][]; probe?: HiddenProbe } = {},
): RefResult {
  const { mode, inputSize, hiddenSize: H, numLayers } = spec;
  const dirs = spec.bidirectional ? 2 : 1;
  const G = gateCount(mode);
  const B = x.length;
  const T = B > 0 ? x[0].length : 0;
  checkShape3('x', x, B, T, inputSize);
  if (opts.h0) checkShape3('h0', opts.h0, numLayers * dirs, B, H);
  if (opts.c0) {
    if (mode !== 'LSTM') throw new Error('reference64: c0 is only meaningful for LSTM');
    checkShape3('c0', opts.c0, numLayers * dirs, B, H);
  }
  const probe = opts.probe;
  if (probe) {
    const inRange =
      probe.layer >= 0 && probe.layer < numLayers && probe.direction < dirs &&
      probe.t >= 0 && probe.t < T && probe.batch >= 0 && probe.batch < B &&
      probe.unit >= 0 && probe.unit < H;
    if (!inRange) throw new Error(`reference64: probe out of range ${JSON.stringify(probe)}`);
  }
  const shapes = refParamShapes(spec);
  const names = gateNames(mode);

  const hN = zeros3(numLayers * dirs, B, H);
  const cN = mode === 'LSTM' ? zeros3(numLayers * dirs, B, H) : undefined;
  const gates: RefGates = [];

  // layerInput[b][t] is the input vector at step t: x for layer 0, the previous layer's output afterwards.
  let layerInput: number[][][] = x;
  for (let l = 0; l < numLayers; l++) {
    const inSize = l === 0 ? inputSize : H * dirs;
    // Layer output (B, T, H·dirs): concat(forward h_t, backward h_t) at each step t.
    const layerOutput = zeros3(B, T, H * dirs);
    for (let d = 0; d < dirs; d++) {
      const s = `_l${l}${dirSuffix(d)}`;
      const Wih = getParam(params, `weight_ih${s}`, shapes[`weight_ih${s}`]);
      const Whh = getParam(params, `weight_hh${s}`, shapes[`weight_hh${s}`]);
      const bih = getParam(params, `bias_ih${s}`, shapes[`bias_ih${s}`]);
      const bhh = getParam(params, `bias_hh${s}`, shapes[`bias_hh${s}`]);
      const ld = l * dirs + d;
      const rec: Record<string, number[][][]> = {};
      for (const name of names) rec[name] = zeros3(T, B, H);
      gates.push(rec);

      for (let b = 0; b < B; b++) {
        // Initial state: zeros unless h0 / c0 given (index layer·dirs + direction).
        let h = opts.h0 ? Float64Array.from(opts.h0[ld][b]) : new Float64Array(H);
        let c = opts.c0 ? Float64Array.from(opts.c0[ld][b]) : new Float64Array(H);
        // Forward direction walks t = 0 … T−1, reverse direction t = T−1 … 0.
        for (let k = 0; k < T; k++) {
          const t = d === 0 ? k : T - 1 - k;
          const gi = affine(Wih, bih, layerInput[b][t], G * H, inSize); // W_ih x_t + b_ih
          const gh = affine(Whh, bhh, h, G * H, H); //                        W_hh h_{t−1} + b_hh
          const hNew = new Float64Array(H);
          if (mode === 'LSTM') {
            // Rows [0,H): i, [H,2H): f, [2H,3H): g, [3H,4H): o.
            const cNew = new Float64Array(H);
            for (let j = 0; j < H; j++) {
              const i = sigmoid(gi[j] + gh[j]); //                 i = σ(W_ii x + b_ii + W_hi h + b_hi)
              const f = sigmoid(gi[H + j] + gh[H + j]); //         f = σ(W_if x + b_if + W_hf h + b_hf)
              const g = Math.tanh(gi[2 * H + j] + gh[2 * H + j]); // g = tanh(W_ig x + b_ig + W_hg h + b_hg)
              const o = sigmoid(gi[3 * H + j] + gh[3 * H + j]); // o = σ(W_io x + b_io + W_ho h + b_ho)
              cNew[j] = f * c[j] + i * g; //                       c_t = f ⊙ c_{t−1} + i ⊙ g
              hNew[j] = o * Math.tanh(cNew[j]); //                 h_t = o ⊙ tanh(c_t)
              rec.i[t][b][j] = i;
              rec.f[t][b][j] = f;
              rec.g[t][b][j] = g;
              rec.o[t][b][j] = o;
              rec.c[t][b][j] = cNew[j];
            }
            c = cNew;
          } else if (mode === 'GRU') {
            // Rows [0,H): r, [H,2H): z, [2H,3H): n.
            for (let j = 0; j < H; j++) {
              const r = sigmoid(gi[j] + gh[j]); //                 r = σ(W_ir x + b_ir + W_hr h + b_hr)
              const z = sigmoid(gi[H + j] + gh[H + j]); //         z = σ(W_iz x + b_iz + W_hz h + b_hz)
              const n = Math.tanh(gi[2 * H + j] + r * gh[2 * H + j]); // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
              hNew[j] = (1 - z) * n + z * h[j]; //                 h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
              rec.r[t][b][j] = r;
              rec.z[t][b][j] = z;
              rec.n[t][b][j] = n;
            }
          } else {
            // h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), act = tanh or relu.
            for (let j = 0; j < H; j++) {
              const a = gi[j] + gh[j];
              hNew[j] = mode === 'RNN_TANH' ? Math.tanh(a) : Math.max(0, a);
            }
          }
          // Optional probe: perturb h_t after computing it, before it feeds the output and the next step.
          if (probe && probe.layer === l && probe.direction === d && probe.t === t && probe.batch === b) {
            hNew[probe.unit] += probe.delta;
          }
          h = hNew;
          for (let j = 0; j < H; j++) {
            rec.h[t][b][j] = h[j];
            layerOutput[b][t][d * H + j] = h[j];
          }
        }
        // Final state: after t = T−1 (forward) or after t = 0 (reverse).
        for (let j = 0; j < H; j++) {
          hN[ld][b][j] = h[j];
          if (cN) cN[ld][b][j] = c[j];
        }
      }
    }
    layerInput = layerOutput;
  }

  // With numLayers = 0 there is no network; outputs are then the input itself (not a PyTorch case).
  const result: RefResult = { outputs: layerInput, hN, gates };
  if (cN) result.cN = cN;
  return result;
}

/** Central finite difference of f at params: returns d f / d params[name].data[k] for every element, each with step eps (default 1e-6). f must not mutate. */
export function finiteDiffParams(
  params: RefParams,
  f: (p: RefParams) => number,
  eps = 1e-6,
): Record<string, Float64Array> {
  const grads: Record<string, Float64Array> = {};
  for (const name of Object.keys(params)) {
    const base = params[name];
    const g = new Float64Array(base.data.length);
    for (let k = 0; k < base.data.length; k++) {
      // Each evaluation gets a fresh copy of the perturbed tensor; the caller's params are never touched.
      const at = (delta: number): number => {
        const data = Float64Array.from(base.data);
        data[k] += delta;
        return f({ ...params, [name]: { shape: base.shape.slice(), data } });
      };
      g[k] = (at(eps) - at(-eps)) / (2 * eps);
    }
    grads[name] = g;
  }
  return grads;
}

/** Central finite difference of f with respect to a hidden-state probe: returns (f(+eps) − f(−eps)) / 2eps for a probe at (layer, direction, t, batch, unit). */
export function finiteDiffHidden(
  f: (probe: HiddenProbe | undefined) => number,
  where: Omit<HiddenProbe, 'delta'>,
  eps = 1e-6,
): number {
  return (f({ ...where, delta: eps }) - f({ ...where, delta: -eps })) / (2 * eps);
}

/**
 * Central finite differences of one layer's state map at step t of example `batch` (one-directional stacks):
 * ∂s_t/∂s_{t−1} with the layer's input at step t held fixed, s = h, or [h; c] for LSTM; S × S row-major. Step
 * t = 0 differentiates with respect to h0 (and c0). Each column costs two one-step runs of that layer.
 */
export function finiteDiffStepJacobian(
  spec: RefSpec,
  params: RefParams,
  x: number[][][],
  where: { layer: number; t: number; batch: number },
  opts: { h0?: number[][][]; c0?: number[][][] } = {},
  eps = 1e-6,
): Float64Array {
  if (spec.bidirectional) throw new Error('reference64: finiteDiffStepJacobian takes one-directional stacks');
  const { layer, t, batch: b } = where;
  const H = spec.hiddenSize;
  const lstm = spec.mode === 'LSTM';
  const run = refForward(spec, params, x, opts);
  const input = layer === 0 ? x[b][t] : run.gates[layer - 1].h[t][b];
  const rec = run.gates[layer];
  const zeros = new Array<number>(H).fill(0);
  const prevH = t > 0 ? rec.h[t - 1][b] : (opts.h0?.[layer][b] ?? zeros);
  const prevC = !lstm ? [] : t > 0 ? rec.c[t - 1][b] : (opts.c0?.[layer][b] ?? zeros);
  const prev = [...prevH, ...prevC];
  // the layer alone, renamed to layer 0, run for one step from a given state
  const single: RefParams = {};
  for (const [name, tensor] of Object.entries(params)) {
    const m = /^(.*)_l(\d+)$/.exec(name);
    if (m && Number(m[2]) === layer) single[`${m[1]}_l0`] = tensor;
  }
  const oneStep: RefSpec = { ...spec, inputSize: input.length, numLayers: 1 };
  const stateAfter = (state: number[]): number[] => {
    const step = refForward(oneStep, single, [[input]], { h0: [[state.slice(0, H)]], c0: lstm ? [[state.slice(H)]] : undefined });
    return lstm ? [...step.outputs[0][0], ...step.cN![0][0]] : step.outputs[0][0];
  };
  const size = prev.length;
  const jac = new Float64Array(size * size);
  for (let k = 0; k < size; k++) {
    const plus = prev.slice();
    const minus = prev.slice();
    plus[k] += eps;
    minus[k] -= eps;
    const up = stateAfter(plus);
    const down = stateAfter(minus);
    for (let j = 0; j < size; j++) jac[j * size + k] = (up[j] - down[j]) / (2 * eps);
  }
  return jac;
}

/** mulberry32: a small seeded uniform [0, 1) generator. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded (mulberry32 or similar) generator of params with values U(−a, a), for tests. */
export function randomRefParams(spec: RefSpec, seed: number, a = 0.5): RefParams {
  const rand = mulberry32(seed);
  const params: RefParams = {};
  for (const [name, shape] of Object.entries(refParamShapes(spec))) {
    const size = shape.reduce((p, n) => p * n, 1);
    const data = new Float64Array(size);
    for (let k = 0; k < size; k++) data[k] = (2 * rand() - 1) * a;
    params[name] = { shape: shape.slice(), data };
  }
  return params;
}

import { describe, it, expect } from 'vitest';
import {
  finiteDiffHidden,
  finiteDiffParams,
  randomRefParams,
  refForward,
  refParamShapes,
  type HiddenProbe,
  type RefParams,
  type RefSpec,
} from './reference64';

// Sanity tests of the float64 reference against hand-computed closed forms.

/** Builds a RefTensor-valued params record from plain arrays, with shapes from refParamShapes. */
function paramsFrom(spec: RefSpec, values: Record<string, number[]>): RefParams {
  const shapes = refParamShapes(spec);
  const p: RefParams = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const v = values[name];
    if (!v) throw new Error(`test: no value for ${name}`);
    p[name] = { shape, data: Float64Array.from(v) };
  }
  return p;
}

const sig = (v: number): number => 1 / (1 + Math.exp(-v));
const sumAll = (a: number[][][]): number => a.flat(2).reduce((s, v) => s + v, 0);

/** Renames `_l{from}{suffix}` parameters to `_l0{suffix}`, so one layer of a stack can be run alone. */
function layerParams(params: RefParams, from: number): RefParams {
  const out: RefParams = {};
  for (const [name, t] of Object.entries(params)) {
    const m = /^(.*)_l(\d+)(_reverse)?$/.exec(name);
    if (m && Number(m[2]) === from) out[`${m[1]}_l0${m[3] ?? ''}`] = t;
  }
  return out;
}

describe('reference64: parameter shapes', () => {
  it('matches PyTorch shapes for a 2-layer bidirectional LSTM', () => {
    const s = refParamShapes({ mode: 'LSTM', inputSize: 3, hiddenSize: 5, numLayers: 2, bidirectional: true });
    expect(Object.keys(s)).toEqual([
      'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0',
      'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse',
      'weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1',
      'weight_ih_l1_reverse', 'weight_hh_l1_reverse', 'bias_ih_l1_reverse', 'bias_hh_l1_reverse',
    ]);
    expect(s.weight_ih_l0).toEqual([20, 3]);
    expect(s.weight_hh_l0_reverse).toEqual([20, 5]);
    expect(s.weight_ih_l1).toEqual([20, 10]); // layer > 0 input is 2H
    expect(s.bias_hh_l1_reverse).toEqual([20]);
  });

  it('uses 3H rows for GRU and H rows for RNN', () => {
    expect(refParamShapes({ mode: 'GRU', inputSize: 2, hiddenSize: 4, numLayers: 1, bidirectional: false }).weight_ih_l0).toEqual([12, 2]);
    expect(refParamShapes({ mode: 'RNN_RELU', inputSize: 2, hiddenSize: 4, numLayers: 1, bidirectional: false }).weight_hh_l0).toEqual([4, 4]);
  });

  it('rejects a parameter with the wrong shape', () => {
    const spec: RefSpec = { mode: 'RNN_TANH', inputSize: 2, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const p = randomRefParams(spec, 1);
    p.weight_ih_l0 = { shape: [1, 3], data: new Float64Array(3) };
    expect(() => refForward(spec, p, [[[1, 2]]])).toThrow(/weight_ih_l0/);
  });
});

describe('reference64: closed forms', () => {
  it('1-unit RNN_TANH over two steps', () => {
    const spec: RefSpec = { mode: 'RNN_TANH', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const p = paramsFrom(spec, { weight_ih_l0: [0.5], weight_hh_l0: [-0.3], bias_ih_l0: [0.1], bias_hh_l0: [0.2] });
    const r = refForward(spec, p, [[[1], [2]]]);
    const h1 = Math.tanh(0.5 * 1 + 0.1 + 0.2); // h0 = 0
    const h2 = Math.tanh(0.5 * 2 + 0.3 - 0.3 * h1);
    expect(r.outputs[0][0][0]).toBeCloseTo(h1, 14);
    expect(r.outputs[0][1][0]).toBeCloseTo(h2, 14);
    expect(r.hN[0][0][0]).toBeCloseTo(h2, 14);
    expect(r.cN).toBeUndefined();
    expect(r.gates[0].h[0][0][0]).toBeCloseTo(h1, 14);
    expect(Object.keys(r.gates[0])).toEqual(['h']);
  });

  it('RNN with 2 units uses row-major W (row = output unit)', () => {
    const spec: RefSpec = { mode: 'RNN_TANH', inputSize: 2, hiddenSize: 2, numLayers: 1, bidirectional: false };
    const p = paramsFrom(spec, {
      weight_ih_l0: [0.1, 0.2, 0.3, 0.4], // [[0.1, 0.2], [0.3, 0.4]]
      weight_hh_l0: [0.5, -0.6, 0.7, -0.8],
      bias_ih_l0: [0.01, 0.02],
      bias_hh_l0: [0.03, 0.04],
    });
    const h0 = [[[0.9, -0.5]]];
    const r = refForward(spec, p, [[[1, -2]]], { h0 });
    const a0 = 0.1 * 1 + 0.2 * -2 + 0.01 + 0.5 * 0.9 + -0.6 * -0.5 + 0.03;
    const a1 = 0.3 * 1 + 0.4 * -2 + 0.02 + 0.7 * 0.9 + -0.8 * -0.5 + 0.04;
    expect(r.outputs[0][0][0]).toBeCloseTo(Math.tanh(a0), 14);
    expect(r.outputs[0][0][1]).toBeCloseTo(Math.tanh(a1), 14);
  });

  it('RNN_RELU clamps negatives', () => {
    const spec: RefSpec = { mode: 'RNN_RELU', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const p = paramsFrom(spec, { weight_ih_l0: [1], weight_hh_l0: [0.5], bias_ih_l0: [0], bias_hh_l0: [0] });
    const r = refForward(spec, p, [[[-2], [3], [-0.5]]]);
    expect(r.outputs[0].map((v) => v[0])).toEqual([0, 3, 1]); // relu(-2)=0, relu(3+0)=3, relu(-0.5+1.5)=1
    const r2 = refForward(spec, p, [[[-2], [0.5], [-4]]]);
    expect(r2.outputs[0].map((v) => v[0])).toEqual([0, 0.5, 0]);
  });

  it('1-unit LSTM one step from given h0, c0 (gate order i, f, g, o)', () => {
    const spec: RefSpec = { mode: 'LSTM', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const Wih = [0.3, -0.2, 0.5, 0.7]; // i, f, g, o
    const Whh = [-0.4, 0.6, 0.1, -0.9];
    const bih = [0.05, -0.1, 0.2, 0.0];
    const bhh = [0.1, 0.3, -0.25, 0.15];
    const p = paramsFrom(spec, { weight_ih_l0: Wih, weight_hh_l0: Whh, bias_ih_l0: bih, bias_hh_l0: bhh });
    const x = 1.5, hp = 0.4, cp = -0.8;
    const pre = (k: number): number => Wih[k] * x + bih[k] + Whh[k] * hp + bhh[k];
    const i = sig(pre(0)), f = sig(pre(1)), g = Math.tanh(pre(2)), o = sig(pre(3));
    const c = f * cp + i * g;
    const h = o * Math.tanh(c);
    const r = refForward(spec, p, [[[x]]], { h0: [[[hp]]], c0: [[[cp]]] });
    expect(r.outputs[0][0][0]).toBeCloseTo(h, 14);
    expect(r.hN[0][0][0]).toBeCloseTo(h, 14);
    expect(r.cN![0][0][0]).toBeCloseTo(c, 14);
    const gt = r.gates[0];
    expect(gt.i[0][0][0]).toBeCloseTo(i, 14);
    expect(gt.f[0][0][0]).toBeCloseTo(f, 14);
    expect(gt.g[0][0][0]).toBeCloseTo(g, 14);
    expect(gt.o[0][0][0]).toBeCloseTo(o, 14);
    expect(gt.c[0][0][0]).toBeCloseTo(c, 14);
    expect(gt.h[0][0][0]).toBeCloseTo(h, 14);
  });

  it('1-unit LSTM from zero state: c1 = i·g', () => {
    const spec: RefSpec = { mode: 'LSTM', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const p = paramsFrom(spec, { weight_ih_l0: [1, 2, 3, 4], weight_hh_l0: [9, 9, 9, 9], bias_ih_l0: [0, 0, 0, 0], bias_hh_l0: [0, 0, 0, 0] });
    const r = refForward(spec, p, [[[0.2]]]);
    const c = sig(0.2) * Math.tanh(0.6);
    expect(r.cN![0][0][0]).toBeCloseTo(c, 14);
    expect(r.hN[0][0][0]).toBeCloseTo(sig(0.8) * Math.tanh(c), 14);
  });

  it('1-unit GRU one step from given h0 (gate order r, z, n; r multiplies W_hn h + b_hn)', () => {
    const spec: RefSpec = { mode: 'GRU', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const Wih = [0.3, -0.6, 0.8]; // r, z, n
    const Whh = [0.5, 0.2, -0.7];
    const bih = [0.1, 0.05, -0.2];
    const bhh = [-0.15, 0.25, 0.35];
    const p = paramsFrom(spec, { weight_ih_l0: Wih, weight_hh_l0: Whh, bias_ih_l0: bih, bias_hh_l0: bhh });
    const x = -1.2, hp = 0.6;
    const rg = sig(Wih[0] * x + bih[0] + Whh[0] * hp + bhh[0]);
    const z = sig(Wih[1] * x + bih[1] + Whh[1] * hp + bhh[1]);
    const n = Math.tanh(Wih[2] * x + bih[2] + rg * (Whh[2] * hp + bhh[2]));
    const h = (1 - z) * n + z * hp;
    const r = refForward(spec, p, [[[x]]], { h0: [[[hp]]] });
    expect(r.outputs[0][0][0]).toBeCloseTo(h, 14);
    expect(r.hN[0][0][0]).toBeCloseTo(h, 14);
    expect(r.cN).toBeUndefined();
    expect(r.gates[0].r[0][0][0]).toBeCloseTo(rg, 14);
    expect(r.gates[0].z[0][0][0]).toBeCloseTo(z, 14);
    expect(r.gates[0].n[0][0][0]).toBeCloseTo(n, 14);
  });

  it('batch elements are independent', () => {
    const spec: RefSpec = { mode: 'GRU', inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true };
    const p = randomRefParams(spec, 7);
    const xa = [[0.1, -0.4], [0.3, 0.9], [-1, 0.2]];
    const xb = [[0.5, 0.5], [-0.2, 0.1], [0.7, -0.3]];
    const both = refForward(spec, p, [xa, xb]);
    const a = refForward(spec, p, [xa]);
    const b = refForward(spec, p, [xb]);
    expect(both.outputs[0]).toEqual(a.outputs[0]);
    expect(both.outputs[1]).toEqual(b.outputs[0]);
    expect(both.hN.map((s) => s[1])).toEqual(b.hN.map((s) => s[0]));
  });
});

describe('reference64: bidirectional and stacked', () => {
  const spec: RefSpec = { mode: 'RNN_TANH', inputSize: 2, hiddenSize: 2, numLayers: 1, bidirectional: true };
  const p = randomRefParams(spec, 42, 0.8);
  const x = [
    [[0.5, -1], [0.2, 0.3], [-0.7, 0.9]],
    [[1, 1], [-0.5, 0.1], [0.4, -0.2]],
  ];
  const T = 3, H = 2;

  it("reverse direction's h at t = T−1 is one step on x_{T−1} from zero state", () => {
    const r = refForward(spec, p, x);
    const W = p.weight_ih_l0_reverse.data, b1 = p.bias_ih_l0_reverse.data, b2 = p.bias_hh_l0_reverse.data;
    for (let b = 0; b < 2; b++) {
      const xl = x[b][T - 1];
      for (let j = 0; j < H; j++) {
        const expected = Math.tanh(W[j * 2] * xl[0] + W[j * 2 + 1] * xl[1] + b1[j] + b2[j]);
        expect(r.outputs[b][T - 1][H + j]).toBeCloseTo(expected, 14);
      }
    }
  });

  it('h_n reverse equals outputs[:, 0, H:] and h_n forward equals outputs[:, T−1, :H]', () => {
    const r = refForward(spec, p, x);
    for (let b = 0; b < 2; b++) {
      expect(r.hN[1][b]).toEqual(r.outputs[b][0].slice(H));
      expect(r.hN[0][b]).toEqual(r.outputs[b][T - 1].slice(0, H));
    }
  });

  it('reverse direction equals forward direction on the time-reversed input', () => {
    const r = refForward(spec, p, x);
    const uni: RefSpec = { ...spec, bidirectional: false };
    const pRev: RefParams = {
      weight_ih_l0: p.weight_ih_l0_reverse, weight_hh_l0: p.weight_hh_l0_reverse,
      bias_ih_l0: p.bias_ih_l0_reverse, bias_hh_l0: p.bias_hh_l0_reverse,
    };
    const rr = refForward(uni, pRev, x.map((s) => s.slice().reverse()));
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t < T; t++) {
        expect(r.outputs[b][t].slice(H)).toEqual(rr.outputs[b][T - 1 - t]);
        // gates of the reverse direction are stored in time order
        expect(r.gates[1].h[t][b]).toEqual(r.outputs[b][t].slice(H));
      }
    }
  });

  it('a 2-layer bidirectional LSTM equals two chained 1-layer runs (h0/c0 indexed layer·dirs + direction)', () => {
    const s2: RefSpec = { mode: 'LSTM', inputSize: 2, hiddenSize: 2, numLayers: 2, bidirectional: true };
    const p2 = randomRefParams(s2, 3);
    const h0 = Array.from({ length: 4 }, (_, k) => [[0.1 * k, -0.05 * k], [0.2, -0.1 * k]]);
    const c0 = Array.from({ length: 4 }, (_, k) => [[-0.3 + 0.1 * k, 0.4], [0.05 * k, 0.1]]);
    const full = refForward(s2, p2, x, { h0, c0 });
    const s1: RefSpec = { ...s2, numLayers: 1 };
    const l0 = refForward(s1, layerParams(p2, 0), x, { h0: h0.slice(0, 2), c0: c0.slice(0, 2) });
    const l1 = refForward({ ...s1, inputSize: 4 }, layerParams(p2, 1), l0.outputs, { h0: h0.slice(2), c0: c0.slice(2) });
    expect(full.outputs).toEqual(l1.outputs);
    expect(full.hN).toEqual([...l0.hN, ...l1.hN]);
    expect(full.cN).toEqual([...l0.cN!, ...l1.cN!]);
    expect(full.gates.length).toBe(4);
    expect(full.gates[2]).toEqual(l1.gates[0]);
  });
});

describe('reference64: finite differences', () => {
  it('one-step tanh RNN: dh1/dW_ih = (1 − h1²)·x, dh1/db = 1 − h1², dh1/dW_hh = (1 − h1²)·h0', () => {
    const spec: RefSpec = { mode: 'RNN_TANH', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const p = paramsFrom(spec, { weight_ih_l0: [0.1], weight_hh_l0: [0.05], bias_ih_l0: [0.02], bias_hh_l0: [-0.01] });
    const x = 0.7, h0 = 0.3;
    const f = (q: RefParams): number => refForward(spec, q, [[[x]]], { h0: [[[h0]]] }).outputs[0][0][0];
    const h1 = f(p);
    const d = 1 - h1 * h1;
    const g = finiteDiffParams(p, f);
    expect(g.weight_ih_l0[0]).toBeCloseTo(d * x, 8);
    expect(g.weight_hh_l0[0]).toBeCloseTo(d * h0, 8);
    expect(g.bias_ih_l0[0]).toBeCloseTo(d, 8);
    expect(g.bias_hh_l0[0]).toBeCloseTo(d, 8);
    // From zero state W_hh has no effect on h1.
    const g0 = finiteDiffParams(p, (q) => refForward(spec, q, [[[x]]]).outputs[0][0][0]);
    expect(g0.weight_hh_l0[0]).toBeCloseTo(0, 10);
  });

  it('finiteDiffParams does not mutate params and covers every element', () => {
    const spec: RefSpec = { mode: 'GRU', inputSize: 2, hiddenSize: 2, numLayers: 1, bidirectional: false };
    const p = randomRefParams(spec, 11);
    const before = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.from(v.data)]));
    const g = finiteDiffParams(p, (q) => sumAll(refForward(spec, q, [[[0.3, -0.2], [0.1, 0.5]]]).outputs));
    for (const [k, v] of Object.entries(p)) {
      expect(Array.from(v.data)).toEqual(before[k]);
      expect(g[k].length).toBe(v.data.length);
    }
  });

  it('finiteDiffHidden on the last step of sum(outputs) is 1 (one layer, unidirectional)', () => {
    for (const mode of ['RNN_TANH', 'LSTM', 'GRU'] as const) {
      const spec: RefSpec = { mode, inputSize: 2, hiddenSize: 3, numLayers: 1, bidirectional: false };
      const p = randomRefParams(spec, 5);
      const x = [[[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]];
      const f = (probe: HiddenProbe | undefined): number =>
        sumAll(refForward(spec, p, x, { probe }).outputs);
      expect(finiteDiffHidden(f, { layer: 0, direction: 0, t: 2, batch: 0, unit: 1 })).toBeCloseTo(1, 8);
    }
  });

  it('finiteDiffHidden through one tanh step: d h_T / d h_{T−1} = (1 − h_T²)·W_hh', () => {
    const spec: RefSpec = { mode: 'RNN_TANH', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: false };
    const p = paramsFrom(spec, { weight_ih_l0: [0.4], weight_hh_l0: [0.9], bias_ih_l0: [0.1], bias_hh_l0: [0] });
    const x = [[[0.5], [-0.2]]];
    const hT = refForward(spec, p, x).outputs[0][1][0];
    const d = finiteDiffHidden((probe) => refForward(spec, p, x, { probe }).outputs[0][1][0], {
      layer: 0, direction: 0, t: 0, batch: 0, unit: 0,
    });
    expect(d).toBeCloseTo((1 - hT * hT) * 0.9, 8);
  });

  it('an LSTM probe perturbs h only, not c', () => {
    const spec: RefSpec = { mode: 'LSTM', inputSize: 1, hiddenSize: 2, numLayers: 1, bidirectional: false };
    const p = randomRefParams(spec, 9);
    const x = [[[0.3], [0.6]]];
    const base = refForward(spec, p, x);
    const pert = refForward(spec, p, x, { probe: { layer: 0, direction: 0, t: 1, batch: 0, unit: 0, delta: 0.25 } });
    expect(pert.hN[0][0][0]).toBeCloseTo(base.hN[0][0][0] + 0.25, 14);
    expect(pert.hN[0][0][1]).toBe(base.hN[0][0][1]);
    expect(pert.cN).toEqual(base.cN);
    expect(pert.gates[0].h[1][0][0]).toBeCloseTo(base.gates[0].h[1][0][0] + 0.25, 14);
  });

  it('a reverse-direction probe at t = 0 changes only h_n reverse and outputs[:, 0, H:]', () => {
    const spec: RefSpec = { mode: 'GRU', inputSize: 1, hiddenSize: 1, numLayers: 1, bidirectional: true };
    const p = randomRefParams(spec, 13);
    const x = [[[0.3], [0.6], [-0.1]]];
    const base = refForward(spec, p, x);
    const pert = refForward(spec, p, x, { probe: { layer: 0, direction: 1, t: 0, batch: 0, unit: 0, delta: 0.1 } });
    expect(pert.hN[1][0][0]).toBeCloseTo(base.hN[1][0][0] + 0.1, 14);
    expect(pert.outputs[0][0][1]).toBeCloseTo(base.outputs[0][0][1] + 0.1, 14);
    expect(pert.hN[0]).toEqual(base.hN[0]);
    expect(pert.outputs[0].slice(1)).toEqual(base.outputs[0].slice(1));
  });
});

describe('reference64: randomRefParams', () => {
  it('is deterministic, seeded, shaped and bounded by a', () => {
    const spec: RefSpec = { mode: 'LSTM', inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true };
    const a = randomRefParams(spec, 123, 0.2);
    const b = randomRefParams(spec, 123, 0.2);
    const c = randomRefParams(spec, 124, 0.2);
    const shapes = refParamShapes(spec);
    expect(Object.keys(a)).toEqual(Object.keys(shapes));
    for (const [k, t] of Object.entries(a)) {
      expect(t.shape).toEqual(shapes[k]);
      expect(Array.from(t.data)).toEqual(Array.from(b[k].data));
      expect(t.data.every((v) => v > -0.2 && v < 0.2)).toBe(true);
    }
    expect(Array.from(a.weight_ih_l0.data)).not.toEqual(Array.from(c.weight_ih_l0.data));
  });
});

import { describe, expect, it } from 'vitest';
import { jacobianSingularValues, stateSize, stepJacobian, stepRecordsOf, type RecurrentLayer } from './jacobian';
import { topSingularValues } from './linalg';
import { randomRefParams, refForward, type RefMode, type RefParams, type RefSpec } from '../test/reference64';
import type { CellKind } from '../shared/spec';

const MODES: Record<CellKind, RefMode> = { 'rnn-tanh': 'RNN_TANH', 'rnn-relu': 'RNN_RELU', lstm: 'LSTM', gru: 'GRU' };

/** Layer `from`'s parameters renamed to layer 0, so that one step of that layer can be run alone. */
function layerParams(params: RefParams, from: number): RefParams {
  const out: RefParams = {};
  for (const [name, t] of Object.entries(params)) {
    const m = /^(.*)_l(\d+)$/.exec(name);
    if (m && Number(m[2]) === from) out[`${m[1]}_l0`] = t;
  }
  return out;
}

/** A seeded (a × b × c) array of values in (−scale, scale). */
function values3(a: number, b: number, c: number, seed: number, scale = 1): number[][][] {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  return Array.from({ length: a }, () => Array.from({ length: b }, () => Array.from({ length: c }, () => scale * next())));
}

describe('stepJacobian: ∂s_t/∂s_{t−1} of the top layer of two, against central differences of the float64 reference', () => {
  const H = 4;
  const B = 2;
  const T = 4;
  for (const cell of ['rnn-tanh', 'rnn-relu', 'lstm', 'gru'] as const) {
    it(`${cell}: every entry within 1e-7, at every step (t = 1 from h0${cell === 'lstm' ? ' and c0' : ''})`, () => {
      const mode = MODES[cell];
      const spec: RefSpec = { mode, inputSize: 3, hiddenSize: H, numLayers: 2, bidirectional: false };
      const params = randomRefParams(spec, 11, 0.8);
      const x = values3(B, T, 3, 5);
      const h0 = values3(2, B, H, 7, 0.5);
      const c0 = cell === 'lstm' ? values3(2, B, H, 9, 0.5) : undefined;
      const ref = refForward(spec, params, x, { h0, c0 });
      const top = ref.gates[1];
      const records = Object.fromEntries(Object.entries(top).map(([name, v]) => [name, v.flat(2)]));
      const layer: RecurrentLayer = { cell, hidden: H, wHh: params.weight_hh_l1.data, bHh: params.bias_hh_l1.data };
      // the top layer's state map at step t: its input (layer 0's h_t) fixed, its previous state varied
      const oneStep: RefSpec = { ...spec, inputSize: H, numLayers: 1 };
      const single = layerParams(params, 1);
      const size = stateSize(cell, H);
      const stateAfter = (input: number[], state: number[]): number[] => {
        const run = refForward(oneStep, single, [[input]], { h0: [[state.slice(0, H)]], c0: cell === 'lstm' ? [[state.slice(H)]] : undefined });
        return cell === 'lstm' ? [...run.outputs[0][0], ...run.cN![0][0]] : run.outputs[0][0];
      };
      let worst = 0;
      for (let b = 0; b < B; b++) {
        const steps = stepRecordsOf(cell, records, { steps: T, batch: B, hidden: H }, b, { h0: h0[1][b], c0: c0?.[1][b] });
        for (let t = 0; t < T; t++) {
          const jac = stepJacobian(layer, steps[t]);
          const input = ref.gates[0].h[t][b];
          const prev = t === 0 ? [...h0[1][b], ...(c0?.[1][b] ?? [])] : [...top.h[t - 1][b], ...(cell === 'lstm' ? top.c[t - 1][b] : [])];
          // the record's state is the reference's own
          expect(stateAfter(input, prev)).toEqual([...top.h[t][b], ...(cell === 'lstm' ? top.c[t][b] : [])].map((v) => expect.closeTo(v, 12)));
          const eps = 1e-6;
          for (let k = 0; k < size; k++) {
            const plus = prev.slice();
            const minus = prev.slice();
            plus[k] += eps;
            minus[k] -= eps;
            const up = stateAfter(input, plus);
            const down = stateAfter(input, minus);
            for (let j = 0; j < size; j++) worst = Math.max(worst, Math.abs(jac[j * size + k] - (up[j] - down[j]) / (2 * eps)));
          }
        }
      }
      expect(worst).toBeLessThan(1e-7);
    });
  }

  it('a tanh RNN at h = 0 has J = W_hh, and its singular values are W_hh’s', () => {
    const wHh = [0.5, 0.2, -0.1, 0.3];
    const layer: RecurrentLayer = { cell: 'rnn-tanh', hidden: 2, wHh };
    expect(Array.from(stepJacobian(layer, { hPrev: [1, 1], gates: { h: [0, 0] } }))).toEqual(wHh);
    const [values] = jacobianSingularValues(layer, [{ hPrev: [1, 1], gates: { h: [0, 0] } }], 3);
    expect(values).toHaveLength(2);
    expect(values).toEqual(topSingularValues(wHh, 2, 2).map((v) => expect.closeTo(v, 12)));
  });

  it('an LSTM whose forget gate is 1 and other gates 0 carries c unchanged: singular values 1 and 0', () => {
    const H = 2;
    const wHh = new Array(4 * H * H).fill(0.3);
    const layer: RecurrentLayer = { cell: 'lstm', hidden: H, wHh };
    const step = { hPrev: [0, 0], cPrev: [0.1, -0.2], gates: { i: [0, 0], f: [1, 1], g: [0, 0], o: [0, 0], c: [0.1, -0.2], h: [0, 0] } };
    expect(jacobianSingularValues(layer, [step], 3)[0]).toEqual([1, 1, 0].map((v) => expect.closeTo(v, 12)));
  });
});

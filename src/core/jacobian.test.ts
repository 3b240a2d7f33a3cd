import { describe, expect, it } from 'vitest';
import { jacobianSingularValues, stateSize, stepJacobian, stepRecordsOf, type RecurrentLayer } from './jacobian';
import { topSingularValues } from './linalg';
import { finiteDiffStepJacobian, randomRefParams, refForward, type RefMode, type RefSpec } from '../test/reference64';
import type { CellKind } from '../shared/spec';

const MODES: Record<CellKind, RefMode> = { 'rnn-tanh': 'RNN_TANH', 'rnn-relu': 'RNN_RELU', lstm: 'LSTM', gru: 'GRU' };

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
    it(`${cell}: every entry and the top 3 singular values within 1e-7, at every step (t = 1 from h0${cell === 'lstm' ? ' and c0' : ''})`, () => {
      const spec: RefSpec = { mode: MODES[cell], inputSize: 3, hiddenSize: H, numLayers: 2, bidirectional: false };
      const params = randomRefParams(spec, 11, 0.8);
      const x = values3(B, T, 3, 5);
      const h0 = values3(2, B, H, 7, 0.5);
      const c0 = cell === 'lstm' ? values3(2, B, H, 9, 0.5) : undefined;
      const top = refForward(spec, params, x, { h0, c0 }).gates[1];
      const records = Object.fromEntries(Object.entries(top).map(([name, v]) => [name, v.flat(2)]));
      const layer: RecurrentLayer = { cell, hidden: H, wHh: params.weight_hh_l1.data, bHh: params.bias_hh_l1.data };
      const size = stateSize(cell, H);
      let worstEntry = 0;
      let worstValue = 0;
      for (let b = 0; b < B; b++) {
        const steps = stepRecordsOf(cell, records, { steps: T, batch: B, hidden: H }, b, { h0: h0[1][b], c0: c0?.[1][b] });
        const values = jacobianSingularValues(layer, steps, 3);
        for (let t = 0; t < T; t++) {
          const jac = stepJacobian(layer, steps[t]);
          const numeric = finiteDiffStepJacobian(spec, params, x, { layer: 1, t, batch: b }, { h0, c0 });
          for (let k = 0; k < size * size; k++) worstEntry = Math.max(worstEntry, Math.abs(jac[k] - numeric[k]));
          const numericValues = topSingularValues(numeric, size, size, 3);
          for (let k = 0; k < 3; k++) worstValue = Math.max(worstValue, Math.abs(values[t][k] - numericValues[k]));
          // not a trivial case: the step does stretch or shrink the state
          expect(values[t][0]).toBeGreaterThan(0.01);
        }
      }
      expect(worstEntry).toBeLessThan(1e-7);
      expect(worstValue).toBeLessThan(1e-7);
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

  it('an LSTM whose forget gate is 1 and other gates 0 carries c unchanged: singular values 1, 1 and 0', () => {
    const H = 2;
    const layer: RecurrentLayer = { cell: 'lstm', hidden: H, wHh: new Array(4 * H * H).fill(0.3) };
    const step = { hPrev: [0, 0], cPrev: [0.1, -0.2], gates: { i: [0, 0], f: [1, 1], g: [0, 0], o: [0, 0], c: [0.1, -0.2], h: [0, 0] } };
    expect(jacobianSingularValues(layer, [step], 3)[0]).toEqual([1, 1, 0].map((v) => expect.closeTo(v, 12)));
  });
});

import { describe, expect, it } from 'vitest';
import { gateMaxAbs, gateMeans, hiddenNorms, layerDirName, smoothEma, splitRows } from './telemetry';
import { gateOffset, gateValue, gatesFit } from '../shared/gateLayout';

// 2 layer·dirs, names [r, z, n, h], T = 3, H = 2; value = 1000·ld + 100·name + 10·t + unit
const layout = { layerDirs: 2, recordedNames: ['r', 'z', 'n', 'h'], steps: 3, hiddenSize: 2 };
const gates = new Float32Array(2 * 4 * 3 * 2);
for (let ld = 0; ld < 2; ld++) for (let n = 0; n < 4; n++) for (let t = 0; t < 3; t++) for (let u = 0; u < 2; u++) gates[((ld * 4 + n) * 3 + t) * 2 + u] = 1000 * ld + 100 * n + 10 * t + u;

describe('telemetry transforms', () => {
  it('addresses packed gates (layerDirs, names, T, H)', () => {
    expect(gateValue(gates, layout, 1, 'n', 2, 1)).toBe(1221);
    expect(gateOffset(layout, 0, 'z', 1)).toBe((1 * 3 + 1) * 2);
    expect(() => gateOffset(layout, 0, 'i')).toThrow(/no recorded gate "i"/);
    expect(gatesFit(gates, layout)).toBe(true);
    expect(gatesFit(gates.subarray(1), layout)).toBe(false);
    expect(gatesFit(undefined, layout)).toBe(false);
  });

  it('averages each gate over units per step', () => {
    const means = gateMeans(gates, layout, ['r', 'z', 'n']);
    expect(Array.from(means[0].z)).toEqual([100.5, 110.5, 120.5]);
    expect(Array.from(means[1].n)).toEqual([1200.5, 1210.5, 1220.5]);
  });

  it('takes ‖h_t‖ over units', () => {
    const norms = hiddenNorms(gates, layout);
    expect(norms[0][1]).toBeCloseTo(Math.hypot(310, 311), 3);
    expect(norms).toHaveLength(2);
  });

  it('finds the largest |value| of a gate, ignoring non-finite values', () => {
    const g = Float32Array.from(gates);
    g[gateOffset(layout, 0, 'h', 1)] = -5000;
    g[gateOffset(layout, 0, 'h', 2)] = NaN;
    expect(gateMaxAbs(g, layout, 0, 'h')).toBe(5000);
    expect(gateMaxAbs(g, layout, 0, 'r')).toBe(21);
  });

  it('splits (layerDirs × T) rows', () => {
    expect(splitRows(Float32Array.of(1, 2, 3, 4, 5, 6), 2).map((r) => Array.from(r))).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('smooths like TensorBoard: debiased EMA, weight 0 is identity, NaN passes through', () => {
    expect(Array.from(smoothEma([1, 2, 3], 0))).toEqual([1, 2, 3]);
    const s = smoothEma([2, 2, 2, 2], 0.9);
    for (const v of s) expect(v).toBeCloseTo(2, 6); // a constant stays constant (bias correction)
    const t = smoothEma([0, 10], 0.5);
    // s1 = 0.5·0 + 0.5·0 = 0 → /0.5 = 0; s2 = 0.5·0 + 0.5·10 = 5 → /0.75 = 6.667
    expect(t[1]).toBeCloseTo(20 / 3, 5);
    const u = smoothEma([1, NaN, 1], 0.5);
    expect(u[1]).toBeNaN();
    expect(u[2]).toBeCloseTo(1, 6);
  });

  it('names layer·direction rows', () => {
    expect(layerDirName(0, 1)).toBe('layer 0');
    expect(layerDirName(3, 2)).toBe('layer 1 backward');
  });
});

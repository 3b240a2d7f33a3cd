/**
 * The memory-horizon curve's claims (views/horizon/horizonText.ts), on the plan's own settings and seed trained
 * through the core in Node as the horizon worker trains them: the tanh RNN remembers at lag 5 and is near
 * chance from lag 20 on; the LSTM and GRU pass 90% at every lag; before training each cell's ‖∂L/∂h_t‖ falls
 * by 7 orders or more from t = 41 back to t = 1, and after training the GRU's stays within one order; the tanh
 * RNN's after training is the highest at every step and within two orders, though it is near chance at lag 40.
 */
import { describe, expect, it } from 'vitest';
import { HORIZON_CELLS, HORIZON_LAGS, HORIZON_SEED, HORIZON_STEPS, horizonConfig, horizonRuns } from '../shared/horizon';
import { HORIZON_CLAIMS } from '../views/horizon/horizonText';
import { measureHorizon } from './horizon';

describe('memory horizon: 300 steps a run, seed 1, the remember preset at lags 5, 10, 20, 40', () => {
  it('the plan is the remember preset at each lag, lag by lag', () => {
    expect(HORIZON_SEED).toBe(1);
    expect(horizonRuns()).toHaveLength(HORIZON_LAGS.length * HORIZON_CELLS.length);
    expect(horizonRuns().slice(0, 3).map((r) => r.lag)).toEqual([5, 5, 5]);
    expect(horizonConfig({ cell: 'gru', lag: 20 })).toMatchObject({ task: 'memory', cell: 'gru', hiddenSize: 16, sequenceLength: 21, clipMode: 'norm', seed: 1 });
  });

  it('the curve has the shape the view states', async () => {
    const points = await measureHorizon();
    const at = (cell: string, lag: number) => points.find((p) => p.cell === cell && p.lag === lag)!;
    expect(points).toHaveLength(12);
    const c = HORIZON_CLAIMS;
    expect(at('rnn-tanh', 5).accuracy).toBeGreaterThan(c.tanhShortAbove);
    for (const lag of [20, 40]) expect(at('rnn-tanh', lag).accuracy, `tanh at lag ${lag}`).toBeLessThan(c.tanhLongBelow);
    for (const cell of ['lstm', 'gru'])
      for (const lag of HORIZON_LAGS) expect(at(cell, lag).accuracy, `${cell} at lag ${lag}`).toBeGreaterThan(c.gatedAbove);
    for (const cell of HORIZON_CELLS) {
      const { profileBefore, profile } = at(cell, 40);
      expect(profileBefore).toHaveLength(41);
      expect(profile).toHaveLength(41);
      // "before training … falls by 7 orders or more from t = 41 back to t = 1"
      expect(Math.log10(profileBefore![40] / profileBefore![0]), cell).toBeGreaterThan(c.ordersBefore);
    }
    const gru = at('gru', 40).profile!;
    // "after training the GRU's stays within one order of magnitude"
    expect(Math.max(...gru) / Math.min(...gru)).toBeLessThan(10);
    // "a gradient that does not vanish is … not sufficient": the tanh RNN's is the highest line at every step and
    // varies by under two orders across the 41 steps, while its accuracy at lag 40 is near chance (asserted above)
    const tanh = at('rnn-tanh', 40).profile!;
    expect(Math.log10(Math.max(...tanh) / Math.min(...tanh))).toBeLessThan(c.tanhAfterOrders);
    tanh.forEach((v, t) => {
      expect(v, `tanh above LSTM at t = ${t + 1}`).toBeGreaterThan(at('lstm', 40).profile![t]);
      expect(v, `tanh above GRU at t = ${t + 1}`).toBeGreaterThan(at('gru', 40).profile![t]);
    });
    expect(HORIZON_STEPS).toBe(300);
  }, 120_000);
});

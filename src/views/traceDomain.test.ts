import { describe, expect, it } from 'vitest';
import { traceDomain } from './traceDomain';

const f = (...values: number[]) => Float32Array.from(values);

describe('traceDomain', () => {
  it('fits the held-out series (CO₂ in ppm does not start at 0), padded by 5%', () => {
    const [lo, hi] = traceDomain({ truth: f(400, 410, 420), prediction: f(405, 412, 418) });
    expect(lo).toBeCloseTo(399);
    expect(hi).toBeCloseTo(421);
  });

  it("takes in the baselines' predictions", () => {
    const [lo, hi] = traceDomain({ truth: f(400, 420), prediction: f(410), baselines: { persistence: f(395, 420) } });
    expect(lo).toBeCloseTo(395 - 1.25);
    expect(hi).toBeCloseTo(420 + 1.25);
  });

  it("widens to a wild prediction by at most the series' own span", () => {
    const [lo, hi] = traceDomain({ truth: f(400, 420), prediction: f(0, 421) });
    expect(lo).toBeCloseTo(380 - 2.05);
    expect(hi).toBeCloseTo(421 + 2.05);
  });

  it('skips values that are not finite, and falls back before there is a trace', () => {
    expect(traceDomain({ truth: f(1, NaN, 3), prediction: f(Infinity) })).toEqual([0.9, 3.1]);
    expect(traceDomain(undefined)).toEqual([-1.5, 1.5]);
    const [lo, hi] = traceDomain({ truth: f(5, 5), prediction: f(5) });
    expect(lo).toBeLessThan(5);
    expect(hi).toBeGreaterThan(5);
  });
});

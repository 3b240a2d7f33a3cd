import { describe, expect, it } from 'vitest';
import { SampledHistory, StepHistory } from './history';

describe('StepHistory', () => {
  it('keeps every point of every channel until full', () => {
    const h = new StepHistory(2, 8);
    h.append(1, [5, 4, 3], [50, 40, 30]);
    h.append(4, [2], [20]);
    expect(h.points(0)).toEqual([[1, 5], [2, 4], [3, 3], [4, 2]]);
    expect(h.points(1)).toEqual([[1, 50], [2, 40], [3, 30], [4, 20]]);
  });

  it('halves resolution when full and keeps the whole run in order, values with their steps', () => {
    const h = new StepHistory(1, 8);
    for (let start = 1; start <= 100; start += 7) {
      const n = Math.min(7, 101 - start);
      h.append(start, Array.from({ length: n }, (_, k) => 1000 - (start + k)));
    }
    const pts = h.points();
    expect(pts.length).toBeLessThanOrEqual(8);
    expect(pts[0][0]).toBe(1);
    for (let k = 1; k < pts.length; k++) expect(pts[k][0] - pts[k - 1][0]).toBe(h.stride);
    expect(pts[pts.length - 1][0]).toBeGreaterThan(100 - h.stride * 2);
    for (const [step, value] of pts) expect(value).toBe(1000 - step);
  });

  it('refuses a wrong channel count and clears', () => {
    const h = new StepHistory(2, 4);
    expect(() => h.append(1, [1])).toThrow(/2 channels/);
    h.append(1, [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]);
    h.clear();
    expect(h.points()).toEqual([]);
    expect(h.stride).toBe(1);
  });
});

describe('SampledHistory', () => {
  it('thins old samples when full but keeps the first and the newest', () => {
    const h = new SampledHistory(4);
    for (let step = 1; step <= 9; step++) h.push(step * 10, Float32Array.of(step));
    const steps = h.samples.map((s) => s.step);
    expect(steps.length).toBeLessThanOrEqual(4);
    expect(steps[0]).toBe(10);
    expect(steps.at(-1)).toBe(90);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('replaces a sample of the same step and refuses going back in time', () => {
    const h = new SampledHistory(4);
    h.push(5, Float32Array.of(1));
    h.push(5, Float32Array.of(2));
    expect(h.samples).toHaveLength(1);
    expect(h.samples[0].values[0]).toBe(2);
    expect(() => h.push(3, Float32Array.of(0))).toThrow(/step order/);
  });
});

describe('truncate (rewind)', () => {
  it('forgets steps after the rewind point and continues from there', () => {
    const h = new StepHistory(1, 8);
    h.append(1, [1, 2, 3, 4, 5]);
    h.truncate(3);
    h.append(4, [40, 50]);
    expect(h.points()).toEqual([[1, 1], [2, 2], [3, 3], [4, 40], [5, 50]]);
    const s = new SampledHistory(8);
    for (const step of [0, 10, 20, 30]) s.push(step, Float32Array.of(step));
    s.truncate(15);
    expect(s.samples.map((x) => x.step)).toEqual([0, 10]);
    s.push(20, Float32Array.of(2));
    expect(s.samples.map((x) => x.step)).toEqual([0, 10, 20]);
  });
});

describe('saving a history', () => {
  it('serializes and loads back to the same points, and keeps appending in stride', () => {
    const a = new StepHistory(2, 8);
    a.append(1, Array.from({ length: 20 }, (_, k) => k), Array.from({ length: 20 }, (_, k) => -k));
    const b = new StepHistory(2, 8);
    b.load(a.serialize());
    expect(b.points(1)).toEqual(a.points(1));
    a.append(21, [1, 2, 3, 4], [1, 2, 3, 4]);
    b.append(21, [1, 2, 3, 4], [1, 2, 3, 4]);
    expect(b.points(0)).toEqual(a.points(0));
    expect(() => new StepHistory(1, 8).load(a.serialize())).toThrow(/2 channels/);
  });
});

import { describe, expect, it } from 'vitest';
import { decimate } from './decimate';

type P = readonly [number, number];
const drawn = (p: P) => Number.isFinite(p[1]);

describe('decimate (M4: first, lowest, highest, last per pixel column)', () => {
  it('keeps at most four points a column, among them every extreme, in order', () => {
    // 1000 points over 10 columns, a spike in column 3 and a dip in column 7
    const points: P[] = Array.from({ length: 1000 }, (_, k) => [k, Math.sin(k / 7) + (k === 345 ? 50 : 0) - (k === 712 ? 40 : 0)] as const);
    const out = decimate(points, (x) => x / 100, drawn);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out).toContainEqual([345, points[345][1]]);
    expect(out).toContainEqual([712, points[712][1]]);
    for (let c = 0; c < 10; c++) {
      const inColumn = points.slice(c * 100, (c + 1) * 100);
      const kept = out.filter((p) => Math.floor(p[0] / 100) === c);
      expect(kept[0]).toBe(inColumn[0]);
      expect(kept.at(-1)).toBe(inColumn.at(-1));
      expect(Math.max(...kept.map((p) => p[1]))).toBe(Math.max(...inColumn.map((p) => p[1])));
      expect(Math.min(...kept.map((p) => p[1]))).toBe(Math.min(...inColumn.map((p) => p[1])));
    }
    const xs = out.map((p) => p[0]);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('keeps every point where a column holds few', () => {
    const points: P[] = Array.from({ length: 50 }, (_, k) => [k, k * k] as const);
    expect(decimate(points, (x) => x * 2, drawn)).toEqual(points);
  });

  it('keeps the points that break the line (NaN, or not drawn on a log scale) where they were', () => {
    const points: P[] = Array.from({ length: 400 }, (_, k) => [k, k === 150 ? NaN : k === 151 ? -1 : 1 + (k % 5)] as const);
    const positive = (p: P) => Number.isFinite(p[1]) && p[1] > 0;
    const out = decimate(points, (x) => x / 40, positive);
    expect(out.length).toBeLessThan(60);
    const nan = out.findIndex((p) => Number.isNaN(p[1]));
    expect(out[nan][0]).toBe(150);
    expect(out[nan + 1]).toEqual([151, -1]);
    // the line resumes at 152, the first drawn point after the gap
    expect(out[nan + 2][0]).toBe(152);
  });
});

import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline';

describe('sparkline', () => {
  it('draws nothing from fewer than two finite losses', () => {
    expect(sparkline([], 96, 28)).toEqual({ path: '', first: undefined, last: undefined });
    expect(sparkline([[1, 0.5], [2, NaN]], 96, 28)).toEqual({ path: '', first: 0.5, last: 0.5 });
  });

  it('spans the box on a log scale, first step at the left and smallest loss at the bottom', () => {
    const { path, first, last } = sparkline([[1, 1], [2, 0.1], [3, 0.01]], 96, 28);
    expect(path).toBe('M1,1L48,14L95,27');
    expect([first, last]).toEqual([1, 0.01]);
  });

  it('keeps at most one point per pixel, always the last, and leaves out infinite losses', () => {
    const points = Array.from({ length: 1000 }, (_, k) => [k + 1, 1 / (k + 1)] as [number, number]);
    points.push([1001, Infinity]);
    const { path, last } = sparkline(points, 96, 28);
    expect(path.split('L').length).toBeLessThanOrEqual(97);
    expect(last).toBe(1 / 1000);
    // a flat or signed line still draws
    expect(sparkline([[1, 0], [2, 0]], 96, 28).path).toBe('M1,14L95,14');
    expect(sparkline([[1, -1], [2, 1]], 96, 28).path).toBe('M1,27L95,1');
  });
});

import { describe, expect, it } from 'vitest';
import { scaleLinear, scaleLog } from 'd3';
import { tickValues } from './Axis';

describe('tickValues', () => {
  it('keeps a linear scale’s ticks', () => {
    expect(tickValues(scaleLinear().domain([0, 10]), 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });
  it('keeps only powers of ten on a log scale spanning decades', () => {
    expect(tickValues(scaleLog().domain([1e-5, 1e-1]), 5)).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1]);
  });
  it('thins decades to about the requested count', () => {
    const ticks = tickValues(scaleLog().domain([1e-12, 1]), 4);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks[0]).toBeCloseTo(1e-12, 20);
  });
  it('uses 1-2-5 steps inside one decade', () => {
    expect(tickValues(scaleLog().domain([1, 9]), 5)).toEqual([1, 2, 5]);
  });
});

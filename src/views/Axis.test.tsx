import { describe, expect, it } from 'vitest';
import { scaleLinear, scaleLog } from 'd3';
import { renderToStaticMarkup } from 'react-dom/server';
import { Axis, tickValues } from './Axis';

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

describe('an axis that counts steps', () => {
  const labels = (domain: [number, number], integers: boolean) =>
    [...renderToStaticMarkup(<svg><Axis scale={scaleLinear().domain(domain).range([0, 300])} orient="bottom" offset={0} label="training step" integers={integers} /></svg>).matchAll(/<text y="15"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it('has whole-number ticks only, written whole (a 4-step run had ticks at 1.5, 2.5, …)', () => {
    expect(labels([1, 4], false)).toContain('1.5');
    expect(labels([1, 4], true)).toEqual(['1', '2', '3', '4']);
    expect(labels([0, 12000], true)).toEqual(['0', '2,000', '4,000', '6,000', '8,000', '10,000', '12,000']);
  });
});

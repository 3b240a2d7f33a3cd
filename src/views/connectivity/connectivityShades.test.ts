import { describe, expect, it } from 'vitest';
import type { ConnectivityReading } from '../../shared/deeperReadings';
import { connectivityRow, logShades, scoreName } from './connectivityShades';

describe('connectivity shades', () => {
  it('takes a row of the matrix and shades it by log share of its largest value over three decades', () => {
    const reading: ConnectivityReading = { step: 1, everyFrames: 1, costMs: 0, stepMs: 0, values: Float32Array.from([1, 0, 0, 0.5, 2, 0]), outputSteps: [0, 1], score: 'predicted' };
    expect(Array.from(connectivityRow(reading, 1))).toEqual([0.5, 2, 0]);
    const shades = logShades([10, 1, 0.1, 0.001, 0]);
    expect(shades.map((s) => +s.toFixed(6))).toEqual([1, +(2 / 3).toFixed(6), +(1 / 3).toFixed(6), 0, 0]);
    expect(logShades([0, 0])).toEqual([0, 0]);
    expect(scoreName('positive')).toBe('P(positive)');
  });
});

import { describe, expect, it } from 'vitest';
import { fromSlider, toSlider } from './SettingField';

describe('log slider', () => {
  const range = { min: 0.001, max: 100, log: true };
  it('maps decades evenly and back', () => {
    expect(toSlider(0.001, range)).toBe(0);
    expect(toSlider(100, range)).toBe(1000);
    expect(toSlider(0.1, range)).toBe(400);
    expect(fromSlider(400, range)).toBe(0.1);
    expect(fromSlider(toSlider(0.25, range), range)).toBeCloseTo(0.25, 2);
  });
  it('clamps out-of-range values', () => {
    expect(toSlider(1e6, range)).toBe(1000);
    expect(toSlider(0, range)).toBe(0);
  });
  it('works linearly too', () => {
    expect(fromSlider(500, { min: 0, max: 2, log: false })).toBe(1);
  });
});

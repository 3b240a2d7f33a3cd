import { interpolateCividis, interpolateRdBu, interpolateViridis } from 'd3';
import { describe, expect, it } from 'vitest';
import { INK_ON_DARK, INK_ON_LIGHT, contrastRatio, gateColorScale, inkOn, relativeLuminance, trajectoryColor } from './palette';

describe('relativeLuminance and contrastRatio (WCAG 2)', () => {
  it('gives the definition’s end points and its published pairs', () => {
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#fff')).toBeCloseTo(1, 12);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 12);
    // #767676 on white is the lightest grey with 4.5:1 (4.54); #777 just misses (4.48)
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // symmetric
    expect(contrastRatio('#0072b2', '#1a1e25')).toBeCloseTo(contrastRatio('#1a1e25', '#0072b2'), 12);
  });

  it('is NaN for a colour it cannot read (a CSS variable)', () => {
    expect(relativeLuminance('var(--c-blue)')).toBeNaN();
  });
});

describe('inkOn', () => {
  it('puts white on the dark ends of the scales and dark ink on their light middles', () => {
    expect(inkOn(interpolateCividis(0))).toBe(INK_ON_DARK);
    expect(inkOn(interpolateCividis(1))).toBe(INK_ON_LIGHT);
    expect(inkOn(interpolateRdBu(0.5))).toBe(INK_ON_LIGHT);
    expect(inkOn(interpolateRdBu(0))).toBe(INK_ON_DARK);
    expect(inkOn(interpolateRdBu(1))).toBe(INK_ON_DARK);
  });

  it('leaves at least 4.5:1 on every colour of the gates’ sequential and diverging scales', () => {
    const scales = [gateColorScale('f'), gateColorScale('h', 2), gateColorScale('h', 2, true)];
    for (const scale of scales) {
      for (let k = 0; k <= 100; k++) {
        const background = scale(-2 + (4 * k) / 100);
        expect(contrastRatio(inkOn(background), background), background).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

describe('inkOn on any colour', () => {
  it('keeps at least √21 ≈ 4.58:1 on a grid over the RGB cube', () => {
    const hex = (v: number) => v.toString(16).padStart(2, '0');
    let lowest = Infinity;
    for (let r = 0; r <= 255; r += 15) for (let g = 0; g <= 255; g += 15) for (let b = 0; b <= 255; b += 15) {
      const background = `#${hex(r)}${hex(g)}${hex(b)}`;
      lowest = Math.min(lowest, contrastRatio(inkOn(background), background));
    }
    expect(lowest).toBeGreaterThanOrEqual(Math.sqrt(21) - 1e-9);
  });
});

describe('trajectoryColor', () => {
  it('runs viridis from 0.25 to 1 and clamps outside [0, 1]', () => {
    expect(trajectoryColor(0)).toBe('#3b528b');
    expect(trajectoryColor(1)).toBe('#fde725');
    expect(trajectoryColor(-1)).toBe(trajectoryColor(0));
    expect(trajectoryColor(2)).toBe(trajectoryColor(1));
    // on the dark theme's panel (--panel: #1a1e25) its first step stands out: 2.2:1 where viridis's own start has 1.3:1
    expect(contrastRatio(trajectoryColor(0), '#1a1e25')).toBeGreaterThan(2);
    expect(contrastRatio(interpolateViridis(0), '#1a1e25')).toBeLessThan(1.5);
  });
});

import { describe, expect, it } from 'vitest';
import { backwardDelayMs, backwardStartMs, COLUMN_MS, forwardDelayMs, GLOW_MS, glowOpacity, outputGlowDelayMs, PASS_MS } from './stepAnimationTiming';
import { MAX_COLUMNS } from './unrolledLayout';

const columns = (n: number) => Array.from({ length: n }, (_, k) => k);

describe('the Step animation’s timing', () => {
  it('runs the forward pass left to right, one column at a time; the backward direction right to left', () => {
    expect(columns(5).map((k) => forwardDelayMs(k, 5))).toEqual([0, 40, 80, 120, 160]);
    expect(columns(5).map((k) => forwardDelayMs(k, 5, 1))).toEqual([160, 120, 80, 40, 0]);
  });

  it('runs BPTT after the forward pass and the outputs, right to left; mirrored for the backward direction', () => {
    const n = 6;
    const forwardEnd = Math.max(...columns(n).map((k) => forwardDelayMs(k, n)));
    expect(outputGlowDelayMs(n)).toBeGreaterThan(forwardEnd);
    expect(backwardStartMs(n)).toBeGreaterThan(outputGlowDelayMs(n));
    expect(columns(n).map((k) => backwardDelayMs(k, n) - backwardStartMs(n))).toEqual([200, 160, 120, 80, 40, 0]);
    expect(columns(n).map((k) => backwardDelayMs(k, n, 1) - backwardStartMs(n))).toEqual([0, 40, 80, 120, 160, 200]);
  });

  it('keeps the overlay until the last glow of the widest diagram has faded', () => {
    expect(backwardDelayMs(0, MAX_COLUMNS) + GLOW_MS).toBeLessThan(PASS_MS);
    expect(PASS_MS).toBe(2 * MAX_COLUMNS * COLUMN_MS + 1150);
  });

  it('glows as brightly as log ‖∂L/∂h_t‖, dimly but visibly at its smallest; a fixed brightness before any gradient', () => {
    const intensity = [[0, 0.5, 1]];
    expect(glowOpacity(intensity, 0, 0)).toBeCloseTo(0.12);
    expect(glowOpacity(intensity, 0, 1)).toBeCloseTo(0.56);
    expect(glowOpacity(intensity, 0, 2)).toBeCloseTo(1);
    expect(glowOpacity(intensity, 1, 0)).toBeCloseTo(0.12);
    expect(glowOpacity(undefined, 0, 0)).toBe(0.85);
  });
});

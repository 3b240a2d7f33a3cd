import { describe, expect, it } from 'vitest';
import { principalPlane, projectOnPlane, stepDistances } from './whatIfPaths';

describe("what-if's geometry", () => {
  it('measures ‖a_t − b_t‖ row by row', () => {
    // rows (3, 4) − (0, 0) = 5; (1, 1) − (1, 1) = 0
    expect(Array.from(stepDistances([3, 4, 1, 1], [0, 0, 1, 1], 2, 2))).toEqual([5, 0]);
  });

  it('finds the axes of an ellipse in 3-D and its variance shares in closed form', () => {
    // x_t = c + a·cos θ_t·u + b·sin θ_t·v over a whole turn: covariance a²/2 along u, b²/2 along v
    const u = [2 / 3, 2 / 3, 1 / 3];
    const v = [1 / Math.SQRT2, -1 / Math.SQRT2, 0];
    const c = [0.5, -1, 2];
    const [a, b, n] = [3, 1, 24];
    const points: number[] = [];
    for (let t = 0; t < n; t++) {
      const theta = (2 * Math.PI * t) / n;
      for (let j = 0; j < 3; j++) points.push(c[j] + a * Math.cos(theta) * u[j] + b * Math.sin(theta) * v[j]);
    }
    const plane = principalPlane(points, n, 3);
    expect(plane.explained[0]).toBeCloseTo(a * a / (a * a + b * b), 10);
    expect(plane.explained[1]).toBeCloseTo(b * b / (a * a + b * b), 10);
    // each axis is ±u, ±v (its sign makes its largest entry positive)
    const dot = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).reduce((s, xi, k) => s + xi * y[k], 0);
    expect(Math.abs(dot(plane.axes[0], u))).toBeCloseTo(1, 10);
    expect(Math.abs(dot(plane.axes[1], v))).toBeCloseTo(1, 10);
    expect(plane.axes[1][0]).toBeGreaterThan(0);
    // the projection is (a cos θ, b sin θ) up to the axes' signs
    const coords = projectOnPlane(points, n, 3, plane);
    const s0 = Math.sign(dot(plane.axes[0], u));
    const s1 = Math.sign(dot(plane.axes[1], v));
    for (let t = 0; t < n; t++) {
      const theta = (2 * Math.PI * t) / n;
      expect(coords[2 * t]).toBeCloseTo(s0 * a * Math.cos(theta), 5);
      expect(coords[2 * t + 1]).toBeCloseTo(s1 * b * Math.sin(theta), 5);
    }
  });

  it('gives a zero axis where there is no second direction of variance', () => {
    const plane = principalPlane([0, 0, 1, 1, 2, 2], 3, 2);
    expect(plane.explained[0]).toBeCloseTo(1, 12);
    expect(Array.from(plane.axes[1]).every((x) => Math.abs(x) < 1e-9)).toBe(true);
  });
});

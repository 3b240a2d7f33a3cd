import { describe, expect, it } from 'vitest';
import type { JacobianReading } from '../../shared/deeperReadings';
import { decadeDomain, describeStep, jacobianSteps, productName } from './jacobianSteps';

const reading: JacobianReading = {
  step: 4, everyFrames: 1, costMs: 1, stepMs: 20, layer: 0, stateSize: 2, count: 2, fromStep: 0,
  singularValues: Float32Array.from([0.5, 0.25, 2, 1]),
  productNorms: Float32Array.from([2, 1]),
  slopeMean: Float32Array.from([0.75, 0.5]),
  slopeMax: Float32Array.from([1, 0.875]),
  recurrentSigmaMax: 1.5,
};

describe('jacobianSteps', () => {
  it('splits the reading by step and pairs it with ‖∂L/∂h_t‖', () => {
    const steps = jacobianSteps(reading, [0.1, 0.2]);
    expect(steps[1]).toEqual({ t: 1, read: true, singularValues: [2, 1], productNorm: 1, sigmaBound: 1, gradNorm: expect.closeTo(0.2, 6), slopeMean: 0.5, slopeMax: 0.875 });
    expect(jacobianSteps(reading, [1, 2, 3])[0].gradNorm).toBeUndefined();
    const partial = jacobianSteps({ ...reading, fromStep: 1 });
    expect(partial.map((s) => s.read)).toEqual([false, true]);
    expect(describeStep(partial[0], 'lstm', 2)).toBe('t = 1 · not read: for a state this large only the last steps are');
    expect(describeStep(steps[0], 'rnn-tanh', 2)).toBe('t = 1 · singular values of J_t: σ₁ 0.500, σ₂ 0.250 · ‖J_2‖ 2.00 · at most ∏σ₁ 2.00 · ‖∂L/∂h_t‖ 0.100 · tanh′ mean 0.750, max 1.00');
  });

  it('bounds the product by the running product of σ₁ from the last step back, where every step it needs was read', () => {
    const three: JacobianReading = { ...reading, count: 1, singularValues: Float32Array.from([0.5, 3, 0.25]), productNorms: Float32Array.from([0.5, 0.25, 1]) };
    // t = 3: the empty product; t = 2: σ₁(J_3); t = 1: σ₁(J_3)·σ₁(J_2)
    expect(jacobianSteps(three).map((s) => s.sigmaBound)).toEqual([0.75, 0.25, 1]);
    expect(jacobianSteps({ ...three, fromStep: 2 }).map((s) => s.sigmaBound)).toEqual([undefined, 0.25, 1]);
  });

  it('names the product: none at the last step, J_T alone before it', () => {
    expect(productName(1, 2)).toBe('‖I‖ (the last step: no product)');
    expect(productName(0, 5)).toBe('‖J_5⋯J_2‖');
  });

  it('decadeDomain covers the values and 1 in whole decades, at most six below the top', () => {
    expect(decadeDomain([0.03, 5])).toEqual([-2, 1]);
    expect(decadeDomain([1e-12, 0.5])).toEqual([-6, 0]);
    expect(decadeDomain([])).toEqual([0, 1]);
    expect(decadeDomain([NaN, 0, Infinity, 0.2])).toEqual([-1, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { shownLoss, statusText } from './format';

describe('statusText', () => {
  it('shows the rate at full speed while running, as before', () => {
    expect(statusText({ status: 'running', step: 120, loss: 0.0345, stepsPerSecond: 350, backend: 'WebGL' })).toBe('Step 120 · loss 0.0345 · 350 steps/s · WebGL');
    expect(statusText({ status: 'idle', step: 0, backend: 'WASM' })).toBe('Step 0 · ready · WASM');
  });

  it('names slow motion and its rate, whether running or not, and the rate reached when the backend is slower', () => {
    expect(statusText({ status: 'running', step: 7, loss: 0.5, stepsPerSecond: 4.9, speed: 5, backend: 'WASM' })).toBe('Step 7 · loss 0.500 · slow motion 5 steps/s · WASM');
    expect(statusText({ status: 'idle', step: 0, speed: 1 })).toBe('Step 0 · slow motion 1 step/s · ready');
    expect(statusText({ status: 'paused', step: 3, loss: 0.5, speed: 20 })).toBe('Step 3 · loss 0.500 · slow motion 20 steps/s · paused');
    expect(statusText({ status: 'running', step: 30, loss: 0.5, stepsPerSecond: 7.1, speed: 20 })).toBe('Step 30 · loss 0.500 · slow motion 20 steps/s (reaching 7.1 steps/s)');
  });
});

describe('shownLoss', () => {
  const history = (steps: number[], losses: number[], stride = 1) => ({ length: steps.length, stride, steps, values: [losses] });

  it("is the frame's loss when it has one", () => {
    expect(shownLoss('running', 10, 0.25, history([9, 10], [0.3, 0.2]))).toBe(0.25);
  });

  it('after a resume (no step run yet: the frame has NaN), the restored history’s loss at that step, not NaN', () => {
    expect(shownLoss('paused', 5186, NaN, history([5184, 5186], [0.4, 0.31]))).toBe(0.31);
    // the history keeps every 4th step: its last point, 2 steps back, is the loss of this stretch
    expect(shownLoss('paused', 5186, NaN, history([5180, 5184], [0.4, 0.33], 4))).toBe(0.33);
    const text = statusText({ status: 'paused', step: 5186, loss: shownLoss('paused', 5186, NaN, history([5186], [0.31])) });
    expect(text).toBe('Step 5186 · loss 0.310 · paused');
  });

  it('after an import (no history at its step), no loss at all rather than "loss NaN"', () => {
    expect(shownLoss('paused', 4000, NaN, history([], []))).toBeUndefined();
    expect(shownLoss('paused', 4000, NaN, history([12], [0.9]))).toBeUndefined();
    expect(statusText({ status: 'paused', step: 4000, loss: undefined })).toBe('Step 4000 · paused');
  });

  it('a diverged run shows its loss as it is', () => {
    expect(shownLoss('diverged', 4, NaN, history([3], [12]))).toBeNaN();
  });
});

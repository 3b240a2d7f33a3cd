import { describe, expect, it } from 'vitest';
import { statusText } from './format';

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

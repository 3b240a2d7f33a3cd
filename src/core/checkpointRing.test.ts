import { describe, expect, it } from 'vitest';
import { CheckpointRing } from './checkpointRing';

describe('CheckpointRing', () => {
  it('keeps the newest few, releasing the oldest', () => {
    const released: number[] = [];
    const ring = new CheckpointRing<number>(3, (v) => released.push(v));
    for (const step of [0, 10, 20, 30, 40]) ring.push(step, step * 100);
    expect(ring.steps()).toEqual([20, 30, 40]);
    expect(released).toEqual([0, 1000]);
    expect(ring.latest()).toEqual({ step: 40, value: 4000 });
  });
  it('drops checkpoints after a step and clears, releasing each once', () => {
    const released: number[] = [];
    const ring = new CheckpointRing<number>(5, (v) => released.push(v));
    for (const step of [0, 10, 20, 30]) ring.push(step, step);
    ring.dropAfter(15);
    expect(ring.steps()).toEqual([0, 10]);
    ring.clear();
    expect(released.sort((a, b) => a - b)).toEqual([0, 10, 20, 30]);
    expect(ring.latest()).toBeUndefined();
  });
  it('refuses steps that do not increase', () => {
    const ring = new CheckpointRing<number>(2, () => {});
    ring.push(5, 1);
    expect(() => ring.push(5, 2)).toThrow(/must increase/);
  });
});

import { describe, expect, it } from 'vitest';
import { RateMeter, Throttle, makeYield } from './pacing';

describe('RateMeter', () => {
  it('measures steps per second over a sliding window', () => {
    const meter = new RateMeter(1000);
    expect(meter.perSecond()).toBe(0);
    meter.tick(0);
    meter.tick(5000); // a slow first step falls out of the window
    for (let t = 5100; t <= 5900; t += 100) meter.tick(t);
    expect(meter.perSecond()).toBeCloseTo(10, 5);
    meter.clear();
    expect(meter.perSecond()).toBe(0);
  });
});

describe('Throttle', () => {
  it('is due at first, then once the interval has passed since it was done, and whenever forced', () => {
    const throttle = new Throttle(50);
    expect(throttle.due(false, 0)).toBe(true);
    throttle.done(100);
    expect(throttle.due(false, 149)).toBe(false);
    expect(throttle.due(true, 149)).toBe(true);
    expect(throttle.due(false, 150)).toBe(true);
  });
});

describe('makeYield', () => {
  it('lets a queued timer run between turns', async () => {
    const yieldToEvents = makeYield();
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const started = Date.now();
    while (!fired && Date.now() - started < 1000) await yieldToEvents();
    expect(fired).toBe(true);
  });
});

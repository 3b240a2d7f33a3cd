import { describe, expect, it } from 'vitest';
import { RateMeter, StepPacer, Throttle, makeYield } from './pacing';

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

/**
 * Drives a pacer on a fake clock from `fromMs` to `untilMs` as the training loop does (wait until due, step,
 * which takes `stepMs`); returns the simulated times at which steps started.
 */
function simulate(pacer: StepPacer, fromMs: number, untilMs: number, stepMs: number | ((k: number) => number)): number[] {
  const starts: number[] = [];
  let now = fromMs;
  for (;;) {
    now += pacer.waitMs(now);
    if (now >= untilMs) return starts;
    pacer.stepStarted(now);
    starts.push(now);
    now += typeof stepMs === 'number' ? stepMs : stepMs(starts.length - 1);
  }
}

describe('StepPacer', () => {
  it('holds the loop to 1, 5 and 20 steps per simulated second (±1), the first step at once', () => {
    for (const rate of [1, 5, 20]) {
      const pacer = new StepPacer();
      pacer.setRate(rate);
      const starts = simulate(pacer, 1000, 11_000, 3);
      expect(starts[0]).toBe(1000);
      // every simulated second has its `rate` steps, give or take one
      for (let second = 0; second < 10; second++) {
        const inSecond = starts.filter((t) => t >= 1000 + second * 1000 && t < 2000 + second * 1000).length;
        expect(Math.abs(inSecond - rate)).toBeLessThanOrEqual(1);
      }
      expect(Math.abs(starts.length - 10 * rate)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the beat when a timer fires late, and does not burst after a step slower than a beat', () => {
    const pacer = new StepPacer();
    pacer.setRate(5);
    // each wait overshoots by 30 ms: the beat stays at 200 ms, so 5 steps a second still
    const late: number[] = [];
    let now = 0;
    while (now < 2000) {
      const waitMs = pacer.waitMs(now);
      now += waitMs > 0 ? waitMs + 30 : 0;
      pacer.stepStarted(now);
      late.push(now);
      now += 2;
    }
    expect(late.filter((t) => t < 2000).length).toBeGreaterThanOrEqual(9);
    // one step of 1 s: the next steps keep 200 ms apart after it, none are made up
    pacer.restart();
    const starts = simulate(pacer, 0, 2000, (k) => (k === 1 ? 1000 : 2));
    const gaps = starts.slice(1).map((t, k) => t - starts[k]);
    expect(gaps.every((gap) => gap >= 200)).toBe(true);
  });

  it('runs free at full speed, and takes a new rate from the next step, counted from the last', () => {
    const pacer = new StepPacer();
    expect(pacer.stepsPerSecond).toBeUndefined();
    expect(simulate(pacer, 0, 100, 1).length).toBe(100);
    pacer.setRate(1);
    expect(pacer.stepsPerSecond).toBe(1);
    pacer.restart();
    pacer.stepStarted(0);
    expect(pacer.waitMs(100)).toBe(900);
    // faster mid-wait: due 50 ms after the last step, i.e. now
    pacer.setRate(20);
    expect(pacer.waitMs(100)).toBe(0);
    pacer.setRate(undefined);
    expect(pacer.waitMs(0)).toBe(0);
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

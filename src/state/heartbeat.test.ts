import { describe, expect, it } from 'vitest';
import { Heartbeat } from './heartbeat';

describe('heartbeat', () => {
  it('is overdue after the base timeout without a beat', () => {
    const heartbeat = new Heartbeat(10_000);
    heartbeat.restart(0);
    heartbeat.heard(1000);
    expect(heartbeat.overdue(10_000)).toBe(false);
    expect(heartbeat.overdue(11_001)).toBe(true);
  });

  it('allows a few times the longest gap seen, so slow steps are not taken for a hang', () => {
    const heartbeat = new Heartbeat(10_000);
    heartbeat.restart(0);
    heartbeat.heard(6000);
    expect(heartbeat.allowedSilenceMs()).toBe(18_000);
    expect(heartbeat.overdue(6000 + 15_000)).toBe(false);
  });

  it('allows several times the step the cost estimate expects, even before any gap was seen', () => {
    const heartbeat = new Heartbeat(10_000);
    heartbeat.restart(0);
    // a first step of 7× the estimate (warm-up and a milestone sample before it) is not a hang
    expect(heartbeat.overdue(42_000, 6000)).toBe(false);
    expect(heartbeat.overdue(120_001, 6000)).toBe(true);
  });

  it('starts the count over after a restart', () => {
    const heartbeat = new Heartbeat(10_000);
    heartbeat.restart(0);
    heartbeat.restart(50_000);
    expect(heartbeat.overdue(55_000)).toBe(false);
  });
});

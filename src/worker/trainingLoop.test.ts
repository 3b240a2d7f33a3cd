import { describe, expect, it } from 'vitest';
import { Trainer } from '../core/trainer';
import { defaultConfig } from '../shared/config';
import type { TelemetryFrame } from '../shared/protocol';
import { TASKS } from '../tasks/registry';
import { FrameSender } from './frameSender';
import { RunSession } from './runSession';
import { TrainingLoop } from './trainingLoop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small run, the loop over it, and the frames the page received. */
function smallRun(): { session: RunSession; loop: TrainingLoop; frames: TelemetryFrame[]; replace(): void } {
  const config = { ...defaultConfig(), hiddenSize: 4, sequenceLength: 5, batchSize: 4 };
  const session = new RunSession(1, new Trainer(config, TASKS[config.task](config, {})));
  let current: RunSession | undefined = session;
  const frameSender = new FrameSender(() => current);
  const frames: TelemetryFrame[] = [];
  frameSender.subscribe((frame) => void frames.push(frame));
  return { session, loop: new TrainingLoop(frameSender, () => current), frames, replace: () => (current = undefined) };
}

describe('TrainingLoop', () => {
  it('trains until the given step, then pauses by itself and sends an evaluated frame', async () => {
    const { session, loop, frames } = smallRun();
    expect(loop.start(session, 15)).toBe(true);
    expect(session.state).toBe('running');
    // a running run is not started twice
    expect(loop.start(session)).toBe(false);
    for (let k = 0; k < 200 && session.state === 'running'; k++) await sleep(10);
    await loop.stop(session);
    expect(session.state).toBe('paused');
    expect(session.trainer.step).toBe(15);
    expect(frames.at(-1)).toMatchObject({ state: 'paused', step: 15 });
    expect(frames.at(-1)!.metrics).toBeDefined();
    session.dispose();
  });

  it('stop() pauses the run and resolves once its loop has stopped; the run trains on when started again', async () => {
    const { session, loop } = smallRun();
    loop.start(session);
    await sleep(50);
    await loop.stop(session);
    const stoppedAt = session.trainer.step;
    expect(session.state).toBe('paused');
    expect(stoppedAt).toBeGreaterThan(0);
    await sleep(50);
    expect(session.trainer.step).toBe(stoppedAt);
    loop.start(session, stoppedAt + 2);
    for (let k = 0; k < 200 && session.state === 'running'; k++) await sleep(10);
    expect(session.trainer.step).toBe(stoppedAt + 2);
    session.dispose();
  });

  it('stops training a run that is no longer the current one', async () => {
    const { session, loop, replace } = smallRun();
    loop.start(session);
    await sleep(30);
    replace();
    // the loop notices at its next step; nobody paused the run
    await loop.stop(undefined);
    const stoppedAt = session.trainer.step;
    await sleep(50);
    expect(session.trainer.step).toBe(stoppedAt);
    expect(session.state).toBe('running');
    session.dispose();
  });

  it('in slow motion trains about as many steps as the speed says, and a new speed applies mid-run', async () => {
    const { session, loop } = smallRun();
    loop.setSpeed(20);
    loop.start(session);
    await sleep(1000);
    const atTwenty = session.trainer.step;
    // 20 steps/s for a second: the first at once, then one every 50 ms (timers on a busy machine run late)
    expect(atTwenty).toBeGreaterThanOrEqual(15);
    expect(atTwenty).toBeLessThanOrEqual(22);
    loop.setSpeed(undefined);
    await sleep(300);
    expect(session.trainer.step).toBeGreaterThan(atTwenty + 10);
    await loop.stop(session);
    session.dispose();
  });

  it('at 1 step/s a pause is seen within a short nap, not after the rest of the second', async () => {
    const { session, loop } = smallRun();
    loop.setSpeed(1);
    loop.start(session);
    await sleep(300);
    expect(session.trainer.step).toBe(1);
    const asked = Date.now();
    await loop.stop(session);
    expect(Date.now() - asked).toBeLessThan(200);
    expect(session.state).toBe('paused');
    // resumed, its first step comes at once
    loop.start(session);
    await sleep(100);
    expect(session.trainer.step).toBe(2);
    await loop.stop(session);
    session.dispose();
  });
});

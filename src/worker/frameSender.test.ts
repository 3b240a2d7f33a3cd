import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../shared/protocol';
import { FrameSender, type FrameSource } from './frameSender';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A run stand-in whose frames are numbered 1, 2, …; it records whether each one was asked with an evaluation. */
function numberedFrames(): FrameSource & { withEval: boolean[] } {
  const withEval: boolean[] = [];
  return {
    withEval,
    async nextFrame(evaluate) {
      withEval.push(evaluate);
      const one = () => new Float32Array(1);
      return { step: withEval.length, losses: one(), gradNormsBefore: one(), gradNormsAfter: one(), hiddenGradNorms: one(), paramGradNorms: one() } as TelemetryFrame;
    },
  };
}

/** A page that acknowledges each frame only when the test says so. */
function slowPage(): { onFrame: (frame: TelemetryFrame) => Promise<void>; received: number[]; acknowledge(): void } {
  const received: number[] = [];
  const pending: Array<() => void> = [];
  return {
    received,
    onFrame: (frame) => new Promise<void>((resolve) => (received.push(frame.step), pending.push(resolve))),
    acknowledge: () => pending.shift()?.(),
  };
}

describe('FrameSender', () => {
  it('holds at most one unacknowledged frame: the loop sends no more until the page acknowledged it', async () => {
    const run = numberedFrames();
    const sender = new FrameSender(() => run, { frameIntervalMs: 0 });
    const page = slowPage();
    sender.subscribe(page.onFrame);
    expect(sender.frameDue()).toBe(true);
    await sender.sendTrainingFrame();
    expect(page.received).toEqual([1]);
    expect(sender.frameDue()).toBe(false);
    await sender.sendTrainingFrame();
    await sender.sendTrainingFrame();
    expect(page.received).toEqual([1]);
    page.acknowledge();
    await sleep(0);
    expect(sender.frameDue()).toBe(true);
    await sender.sendTrainingFrame();
    expect(page.received).toEqual([1, 2]);
  });

  it('keeps the frame interval, and evaluates only when the evaluation interval has passed', async () => {
    const run = numberedFrames();
    const sender = new FrameSender(() => run, { frameIntervalMs: 40, evalIntervalMs: 10_000 });
    sender.subscribe(() => undefined);
    await sender.sendTrainingFrame();
    expect(sender.frameDue()).toBe(false);
    await sleep(50);
    expect(sender.frameDue()).toBe(true);
    await sender.sendTrainingFrame();
    // the first frame evaluated, the next one is within the evaluation interval
    expect(run.withEval).toEqual([true, false]);
  });

  it("lets a command wait for the page to apply its frame, but never longer than settleMs", async () => {
    const run = numberedFrames();
    const sender = new FrameSender(() => run, { settleMs: 60 });
    const page = slowPage();
    sender.subscribe(page.onFrame);
    let settled = false;
    const command = sender.send(true, true).then(() => (settled = true));
    await sleep(10);
    expect(settled).toBe(false);
    page.acknowledge();
    await command;
    // a page that never acknowledges (a hidden tab) holds a command up for settleMs only
    const started = performance.now();
    await sender.send(true, true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(page.received).toEqual([1, 2]);
  });

  it('sends nothing before the page subscribed, nor a frame of a run replaced while it was built', async () => {
    let current: FrameSource | undefined = numberedFrames();
    const sender = new FrameSender(() => current);
    await sender.send(true);
    const received: number[] = [];
    sender.subscribe((frame) => void received.push(frame.step));
    current = {
      async nextFrame() {
        current = numberedFrames();
        return { step: 99 } as TelemetryFrame;
      },
    };
    await sender.send(true);
    expect(received).toEqual([]);
    await sender.send(true);
    expect(received).toEqual([1]);
  });
});

/**
 * The flow control of telemetry frames: at most one frame unacknowledged by the page, at most one every
 * FRAME_INTERVAL_MS, a held-out evaluation in at most one every EVAL_INTERVAL_MS (the steps in between are
 * coalesced by the run's frame builder). A slow tab gets fewer, fuller frames instead of a queue.
 */
import { transfer } from 'comlink';
import type { TelemetryFrame } from '../shared/protocol';
import { frameTransferables } from './frameBuilder';
import { Throttle } from './pacing';
import type { RunSession } from './runSession';

/** Minimum time between frames: 20 a second (the page acknowledges each once painted, so it may be fewer). */
export const FRAME_INTERVAL_MS = 50;
/** Minimum time between held-out evaluations while running. */
export const EVAL_INTERVAL_MS = 1000;
/** How long a command waits for the page to apply its frame before it answers anyway. */
export const SETTLE_MS = 1000;

/** The page's frame callback: it resolves once the page has applied the frame (the acknowledgement). */
export type FrameCallback = (frame: TelemetryFrame) => Promise<void> | void;

/** Where frames come from: the current run (a RunSession; tests pass stand-ins). */
export type FrameSource = Pick<RunSession, 'nextFrame'>;

/** The intervals the sender keeps (tests shorten them). */
export interface FrameTiming {
  frameIntervalMs: number;
  evalIntervalMs: number;
  settleMs: number;
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Sends the current run's frames to the page's callback, holding at most one unacknowledged. */
export class FrameSender {
  private onFrame: FrameCallback | undefined;
  /** Whether the last frame sent still waits for the page's acknowledgement. */
  private awaitingAck = false;
  private readonly frameThrottle: Throttle;
  private readonly evalThrottle: Throttle;
  private readonly settleMs: number;

  /** A sender of the frames of `currentRun()`, whichever run that is when a frame is asked for. */
  constructor(
    private readonly currentRun: () => FrameSource | undefined,
    { frameIntervalMs = FRAME_INTERVAL_MS, evalIntervalMs = EVAL_INTERVAL_MS, settleMs = SETTLE_MS }: Partial<FrameTiming> = {},
  ) {
    this.frameThrottle = new Throttle(frameIntervalMs);
    this.evalThrottle = new Throttle(evalIntervalMs);
    this.settleMs = settleMs;
  }

  /** Registers the page's callback (frames before it are not sent). */
  subscribe(onFrame: FrameCallback): void {
    this.onFrame = onFrame;
  }

  /** Whether the loop's next step should record a frame: the last one was acknowledged and the interval passed. */
  frameDue(): boolean {
    return !this.awaitingAck && this.frameThrottle.due();
  }

  /**
   * The loop's frame after a step that recorded one, with an evaluation when one is due; none while a frame
   * sent meanwhile (a command's) is still unacknowledged.
   */
  async sendTrainingFrame(): Promise<void> {
    if (!this.awaitingAck) await this.send(this.evalThrottle.due());
  }

  /**
   * Sends the run's frame; with `withEval` it carries a held-out evaluation and every reading. A command (pause,
   * step, rewind, refresh) passes `settle`: it then waits (up to settleMs) until the page has applied the frame,
   * because the frame travels on the callback's own port, which the command's reply could overtake: a paused
   * page would show a step behind the model.
   */
  async send(withEval: boolean, settle = false): Promise<void> {
    const run = this.currentRun();
    if (!run || !this.onFrame) return;
    const frame = await run.nextFrame(withEval);
    // a run replaced while its frame was being built sends nothing
    const onFrame = this.onFrame;
    if (!frame || run !== this.currentRun() || !onFrame) return;
    if (withEval) this.evalThrottle.done();
    this.frameThrottle.done();
    this.awaitingAck = true;
    const ack = Promise.resolve(onFrame(transfer(frame, frameTransferables(frame)))).finally(() => (this.awaitingAck = false));
    // (a hidden tab may not paint, so the page's acknowledgement may wait: never longer than settleMs)
    if (settle) await settleWithin(ack, this.settleMs);
  }
}

/**
 * The training loop's sense of time: how fast it runs (RateMeter), how fast it may run (StepPacer, slow
 * motion), how often a reading may be taken (Throttle), and how it lets queued messages in between steps
 * (makeYield).
 */
import { nowMs } from '../core/clock';

/** Steps per second over the last ~2 seconds of a run (a sliding window, so the first slow WebGL steps fade). */
export class RateMeter {
  private times: number[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** Records one finished step at time `now` (ms). */
  tick(now: number): void {
    this.times.push(now);
    while (this.times.length > 2 && now - this.times[0] > this.windowMs) this.times.shift();
  }

  /** Steps per second in the window; 0 until two steps were seen. */
  perSecond(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const span = this.times[n - 1] - this.times[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }

  /** Forgets everything (a new run or a resumed one). */
  clear(): void {
    this.times = [];
  }
}

/**
 * Holds the training loop to a number of steps per second (slow motion), or lets it run free. Steps are due on
 * a fixed beat, 1000 / rate ms apart, so a timer that fires late does not slow the rate down; a step that took
 * longer than a beat starts the beat again from itself, so a slow backend never catches up in a burst. A new
 * rate applies from the next step, counted from the last one.
 */
export class StepPacer {
  private intervalMs = 0;
  /** When the last step was due on the beat (ms); −∞ before the first, so that one starts at once. */
  private lastDueAt = -Infinity;

  /** Sets the rate in steps per second; undefined (or 0) for full speed. */
  setRate(stepsPerSecond: number | undefined): void {
    this.intervalMs = stepsPerSecond && stepsPerSecond > 0 ? 1000 / stepsPerSecond : 0;
  }

  /** The rate it holds the loop to; undefined at full speed. */
  get stepsPerSecond(): number | undefined {
    return this.intervalMs > 0 ? 1000 / this.intervalMs : undefined;
  }

  /** Starts the beat over: the next step (training starts or resumes) is due at once. */
  restart(): void {
    this.lastDueAt = -Infinity;
  }

  /** How long to wait at `now` before the next step may start (ms); 0 when it is due. */
  waitMs(now: number): number {
    return Math.max(0, this.lastDueAt + this.intervalMs - now);
  }

  /** Records that a step started at `now` (when waitMs said it was due). */
  stepStarted(now: number): void {
    const due = this.lastDueAt + this.intervalMs;
    // on the beat, unless the beat was missed by more than a whole interval (or there was none yet)
    this.lastDueAt = now - due > this.intervalMs ? now : due;
  }
}

/** Something done at most once per `intervalMs` (a frame, an evaluation, a PCA), unless forced. */
export class Throttle {
  private lastAt = -Infinity;

  constructor(readonly intervalMs: number) {}

  /** Whether it is due at `now`: forced, or at least `intervalMs` since it was last done. */
  due(forced = false, now = nowMs()): boolean {
    return forced || now - this.lastAt >= this.intervalMs;
  }

  /** Records that it was done at `now`. */
  done(now = nowMs()): void {
    this.lastAt = now;
  }
}

/**
 * Lets queued messages (pause, step, acknowledgements) run between training steps: a MessageChannel round
 * trip avoids setTimeout's 4 ms clamp, and a real timer turn every ~25 ms keeps timers from starving
 * (Node runs port messages ahead of timers).
 */
export function makeYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  // Structural type: the DOM's and Node's MessagePort typings differ, both support onmessage.
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => waiting.shift()?.();
  let lastTimerTurn = nowMs();
  return () =>
    new Promise<void>((resolve) => {
      if (nowMs() - lastTimerTurn > 25) {
        lastTimerTurn = nowMs();
        setTimeout(resolve, 0);
        return;
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

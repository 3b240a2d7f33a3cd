/**
 * The training loop's sense of time: how fast it runs (RateMeter), how often a reading may be taken
 * (Throttle), and how it lets queued messages in between steps (makeYield).
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

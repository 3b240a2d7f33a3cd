/**
 * Whether the trainer worker still answers: it beats about once a second while its event loop turns (a step
 * blocks it, so a slow step delays the beat). The worker is overdue when nothing came for longer than both a
 * base timeout and a few times the longest gap seen so far, so a model whose steps take seconds is not taken for
 * a hung one.
 */

/** No beat for this long while training means the worker stopped answering, whatever the gaps seen before. */
export const SILENCE_TIMEOUT_MS = 10_000;
/** …or for this many times the longest gap between beats seen from this worker. */
const GAP_FACTOR = 3;

/** The beats of one worker. */
export class Heartbeat {
  private lastHeardMs: number | undefined;
  private longestGapMs = 0;

  constructor(private readonly timeoutMs = SILENCE_TIMEOUT_MS) {}

  /** Starts listening anew at `nowMs` (a new worker; the page was stalled itself and could not listen). */
  restart(nowMs: number): void {
    this.lastHeardMs = nowMs;
  }

  /** A beat arrived at `nowMs`. */
  heard(nowMs: number): void {
    if (this.lastHeardMs !== undefined) this.longestGapMs = Math.max(this.longestGapMs, nowMs - this.lastHeardMs);
    this.lastHeardMs = nowMs;
  }

  /** How long the worker may stay silent. */
  allowedSilenceMs(): number {
    return Math.max(this.timeoutMs, GAP_FACTOR * this.longestGapMs);
  }

  /** How long nothing has come, at `nowMs`. */
  silentMs(nowMs: number): number {
    return this.lastHeardMs === undefined ? 0 : nowMs - this.lastHeardMs;
  }

  /** Whether the worker has been silent for longer than it may be. */
  overdue(nowMs: number): boolean {
    return this.silentMs(nowMs) > this.allowedSilenceMs();
  }
}

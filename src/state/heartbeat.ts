/**
 * Whether the trainer worker still answers: it beats about once a second while its event loop turns (a step
 * blocks it, so a slow step delays the beat). The worker is overdue when nothing came for longer than a base
 * timeout, a few times the longest gap seen so far, and several times the step the cost estimate expects, so a
 * model whose steps take seconds is not taken for a hung one, not even at its first step.
 */

/** No beat for this long while training means the worker stopped answering, whatever the gaps seen before. */
export const SILENCE_TIMEOUT_MS = 10_000;
/** …or for this many times the longest gap between beats seen from this worker. */
const GAP_FACTOR = 3;
/**
 * …or for this many times the expected step. shared/cost.ts's estimate is within a factor of two, but the first
 * step also warms the backend up and a character-generation run writes its step-0 sample (140 forward passes)
 * before it: at the memory budget's edge that took 44 s against a 9 s estimate, so 5× was too tight.
 */
const STEP_FACTOR = 20;

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

  /** How long the worker may stay silent, when a step is expected to take `expectedStepMs`. */
  allowedSilenceMs(expectedStepMs = 0): number {
    return Math.max(this.timeoutMs, GAP_FACTOR * this.longestGapMs, STEP_FACTOR * expectedStepMs);
  }

  /** How long nothing has come, at `nowMs`. */
  silentMs(nowMs: number): number {
    return this.lastHeardMs === undefined ? 0 : nowMs - this.lastHeardMs;
  }

  /** Whether the worker has been silent for longer than it may be. */
  overdue(nowMs: number, expectedStepMs = 0): boolean {
    return this.silentMs(nowMs) > this.allowedSilenceMs(expectedStepMs);
  }
}

/**
 * How often a frame carries the run's whole state (weights, optimizer slots, random streams, step), so that the
 * page always holds a recent one and can keep it as the page is left (a reload, a closed tab: savedRunsSlice.ts)
 * or restore it in a fresh worker. A small state (the default sine model's is 15 KB) rides on every frame. A
 * larger one costs the worker time (a copy on WASM and CPU, a read back from the GPU on WebGL), so it is read at
 * most as often as keeps that cost under STATE_COST_SHARE of the time between reads: measured in Chromium on
 * WASM, character generation's LSTM-128 (1.1 MB) takes 2–6 ms a read, under its 0.2 s a step, so it still rides
 * on every frame; a large model on WebGL less often. (The time is wall time, awaits included: an upper bound.)
 */

/** The largest share of the worker's time that reading the state for frames may take. */
export const STATE_COST_SHARE = 0.05;
/** A state this small (bytes) rides on every frame with a new step whatever its read took. */
export const SMALL_STATE_BYTES = 256 * 1024;

/** Decides, frame by frame, whether the next frame carries the run's state. */
export class StateCadence {
  /** When the state was last read (ms), and the step it was read at. */
  private lastReadAt = -Infinity;
  private lastStep: number | undefined;
  /** How long the last read took (ms), and its size (bytes). */
  private lastCostMs = 0;
  private lastBytes = 0;

  constructor(private readonly costShare = STATE_COST_SHARE) {}

  /**
   * Whether a frame at `step` should carry the state at `now`: never twice for one step; always when the run
   * is not training (a pause, a single step, a resumed run: rare, and the page should hold that exact step);
   * while training, once the time since the last read is long enough that the read stays within its share.
   */
  due(step: number, training: boolean, now: number): boolean {
    if (step === this.lastStep) return false;
    if (!training || this.lastBytes <= SMALL_STATE_BYTES) return true;
    return now - this.lastReadAt >= this.lastCostMs / this.costShare;
  }

  /** Records a read of a state of `bytes` at `step` that started at `startedAt` and ended at `now` (ms). */
  read(step: number, bytes: number, startedAt: number, now: number): void {
    this.lastStep = step;
    this.lastBytes = bytes;
    this.lastReadAt = now;
    this.lastCostMs = now - startedAt;
  }
}

/**
 * The training loop: trains a run step after step until it is paused, diverges, reaches the step it was asked
 * to stop at, or is replaced by a new run; between steps it sends a frame when one is due (FrameSender), lets
 * queued messages (pause, acknowledgements) in, and in slow motion waits for the next step's turn (StepPacer).
 */
import type { RunState } from '../shared/protocol';
import type { FrameSender } from './frameSender';
import { nowMs } from '../core/clock';
import { StepPacer, makeYield } from './pacing';
import type { RunSession } from './runSession';

/**
 * The longest single wait between slow-motion steps (ms): a pause, a new run or a faster speed is seen within
 * this, not after a whole second at 1 step/s.
 */
const LONGEST_NAP_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts and stops the training of the current run; at most one loop trains it at a time. */
export class TrainingLoop {
  /** Settles when the loop started last has stopped. */
  private stopped: Promise<void> = Promise.resolve();
  private readonly yieldToEvents = makeYield();
  private readonly pacer = new StepPacer();

  /** A loop that reports through `frames` and stops training a run once `currentRun()` is another. */
  constructor(
    private readonly frames: FrameSender,
    private readonly currentRun: () => RunSession | undefined,
  ) {}

  /**
   * Starts training `run` when it is idle or paused; with `untilStep` it pauses by itself once that step is done.
   * Returns at once (false when the run is running already or diverged); stop() waits for the loop.
   */
  start(run: RunSession, untilStep?: number): boolean {
    if (!run.start()) return false;
    this.pacer.restart();
    this.stopped = this.train(run, untilStep ?? Infinity);
    return true;
  }

  /** Pauses `run` if it is training, and resolves once the loop has stopped (after the current step). */
  async stop(run: RunSession | undefined): Promise<void> {
    run?.pause();
    await this.stopped;
  }

  /**
   * Holds training to `stepsPerSecond` (slow motion), or lets it run at full speed when undefined; a loop that
   * is training takes the new rate from its next step, counted from its last.
   */
  setSpeed(stepsPerSecond: number | undefined): void {
    this.pacer.setRate(stepsPerSecond);
  }

  private async train(run: RunSession, stopAtStep: number): Promise<void> {
    const isCurrent = (): boolean => run === this.currentRun();
    while (run.state === 'running' && isCurrent()) {
      await this.waitForTurn(run, isCurrent);
      // paused or replaced while it waited (TypeScript cannot see that through the await)
      if ((run.state as RunState) !== 'running' || !isCurrent()) break;
      const frameDue = this.frames.frameDue();
      this.pacer.stepStarted(nowMs());
      await run.step(frameDue);
      if (!isCurrent()) break;
      // the step may have changed the state (TypeScript cannot see that through the await)
      const state = run.state as RunState;
      if (state === 'diverged') {
        await this.frames.send(true);
        break;
      }
      if (state !== 'running') break;
      if (run.trainer.step >= stopAtStep) {
        run.pause();
        await this.frames.send(true);
        break;
      }
      if (frameDue) await this.frames.sendTrainingFrame();
      await this.yieldToEvents();
    }
  }

  /** In slow motion, waits until the next step is due, in short naps so that a pause or a new speed is seen soon. */
  private async waitForTurn(run: RunSession, isCurrent: () => boolean): Promise<void> {
    for (;;) {
      const waitMs = this.pacer.waitMs(nowMs());
      if (waitMs <= 0 || run.state !== 'running' || !isCurrent()) return;
      await sleep(Math.min(waitMs, LONGEST_NAP_MS));
    }
  }
}

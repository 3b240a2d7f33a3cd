/**
 * The training loop: trains a run step after step until it is paused, diverges, reaches the step it was asked
 * to stop at, or is replaced by a new run; between steps it sends a frame when one is due (FrameSender) and lets
 * queued messages (pause, acknowledgements) in.
 */
import type { RunState } from '../shared/protocol';
import type { FrameSender } from './frameSender';
import { makeYield } from './pacing';
import type { RunSession } from './runSession';

/** Starts and stops the training of the current run; at most one loop trains it at a time. */
export class TrainingLoop {
  /** Settles when the loop started last has stopped. */
  private stopped: Promise<void> = Promise.resolve();
  private readonly yieldToEvents = makeYield();

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
    this.stopped = this.train(run, untilStep ?? Infinity);
    return true;
  }

  /** Pauses `run` if it is training, and resolves once the loop has stopped (after the current step). */
  async stop(run: RunSession | undefined): Promise<void> {
    run?.pause();
    await this.stopped;
  }

  private async train(run: RunSession, stopAtStep: number): Promise<void> {
    const isCurrent = (): boolean => run === this.currentRun();
    while (run.state === 'running' && isCurrent()) {
      const frameDue = this.frames.frameDue();
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
}

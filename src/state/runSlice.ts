/**
 * The run: where the page stands with its trainer, the buttons that drive it (train, pause, step, reset, rewind),
 * and how fast it trains (full speed or slow motion).
 */
import type { BackendInfo, Divergence, RunInfo } from '../shared/protocol';
import { DEFAULT_SPEED, stepsPerSecondLimit, type Speed } from '../shared/speed';
import type { AppSlice, StoreOptions } from './appState';
import { errorMessage } from './messages';
import type { TrainerSession } from './trainerSession';
import { TrainerGoneError } from './workerClient';

/** Where the page stands with its trainer. */
export type RunStatus = 'starting' | 'building' | 'idle' | 'running' | 'paused' | 'diverged' | 'error';

/** The run slice. */
export interface RunSlice {
  status: RunStatus;
  /** The backend the worker runs on, and why when it is not the one asked for. */
  backend?: BackendInfo;
  /** Facts about the run being trained (its id tells its frames from an older run's). */
  runInfo?: RunInfo;
  /** What stopped the trainer, while the status is 'error'. */
  error?: string;
  /** What blew up, while the run is stopped by a divergence. */
  divergence?: Divergence;
  /** A passing message for the learner (e.g. after a rewind). */
  notice?: string;
  /** Bumped after each single Step, to play the forward/backward animation. */
  stepAnimation: number;
  /** How fast training runs: full speed, or slow motion at a few steps per second. */
  speed: Speed;
  /** Changes the speed from the next step, without restarting the run. */
  setSpeed(speed: Speed): Promise<void>;
  /** Starts the worker, picks its backend and builds the first run. */
  start(): Promise<void>;
  train(): Promise<void>;
  /** Pauses training and saves the run. */
  pause(): Promise<void>;
  step(): Promise<void>;
  /** Rebuilds the run from step 0 with the current settings. */
  reset(): Promise<void>;
  /** Goes back to the newest finite checkpoint. */
  rewind(): Promise<void>;
  /** Tears the store down: stops the autosave and ends the worker. */
  dispose(): void;
}

/** The update that shows a failure of the trainer. */
export function runFailed(error: unknown): Pick<RunSlice, 'status' | 'error'> {
  return { status: 'error', error: errorMessage(error) };
}

/** Creates the run slice. */
export function createRunSlice(session: TrainerSession, options: StoreOptions): AppSlice<RunSlice> {
  return (set, get) => {
    // a call to a worker that failed and was ended meanwhile: its recovery (workerRecovery.ts) speaks for it
    const fail = (error: unknown) => void (error instanceof TrainerGoneError || set(runFailed(error)));

    return {
      status: 'starting',
      stepAnimation: 0,
      speed: options.speed ?? DEFAULT_SPEED,

      async start() {
        try {
          const api = session.open();
          if (!api) return;
          set({ backend: await session.prepare(api, options.backend ?? 'auto') });
          await session.rebuild(get().config);
          await get().loadSavedRuns();
        } catch (error) {
          fail(error);
        }
      },

      async train() {
        const api = session.api;
        if (!api || get().status === 'running' || get().status === 'diverged') return;
        set({ status: 'running', notice: undefined });
        await api.run().catch(fail);
      },

      async pause() {
        const api = session.api;
        if (!api || get().status !== 'running') return;
        await api.pause().catch(fail);
        set({ status: 'paused' });
        await get().saveNow();
      },

      async step() {
        const api = session.api;
        if (!api || get().status === 'running') return;
        await api.stepOnce().catch(fail);
        set((s) => ({ status: 'paused', stepAnimation: s.stepAnimation + 1 }));
      },

      async setSpeed(speed) {
        if (speed === get().speed) return;
        set({ speed });
        options.onSpeedChange?.(speed);
        // before start() the worker is not there yet: start() sends the speed then
        await session.api?.setSpeed(stepsPerSecondLimit(speed)).catch(fail);
      },

      async reset() {
        await session.rebuild(get().config).catch(fail);
      },

      async rewind() {
        const api = session.api;
        if (!api) return;
        try {
          const result = await api.rewind();
          if ('error' in result) {
            set({ notice: result.error });
            return;
          }
          set({ status: 'paused', divergence: undefined, notice: `Rewound to step ${result.step}, the last finite checkpoint.` });
        } catch (error) {
          fail(error);
        }
      },

      dispose() {
        session.dispose();
      },
    };
  };
}

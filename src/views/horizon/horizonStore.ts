/**
 * The memory-horizon measurement as the page holds it: the points so far, the run in progress, and the honest
 * time left (from the speed measured so far). `start` launches the horizon worker; `stop` ends it, keeping the
 * points already measured. One store per page (HorizonPanel makes it), so a lesson card and the lab share it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { HORIZON_STEPS, HORIZON_TOTAL_STEPS, secondsLeft, type HorizonMessage, type HorizonPoint, type HorizonRun } from '../../shared/horizon';

/** What the view reads. */
export interface HorizonState {
  status: 'idle' | 'running' | 'stopped' | 'done' | 'error';
  points: HorizonPoint[];
  /** The run being trained and its step. */
  current?: { run: HorizonRun; step: number };
  backend?: string;
  error?: string;
  /** When the measurement started (ms, performance.now()), for the time estimate. */
  startedAt?: number;
  /** Seconds left, once enough steps have been timed. */
  secondsLeft?: number;
  start(): void;
  stop(): void;
}

/** Starts a horizon worker (the page's; tests pass a fake). */
export type StartWorker = () => Pick<Worker, 'postMessage' | 'terminate'> & { onmessage: ((event: MessageEvent<HorizonMessage>) => void) | null };

/** The real worker, bundled by Vite as its own chunk. */
export const startHorizonWorker: StartWorker = () => new Worker(new URL('../../worker/horizon.worker.ts', import.meta.url), { type: 'module', name: 'unrolled-horizon' });

/** Steps trained so far: the finished runs' and the current run's. */
export function stepsDone(state: Pick<HorizonState, 'points' | 'current'>): number {
  const current = state.current && !state.points.some((p) => p.cell === state.current!.run.cell && p.lag === state.current!.run.lag) ? state.current.step : 0;
  return state.points.length * HORIZON_STEPS + current;
}

/** Share of the plan done, 0–1. */
export function fractionDone(state: Pick<HorizonState, 'points' | 'current'>): number {
  return Math.min(1, stepsDone(state) / HORIZON_TOTAL_STEPS);
}

/** A horizon store over a worker starter. */
export function createHorizonStore(startWorker: StartWorker = startHorizonWorker, now: () => number = () => performance.now()): StoreApi<HorizonState> {
  let worker: ReturnType<StartWorker> | undefined;
  const end = () => {
    worker?.terminate();
    worker = undefined;
  };
  return createStore<HorizonState>((set, get) => ({
    status: 'idle',
    points: [],
    start() {
      end();
      set({ status: 'running', points: [], current: undefined, error: undefined, secondsLeft: undefined, startedAt: now() });
      worker = startWorker();
      worker.onmessage = ({ data }) => {
        if (data.kind === 'backend') set({ backend: data.label });
        else if (data.kind === 'progress') {
          const next = { ...get(), current: { run: data.run, step: data.step } };
          set({ current: next.current, secondsLeft: secondsLeft(stepsDone(next), (now() - (get().startedAt ?? now())) / 1000) });
        } else if (data.kind === 'point') set({ points: [...get().points, data.point] });
        else if (data.kind === 'done') {
          end();
          set({ status: 'done', current: undefined, secondsLeft: 0 });
        } else {
          end();
          set({ status: 'error', error: data.message, current: undefined });
        }
      };
      worker.postMessage({ kind: 'start' });
    },
    stop() {
      if (get().status !== 'running') return;
      end();
      set({ status: 'stopped', current: undefined, secondsLeft: undefined });
    },
  }));
}

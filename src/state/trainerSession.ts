/**
 * The store's side of its trainer worker, shared by the slices: the worker once started, the rebuild of a run,
 * the reset of everything a new run replaces, and what to stop when the store is torn down. Not state: views
 * never see it.
 */
import type { Remote } from 'comlink';
import type { TrainConfig } from '../shared/config';
import type { TrainerApi } from '../shared/protocol';
import type { AppState, AppStore } from './appState';
import { clearTelemetry } from './telemetrySlice';
import type { TrainerWorker } from './workerClient';

/** One store's trainer worker and the run lifecycle around it. */
export class TrainerSession {
  private worker?: TrainerWorker;
  /** Rebuilds under way: only the last of several quick ones makes the run ready. */
  private pendingBuilds = 0;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly connect: () => TrainerWorker,
    private readonly store: Pick<AppStore, 'getState' | 'setState'>,
  ) {}

  /** The worker's API, once `open` has started it. */
  get api(): Remote<TrainerApi> | undefined {
    return this.worker?.api;
  }

  /** Starts the worker; returns undefined when it is already started. */
  open(): Remote<TrainerApi> | undefined {
    if (this.worker) return undefined;
    this.worker = this.connect();
    return this.worker.api;
  }

  /** Builds a fresh run of `config` in the worker: the page shows "building" until the last rebuild is done. */
  async rebuild(config: TrainConfig): Promise<void> {
    const api = this.api;
    if (!api) return;
    const { getState, setState } = this.store;
    this.pendingBuilds++;
    if (getState().status !== 'starting') setState({ status: 'building' });
    // a rebuilt run is a new run, not saved yet
    this.beginNewRun({ notice: undefined, saveId: undefined, savedAt: undefined });
    try {
      const runInfo = await api.configure(config);
      setState({ runInfo });
      await api.refresh();
    } finally {
      if (--this.pendingBuilds === 0 && getState().status !== 'error') setState({ status: 'idle' });
    }
  }

  /**
   * A new run begins (rebuild, import, resume, own data): forget the old run's telemetry, divergence, pointed-at
   * gate and "try it" result, let `restore` refill what the new run brings (a saved loss history), then apply
   * `changes`, all in one update.
   */
  beginNewRun(changes: Partial<AppState>, restore?: () => void): void {
    const { getState, setState } = this.store;
    const cleared = clearTelemetry(getState());
    restore?.();
    setState({ ...cleared, hover: undefined, divergence: undefined, tryItOutput: undefined, ...changes });
  }

  /** Registers something to stop when the store is torn down (a timer, a subscription). */
  onDispose(stop: () => void): void {
    this.stops.push(stop);
  }

  /** Tears down: stops what was registered and ends the worker. */
  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.worker?.terminate();
    this.worker = undefined;
  }
}

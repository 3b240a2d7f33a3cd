/**
 * The store's side of its trainer worker, shared by the slices: the worker once started (and replaced when it
 * fails), the latest saved state of the run, the rebuild of a run, the reset of everything a new run replaces,
 * and what to stop when the store is torn down. Not state: views never see it.
 */
import { proxy, type Remote } from 'comlink';
import type { TrainConfig } from '../shared/config';
import type { BackendInfo, BackendName, TelemetryFrame, TrainerApi, TrainerState } from '../shared/protocol';
import { stepsPerSecondLimit } from '../shared/speed';
import type { WorkerTrouble } from '../shared/workerSignals';
import type { AppState, AppStore } from './appState';
import { Heartbeat } from './heartbeat';
import { clearTelemetry } from './telemetrySlice';
import type { TrainerWorker } from './workerClient';

/** Resolves at the next paint, so the worker sends frames no faster than the page draws them. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 16)));
}

/** One store's trainer worker and the run lifecycle around it. */
export class TrainerSession {
  private worker?: TrainerWorker;
  /** Rebuilds under way: only the last of several quick ones makes the run ready. */
  private pendingBuilds = 0;
  private readonly stops: Array<() => void> = [];
  /** While a replacement worker is being set up, the slices see no API (their commands wait for the restore). */
  private held = false;
  private troubleHandler?: (trouble: WorkerTrouble) => void;
  /** The current worker's heartbeats. */
  heartbeat = new Heartbeat();
  /**
   * The latest state of the current run: the one frames carry (worker/stateCadence.ts), the one each save
   * fetches, or the one an opened run brings. What a replacement worker restores when this one fails, and what
   * the page keeps as it is left (savedRunsSlice.ts). A new run drops it.
   */
  checkpoint?: TrainerState;

  constructor(
    private readonly connect: () => TrainerWorker,
    private readonly store: Pick<AppStore, 'getState' | 'setState'>,
  ) {}

  /** The worker's API, once `open` has started it. */
  get api(): Remote<TrainerApi> | undefined {
    return this.held ? undefined : this.worker?.api;
  }

  /** Whether the current worker sends heartbeats to watch (a stand-in worker in tests may not). */
  get beats(): boolean {
    return this.worker?.watch !== undefined;
  }

  /** Starts the worker; returns undefined when it is already started. */
  open(): Remote<TrainerApi> | undefined {
    if (this.worker) return undefined;
    return this.startWorker().api;
  }

  /**
   * Readies a started worker (the first, or a replacement): its frames go to the store, acknowledged at the next
   * paint; it trains at the store's speed; it starts `backend`. Returns the backend it runs on.
   */
  async prepare(api: Remote<TrainerApi>, backend: BackendName | 'auto'): Promise<BackendInfo> {
    const { getState } = this.store;
    const onFrame = ({ trainerState, ...frame }: TelemetryFrame): Promise<void> => {
      if (!getState().receiveFrame(frame)) return Promise.resolve();
      // the state of the step the page now shows: kept here, not in the store (no view draws it)
      if (trainerState) this.checkpoint = trainerState;
      return nextPaint();
    };
    await api.subscribe(proxy(onFrame));
    await api.setSpeed(stepsPerSecondLimit(getState().speed));
    return api.init(backend, getState().config);
  }

  /**
   * Starts a fresh worker in place of a failed one and returns its API; the slices see it only once `release`
   * is called (after the run was restored in it).
   */
  replaceWorker(): Remote<TrainerApi> {
    this.worker?.terminate();
    this.held = true;
    return this.startWorker().api;
  }

  /** Lets the slices use the replacement worker. */
  release(): void {
    this.held = false;
  }

  /** Calls `handler` when the worker is in trouble; the worker has been ended by then. */
  onTrouble(handler: (trouble: WorkerTrouble) => void): void {
    this.troubleHandler = handler;
  }

  /** Reports trouble the page saw itself (the worker stopped answering): ends the worker, calls the handler. */
  reportTrouble(trouble: WorkerTrouble): void {
    if (this.worker) this.troubled(this.worker, trouble);
  }

  private startWorker(): TrainerWorker {
    const worker = this.connect();
    this.worker = worker;
    this.heartbeat = new Heartbeat();
    this.heartbeat.restart(Date.now());
    worker.watch?.({
      beat: () => {
        if (worker === this.worker) this.heartbeat.heard(Date.now());
      },
      trouble: (trouble) => this.troubled(worker, trouble),
    });
    return worker;
  }

  /** The first trouble of the current worker ends it (its waiting calls reject) and goes to the handler. */
  private troubled(worker: TrainerWorker, trouble: WorkerTrouble): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.held = false;
    worker.terminate();
    this.troubleHandler?.(trouble);
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
    this.checkpoint = undefined;
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

/**
 * The app's store (zustand), in three slices: the config the learner chose, the run's status, and the
 * telemetry the views draw. Actions talk to the trainer worker; views only read the store.
 */
import { proxy } from 'comlink';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { defaultConfig, withChanges, type TrainConfig } from '../core/config';
import type { BackendInfo, RunInfo, TelemetryFrame } from '../worker/protocol';
import type { TrainerWorker } from '../worker/client';
import { LossHistory } from './lossHistory';

/** Settings that change a running model in place; every other setting rebuilds the model. */
const LIVE_KEYS = new Set<keyof TrainConfig>(['learningRate', 'clipMode', 'clipThreshold']);

/** Where the page stands with its trainer. */
export type RunStatus = 'starting' | 'idle' | 'running' | 'paused' | 'error';

/** The whole state. */
export interface AppState {
  // config slice
  config: TrainConfig;
  // run slice
  status: RunStatus;
  backend?: BackendInfo;
  runInfo?: RunInfo;
  error?: string;
  // telemetry slice
  frame?: TelemetryFrame;
  lossHistory: LossHistory;
  /** Bumped whenever lossHistory changes (it is mutated in place). */
  lossVersion: number;
  initialLoss?: number;
  trace?: TelemetryFrame['trace'];
  metrics?: Record<string, number>;
  /** Frames received, for tests and the status line. */
  framesReceived: number;

  start(): Promise<void>;
  /** Validates and applies one setting; returns a message when the value is refused (nothing changes then). */
  setSetting(key: keyof TrainConfig, value: unknown): Promise<string | undefined>;
  train(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
}

/** The store type. */
export type AppStore = StoreApi<AppState>;

/** Resolves at the next paint, so the worker sends frames no faster than the page draws them. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 16)));
}

/** Creates the store around a worker factory (a fake one in tests). */
export function createAppStore(connect: () => TrainerWorker, initialConfig: TrainConfig = defaultConfig()): AppStore {
  let worker: TrainerWorker | undefined;

  return createStore<AppState>((set, get) => {
    const fail = (error: unknown) => set({ status: 'error', error: error instanceof Error ? error.message : String(error) });

    const onFrame = (frame: TelemetryFrame): Promise<void> => {
      const { runInfo, lossHistory } = get();
      if (!runInfo || frame.runId !== runInfo.runId) return Promise.resolve();
      if (frame.losses.length) lossHistory.append(frame.firstStep, frame.losses);
      const firstLoss = frame.firstStep === 1 && frame.losses.length ? frame.losses[0] : undefined;
      set((s) => ({
        frame: frame.gates || !s.frame ? frame : { ...frame, gates: s.frame.gates },
        lossVersion: s.lossVersion + (frame.losses.length ? 1 : 0),
        initialLoss: s.initialLoss ?? firstLoss,
        trace: frame.trace ?? s.trace,
        metrics: frame.metrics ?? s.metrics,
        framesReceived: s.framesReceived + 1,
        status: s.status === 'error' ? s.status : frame.state === 'running' ? 'running' : s.status,
      }));
      return nextPaint();
    };

    const configure = async (config: TrainConfig) => {
      if (!worker) return;
      get().lossHistory.clear();
      set({ frame: undefined, trace: undefined, metrics: undefined, initialLoss: undefined, lossVersion: get().lossVersion + 1 });
      const runInfo = await worker.api.configure(config);
      set({ runInfo, status: 'idle' });
      await worker.api.refresh();
    };

    return {
      config: initialConfig,
      status: 'starting',
      lossHistory: new LossHistory(),
      lossVersion: 0,
      framesReceived: 0,

      async start() {
        if (worker) return;
        try {
          worker = connect();
          await worker.api.subscribe(proxy(onFrame));
          const preferred = new URLSearchParams(globalThis.location?.search ?? '').get('backend');
          const backend = await worker.api.init(preferred === 'wasm' || preferred === 'cpu' || preferred === 'webgl' ? preferred : undefined);
          set({ backend });
          await configure(get().config);
        } catch (error) {
          fail(error);
        }
      },

      async setSetting(key, value) {
        const result = withChanges(get().config, { [key]: value });
        if ('error' in result) return result.error;
        const config = result.config;
        if (config[key] === get().config[key]) return undefined;
        set({ config });
        try {
          if (LIVE_KEYS.has(key)) await worker?.api.updateLive({ [key]: config[key] });
          else await configure(config);
        } catch (error) {
          fail(error);
        }
        return undefined;
      },

      async train() {
        if (!worker || get().status === 'running') return;
        set({ status: 'running' });
        await worker.api.run().catch(fail);
      },

      async pause() {
        if (!worker || get().status !== 'running') return;
        await worker.api.pause().catch(fail);
        set({ status: 'paused' });
      },

      async step() {
        if (!worker || get().status === 'running') return;
        await worker.api.stepOnce().catch(fail);
        set({ status: 'paused' });
      },

      async reset() {
        if (!worker) return;
        await configure(get().config).catch(fail);
      },
    };
  });
}

/** React hook over a store with a selector. */
export function useApp<T>(store: AppStore, selector: (state: AppState) => T): T {
  return useStore(store, selector);
}

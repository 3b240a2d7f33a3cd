/**
 * The app's store (zustand), in three slices: the config the learner chose, the run's status, and the
 * telemetry the views draw. Actions talk to the trainer worker; views only read the store.
 */
import { proxy } from 'comlink';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { defaultConfig, withChanges, type TrainConfig } from '../shared/config';
import { presetSettings } from '../shared/presets';
import { CELL_LABELS } from '../shared/config';
import { newRunId, type SavedRun, type SavedRunSummary } from './savedRuns';
import type { BackendInfo, RunInfo, TelemetryFrame, Divergence, TryItOutput } from '../shared/protocol';
import type { TrainerWorker } from './workerClient';
import { SampledHistory, StepHistory } from './history';

/** Settings that change a running model in place; every other setting rebuilds the model. */
const LIVE_KEYS = new Set<keyof TrainConfig>(['learningRate', 'clipMode', 'clipThreshold']);

/** Where the page stands with its trainer. */
export type RunStatus = 'starting' | 'building' | 'idle' | 'running' | 'paused' | 'diverged' | 'error';

/** The whole state. */
export interface AppState {
  // config slice
  config: TrainConfig;
  /** The preset the config started from, if any. */
  preset?: string;
  /** Values of the page's link that were refused (each fell back to its default). */
  linkNotices: string[];
  dismissLinkNotices(): void;
  // run slice
  status: RunStatus;
  backend?: BackendInfo;
  runInfo?: RunInfo;
  error?: string;
  /** What blew up, while the run is stopped by a divergence. */
  divergence?: Divergence;
  /** A passing message for the learner (e.g. after a rewind). */
  notice?: string;
  // telemetry slice
  frame?: TelemetryFrame;
  /** Per step: loss, gradient norm before clipping, after clipping (channels 0, 1, 2). */
  stepHistory: StepHistory;
  /** Held-out metrics over training, in the order of `metricNames`. */
  metricHistory: SampledHistory;
  metricNames: string[];
  /** σ_max of each W_hh gate block over training (rows of frame.recurrentSigma). */
  sigmaHistory: SampledHistory;
  /** ‖∂L/∂h_t‖ profiles (layerDirs × T) over training, one per frame. */
  gradProfileHistory: SampledHistory;
  /** Bumped whenever a history changes (they are mutated in place). */
  historyVersion: number;
  initialLoss?: number;
  trace?: TelemetryFrame['trace'];
  metrics?: Record<string, number>;
  hiddenPca?: TelemetryFrame['hiddenPca'];
  recurrentSigma?: Float32Array;
  /** Frames received, for tests and the status line. */
  framesReceived: number;
  /** Bumped after each single Step, to play the forward/backward animation. */
  stepAnimation: number;
  /** The gate value the pointer is on (in a heatmap), shared so the equations can highlight it. */
  hover?: GateHover;
  /** The gate the learner points at in the equations, to highlight it in the charts. */
  hoveredGateName?: string;
  setHover(hover: GateHover | undefined): void;
  setHoveredGateName(name: string | undefined): void;

  start(): Promise<void>;
  /** Validates and applies one setting; returns a message when the value is refused (nothing changes then). */
  setSetting(key: keyof TrainConfig, value: unknown): Promise<string | undefined>;
  /** Replaces the config with the defaults plus a preset's settings (or the plain defaults for undefined). */
  applyPreset(name: string | undefined): Promise<string | undefined>;
  train(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
  /** Goes back to the newest finite checkpoint. */
  rewind(): Promise<void>;
  /** Downloads the current model. */
  exportModel(format: 'safetensors' | 'json'): Promise<void>;
  /** Loads a model file; on failure `importMessage` says why and nothing else changes. */
  importFile(file: File): Promise<void>;
  /** The outcome of the last import or export, for the learner. */
  fileMessage?: { kind: 'error' | 'success'; text: string };
  /** Runs saved in this browser, newest first. */
  savedRuns: SavedRunSummary[];
  /** The last saved run, offered for resuming when the page opens. */
  resumeOffer?: SavedRunSummary;
  /** Id under which the current run is saved (once it has been). */
  saveId?: string;
  /** When the current run was last saved. */
  savedAt?: number;
  saveNow(): Promise<void>;
  openRun(id: string): Promise<void>;
  renameSavedRun(id: string, name: string): Promise<void>;
  deleteSavedRun(id: string): Promise<void>;
  dismissResume(): void;
  /** Trains the task on the learner's own file (or the built-in data again, for undefined). */
  useOwnData(file: File | undefined): Promise<void>;
  /** The outcome of the last own-data upload. */
  dataMessage?: { kind: 'error' | 'success'; text: string };
  /** Runs the task's "try it" on the learner's input. */
  runTryIt(input: string, options: Record<string, number>): Promise<void>;
  tryItOutput?: TryItOutput;
  tryItBusy: boolean;
}

/** A pointed-at gate value: which gate, layer·direction, step and unit, and its value. */
export interface GateHover {
  gate: string;
  layerDir: number;
  t: number;
  unit: number;
  value: number;
}

/** The store type. */
export type AppStore = StoreApi<AppState>;

/** Resolves at the next paint, so the worker sends frames no faster than the page draws them. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 16)));
}

/** Where the page starts: config, preset, and notices about refused link values. */
export interface InitialState {
  config: TrainConfig;
  preset?: string;
  notices?: string[];
  /** Called with the config and preset after every change (the page mirrors them in its address). */
  onConfigChange?: (config: TrainConfig, preset: string | undefined) => void;
  /** Where runs are saved (IndexedDB in the page; absent in tests that do not need it). */
  persistence?: Persistence;
  /** How often a running run is saved. */
  autosaveMs?: number;
}

/** Saving runs: the functions of savedRuns.ts. */
export interface Persistence {
  saveRun(run: SavedRun): Promise<void>;
  listRuns(): Promise<SavedRunSummary[]>;
  loadRun(id: string): Promise<SavedRun | undefined>;
  renameRun(id: string, name: string): Promise<void>;
  deleteRun(id: string): Promise<void>;
}

/** Creates the store around a worker factory (a fake one in tests). */
export function createAppStore(connect: () => TrainerWorker, initial: InitialState = { config: defaultConfig() }): AppStore {
  let worker: TrainerWorker | undefined;

  return createStore<AppState>((set, get) => {
    const fail = (error: unknown) => set({ status: 'error', error: error instanceof Error ? error.message : String(error) });

    const onFrame = (frame: TelemetryFrame): Promise<void> => {
      const { runInfo, stepHistory, metricHistory, sigmaHistory, gradProfileHistory } = get();
      if (!runInfo || frame.runId !== runInfo.runId) return Promise.resolve();
      // A rewind sends time backwards: forget what came after the step the run went back to.
      const lastStep = stepHistory.length ? stepHistory.steps[stepHistory.length - 1] : 0;
      if (frame.step < lastStep || frame.firstStep <= lastStep) {
        const back = Math.min(frame.step, frame.firstStep - 1);
        for (const history of [stepHistory, metricHistory, sigmaHistory, gradProfileHistory]) history.truncate(back);
      }
      if (frame.losses.length) stepHistory.append(frame.firstStep, frame.losses, frame.gradNormsBefore, frame.gradNormsAfter);
      let metricNames = get().metricNames;
      if (frame.metrics) {
        metricNames = Object.keys(frame.metrics);
        metricHistory.push(frame.step, Float32Array.from(metricNames, (name) => frame.metrics![name]));
      }
      if (frame.recurrentSigma) sigmaHistory.push(frame.step, frame.recurrentSigma);
      if (frame.step > 0 && frame.hiddenGradNorms.length) gradProfileHistory.push(frame.step, frame.hiddenGradNorms);
      const firstLoss = frame.firstStep === 1 && frame.losses.length ? frame.losses[0] : undefined;
      set((s) => ({
        // a frame without gates keeps the last ones, unless time went back (a rewind): those are from later steps
        frame: frame.gates || !s.frame || frame.step < s.frame.step ? frame : { ...frame, gates: s.frame.gates },
        historyVersion: s.historyVersion + 1,
        metricNames,
        initialLoss: s.initialLoss ?? firstLoss,
        trace: frame.trace ?? s.trace,
        metrics: frame.metrics ?? s.metrics,
        hiddenPca: frame.hiddenPca ?? s.hiddenPca,
        recurrentSigma: frame.recurrentSigma ?? s.recurrentSigma,
        framesReceived: s.framesReceived + 1,
        status: s.status === 'error' ? s.status : frame.state === 'running' || frame.state === 'diverged' ? frame.state : s.status,
        divergence: frame.divergence,
      }));
      return nextPaint();
    };

    const persistence = initial.persistence;
    const refreshSaved = async () => {
      if (persistence) set({ savedRuns: await persistence.listRuns() });
    };
    let saving: Promise<void> | undefined;

    /**
     * A new run begins (configure, import, resume, own data): forget the old run's telemetry and histories,
     * let `restore` refill what the new run brings (a saved loss history), then apply `changes`.
     */
    const newRunState = (changes: Partial<AppState>, restore?: () => void) => {
      const { stepHistory, metricHistory, sigmaHistory, gradProfileHistory } = get();
      for (const history of [stepHistory, metricHistory, sigmaHistory, gradProfileHistory]) history.clear();
      restore?.();
      set((s) => ({
        frame: undefined,
        trace: undefined,
        metrics: undefined,
        hiddenPca: undefined,
        recurrentSigma: undefined,
        initialLoss: undefined,
        hover: undefined,
        divergence: undefined,
        tryItOutput: undefined,
        historyVersion: s.historyVersion + 1,
        ...changes,
      }));
    };

    let configuring = 0;
    const configure = async (config: TrainConfig) => {
      if (!worker) return;
      set({ saveId: undefined, savedAt: undefined });
      configuring++;
      if (get().status !== 'starting') set({ status: 'building' });
      newRunState({ notice: undefined });
      try {
        const runInfo = await worker.api.configure(config);
        set({ runInfo });
        await worker.api.refresh();
      } finally {
        // only the last of several quick rebuilds makes the run ready
        if (--configuring === 0 && get().status !== 'error') set({ status: 'idle' });
      }
    };

    return {
      config: initial.config,
      preset: initial.preset,
      linkNotices: initial.notices ?? [],
      dismissLinkNotices: () => set({ linkNotices: [] }),
      status: 'starting',
      stepHistory: new StepHistory(3),
      metricHistory: new SampledHistory(),
      metricNames: [],
      sigmaHistory: new SampledHistory(),
      gradProfileHistory: new SampledHistory(240),
      historyVersion: 0,
      framesReceived: 0,
      stepAnimation: 0,
      savedRuns: [],
      tryItBusy: false,
      setHover: (hover) => set({ hover }),
      setHoveredGateName: (hoveredGateName) => set({ hoveredGateName }),

      async start() {
        if (worker) return;
        try {
          worker = connect();
          await worker.api.subscribe(proxy(onFrame));
          const preferred = new URLSearchParams(globalThis.location?.search ?? '').get('backend');
          const backend = await worker.api.init(preferred === 'wasm' || preferred === 'cpu' || preferred === 'webgl' ? preferred : 'auto', get().config);
          set({ backend });
          await configure(get().config);
          if (persistence) {
            await refreshSaved();
            const last = get().savedRuns[0];
            if (last && last.step > 0) set({ resumeOffer: last });
            setInterval(() => {
              const { status, frame, savedAt } = get();
              if (status === 'running' && frame && frame.step > 0 && (!savedAt || Date.now() - savedAt >= (initial.autosaveMs ?? 5000))) void get().saveNow();
            }, 1000);
          }
        } catch (error) {
          fail(error);
        }
      },

      async saveNow() {
        if (!worker || !persistence || saving) return;
        const { status, runInfo, frame } = get();
        if (!runInfo || status === 'diverged' || status === 'error' || !frame || frame.step === 0) return;
        saving = (async () => {
          try {
            const state = await worker!.api.saveState();
            const { config, preset, stepHistory, saveId, savedRuns } = get();
            const id = saveId ?? newRunId();
            const name = savedRuns.find((r) => r.id === id)?.name ?? `${CELL_LABELS[config.cell]} · ${runInfo.taskTitle} · ${new Date().toLocaleString()}`;
            const summary = { id, name, savedAt: Date.now(), step: state.step, loss: get().frame?.loss, task: config.task, cell: config.cell };
            await persistence.saveRun({ summary, config, preset, state, history: stepHistory.serialize() });
            set({ saveId: id, savedAt: summary.savedAt });
            await refreshSaved();
          } catch (error) {
            set({ notice: `Could not save the run in this browser: ${error instanceof Error ? error.message : String(error)}` });
          } finally {
            saving = undefined;
          }
        })();
        await saving;
      },

      async openRun(id) {
        if (!worker || !persistence) return;
        const run = await persistence.loadRun(id);
        if (!run) {
          set({ notice: 'That saved run is gone.', resumeOffer: undefined });
          await refreshSaved();
          return;
        }
        if (get().status === 'running') await get().pause();
        try {
          const runInfo = await worker.api.loadState(run.config, run.state);
          newRunState(
            {
              config: run.config,
              preset: run.preset,
              runInfo,
              status: 'paused',
              resumeOffer: undefined,
              saveId: run.summary.id,
              savedAt: run.summary.savedAt,
              initialLoss: run.history.values[0]?.[0],
              notice: `Resumed “${run.summary.name}” at step ${run.state.step}.`,
            },
            () => get().stepHistory.load(run.history),
          );
          initial.onConfigChange?.(run.config, run.preset);
          await worker.api.refresh();
        } catch (error) {
          fail(error);
        }
      },

      async renameSavedRun(id, name) {
        if (!persistence || !name.trim()) return;
        await persistence.renameRun(id, name.trim());
        await refreshSaved();
      },

      async deleteSavedRun(id) {
        if (!persistence) return;
        await persistence.deleteRun(id);
        if (get().saveId === id) set({ saveId: undefined, savedAt: undefined });
        if (get().resumeOffer?.id === id) set({ resumeOffer: undefined });
        await refreshSaved();
      },

      dismissResume() {
        set({ resumeOffer: undefined });
      },

      async useOwnData(file) {
        if (!worker) return;
        const spec = get().runInfo?.userData;
        if (file && spec && file.size > spec.maxBytes) {
          set({ dataMessage: { kind: 'error', text: `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${(spec.maxBytes / 1048576).toFixed(0)} MB. Nothing was changed.` } });
          return;
        }
        try {
          const text = file ? await file.text() : undefined;
          if (get().status === 'running') await get().pause();
          const result = await worker.api.setUserData(get().config, text);
          if ('error' in result) {
            set({ dataMessage: { kind: 'error', text: `${file?.name ?? 'The data'} was not used: ${result.error} Nothing was changed.` } });
            return;
          }
          newRunState({
            runInfo: result.runInfo,
            status: 'idle',
            dataMessage: { kind: 'success', text: file ? `Training on ${file.name}.` : 'Back to the built-in data.' },
          });
          await worker.api.refresh();
        } catch (error) {
          set({ dataMessage: { kind: 'error', text: `${file?.name ?? 'The data'} was not used: ${error instanceof Error ? error.message : String(error)}` } });
        }
      },

      async runTryIt(input, options) {
        if (!worker) return;
        set({ tryItBusy: true });
        try {
          set({ tryItOutput: await worker.api.tryIt(input, options) });
        } catch (error) {
          set({ tryItOutput: { error: error instanceof Error ? error.message : String(error) } });
        } finally {
          set({ tryItBusy: false });
        }
      },

      async setSetting(key, value) {
        const result = withChanges(get().config, { [key]: value });
        if ('error' in result) return result.error;
        const config = result.config;
        if (config[key] === get().config[key]) return undefined;
        set({ config });
        initial.onConfigChange?.(config, get().preset);
        try {
          if (LIVE_KEYS.has(key)) await worker?.api.updateLive({ [key]: config[key] });
          else await configure(config);
        } catch (error) {
          fail(error);
        }
        return undefined;
      },

      async applyPreset(name) {
        let config = defaultConfig();
        if (name) {
          const preset = presetSettings(name);
          if ('error' in preset) return preset.error;
          config = { ...config, ...preset.settings };
        }
        set({ config, preset: name });
        initial.onConfigChange?.(config, name);
        try {
          await configure(config);
        } catch (error) {
          fail(error);
        }
        return undefined;
      },

      async train() {
        if (!worker || get().status === 'running' || get().status === 'diverged') return;
        set({ status: 'running', notice: undefined });
        await worker.api.run().catch(fail);
      },

      async pause() {
        if (!worker || get().status !== 'running') return;
        await worker.api.pause().catch(fail);
        set({ status: 'paused' });
        await get().saveNow();
      },

      async step() {
        if (!worker || get().status === 'running') return;
        await worker.api.stepOnce().catch(fail);
        set((s) => ({ status: 'paused', stepAnimation: s.stepAnimation + 1 }));
      },

      async reset() {
        if (!worker) return;
        await configure(get().config).catch(fail);
      },

      async exportModel(format) {
        if (!worker) return;
        try {
          const file = await worker.api.exportModel(format, get().config);
          const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
          const link = document.createElement('a');
          link.href = url;
          link.download = file.fileName;
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          set({ fileMessage: { kind: 'success', text: `Exported ${file.fileName} (${(file.bytes.length / 1024).toFixed(1)} kB).` } });
        } catch (error) {
          set({ fileMessage: { kind: 'error', text: `Export failed: ${error instanceof Error ? error.message : String(error)}` } });
        }
      },

      async importFile(file) {
        if (!worker) return;
        const limit = 64 * 1024 * 1024;
        if (file.size > limit) {
          set({ fileMessage: { kind: 'error', text: `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; models here are far smaller (at most 64 MB). Nothing was changed.` } });
          return;
        }
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const wasRunning = get().status === 'running';
          if (wasRunning) await get().pause();
          const result = await worker.api.importModel(bytes, get().config);
          if ('error' in result) {
            set({ fileMessage: { kind: 'error', text: `${file.name} was not loaded: ${result.error}. The current model and settings are unchanged.` } });
            return;
          }
          newRunState({
            config: result.config,
            preset: undefined,
            runInfo: result.runInfo,
            status: 'paused',
            fileMessage: { kind: 'success', text: `Loaded ${file.name}.${result.notes.length ? ` ${result.notes.join(' ')}` : ''}` },
          });
          initial.onConfigChange?.(result.config, undefined);
          await worker.api.refresh();
        } catch (error) {
          set({ fileMessage: { kind: 'error', text: `${file.name} was not loaded: ${error instanceof Error ? error.message : String(error)}` } });
        }
      },

      async rewind() {
        if (!worker) return;
        try {
          const result = await worker.api.rewind();
          if ('error' in result) {
            set({ notice: result.error });
            return;
          }
          set({ status: 'paused', divergence: undefined, notice: `Rewound to step ${result.step}, the last finite checkpoint.` });
        } catch (error) {
          fail(error);
        }
      },
    };
  });
}

/** React hook over a store with a selector. */
export function useApp<T>(store: AppStore, selector: (state: AppState) => T): T {
  return useStore(store, selector);
}

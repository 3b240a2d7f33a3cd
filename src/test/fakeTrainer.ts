/**
 * A stand-in trainer worker for the store's Node tests: it implements TrainerApi in memory, records what the
 * store asked of it, and sends frames when the test says so.
 */
import type { Remote } from 'comlink';
import { defaultConfig } from '../shared/config';
import type { ExportFile, RunInfo, TelemetryFrame, TrainerApi, TrainerState } from '../shared/protocol';
import type { AppStore, StoreOptions } from '../state/appState';
import { createAppStore } from '../state/store';
import type { TrainerWorker } from '../state/workerClient';

/** A fake trainer: the worker to hand the store, and the test's handles on it. */
export interface FakeTrainer {
  /** What createAppStore's `connect` returns. */
  worker: TrainerWorker;
  /** The API itself; a test replaces a method to make it fail or answer otherwise. */
  api: TrainerApi;
  /** Names of the API methods called, in order. */
  calls: string[];
  /** Whether the store ended the worker. */
  terminated: boolean;
  /** Sends a frame to the store, as the worker's telemetry does. */
  send(frame: TelemetryFrame): Promise<void> | void;
}

/** The facts of a small sine run with id `runId` (one LSTM layer, H = 2, T = 3). */
export function fakeRunInfo(runId: number): RunInfo {
  return {
    runId,
    taskTitle: 'Sine wave',
    sequenceShape: 'many-to-one',
    taskSummary: 'Reads a wave and predicts its next value.',
    lossLabel: 'MSE',
    heldOutOnLossScale: true,
    hasTrace: true,
    usingUserData: false,
    paramNames: ['rnn.weight_ih_l0'],
    recordedNames: ['i', 'f', 'g', 'o', 'c', 'h'],
    cell: 'lstm',
    numLayers: 1,
    bidirectional: false,
    layerDirs: 1,
    steps: 3,
    decoderSteps: 0,
    gateBlocks: 4,
    gateBlockNames: ['i', 'f', 'g', 'o'],
    readout: 'last',
    inputSize: 1,
    outputSize: 1,
    startStep: 0,
    hiddenSize: 2,
    probeInput: new Float32Array(3),
    probeLabels: ['0', '0', '0'],
  };
}

/** A frame of run `runId` whose newest step is `step`, covering `count` steps (losses 1/step), with `extra` on top. */
export function fakeFrame(runId: number, step: number, extra: Partial<TelemetryFrame> = {}, count = 1): TelemetryFrame {
  const firstStep = step - count + 1;
  const losses = Float32Array.from({ length: count }, (_, k) => 1 / (firstStep + k));
  return {
    runId,
    state: 'running',
    step,
    loss: losses[count - 1] ?? 0,
    gradNormBefore: 1,
    gradNormAfter: 1,
    hiddenGradNorms: new Float32Array([0.1, 0.2, 0.3]),
    paramGradNorms: new Float32Array([1]),
    firstStep,
    losses,
    gradNormsBefore: new Float32Array(count).fill(2),
    gradNormsAfter: new Float32Array(count).fill(1),
    stepsPerSecond: 10,
    checkpointSteps: [],
    numTensors: 100,
    ...extra,
  };
}

/** A saved state at `step`, as saveState returns it. */
function fakeState(step: number): TrainerState {
  return { step, weights: {}, optimizer: [], batchRngState: 1, dropoutRngState: 2 };
}

/** Creates a fake trainer; each configure (or load, import, own data) starts a run with the next run id. */
export function createFakeTrainer(): FakeTrainer {
  let runId = 0;
  let step = 0;
  let onFrame: ((frame: TelemetryFrame) => Promise<void> | void) | undefined;
  const calls: string[] = [];
  const nextRun = () => {
    step = 0;
    return fakeRunInfo(++runId);
  };
  const api: TrainerApi = {
    init: async () => ({ backend: 'wasm', label: 'WASM', note: '' }),
    subscribe: (callback) => {
      onFrame = callback;
    },
    configure: async () => nextRun(),
    exportModel: async (format): Promise<ExportFile> => ({ fileName: `model.${format}`, mime: 'application/octet-stream', bytes: new Uint8Array(2048) }),
    exportNotebook: async (): Promise<ExportFile> => ({ fileName: 'model.ipynb', mime: 'application/x-ipynb+json', bytes: new Uint8Array(4096) }),
    importModel: async () => ({ config: { ...defaultConfig(), cell: 'gru' }, runInfo: nextRun(), notes: [] }),
    saveState: async () => fakeState(step),
    loadState: async (_config, state) => {
      const info = nextRun();
      step = state.step;
      return info;
    },
    setUserData: async () => ({ runInfo: nextRun() }),
    tryIt: async (input) => ({ summary: `read ${input.length} characters` }),
    refresh: async () => {},
    run: async () => {},
    pause: async () => {},
    stepOnce: async () => {
      step++;
    },
    rewind: async () => ({ step: 0 }),
    updateLive: async () => {},
    setSpeed: async () => {},
    whatIf: async () => ({ error: 'The fake trainer has no model to run forward' }),
  };
  // record every call by name, whatever a test later puts in its place
  const recorded = new Proxy(api, {
    get(target, name: keyof TrainerApi) {
      if (name in target) calls.push(name);
      return target[name];
    },
  });
  const fake: FakeTrainer = {
    api,
    calls,
    terminated: false,
    worker: {
      api: recorded as unknown as Remote<TrainerApi>,
      terminate: () => {
        fake.terminated = true;
      },
    },
    send: (frame) => {
      if (frame.step > step) step = frame.step;
      return onFrame?.(frame);
    },
  };
  return fake;
}

/** A store on a fake trainer, started (its first run built, id 1); `options` add to the default config. */
export async function startWithFakeTrainer(options: Partial<StoreOptions> = {}): Promise<{ store: AppStore; trainer: FakeTrainer }> {
  const trainer = createFakeTrainer();
  const store = createAppStore(() => trainer.worker, { config: defaultConfig(), ...options });
  await store.getState().start();
  return { store, trainer };
}

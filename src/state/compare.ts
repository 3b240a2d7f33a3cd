/**
 * Compare: two runs side by side on the same seed and data — the current settings (A) and a variant that
 * changes one setting (B). Each run has its own trainer worker, so both train in parallel (two cores) with
 * the same loop as a single run; identical seeds give both identical weights and batches. When either worker
 * fails (an error escaped it, a message could not be read), both are ended and the comparison says so; the next
 * Compare starts two fresh workers.
 */
import { proxy } from 'comlink';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { withChanges, type TrainConfig } from '../shared/config';
import type { BackendName, RunInfo, TelemetryFrame, Divergence } from '../shared/protocol';
import type { WorkerTrouble } from '../shared/workerSignals';
import type { TrainerWorker } from './workerClient';
import { StepHistory } from './history';
import { errorMessage } from './messages';
import { whatHappened } from './workerRecovery';

/** Settings a comparison can vary. */
export const COMPARE_KEYS = ['clipMode', 'cell', 'learningRate', 'recurrentInitGain', 'optimizer'] as const;
/** One of them. */
export type CompareKey = (typeof COMPARE_KEYS)[number];

/** One side of the comparison. */
export interface CompareRun {
  label: string;
  config: TrainConfig;
  runInfo?: RunInfo;
  frame?: TelemetryFrame;
  losses: StepHistory;
  divergence?: Divergence;
  done: boolean;
}

/** The comparison's state. */
export interface CompareState {
  key: CompareKey;
  value: unknown;
  steps: number;
  status: 'idle' | 'running' | 'done' | 'error';
  error?: string;
  runs?: [CompareRun, CompareRun];
  version: number;
  setVariant(key: CompareKey, value: unknown): void;
  setSteps(steps: number): void;
  /** Builds A from `base` and B from `base` with the variant, and trains both for `steps` steps. */
  start(base: TrainConfig, backend?: BackendName): Promise<void>;
  stop(): Promise<void>;
}

/** The comparison store. */
export type CompareStore = StoreApi<CompareState>;

/** A sensible variant value for a key, given the base config (e.g. clipping on when it is off). */
export function defaultVariant(key: CompareKey, base: TrainConfig): unknown {
  switch (key) {
    case 'clipMode':
      return base.clipMode === 'off' ? 'norm' : 'off';
    case 'cell':
      return base.cell === 'lstm' ? 'rnn-tanh' : 'lstm';
    case 'learningRate':
      return base.learningRate / 10;
    case 'recurrentInitGain':
      return base.recurrentInitGain === 1 ? 2 : 1;
    case 'optimizer':
      return base.optimizer === 'adam' ? 'sgd' : 'adam';
  }
}

/** Creates the comparison store around a worker factory. */
export function createCompareStore(connect: () => TrainerWorker): CompareStore {
  const workers: TrainerWorker[] = [];
  let generation = 0;

  return createStore<CompareState>((set, get) => {
    /** A worker failed: end both (the comparison is only meaningful whole) and say which side stopped and why. */
    const onTrouble = (worker: TrainerWorker, trouble: WorkerTrouble) => {
      const side = workers.indexOf(worker);
      if (side < 0) return;
      generation++;
      for (const each of workers.splice(0)) each.terminate();
      const which = side === 0 ? 'Run A' : 'Run B';
      set({ status: 'error', error: `${which}: ${whatHappened(trouble)} The comparison stopped; press Compare to run it again.` });
    };
    const onFrame = (side: 0 | 1, gen: number) => (frame: TelemetryFrame) => {
      const runs = get().runs;
      if (gen !== generation || !runs || runs[side].runInfo?.runId !== frame.runId) return;
      const run = runs[side];
      if (frame.losses.length) run.losses.append(frame.firstStep, frame.losses);
      const next: CompareRun = {
        ...run,
        frame,
        divergence: frame.divergence ?? run.divergence,
        done: frame.state === 'diverged' || (frame.state === 'paused' && frame.step >= get().steps),
      };
      const both: [CompareRun, CompareRun] = side === 0 ? [next, runs[1]] : [runs[0], next];
      set((s) => ({ runs: both, version: s.version + 1, status: both[0].done && both[1].done ? 'done' : s.status }));
    };

    return {
      key: 'clipMode',
      value: 'norm',
      steps: 150,
      status: 'idle',
      version: 0,

      setVariant(key, value) {
        set({ key, value });
      },

      setSteps(steps) {
        set({ steps });
      },

      async start(base, backend) {
        const { key, value, steps } = get();
        const variant = withChanges(base, { [key]: value });
        if ('error' in variant) {
          set({ status: 'error', error: variant.error });
          return;
        }
        const gen = ++generation;
        try {
          while (workers.length < 2) {
            const worker = connect();
            workers.push(worker);
            worker.watch?.({ beat: () => undefined, trouble: (trouble) => onTrouble(worker, trouble) });
            await worker.api.init(backend);
          }
          const runs: [CompareRun, CompareRun] = [
            { label: 'A: current settings', config: base, losses: new StepHistory(1), done: false },
            { label: `B: ${describeChange(key, value)}`, config: variant.config, losses: new StepHistory(1), done: false },
          ];
          set({ runs, status: 'running', error: undefined });
          for (const side of [0, 1] as const) {
            await workers[side].api.subscribe(proxy(onFrame(side, gen)));
            const runInfo = await workers[side].api.configure(runs[side].config);
            runs[side] = { ...get().runs![side], runInfo };
            set({ runs: [...runs] as [CompareRun, CompareRun] });
          }
          await Promise.all(workers.map((w) => w.api.run(steps)));
        } catch (error) {
          // a failed worker already said what happened (onTrouble); its calls' rejections add nothing
          if (gen === generation) set({ status: 'error', error: errorMessage(error) });
        }
      },

      async stop() {
        await Promise.all(workers.map((w) => w.api.pause()));
        set({ status: 'done' });
      },
    };
  });
}

/** "clipping by global norm", "cell GRU", "learning rate 0.001". */
export function describeChange(key: CompareKey, value: unknown): string {
  const names: Record<CompareKey, string> = {
    clipMode: 'gradient clipping',
    cell: 'cell',
    learningRate: 'learning rate',
    recurrentInitGain: 'W_hh init gain',
    optimizer: 'optimizer',
  };
  return `${names[key]} ${String(value)}`;
}

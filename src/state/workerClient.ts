/** Starts the trainer worker and wraps it in a typed Comlink proxy. The only place the page touches the worker. */
import { wrap, type Remote } from 'comlink';
import type { TrainerApi } from '../shared/protocol';

/** A running trainer worker. */
export interface TrainerWorker {
  api: Remote<TrainerApi>;
  terminate(): void;
}

/** Spawns the module worker; tfjs loads only inside it. */
export function startTrainerWorker(): TrainerWorker {
  const worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: 'unrolled-trainer' });
  return { api: wrap<TrainerApi>(worker), terminate: () => worker.terminate() };
}

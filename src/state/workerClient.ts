/** Starts the trainer worker and wraps it in a typed Comlink proxy. The only place the page touches the worker. */
import { wrap, type Remote } from 'comlink';
import type { TrainerApi } from '../shared/protocol';
import { readSignal, troubleOf, type WorkerTrouble } from '../shared/workerSignals';
import { exposeFailureHooks } from './failureHooks';

/** What the page hears from a worker besides its answers: that it is alive, or that it is in trouble. */
export interface WorkerWatcher {
  beat(): void;
  trouble(trouble: WorkerTrouble): void;
}

/** A running trainer worker. */
export interface TrainerWorker {
  api: Remote<TrainerApi>;
  /** Ends the worker; calls still waiting for an answer then reject (with TrainerGoneError). */
  terminate(): void;
  /** Tells `watcher` of the worker's heartbeats and of its trouble (an uncaught error, an unreadable message, a lost GPU). */
  watch?(watcher: WorkerWatcher): void;
}

/** A call's rejection when its worker was ended before it answered. */
export class TrainerGoneError extends Error {
  constructor() {
    super('The trainer was restarted before it answered.');
    this.name = 'TrainerGoneError';
  }
}

/**
 * The API whose calls also reject once `gone` does: Comlink's own calls would wait forever for an answer from a
 * worker that was ended, and with them whatever awaits them (a save, a pause).
 */
export function rejectingWhenGone<Api extends object>(remote: Remote<Api>, gone: Promise<never>): Remote<Api> {
  return new Proxy(remote, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key);
      if (typeof member !== 'function' || key === 'then') return member;
      return (...args: unknown[]) => Promise.race([(member as (...a: unknown[]) => Promise<unknown>)(...args), gone]);
    },
  });
}

/** Spawns the module worker; tfjs loads only inside it. */
export function startTrainerWorker(): TrainerWorker {
  const worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: 'unrolled-trainer' });
  let watcher: WorkerWatcher | undefined;
  let leave!: (error: Error) => void;
  const gone = new Promise<never>((_, reject) => (leave = reject));
  gone.catch(() => undefined);
  worker.addEventListener('message', (event) => {
    const signal = readSignal(event.data);
    if (signal?.unrolledSignal === 'beat') watcher?.beat();
    else if (signal) watcher?.trouble(signal.trouble);
  });
  // an error the worker's own report missed (its script failed to load, say): "Uncaught RuntimeError: …"
  worker.addEventListener('error', (event) => watcher?.trouble(troubleOf(event.message || 'the trainer failed to start')));
  worker.addEventListener('messageerror', () => watcher?.trouble({ kind: 'unreadable-message', detail: 'a message between the page and the trainer could not be read' }));
  const terminate = () => {
    worker.terminate();
    leave(new TrainerGoneError());
  };
  // e2e builds only: a production build drops this branch and the hooks with it (bundle.spec checks).
  if (import.meta.env.MODE === 'e2e') exposeFailureHooks(worker);
  return {
    api: rejectingWhenGone(wrap<TrainerApi>(worker), gone),
    terminate,
    watch: (next) => {
      watcher = next;
    },
  };
}

/**
 * e2e builds only (`vite build --mode e2e`; workerClient.ts imports this behind `import.meta.env.MODE === 'e2e'`,
 * so a production build leaves it out): `window.unrolledFailureHooks.failTrainer(command)` makes the trainer
 * workers fail on purpose (worker/failureHooks.ts obeys), for the specs of recovery from a failed worker.
 */
import { FAILURE_HOOK_KEY, type WorkerFailure } from '../shared/failureHooks';

/** 'throw', 'hang' and 'lose-gpu' happen in the worker; 'messageerror' is a message the page cannot read. */
export type FailureCommand = WorkerFailure | 'messageerror';

interface FailureHooks {
  failTrainer(command: FailureCommand): void;
}

declare global {
  interface Window {
    unrolledFailureHooks?: FailureHooks;
  }
}

// Every worker started; one that was ended ignores a message, and the page ignores what an ended one reports.
const started = new Set<Worker>();

/** Adds a started worker to those the hooks reach. */
export function exposeFailureHooks(worker: Worker): void {
  started.add(worker);
  window.unrolledFailureHooks ??= {
    failTrainer(command) {
      // a copy: a worker started in reply (the replacement) is not to get the command too
      for (const target of [...started]) {
        if (command === 'messageerror') target.dispatchEvent(new MessageEvent('messageerror'));
        else target.postMessage({ [FAILURE_HOOK_KEY]: command });
      }
    },
  };
}

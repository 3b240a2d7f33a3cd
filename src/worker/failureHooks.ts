/**
 * e2e builds only (`vite build --mode e2e`; trainer.worker.ts imports this behind `import.meta.env.MODE === 'e2e'`,
 * so a production build leaves it out): lets a spec make the trainer fail on purpose, through the page's
 * `unrolledFailureHooks` (state/failureHooks.ts). The spec checks that the page reports it and recovers.
 */
import { Trainer } from '../core/trainer';
import { FAILURE_HOOK_KEY, type WorkerFailure } from '../shared/failureHooks';
import { activeWebglContext } from './gpuContext';

/** Makes the next training step do `fail` instead (once). */
function failNextStep(fail: () => never): void {
  const trainStep = Trainer.prototype.trainStep;
  Trainer.prototype.trainStep = async function () {
    Trainer.prototype.trainStep = trainStep;
    return fail();
  };
}

/**
 * Obeys hook messages: 'throw' makes the next step throw what WASM throws when it reads past its memory;
 * 'hang' makes it loop forever (the worker stops answering); 'lose-gpu' loses the WebGL context through the
 * WEBGL_lose_context extension, as a GPU reset would.
 */
export function installFailureHooks(scope: Pick<EventTarget, 'addEventListener'>): void {
  scope.addEventListener('message', (event) => {
    const command = ((event as MessageEvent).data as Record<string, unknown> | undefined)?.[FAILURE_HOOK_KEY] as WorkerFailure | undefined;
    if (command === 'throw')
      failNextStep(() => {
        throw new WebAssembly.RuntimeError('memory access out of bounds');
      });
    else if (command === 'hang')
      failNextStep(() => {
        for (;;);
      });
    else if (command === 'lose-gpu') activeWebglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
  });
}

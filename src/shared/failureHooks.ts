/**
 * The failure hooks' message, shared by the page's half (state/failureHooks.ts) and the worker's
 * (worker/failureHooks.ts). e2e builds only: nothing a production build keeps imports this (bundle.spec checks).
 */

/** What a spec can make the trainer do: throw in a step, hang in one, lose its WebGL context. */
export type WorkerFailure = 'throw' | 'hang' | 'lose-gpu';

/** The key of a hook message, `{ unrolledFailureHook: 'throw' }`; bundle.spec looks for this name in dist/. */
export const FAILURE_HOOK_KEY = 'unrolledFailureHook';

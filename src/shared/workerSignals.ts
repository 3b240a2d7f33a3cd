/**
 * What the trainer worker tells the page outside its Comlink API: a heartbeat while it is alive, and trouble that
 * no command's answer can carry (an error that escaped the training loop, a lost WebGL context, a message it could
 * not read). They are plain messages without a Comlink id, which Comlink's own listener passes by.
 */

/** How often a live worker says so. */
export const HEARTBEAT_INTERVAL_MS = 1000;

/** What kind of trouble stopped the trainer. */
export type TroubleKind =
  /** An error the worker did not catch: a WASM RuntimeError, an out-of-memory, a tfjs kernel error. */
  | 'crashed'
  /** The WebGL context the trainer computed on is gone (the GPU was reset, or the browser took it back). */
  | 'gpu-lost'
  /** A message between page and worker could not be read (`messageerror`). */
  | 'unreadable-message'
  /** The worker stopped answering: no heartbeat for too long while it trained. */
  | 'silent';

/** Trouble with the worker, and what went wrong in a few words ("memory access out of bounds"). */
export interface WorkerTrouble {
  kind: TroubleKind;
  detail: string;
}

/** A message the worker shell sends of its own accord. */
export type WorkerSignal = { unrolledSignal: 'beat' } | { unrolledSignal: 'trouble'; trouble: WorkerTrouble };

/** The signal a message carries, or undefined for any other message (Comlink's answers). */
export function readSignal(data: unknown): WorkerSignal | undefined {
  if (typeof data !== 'object' || data === null || !('unrolledSignal' in data)) return undefined;
  const signal = data as WorkerSignal;
  if (signal.unrolledSignal === 'beat') return signal;
  if (signal.unrolledSignal === 'trouble' && typeof signal.trouble?.detail === 'string') return signal;
  return undefined;
}

/** Messages that say the WebGL context is gone (tfjs's own, the browser's). */
const CONTEXT_LOST = /context[ _-]?lost|CONTEXT_LOST_WEBGL|context is lost/i;
/** Messages of running out of memory: WASM's heap, an array buffer, tfjs's own checks. */
const OUT_OF_MEMORY = /out of memory|\bOOM\b|allocation failed|Maximum memory size|Cannot enlarge memory|could not allocate/i;

/** The longest detail shown; a stack trace or a shader log is cut there. */
const MAX_DETAIL = 140;

/**
 * What a failure was, for the learner: its message's first line without "Uncaught" or the error's class name
 * ("memory access out of bounds"), "out of memory" for any kind of it, and 'gpu-lost' when it says the WebGL
 * context is gone. Takes a thrown value or an ErrorEvent's message ("Uncaught RuntimeError: …").
 */
export function troubleOf(error: unknown): WorkerTrouble {
  const text = error instanceof Error ? error.message || error.name : typeof error === 'string' ? error : String(error);
  const firstLine = text.split('\n')[0].replace(/^Uncaught\s+/, '').replace(/^(\w*Error|Error):\s*/, '').trim();
  if (CONTEXT_LOST.test(text)) return { kind: 'gpu-lost', detail: 'the WebGL context was lost' };
  if (OUT_OF_MEMORY.test(text) || (error instanceof RangeError && /memory|buffer/i.test(text))) return { kind: 'crashed', detail: 'out of memory' };
  const detail = firstLine || 'an unknown error';
  return { kind: 'crashed', detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail };
}

/**
 * Whether an error leaves the worker unfit to go on, so that the page should replace it: a WebAssembly trap (its
 * memory may be corrupt), running out of memory, a lost WebGL context. A command's ordinary failure ("There is no
 * model to export yet") is not.
 */
export function isFatal(error: unknown): boolean {
  if (error instanceof Error && error.name === 'RuntimeError') return true;
  const text = error instanceof Error ? error.message : String(error);
  return CONTEXT_LOST.test(text) || OUT_OF_MEMORY.test(text) || /^Aborted\(/.test(text);
}

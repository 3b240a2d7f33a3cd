/**
 * The save a page writes as it is left (a reload, a closed tab, a hidden tab): synchronously into localStorage,
 * because a save to IndexedDB needs the worker and an asynchronous write, and neither finishes once the page is
 * going (measured: a reload at 5 steps/s kept step 5 of 16; at full speed, nothing). The state it writes is the
 * one the latest frames carried (worker/stateCadence.ts). The next start moves a pending save that is newer than
 * its run's IndexedDB save into IndexedDB, before it offers to resume. Float arrays are written as base64.
 */
import type { SerializedStepHistory } from './history';
import type { SavedRun, SavedRunSummary } from './savedRuns';

/** The part of localStorage a pending save uses (a Map-backed stand-in in Node tests). */
export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Keys of pending saves: one per run id, so tabs on different runs never overwrite each other's. */
const PENDING_PREFIX = 'unrolled-pending-run:';
/** Where a page notes the run it could not keep as it was left (too large for localStorage). */
const TOO_LARGE_KEY = 'unrolled-pending-too-large';
/**
 * The largest pending save written, in characters. Browsers allow about 5 M characters per origin; this leaves
 * room for the rest of the app and for a second tab's pending save. A larger run (weights and optimizer slots
 * over ~2.2 M floats, far beyond the presets) is not written: its next start resumes the last autosave.
 */
export const PENDING_LIMIT_CHARS = 3_000_000;

/** A run that was too large to keep as the page was left. */
export interface LostOnLeave {
  id: string;
  name: string;
  step: number;
}

/**
 * The browser's own base64 (Uint8Array.prototype.toBase64 and Uint8Array.fromBase64, Chromium 140+), where it has
 * them: measured in Chromium on character generation's 1.1 MB state, under 1 ms against 50–200 ms through btoa.
 */
const nativeBase64 = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array; prototype: { toBase64?: () => string } };

function toBase64(array: Float32Array | Float64Array): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  if (nativeBase64.prototype.toBase64) return nativeBase64.prototype.toBase64.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): ArrayBuffer {
  // a fresh buffer either way, so the float array over it starts at offset 0
  if (nativeBase64.fromBase64) return nativeBase64.fromBase64(text).buffer as ArrayBuffer;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** A run as text: JSON whose float arrays are {"$f32": base64} or {"$f64": base64}. */
export function encodeRun(run: SavedRun): string {
  return JSON.stringify(run, (_key, value: unknown) => {
    if (value instanceof Float32Array) return { $f32: toBase64(value) };
    if (value instanceof Float64Array) return { $f64: toBase64(value) };
    return value;
  });
}

/** The run encodeRun wrote. */
export function decodeRun(text: string): SavedRun {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object') {
      const { $f32, $f64 } = value as { $f32?: unknown; $f64?: unknown };
      if (typeof $f32 === 'string') return new Float32Array(fromBase64($f32));
      if (typeof $f64 === 'string') return new Float64Array(fromBase64($f64));
    }
    return value;
  }) as SavedRun;
}

/** The history as far as `step` (a frame's state may be a little older than the history the page holds). */
export function historyUpTo(history: SerializedStepHistory, step: number): SerializedStepHistory {
  let kept = history.steps.length;
  while (kept > 0 && history.steps[kept - 1] > step) kept--;
  return { ...history, steps: history.steps.slice(0, kept), values: history.values.map((v) => v.slice(0, kept)) };
}

/**
 * Writes `run` as its run's pending save, at once. Returns false, and notes the run for the next start, when it
 * is larger than `limitChars` or the browser refuses it (its quota is full).
 */
export function writePendingSave(storage: PendingStorage, run: SavedRun, limitChars = PENDING_LIMIT_CHARS): boolean {
  const key = PENDING_PREFIX + run.summary.id;
  const text = encodeRun(run);
  try {
    if (text.length > limitChars) throw new RangeError('too large');
    storage.setItem(key, text);
    return true;
  } catch {
    // an older pending save of the run is older than the IndexedDB save the next start falls back to anyway
    storage.removeItem(key);
    const lost: LostOnLeave = { id: run.summary.id, name: run.summary.name, step: run.summary.step };
    try {
      storage.setItem(TOO_LARGE_KEY, JSON.stringify(lost));
    } catch {
      // not even that fits: the next start just offers the last autosave
    }
    return false;
  }
}

/** Forgets the pending save of run `id` when an IndexedDB save at `savedAt` (or later) has replaced it. */
export function dropPendingSave(storage: PendingStorage, id: string, savedAt: number): void {
  const key = PENDING_PREFIX + id;
  const text = storage.getItem(key);
  if (text === null) return;
  try {
    if (decodeRun(text).summary.savedAt > savedAt) return;
  } catch {
    // unreadable: nothing to keep
  }
  storage.removeItem(key);
}

/** Where pending saves go: the saved runs (savedRuns.ts). */
interface RunStore {
  listRuns(): Promise<SavedRunSummary[]>;
  saveRun(run: SavedRun): Promise<void>;
}

/**
 * Moves every pending save newer than its run's IndexedDB save into IndexedDB, and removes them all from
 * localStorage (a newer one that another tab wrote meanwhile stays). Returns the runs moved, and the run a page
 * could not keep as it was left, if one was noted.
 */
export async function movePendingSaves(storage: PendingStorage, runs: RunStore): Promise<{ moved: SavedRunSummary[]; lost?: LostOnLeave }> {
  const keys = Array.from({ length: storage.length }, (_, k) => storage.key(k)).filter((key): key is string => !!key?.startsWith(PENDING_PREFIX));
  const savedAt = new Map((await runs.listRuns()).map((run) => [run.id, run.savedAt]));
  const moved: SavedRunSummary[] = [];
  for (const key of keys) {
    const text = storage.getItem(key);
    if (text === null) continue;
    let run: SavedRun | undefined;
    try {
      run = decodeRun(text);
    } catch {
      // a half-written or foreign value: nothing to resume from it
    }
    if (run && run.summary.savedAt > (savedAt.get(run.summary.id) ?? -Infinity)) {
      await runs.saveRun(run);
      moved.push(run.summary);
    }
    if (storage.getItem(key) === text) storage.removeItem(key);
  }
  const lostText = storage.getItem(TOO_LARGE_KEY);
  storage.removeItem(TOO_LARGE_KEY);
  let lost: LostOnLeave | undefined;
  try {
    lost = lostText ? (JSON.parse(lostText) as LostOnLeave) : undefined;
  } catch {
    lost = undefined;
  }
  return { moved, lost };
}

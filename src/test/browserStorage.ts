/**
 * The browser's storage for the store's Node tests: saved runs in memory (as IndexedDB keeps them), a
 * localStorage stand-in, and the Web Locks and BroadcastChannel that tabs of one browser share.
 */
import type { PendingStorage } from '../state/pendingSave';
import type { SavedRun } from '../state/savedRuns';
import type { Persistence } from '../state/savedRunsSlice';
import type { RunLocks, SavedRunsChannel } from '../state/sharedRuns';

/** Saved runs in memory, as IndexedDB keeps them in the page. */
export function memoryPersistence(runs = new Map<string, SavedRun>()): Persistence & { runs: Map<string, SavedRun> } {
  return {
    runs,
    saveRun: async (run) => void runs.set(run.summary.id, structuredClone(run)),
    listRuns: async () => [...runs.values()].map((r) => r.summary).sort((a, b) => b.savedAt - a.savedAt),
    loadRun: async (id) => structuredClone(runs.get(id)),
    renameRun: async (id, name) => {
      const run = runs.get(id);
      if (run) run.summary = { ...run.summary, name };
    },
    deleteRun: async (id) => void runs.delete(id),
  };
}

/** localStorage in memory; `quotaChars` makes setItem throw past that many characters in all, as a full one does. */
export function memoryStorage(quotaChars = Infinity): PendingStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const used = () => [...items].reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  return {
    items,
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      if (used() - (items.get(key)?.length ?? 0) + value.length > quotaChars) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
  };
}

/** One browser's shared storage; `tab()` is what one more tab's store gets as its persistence. */
export function oneBrowser() {
  const runs = new Map<string, SavedRun>();
  const storage = memoryStorage();
  const held = new Set<string>();
  const locks: RunLocks = {
    claim: async (id) => {
      if (held.has(id)) return undefined;
      held.add(id);
      return () => void held.delete(id);
    },
  };
  const listeners = new Set<() => void>();
  const tab = (): Persistence & { runs: Map<string, SavedRun> } => {
    let own: (() => void) | undefined;
    const changes: SavedRunsChannel = {
      announce: () => listeners.forEach((listener) => listener !== own && listener()),
      listen(onChange) {
        own = onChange;
        listeners.add(onChange);
        return () => listeners.delete(onChange);
      },
    };
    return { ...memoryPersistence(runs), pending: storage, locks, changes };
  };
  return { runs, storage, held, tab };
}

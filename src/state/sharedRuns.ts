/**
 * How the tabs of one browser share its saved runs. Each tab holds a lock on the run it continues (Web Locks, so
 * a closed or crashed tab lets go by itself): a tab that resumes a run another tab holds continues a copy under
 * its own id, so the two never overwrite each other's saves. And a tab that changed the list tells the others
 * (a BroadcastChannel), which list it again.
 */
import type { PendingStorage } from './pendingSave';

/** Locks on runs: `claim` resolves with a release when the run was free (now held), undefined when another tab holds it. */
export interface RunLocks {
  claim(id: string): Promise<(() => void) | undefined>;
}

/** The word between tabs that the saved runs changed. */
export interface SavedRunsChannel {
  announce(): void;
  /** Calls `onChange` when another tab announces; returns the way to stop. */
  listen(onChange: () => void): () => void;
}

/** Web Locks as RunLocks: the lock is held until released, or until the tab goes. */
export function webRunLocks(locks: LockManager): RunLocks {
  return {
    claim: (id) =>
      new Promise((resolve, reject) => {
        locks
          .request(`unrolled-run:${id}`, { ifAvailable: true }, (lock) => {
            if (!lock) return resolve(undefined);
            return new Promise<void>((release) => resolve(() => release()));
          })
          .catch(reject);
      }),
  };
}

/** A BroadcastChannel as the SavedRunsChannel. */
export function broadcastSavedRuns(channel: BroadcastChannel): SavedRunsChannel {
  return {
    announce: () => channel.postMessage('saved-runs-changed'),
    listen(onChange) {
      const listener = () => onChange();
      channel.addEventListener('message', listener);
      return () => channel.removeEventListener('message', listener);
    },
  };
}

/** What the page's saved runs use of the browser beyond IndexedDB, where the browser has it. */
export function browserRunSharing(): { pending?: PendingStorage; locks?: RunLocks; changes?: SavedRunsChannel } {
  let pending: PendingStorage | undefined;
  try {
    pending = window.localStorage;
  } catch {
    // storage blocked (a privacy setting): nothing is kept as the page is left; the autosave still runs
  }
  return {
    pending,
    locks: typeof navigator !== 'undefined' && navigator.locks ? webRunLocks(navigator.locks) : undefined,
    changes: typeof BroadcastChannel === 'function' ? broadcastSavedRuns(new BroadcastChannel('unrolled-saved-runs')) : undefined,
  };
}

/** The run a tab continues, held under its lock while it is the tab's current run. */
export class RunClaim {
  private heldId?: string;
  private release?: () => void;

  constructor(private readonly locks: RunLocks | undefined) {}

  /** Holds run `id` (letting go of the one held before); false when another tab holds it (nothing changes then). */
  async hold(id: string): Promise<boolean> {
    if (!this.locks || this.heldId === id) return true;
    const release = await this.locks.claim(id);
    if (!release) return false;
    this.letGo();
    this.heldId = id;
    this.release = release;
    return true;
  }

  /** Holds `id`, or nothing when the tab's run has no id (a new run, not saved yet). */
  async follow(id: string | undefined): Promise<void> {
    if (id === undefined) this.letGo();
    else await this.hold(id);
  }

  /** Lets go of the run held. */
  letGo(): void {
    this.release?.();
    this.heldId = undefined;
    this.release = undefined;
  }
}

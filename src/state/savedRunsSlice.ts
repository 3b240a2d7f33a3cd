/**
 * Runs saved in this browser: the list, the offer to resume the last one when the page opens, open, rename,
 * delete, and the autosave of a training run (a timer that runs only while the run trains), whose latest state
 * a replacement worker restores when the trainer fails (workerRecovery.ts).
 */
import { CELL_LABELS } from '../shared/config';
import type { AppSlice, StoreOptions } from './appState';
import { errorMessage } from './messages';
import { runFailed } from './runSlice';
import { newRunId, type SavedRun, type SavedRunSummary } from './savedRuns';
import type { TrainerSession } from './trainerSession';
import { TrainerGoneError } from './workerClient';
import { WorkerRecovery } from './workerRecovery';

/** Saving runs: the functions of savedRuns.ts. */
export interface Persistence {
  saveRun(run: SavedRun): Promise<void>;
  listRuns(): Promise<SavedRunSummary[]>;
  loadRun(id: string): Promise<SavedRun | undefined>;
  renameRun(id: string, name: string): Promise<void>;
  deleteRun(id: string): Promise<void>;
}

/** The saved-runs slice. */
export interface SavedRunsSlice {
  /** Runs saved in this browser, newest first. */
  savedRuns: SavedRunSummary[];
  /** The last saved run, offered for resuming when the page opens. */
  resumeOffer?: SavedRunSummary;
  /** Id under which the current run is saved (once it has been). */
  saveId?: string;
  /** When the current run was last saved (ms since the epoch). */
  savedAt?: number;
  /** Lists the saved runs and offers the newest one that trained to resume (when the page opens). */
  loadSavedRuns(): Promise<void>;
  /** Saves the current run (not a diverged one, nor one at step 0); one save at a time. */
  saveNow(): Promise<void>;
  /** Replaces the current run with a saved one, paused where it was saved. */
  openRun(id: string): Promise<void>;
  renameSavedRun(id: string, name: string): Promise<void>;
  deleteSavedRun(id: string): Promise<void>;
  dismissResume(): void;
}

/** How long a training run goes between autosaves when the page does not say. */
const DEFAULT_AUTOSAVE_MS = 5000;
/** How often a training run checks whether its autosave is due. */
const AUTOSAVE_CHECK_MS = 1000;

/** Creates the saved-runs slice; its autosave timer is stopped whenever the run stops training, and on dispose. */
export function createSavedRunsSlice(session: TrainerSession, options: StoreOptions): AppSlice<SavedRunsSlice> {
  return (set, get, store) => {
    const persistence = options.persistence;
    const autosaveMs = options.autosaveMs ?? DEFAULT_AUTOSAVE_MS;
    const refreshSaved = async () => {
      if (persistence) set({ savedRuns: await persistence.listRuns() });
    };
    let saving: Promise<void> | undefined;
    // a failed worker is replaced, and the run restored in the new one from the latest save
    new WorkerRecovery(session, store, options);

    let autosaveTimer: ReturnType<typeof setInterval> | undefined;
    const autosaveIfDue = () => {
      const { frame, savedAt } = get();
      if (frame && frame.step > 0 && (!savedAt || Date.now() - savedAt >= autosaveMs)) void get().saveNow();
    };
    const stopAutosave = () => {
      clearInterval(autosaveTimer);
      autosaveTimer = undefined;
    };
    if (persistence) {
      const unsubscribe = store.subscribe(({ status }) => {
        if (status === 'running') autosaveTimer ??= setInterval(autosaveIfDue, AUTOSAVE_CHECK_MS);
        else if (autosaveTimer !== undefined) stopAutosave();
      });
      session.onDispose(() => {
        unsubscribe();
        stopAutosave();
      });
    }

    return {
      savedRuns: [],

      async loadSavedRuns() {
        if (!persistence) return;
        await refreshSaved();
        const last = get().savedRuns[0];
        if (last && last.step > 0) set({ resumeOffer: last });
      },

      async saveNow() {
        // A save in flight holds an older state (an autosave a step or two before Pause): let it land, then
        // save this one, so the newest request is the one kept.
        while (saving) await saving;
        const api = session.api;
        if (!api || !persistence) return;
        const { status, runInfo, frame } = get();
        if (!runInfo || status === 'diverged' || status === 'error' || !frame || frame.step === 0) return;
        saving = (async () => {
          try {
            const state = await api.saveState();
            // kept in memory too, for a replacement worker to restore should this one fail (workerRecovery.ts)
            if (get().runInfo === runInfo) session.checkpoint = state;
            const { config, preset, stepHistory, saveId, savedRuns } = get();
            const id = saveId ?? newRunId();
            const name = savedRuns.find((r) => r.id === id)?.name ?? `${CELL_LABELS[config.cell]} · ${runInfo.taskTitle} · ${new Date().toLocaleString()}`;
            const summary = { id, name, savedAt: Date.now(), step: state.step, loss: get().frame?.loss, task: config.task, cell: config.cell };
            await persistence.saveRun({ summary, config, preset, state, history: stepHistory.serialize() });
            set({ saveId: id, savedAt: summary.savedAt });
            await refreshSaved();
          } catch (error) {
            // a worker that failed meanwhile is being replaced: its recovery speaks for it
            if (!(error instanceof TrainerGoneError)) set({ notice: `Could not save the run in this browser: ${errorMessage(error)}` });
          } finally {
            saving = undefined;
          }
        })();
        await saving;
      },

      async openRun(id) {
        const api = session.api;
        if (!api || !persistence) return;
        const run = await persistence.loadRun(id);
        if (!run) {
          set({ notice: 'That saved run is gone.', resumeOffer: undefined });
          await refreshSaved();
          return;
        }
        if (get().status === 'running') await get().pause();
        try {
          const runInfo = await api.loadState(run.config, run.state);
          session.beginNewRun(
            {
              config: run.config,
              preset: run.preset,
              runInfo,
              status: 'paused',
              resumeOffer: undefined,
              saveId: run.summary.id,
              savedAt: run.summary.savedAt,
              initialLoss: run.history.values[0]?.[0],
              notice: `Resumed “${run.summary.name}” at step ${run.state.step}.`,
            },
            () => get().stepHistory.load(run.history),
          );
          session.checkpoint = run.state;
          options.onConfigChange?.(run.config, run.preset);
          await api.refresh();
        } catch (error) {
          set(runFailed(error));
        }
      },

      async renameSavedRun(id, name) {
        if (!persistence || !name.trim()) return;
        await persistence.renameRun(id, name.trim());
        await refreshSaved();
      },

      async deleteSavedRun(id) {
        if (!persistence) return;
        await persistence.deleteRun(id);
        if (get().saveId === id) set({ saveId: undefined, savedAt: undefined });
        if (get().resumeOffer?.id === id) set({ resumeOffer: undefined });
        await refreshSaved();
      },

      dismissResume() {
        set({ resumeOffer: undefined });
      },
    };
  };
}

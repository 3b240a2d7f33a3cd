/**
 * Runs saved in this browser: the list, the offer to resume the last one when the page opens, open, rename,
 * delete, the autosave of a training run (a timer that runs only while the run trains), and the save as the page
 * is left (pendingSave.ts), so that a reload resumes at the step it showed. Tabs share the runs (sharedRuns.ts):
 * a run another tab continues is resumed as a copy, and the list follows the other tabs' saves.
 */
import { CELL_LABELS } from '../shared/config';
import type { AppSlice, StoreOptions } from './appState';
import { errorMessage } from './messages';
import { runFailed } from './runSlice';
import { dropPendingSave, historyUpTo, movePendingSaves, writePendingSave, type LostOnLeave, type PendingStorage } from './pendingSave';
import { newRunId, type SavedRun, type SavedRunSummary } from './savedRuns';
import { RunClaim, type RunLocks, type SavedRunsChannel } from './sharedRuns';
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
  /** Where the run is written at once as the page is left (localStorage in the page); none: only the autosave. */
  pending?: PendingStorage;
  /** Locks on the runs tabs continue (Web Locks in the page); none: a tab never sees another's. */
  locks?: RunLocks;
  /** The word between tabs that the list changed (a BroadcastChannel in the page). */
  changes?: SavedRunsChannel;
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
  /**
   * Keeps the current run at the step the page shows, synchronously, as the page is hidden or left: the latest
   * state the frames carried, with the history, as a pending save the next start moves into the saved runs.
   */
  saveOnLeave(): void;
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

/** The name of a copy of run `name` that no run in `runs` has: "… (copy)", then "… (copy 2)" and on. */
export function copyName(name: string, runs: Pick<SavedRunSummary, 'name'>[]): string {
  const taken = new Set(runs.map((run) => run.name));
  let copy = `${name} (copy)`;
  for (let k = 2; taken.has(copy); k++) copy = `${name} (copy ${k})`;
  return copy;
}

/** What the learner is told when the run was too large to keep as the page was left (pendingSave.ts). */
export function lostOnLeaveNotice(lost: LostOnLeave, autosaved: SavedRunSummary | undefined): string {
  const left = `“${lost.name}” was at step ${lost.step.toLocaleString('en-US')} when the page was left, too large to keep then`;
  return autosaved ? `${left}: its last autosave, at step ${autosaved.step.toLocaleString('en-US')}, is kept.` : `${left}, and it had not been saved before.`;
}

/** Creates the saved-runs slice; its autosave timer is stopped whenever the run stops training, and on dispose. */
export function createSavedRunsSlice(session: TrainerSession, options: StoreOptions): AppSlice<SavedRunsSlice> {
  return (set, get, store) => {
    const persistence = options.persistence;
    const autosaveMs = options.autosaveMs ?? DEFAULT_AUTOSAVE_MS;
    const refreshSaved = async () => {
      if (persistence) set({ savedRuns: await persistence.listRuns() });
    };
    let saving: Promise<void> | undefined;
    /** The step last kept in IndexedDB or as a pending save: leaving twice at one step writes once. */
    let keptStep: number | undefined;
    const runName = (id: string, taskTitle: string) =>
      get().savedRuns.find((r) => r.id === id)?.name ?? `${CELL_LABELS[get().config.cell]} · ${taskTitle} · ${new Date().toLocaleString()}`;
    const announce = () => persistence?.changes?.announce();
    // the lock on the run this tab continues follows its save id (a new run has none until it is saved)
    const claim = new RunClaim(persistence?.locks);
    const unfollow = store.subscribe((state, previous) => {
      if (state.saveId !== previous.saveId) {
        keptStep = undefined;
        void claim.follow(state.saveId);
      }
    });
    const stopListening = persistence?.changes?.listen(() => void refreshSaved());
    session.onDispose(() => {
      unfollow();
      stopListening?.();
      claim.letGo();
    });
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
        // what a page kept as it was left goes into the saved runs first, so the offer below is its step
        const { lost } = persistence.pending ? await movePendingSaves(persistence.pending, persistence) : {};
        await refreshSaved();
        if (lost) set({ notice: lostOnLeaveNotice(lost, get().savedRuns.find((run) => run.id === lost.id)) });
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
            // the state of the step the page shows, when the latest frame carried it; else the worker's now
            const shown = session.checkpoint;
            const state = shown && shown.step === frame.step ? shown : await api.saveState();
            // kept in memory too, for a replacement worker to restore should this one fail (workerRecovery.ts)
            if (get().runInfo === runInfo) session.checkpoint = state;
            const { config, preset, stepHistory, saveId } = get();
            const id = saveId ?? newRunId();
            const summary = { id, name: runName(id, runInfo.taskTitle), savedAt: Date.now(), step: state.step, loss: get().frame?.loss, task: config.task, cell: config.cell };
            await persistence.saveRun({ summary, config, preset, state, history: stepHistory.serialize() });
            set({ saveId: id, savedAt: summary.savedAt });
            keptStep = state.step;
            if (persistence.pending) dropPendingSave(persistence.pending, id, summary.savedAt);
            announce();
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

      saveOnLeave() {
        const pending = persistence?.pending;
        const state = session.checkpoint;
        const { status, runInfo, config, preset, stepHistory, saveId } = get();
        if (!pending || !state || !runInfo || state.step === 0 || state.step === keptStep || status === 'diverged' || status === 'error') return;
        const id = saveId ?? newRunId();
        const history = historyUpTo(stepHistory.serialize(), state.step);
        const loss = history.steps.length ? history.values[0][history.steps.length - 1] : undefined;
        const summary = { id, name: runName(id, runInfo.taskTitle), savedAt: Date.now(), step: state.step, loss, task: config.task, cell: config.cell };
        if (!writePendingSave(pending, { summary, config, preset, state, history })) return;
        // a tab that lives on (it was only hidden) goes on saving under this id
        if (saveId === undefined) set({ saveId: id });
        keptStep = state.step;
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
        // a run another tab continues goes on here as a copy, saved under its own id
        let summary = run.summary;
        let notice = `Resumed “${summary.name}” at step ${run.state.step}.`;
        if (!(await claim.hold(id))) {
          summary = { ...run.summary, id: newRunId(), name: copyName(run.summary.name, get().savedRuns), savedAt: Date.now() };
          await claim.hold(summary.id);
          await persistence.saveRun({ ...run, summary });
          announce();
          notice = `“${run.summary.name}” is open in another tab, which goes on saving it: this tab resumed it at step ${run.state.step} as a copy, “${summary.name}”.`;
        }
        try {
          const runInfo = await api.loadState(run.config, run.state);
          session.beginNewRun(
            {
              config: run.config,
              preset: run.preset,
              runInfo,
              status: 'paused',
              resumeOffer: undefined,
              saveId: summary.id,
              savedAt: summary.savedAt,
              initialLoss: run.history.values[0]?.[0],
              notice,
            },
            () => get().stepHistory.load(run.history),
          );
          session.checkpoint = run.state;
          keptStep = run.state.step;
          options.onConfigChange?.(run.config, run.preset);
          if (summary !== run.summary) await refreshSaved();
          await api.refresh();
        } catch (error) {
          set(runFailed(error));
        }
      },

      async renameSavedRun(id, name) {
        if (!persistence || !name.trim()) return;
        await persistence.renameRun(id, name.trim());
        announce();
        await refreshSaved();
      },

      async deleteSavedRun(id) {
        if (!persistence) return;
        await persistence.deleteRun(id);
        if (get().saveId === id) set({ saveId: undefined, savedAt: undefined });
        if (get().resumeOffer?.id === id) set({ resumeOffer: undefined });
        announce();
        await refreshSaved();
      },

      dismissResume() {
        set({ resumeOffer: undefined });
      },
    };
  };
}

/**
 * When the trainer worker fails — an error escaped it (a WASM RuntimeError, out of memory, a tfjs kernel error),
 * a message could not be read, it stopped answering while it trained, or its WebGL context was lost — the page
 * says what happened, starts a fresh worker and restores the run's last saved state in it (weights, optimizer
 * state, step, and the loss history up to that step), paused; after a lost GPU on WASM, training on. With
 * nothing saved yet it starts the same settings from step 0 and says so.
 */
import { estimateCost, secondsPerStep, taskSizes } from '../shared/cost';
import type { WorkerTrouble } from '../shared/workerSignals';
import type { AppStore, StoreOptions } from './appState';
import { errorMessage } from './messages';
import type { TrainerSession } from './trainerSession';

/** How often the heartbeat is checked while the run trains. */
export const HEARTBEAT_CHECK_MS = 1000;

/** What happened, in a sentence: "The trainer stopped (memory access out of bounds)." */
export function whatHappened(trouble: WorkerTrouble): string {
  switch (trouble.kind) {
    case 'gpu-lost':
      return 'The GPU context was lost.';
    case 'silent':
      return `The trainer stopped answering (${trouble.detail}).`;
    default:
      return `The trainer stopped (${trouble.detail}).`;
  }
}

/** What the page did about it and what was kept, once the fresh worker holds the run. */
export function recoveryNotice(trouble: WorkerTrouble, restoredStep: number | undefined, trainingOn: boolean): string {
  const step = restoredStep?.toLocaleString('en-US');
  const goOn = trainingOn ? '' : ' Press Train to go on.';
  if (trouble.kind === 'gpu-lost') {
    return step === undefined
      ? `The GPU context was lost before the run was saved; starting again on WASM from step 0 with the same settings.${goOn}`
      : `The GPU context was lost; continuing on WASM from step ${step}.${goOn}`;
  }
  const kept = step === undefined ? 'Nothing had been saved yet, so it starts again from step 0 with the same settings' : `Restarted it and restored step ${step} (weights, optimizer and loss history)`;
  return `${whatHappened(trouble)} ${kept}; press Train to go on.`;
}

/** Replaces the store's trainer worker when it fails, and watches its heartbeat while it trains. */
export class WorkerRecovery {
  private recovering = false;
  /** Trouble of the replacement worker while the run was being restored in it. */
  private failedAgain?: WorkerTrouble;

  constructor(
    private readonly session: TrainerSession,
    private readonly store: Pick<AppStore, 'getState' | 'setState' | 'subscribe'>,
    private readonly options: Pick<StoreOptions, 'backend'>,
  ) {
    session.onTrouble((trouble) => void this.recover(trouble));
    this.watchHeartbeat();
  }

  /** How long a step of the current run should take on its backend, by the cost estimate (shared/cost.ts). */
  private expectedStepMs(): number {
    const { config, backend, runInfo } = this.store.getState();
    return 1000 * secondsPerStep(estimateCost(config, taskSizes(config, runInfo?.usingUserData)), backend?.backend);
  }

  /**
   * While the run trains, checks once a second that the worker still beats; when it is overdue, it is reported
   * as trouble. A check that comes late means the page itself was stalled (a long render, a background tab) and
   * the beats may still wait in its queue: the count then starts over.
   */
  private watchHeartbeat(): void {
    const { session, store } = this;
    let timer: ReturnType<typeof setInterval> | undefined;
    let lastCheckMs = 0;
    let expectedStepMs = 0;
    const check = () => {
      const now = Date.now();
      if (now - lastCheckMs > 3 * HEARTBEAT_CHECK_MS) session.heartbeat.restart(now);
      lastCheckMs = now;
      if (!session.heartbeat.overdue(now, expectedStepMs)) return;
      session.reportTrouble({ kind: 'silent', detail: `no answer for ${Math.round(session.heartbeat.silentMs(now) / 1000)} s` });
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const unsubscribe = store.subscribe(({ status }) => {
      if (status === 'running' && timer === undefined && session.beats) {
        lastCheckMs = Date.now();
        expectedStepMs = this.expectedStepMs();
        timer = setInterval(check, HEARTBEAT_CHECK_MS);
      } else if (status !== 'running' && timer !== undefined) stop();
    });
    session.onDispose(() => {
      unsubscribe();
      stop();
    });
  }

  /** Says what happened, starts a fresh worker and restores the run in it; a second failure meanwhile gives up. */
  async recover(trouble: WorkerTrouble): Promise<void> {
    // the replacement failed too: it was ended, so the calls below reject and the catch says so
    if (this.recovering) {
      this.failedAgain = trouble;
      return;
    }
    this.recovering = true;
    this.failedAgain = undefined;
    const { session } = this;
    const { getState, setState } = this.store;
    const { status, backend: previous, runInfo, initialLoss } = getState();
    const saved = session.checkpoint;
    const gpuLost = trouble.kind === 'gpu-lost';
    setState({ status: 'building', notice: `${whatHappened(trouble)} Restarting the trainer…`, error: undefined, divergence: undefined });
    try {
      const api = session.replaceWorker();
      const backend = await session.prepare(api, gpuLost ? 'wasm' : (previous?.backend ?? this.options.backend ?? 'auto'));
      setState({ backend: gpuLost ? { ...backend, note: 'The GPU context was lost: training continues on WASM until the page is reloaded.' } : backend.backend === previous?.backend ? previous : backend });
      if (saved) {
        const restored = await api.loadState(getState().config, saved);
        // the loss history as far as the restored step (the page's own, which has every step the worker sent)
        const history = getState().stepHistory.serialize();
        session.release();
        session.beginNewRun({ runInfo: restored, status: 'paused', initialLoss }, () => {
          getState().stepHistory.load(history);
          getState().stepHistory.truncate(saved.step);
        });
        session.checkpoint = saved;
        await api.refresh();
      } else {
        session.release();
        await session.rebuild(getState().config);
        if (!runInfo) await getState().loadSavedRuns();
      }
      const trainOn = gpuLost && status === 'running';
      if (trainOn) await getState().train();
      setState({ notice: recoveryNotice(trouble, saved?.step, trainOn), error: undefined });
    } catch (error) {
      session.release();
      // set by a second recover() while this one awaited (TypeScript cannot see that through the awaits)
      const again = this.failedAgain as WorkerTrouble | undefined;
      const kept = saved ? ` Your run was saved at step ${saved.step.toLocaleString('en-US')}: reload the page to resume it.` : ' Reload the page to start again.';
      setState({ status: 'error', error: `${whatHappened(trouble)} Restarting it failed too (${again?.detail ?? errorMessage(error)}).${kept}`, notice: undefined });
    } finally {
      this.recovering = false;
    }
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../shared/config';
import type { TrainerState } from '../shared/protocol';
import type { WorkerTrouble } from '../shared/workerSignals';
import { createFakeTrainer, fakeFrame, type FakeTrainer } from '../test/fakeTrainer';
import type { Persistence } from './savedRunsSlice';
import type { SavedRun } from './savedRuns';
import { createAppStore } from './store';
import { rejectingWhenGone, TrainerGoneError, type TrainerWorker, type WorkerWatcher } from './workerClient';
import { recoveryNotice } from './workerRecovery';

/** A fake worker that also beats and reports trouble, as the real one's shell does. */
interface WatchedFake {
  trainer: FakeTrainer;
  worker: TrainerWorker;
  trouble(trouble: WorkerTrouble): void;
  beat(): void;
}

function watchedFake(): WatchedFake {
  const trainer = createFakeTrainer();
  let watcher: WorkerWatcher | undefined;
  let leave!: (error: Error) => void;
  const gone = new Promise<never>((_, reject) => (leave = reject));
  gone.catch(() => undefined);
  const worker: TrainerWorker = {
    // as the real worker's: calls waiting when it is ended reject
    api: rejectingWhenGone(trainer.worker.api, gone),
    terminate: () => {
      trainer.worker.terminate();
      leave(new TrainerGoneError());
    },
    watch: (next) => void (watcher = next),
  };
  return {
    trainer,
    worker,
    trouble: (trouble) => watcher?.trouble(trouble),
    beat: () => watcher?.beat(),
  };
}

function memoryPersistence(): Persistence {
  const runs = new Map<string, SavedRun>();
  return {
    saveRun: async (run) => void runs.set(run.summary.id, structuredClone(run)),
    listRuns: async () => [...runs.values()].map((r) => r.summary),
    loadRun: async (id) => runs.get(id),
    renameRun: async () => undefined,
    deleteRun: async (id) => void runs.delete(id),
  };
}

/** A store whose every connect starts the next fake worker; `workers[0]` is the first. */
async function startWatched(options: { persistence?: Persistence } = {}) {
  const workers: WatchedFake[] = [];
  const store = createAppStore(
    () => {
      const fake = watchedFake();
      workers.push(fake);
      return fake.worker;
    },
    { config: defaultConfig(), persistence: options.persistence ?? memoryPersistence() },
  );
  await store.getState().start();
  return { store, workers };
}

const CRASH: WorkerTrouble = { kind: 'crashed', detail: 'memory access out of bounds' };

describe('worker recovery', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a crash while training: the worker is ended, a fresh one restores the last save (step, history), paused, and says so', async () => {
    const { store, workers } = await startWatched();
    await store.getState().train();
    void workers[0].trainer.send(fakeFrame(1, 1200, {}, 1200));
    await store.getState().saveNow();
    void workers[0].trainer.send(fakeFrame(1, 1250, { firstStep: 1201 }, 50));
    let loaded: TrainerState | undefined;
    workers[0].trouble(CRASH);
    expect(workers[0].trainer.terminated).toBe(true);
    expect(store.getState().notice).toMatch(/^The trainer stopped \(memory access out of bounds\)\. Restarting/);
    expect(workers).toHaveLength(2);
    const loadState = workers[1].trainer.api.loadState;
    workers[1].trainer.api.loadState = async (config, state) => {
      loaded = state;
      return loadState(config, state);
    };
    await vi.advanceTimersByTimeAsync(50);

    const state = store.getState();
    expect(loaded?.step).toBe(1200);
    expect(workers[1].trainer.calls).toEqual(expect.arrayContaining(['subscribe', 'setSpeed', 'init', 'loadState', 'refresh']));
    expect(state.status).toBe('paused');
    expect(state.notice).toBe('The trainer stopped (memory access out of bounds). Restarted it and restored step 1,200 (weights, optimizer and loss history); press Train to go on.');
    expect(state.stepHistory.steps[state.stepHistory.length - 1]).toBe(1200);
    expect(state.runInfo?.runId).toBe(1);
    // Train goes on in the new worker
    await store.getState().train();
    expect(workers[1].trainer.calls.at(-1)).toBe('run');
  });

  it('nothing saved yet: starts again from step 0 with the same settings, and says so', async () => {
    const { store, workers } = await startWatched();
    const config = store.getState().config;
    await store.getState().train();
    workers[0].trouble({ kind: 'unreadable-message', detail: 'a message between the page and the trainer could not be read' });
    await vi.advanceTimersByTimeAsync(50);
    expect(workers[1].trainer.calls).toContain('configure');
    expect(workers[1].trainer.calls).not.toContain('loadState');
    expect(store.getState().config).toEqual(config);
    expect(store.getState().status).toBe('idle');
    expect(store.getState().notice).toMatch(/Nothing had been saved yet, so it starts again from step 0 with the same settings; press Train to go on\.$/);
  });

  it('a worker that stops beating while training is reported as silent and replaced; one that beats is left alone', async () => {
    const { store, workers } = await startWatched();
    await store.getState().train();
    for (let k = 0; k < 20; k++) {
      workers[0].beat();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(workers).toHaveLength(1);
    // now silent
    await vi.advanceTimersByTimeAsync(11_000);
    expect(workers[0].trainer.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(store.getState().notice).toMatch(/^The trainer stopped answering \(no answer for 1\d s\)\./);
  });

  it('a lost GPU: continues on WASM from the checkpoint, training on when it was training', async () => {
    const { store, workers } = await startWatched();
    await store.getState().train();
    void workers[0].trainer.send(fakeFrame(1, 40, {}, 40));
    await store.getState().saveNow();
    workers[0].trouble({ kind: 'gpu-lost', detail: 'the WebGL context was lost' });
    let asked: string | undefined;
    workers[1].trainer.api.init = async (preferred) => {
      asked = preferred;
      return { backend: 'wasm', label: 'WASM', note: '' };
    };
    await vi.advanceTimersByTimeAsync(50);
    expect(asked).toBe('wasm');
    expect(store.getState().status).toBe('running');
    expect(store.getState().notice).toBe('The GPU context was lost; continuing on WASM from step 40.');
    expect(store.getState().backend?.note).toMatch(/GPU context was lost/);
  });

  it('trouble from a worker already replaced is ignored; a replacement that fails too gives up with an error', async () => {
    const { store, workers } = await startWatched();
    workers[0].trouble(CRASH);
    // the replacement's init never answers; it then fails
    workers[1].trainer.api.init = () => new Promise(() => undefined);
    workers[0].trouble(CRASH);
    expect(workers).toHaveLength(2);
    workers[1].trouble({ kind: 'crashed', detail: 'out of memory' });
    await vi.advanceTimersByTimeAsync(50);
    expect(workers).toHaveLength(2);
    expect(store.getState().status).toBe('error');
    expect(store.getState().error).toBe('The trainer stopped (memory access out of bounds). Restarting it failed too (out of memory). Reload the page to start again.');
  });

  it('words what happened and what was kept', () => {
    expect(recoveryNotice({ kind: 'silent', detail: 'no answer for 10 s' }, 1200, false)).toBe(
      'The trainer stopped answering (no answer for 10 s). Restarted it and restored step 1,200 (weights, optimizer and loss history); press Train to go on.',
    );
    expect(recoveryNotice({ kind: 'gpu-lost', detail: '' }, 1200, false)).toBe('The GPU context was lost; continuing on WASM from step 1,200. Press Train to go on.');
    expect(recoveryNotice({ kind: 'gpu-lost', detail: '' }, undefined, true)).toBe(
      'The GPU context was lost before the run was saved; starting again on WASM from step 0 with the same settings.',
    );
  });
});

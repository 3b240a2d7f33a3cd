import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import type { TrainerState } from '../shared/protocol';
import { memoryPersistence, memoryStorage } from '../test/browserStorage';
import { fakeFrame, startWithFakeTrainer } from '../test/fakeTrainer';
import { decodeRun, encodeRun, historyUpTo, movePendingSaves, writePendingSave } from './pendingSave';
import type { SavedRun } from './savedRuns';
import { lostOnLeaveNotice } from './savedRunsSlice';

/** A state at `step` whose one weight says which step it is. */
function stateAt(step: number): TrainerState {
  return { step, weights: { 'rnn.weight_ih_l0': new Float32Array([step, 0.5]) }, optimizer: [{ name: 'm', shape: [2], data: new Float32Array([step / 2, -1]) }], batchRngState: step, dropoutRngState: 7 };
}

/** A run saved at `step` at time `savedAt`. */
function runAt(step: number, savedAt: number, id = 'run-a'): SavedRun {
  const steps = Float64Array.from({ length: step }, (_, k) => k + 1);
  return {
    summary: { id, name: 'LSTM · Sine wave', savedAt, step, task: 'sine', cell: 'lstm' },
    config: defaultConfig(),
    state: stateAt(step),
    history: { steps, values: [Float32Array.from(steps, (s) => 1 / s)], stride: 1, origin: 1 },
  };
}

/** The store's side of leaving the page, as main.tsx wires it: kept at once, and a save that never finishes. */
function leavePage(store: Awaited<ReturnType<typeof startWithFakeTrainer>>['store']) {
  store.getState().saveOnLeave();
  void store.getState().saveNow();
}

describe('pending save', () => {
  it('writes float arrays as base64 and reads them back exactly', () => {
    const run = runAt(3, 1000);
    const text = encodeRun(run);
    expect(text).toContain('"$f32"');
    expect(decodeRun(text)).toEqual(run);
    expect(decodeRun(text).history.steps).toBeInstanceOf(Float64Array);
  });

  it('keeps the history only as far as the state it goes with', () => {
    const { history } = runAt(5, 0);
    expect(Array.from(historyUpTo(history, 3).steps)).toEqual([1, 2, 3]);
    expect(historyUpTo(history, 3).values[0]).toHaveLength(3);
  });

  it('a reload mid-training resumes at the step the page showed, though the worker never answered', async () => {
    const browser = memoryStorage();
    const persistence = { ...memoryPersistence(), pending: browser };
    const first = await startWithFakeTrainer({ persistence, autosaveMs: 60_000 });
    await first.store.getState().train();
    await first.trainer.send(fakeFrame(1, 5, { trainerState: stateAt(5) }, 5));
    // kept beside the store (trainerSession.checkpoint), not in it: no view draws it
    expect(first.store.getState().frame).not.toHaveProperty('trainerState');
    // steps after the state the frames carried: the history goes on, the state stays at step 5
    await first.trainer.send(fakeFrame(1, 6, {}, 1));
    // the page is going: its worker dies with it, so no save through it finishes
    first.trainer.api.saveState = () => new Promise(() => undefined);
    leavePage(first.store);
    first.store.getState().dispose();
    expect(persistence.runs.size).toBe(0);

    const { store, trainer } = await startWithFakeTrainer({ persistence });
    expect(store.getState().resumeOffer).toMatchObject({ step: 5, loss: Math.fround(1 / 5) });
    // moved into the saved runs, gone from localStorage
    expect(browser.items.size).toBe(0);
    await store.getState().openRun(store.getState().resumeOffer!.id);
    const calls = trainer.calls.filter((call) => call === 'loadState');
    expect(calls).toHaveLength(1);
    expect(store.getState().notice).toContain('at step 5.');
    expect(store.getState().stepHistory.points(0).map(([step]) => step)).toEqual([1, 2, 3, 4, 5]);
    expect([...persistence.runs.values()][0].state.weights['rnn.weight_ih_l0']).toEqual(new Float32Array([5, 0.5]));
  });

  it('a pending save older than the saved run is dropped; a newer one replaces it', async () => {
    const storage = memoryStorage();
    const persistence = memoryPersistence();
    await persistence.saveRun(runAt(10, 2000));
    writePendingSave(storage, runAt(8, 1000));
    expect(await movePendingSaves(storage, persistence)).toEqual({ moved: [], lost: undefined });
    expect(storage.items.size).toBe(0);
    expect(persistence.runs.get('run-a')!.summary.step).toBe(10);

    writePendingSave(storage, runAt(12, 3000));
    writePendingSave(storage, runAt(4, 3000, 'run-b'));
    const { moved } = await movePendingSaves(storage, persistence);
    expect(moved.map((run) => [run.id, run.step])).toEqual([['run-a', 12], ['run-b', 4]]);
    expect(persistence.runs.get('run-a')!.state.step).toBe(12);
  });

  it('a run too large to keep as the page is left resumes from its last autosave, and says so', async () => {
    const storage = memoryStorage(2000);
    const persistence = { ...memoryPersistence(), pending: storage };
    await persistence.saveRun(runAt(10, 1000));
    expect(writePendingSave(storage, runAt(400, 5000))).toBe(false);
    const { store } = await startWithFakeTrainer({ persistence });
    expect(store.getState().resumeOffer?.step).toBe(10);
    expect(store.getState().notice).toBe('“LSTM · Sine wave” was at step 400 when the page was left, too large to keep then: its last autosave, at step 10, is kept.');
    expect(storage.items.size).toBe(0);
    expect(lostOnLeaveNotice({ id: 'run-b', name: 'GRU · Sine wave', step: 1200 }, undefined)).toBe(
      '“GRU · Sine wave” was at step 1,200 when the page was left, too large to keep then, and it had not been saved before.',
    );
  });

  it('a tab hidden twice at one step writes once; one that lives on saves under the same id', async () => {
    const storage = memoryStorage();
    const persistence = { ...memoryPersistence(), pending: storage };
    const { store, trainer } = await startWithFakeTrainer({ persistence, autosaveMs: 60_000 });
    await store.getState().train();
    await trainer.send(fakeFrame(1, 3, { trainerState: stateAt(3) }, 3));
    store.getState().saveOnLeave();
    const id = store.getState().saveId!;
    expect(storage.getItem(`unrolled-pending-run:${id}`)).not.toBeNull();
    storage.removeItem(`unrolled-pending-run:${id}`);
    store.getState().saveOnLeave();
    expect(storage.length).toBe(0);
    // the save to IndexedDB (the tab lived on) replaces the pending one, under the same id
    await trainer.send(fakeFrame(1, 4, { trainerState: stateAt(4) }));
    store.getState().saveOnLeave();
    expect(storage.length).toBe(1);
    await store.getState().saveNow();
    expect(storage.length).toBe(0);
    expect([...persistence.runs.keys()]).toEqual([id]);
    store.getState().dispose();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFrame, startWithFakeTrainer } from '../test/fakeTrainer';
import { memoryPersistence } from '../test/browserStorage';

describe('saved runs slice', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('autosaves only while the run trains: the timer starts with Train and is cleared on Pause', async () => {
    const persistence = memoryPersistence();
    const { store } = await startWithFakeTrainer({ persistence, autosaveMs: 3000 });
    expect(vi.getTimerCount()).toBe(0);

    await store.getState().train();
    expect(vi.getTimerCount()).toBe(1);
    store.getState().receiveFrame(fakeFrame(1, 10));
    await vi.advanceTimersByTimeAsync(1000);
    expect(persistence.runs.size).toBe(1);
    const firstSave = store.getState().savedAt;
    // the next save waits for autosaveMs
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.getState().savedAt).toBe(firstSave);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().savedAt).toBeGreaterThan(firstSave!);

    await store.getState().pause();
    expect(store.getState().status).toBe('paused');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a save asked for while another is in flight is not dropped: the newer state is the one kept', async () => {
    const persistence = memoryPersistence();
    const { store, trainer } = await startWithFakeTrainer({ persistence });
    await store.getState().train();
    void trainer.send(fakeFrame(1, 148));
    // the first save waits on the worker, as an autosave does while training goes on
    const saveState = trainer.api.saveState;
    let release: () => void = () => undefined;
    trainer.api.saveState = () => {
      const atStep148 = saveState();
      return new Promise((resolve) => (release = () => resolve(atStep148)));
    };
    const autosave = store.getState().saveNow();
    trainer.api.saveState = saveState;
    void trainer.send(fakeFrame(1, 151));
    const onPause = store.getState().saveNow();
    release();
    await Promise.all([autosave, onPause]);
    expect([...persistence.runs.values()].map((run) => run.summary.step)).toEqual([151]);
  });

  it('clears the autosave timer when the run stops by itself and when the store is disposed', async () => {
    const { store, trainer } = await startWithFakeTrainer({ persistence: memoryPersistence() });
    await store.getState().train();
    store.getState().receiveFrame(fakeFrame(1, 4, { state: 'diverged' }));
    expect(store.getState().status).toBe('diverged');
    expect(vi.getTimerCount()).toBe(0);

    await store.getState().reset();
    await store.getState().train();
    expect(vi.getTimerCount()).toBe(1);
    store.getState().dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(trainer.terminated).toBe(true);
    // a disposed store no longer starts a timer
    store.setState({ status: 'running' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts no autosave timer without a place to save', async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().train();
    expect(store.getState().status).toBe('running');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('offers the last saved run when the page opens, and resumes it with its loss history', async () => {
    const persistence = memoryPersistence();
    const first = await startWithFakeTrainer({ persistence });
    await first.store.getState().train();
    // through the worker's frame callback, so the fake trainer knows its step (its wait for a paint is not awaited)
    void first.trainer.send(fakeFrame(1, 3, {}, 3));
    await first.store.getState().pause();
    first.store.getState().dispose();
    const [saved] = [...persistence.runs.values()];
    expect(saved.summary).toMatchObject({ step: 3, task: 'sine', cell: 'lstm' });

    const changes: string[] = [];
    const { store, trainer } = await startWithFakeTrainer({ persistence, onConfigChange: (config) => changes.push(config.cell) });
    const offer = store.getState().resumeOffer;
    expect(offer?.id).toBe(saved.summary.id);
    await store.getState().openRun(offer!.id);
    const s = store.getState();
    expect(trainer.calls).toContain('loadState');
    expect(s.resumeOffer).toBeUndefined();
    expect(s.status).toBe('paused');
    expect(s.saveId).toBe(saved.summary.id);
    expect(s.notice).toBe(`Resumed “${saved.summary.name}” at step 3.`);
    expect(s.stepHistory.points(0).map(([step]) => step)).toEqual([1, 2, 3]);
    expect(s.initialLoss).toBe(1);
    expect(changes).toEqual(['lstm']);
  });

  it('says so when a saved run is gone, and renames and deletes runs', async () => {
    const persistence = memoryPersistence();
    const { store } = await startWithFakeTrainer({ persistence });
    await store.getState().openRun('run-gone');
    expect(store.getState().notice).toBe('That saved run is gone.');

    store.getState().receiveFrame(fakeFrame(1, 2));
    await store.getState().saveNow();
    const id = store.getState().saveId!;
    await store.getState().renameSavedRun(id, '  my run ');
    expect(store.getState().savedRuns.map((r) => r.name)).toEqual(['my run']);
    await store.getState().deleteSavedRun(id);
    expect(store.getState().savedRuns).toEqual([]);
    expect(store.getState().saveId).toBeUndefined();
  });

  it('tells the learner when the browser refuses a save', async () => {
    const persistence = memoryPersistence();
    persistence.saveRun = async () => {
      throw new Error('QuotaExceededError');
    };
    const { store } = await startWithFakeTrainer({ persistence });
    store.getState().receiveFrame(fakeFrame(1, 2));
    await store.getState().saveNow();
    expect(store.getState().notice).toBe('Could not save the run in this browser: QuotaExceededError');
  });
});

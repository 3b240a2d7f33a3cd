import { describe, expect, it } from 'vitest';
import type { TrainerState } from '../shared/protocol';
import { oneBrowser } from '../test/browserStorage';
import { fakeFrame, startWithFakeTrainer } from '../test/fakeTrainer';
import { copyName } from './savedRunsSlice';

/** A state at `step` whose weight says which step it is. */
function stateAt(step: number): TrainerState {
  return { step, weights: { w: new Float32Array([step]) }, optimizer: [], batchRngState: step, dropoutRngState: 0 };
}

/** Lets the stores' fire-and-forget work (a lock followed, a list refreshed) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('two tabs on one saved run', () => {
  it('names a copy after its run, and a second copy apart from the first', () => {
    expect(copyName('my run', [{ name: 'my run' }])).toBe('my run (copy)');
    expect(copyName('my run', [{ name: 'my run' }, { name: 'my run (copy)' }, { name: 'my run (copy 2)' }])).toBe('my run (copy 3)');
  });

  it('the second tab continues a copy under its own id; each saves its own; both lists show both', async () => {
    const browser = oneBrowser();
    const first = await startWithFakeTrainer({ persistence: browser.tab(), autosaveMs: 60_000 });
    await first.store.getState().train();
    await first.trainer.send(fakeFrame(1, 4, {}, 4));
    await first.store.getState().pause();
    const id = first.store.getState().saveId!;
    first.store.getState().dispose();
    expect(browser.held.size).toBe(0);

    // two tabs open on it, as after a restored session
    const a = await startWithFakeTrainer({ persistence: browser.tab(), autosaveMs: 60_000 });
    const b = await startWithFakeTrainer({ persistence: browser.tab(), autosaveMs: 60_000 });
    expect(a.store.getState().resumeOffer?.id).toBe(id);
    expect(b.store.getState().resumeOffer?.id).toBe(id);
    await a.store.getState().openRun(id);
    expect(a.store.getState().saveId).toBe(id);
    await b.store.getState().openRun(id);
    const copyId = b.store.getState().saveId!;
    expect(copyId).not.toBe(id);
    expect(b.store.getState().notice).toMatch(/is open in another tab, which goes on saving it: this tab resumed it at step 4 as a copy, “.* \(copy\)”\.$/);
    await settle();
    expect(browser.held).toEqual(new Set([id, copyId]));

    // both train on, to different steps, and save
    await a.trainer.send(fakeFrame(a.store.getState().runInfo!.runId, 9, { trainerState: stateAt(9) }, 5));
    await a.store.getState().saveNow();
    await b.trainer.send(fakeFrame(b.store.getState().runInfo!.runId, 6, { trainerState: stateAt(6) }, 2));
    await b.store.getState().saveNow();
    await settle();
    expect(browser.runs.get(id)!.state.step).toBe(9);
    expect(browser.runs.get(copyId)!.state.step).toBe(6);
    expect(browser.runs.get(copyId)!.summary.name).toMatch(/ \(copy\)$/);
    for (const tab of [a, b]) {
      expect(tab.store.getState().savedRuns.map((run) => [run.id, run.step])).toEqual([
        [copyId, 6],
        [id, 9],
      ]);
    }
    a.store.getState().dispose();
    b.store.getState().dispose();
  });

  it('a tab lets go of a run when it moves to another, and a closed tab when it goes', async () => {
    const browser = oneBrowser();
    const a = await startWithFakeTrainer({ persistence: browser.tab(), autosaveMs: 60_000 });
    a.store.getState().receiveFrame(fakeFrame(1, 2));
    await a.store.getState().saveNow();
    const id = a.store.getState().saveId!;
    await settle();
    expect(browser.held).toEqual(new Set([id]));
    // a new run is not that run any more
    await a.store.getState().reset();
    await settle();
    expect(browser.held.size).toBe(0);

    const b = await startWithFakeTrainer({ persistence: browser.tab() });
    await b.store.getState().openRun(id);
    expect(b.store.getState().saveId).toBe(id);
    b.store.getState().dispose();
    await a.store.getState().openRun(id);
    expect(a.store.getState().saveId).toBe(id);
    a.store.getState().dispose();
  });
});

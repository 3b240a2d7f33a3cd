import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { memoryPersistence } from '../test/browserStorage';
import { fakeFrame, fakeRunInfo, startWithFakeTrainer } from '../test/fakeTrainer';
import type { SavedRun } from './savedRuns';
import { encodeModelLink } from './modelLink';

/** The fragment of a link that carries `bytes`. */
function fragmentOf(bytes: Uint8Array): string {
  const link = encodeModelLink(bytes);
  if (!('fragment' in link)) throw new Error('expected a fragment');
  return link.fragment;
}

/** A saved run at step 300, which the page would offer to resume. */
function autosaved(): SavedRun {
  return {
    summary: { id: 'old', name: 'An older run', savedAt: 1, step: 300, task: 'sine', cell: 'lstm' },
    config: defaultConfig(),
    state: { step: 300, weights: {}, optimizer: [], batchRngState: 1, dropoutRngState: 2 },
    history: { steps: [], values: [] },
  } as unknown as SavedRun;
}

describe('model-link slice', () => {
  it('makes a link of the exported model at the step shown, or says it is too large for one', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    store.getState().receiveFrame(fakeFrame(1, 42));
    const made = await store.getState().makeModelLink();
    expect(made).toMatchObject({ fragment: expect.stringMatching(/^#model=1\./), step: 42 });
    // while training, the worker's export may be a few steps past the frame shown: its file name says which
    const exportModel = trainer.api.exportModel;
    trainer.api.exportModel = async (format, config) => ({ ...(await exportModel(format, config)), fileName: 'unrolled-sine-lstm-step45.safetensors' });
    expect(await store.getState().makeModelLink()).toMatchObject({ step: 45 });
    trainer.api.exportModel = async () => ({ fileName: 'big.safetensors', mime: 'application/octet-stream', bytes: crypto.getRandomValues(new Uint8Array(65536)).map((b, i) => b ^ i) });
    expect(await store.getState().makeModelLink()).toMatchObject({ tooLarge: true, step: 42 });
    trainer.api.exportModel = async () => {
      throw new Error('the worker is busy');
    };
    expect(await store.getState().makeModelLink()).toEqual({ error: 'The link could not be made: the worker is busy' });
  });

  it("opens the link's model through the import, at its step, over the offer to resume an autosave, and saves it", async () => {
    const persistence = memoryPersistence(new Map([['old', autosaved()]]));
    const changes: string[] = [];
    const { store, trainer } = await startWithFakeTrainer({ persistence, onConfigChange: (config) => changes.push(config.cell) });
    expect(store.getState().resumeOffer?.id).toBe('old');
    const model = new TextEncoder().encode('the bytes of a .safetensors export');
    let imported: Uint8Array | undefined;
    trainer.api.importModel = async (bytes) => {
      imported = bytes;
      return { config: { ...defaultConfig(), cell: 'gru' }, runInfo: { ...fakeRunInfo(2), startStep: 120 }, notes: [] };
    };
    trainer.api.refresh = async () => void (await trainer.send(fakeFrame(2, 120, { state: 'paused' })));

    expect(await store.getState().openModelLink(fragmentOf(model))).toBe(true);
    expect(Array.from(imported ?? [])).toEqual(Array.from(model));
    const state = store.getState();
    expect(state).toMatchObject({ status: 'paused', config: { cell: 'gru' }, runInfo: { runId: 2 }, resumeOffer: undefined, linkNotices: [] });
    expect(state.notice).toBe('Opened the model from the link, trained to step 120: try it, or train on.');
    expect(changes).toEqual(['gru']);
    // kept under a new id: the autosave it won over is still there, untouched
    const saved = [...persistence.runs.values()];
    expect(saved.map((run) => [run.summary.id === 'old', run.summary.step])).toEqual([[true, 300], [false, 120]]);
    expect(state.saveId).not.toBe('old');
  });

  it('says when the model from the link is untrained', async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().openModelLink(fragmentOf(new TextEncoder().encode('an untrained model')));
    expect(store.getState().notice).toBe('Opened the model from the link, untrained (step 0): train it, or try it as it is.');
  });

  it('refuses a link cut short with a link notice, before the worker sees it: the fresh run stays', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    const fragment = fragmentOf(new TextEncoder().encode('x'.repeat(500)));
    trainer.calls.length = 0;
    expect(await store.getState().openModelLink(fragment.slice(0, -6))).toBe(true);
    expect(trainer.calls).toEqual([]);
    expect(store.getState().linkNotices).toEqual([expect.stringMatching(/^The link's model could not be read: .*cut short or changed/)]);
    expect(store.getState()).toMatchObject({ status: 'idle', runInfo: { runId: 1 }, config: defaultConfig() });
  });

  it("refuses a model the import refuses (the wrong shape) with the import's reason, the fresh run kept", async () => {
    const { store, trainer } = await startWithFakeTrainer();
    trainer.api.importModel = async () => ({ error: "The file's model reads input vectors of size 3, but the sine task needs 1" });
    await store.getState().openModelLink(fragmentOf(new TextEncoder().encode('a model for three inputs')));
    expect(store.getState().linkNotices).toEqual([
      "The link's model was not loaded: The file's model reads input vectors of size 3, but the sine task needs 1. Starting with a fresh model and the link's settings instead.",
    ]);
    expect(store.getState()).toMatchObject({ status: 'idle', runInfo: { runId: 1 }, config: defaultConfig(), notice: undefined });
  });

  it('does nothing for an address without a model in its fragment', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    trainer.calls.length = 0;
    for (const hash of ['', '#', '#section-2']) expect(await store.getState().openModelLink(hash)).toBe(false);
    expect(trainer.calls).toEqual([]);
    expect(store.getState().linkNotices).toEqual([]);
  });
});

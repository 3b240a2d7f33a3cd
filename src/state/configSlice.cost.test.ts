/** A setting that would make the run too large to train (shared/cost.ts) is refused in the UI's store, changing nothing. */
import { describe, expect, it } from 'vitest';
import { startingConfig } from '../shared/config';
import { startWithFakeTrainer } from '../test/fakeTrainer';

describe('config slice: settings too large to train', () => {
  it('refuses a batch size that does not fit with the other settings, with the estimate, and keeps the config and the run', async () => {
    const { store, trainer } = await startWithFakeTrainer({ config: startingConfig({ task: 'chargen' }, { hiddenSize: 256 }) });
    const before = store.getState().config;
    trainer.calls.length = 0;
    expect(await store.getState().setSetting('batchSize', 512)).toMatch(/^These settings need ≈ [\d.]+ GB of memory to train: over the 1 GB this app allows; lower the batch size, sequence length or hidden size\.$/);
    expect(store.getState().config).toBe(before);
    expect(trainer.calls).toEqual([]);
    // a batch that fits is taken
    expect(await store.getState().setSetting('batchSize', 32)).toBeUndefined();
    expect(store.getState().config.batchSize).toBe(32);
  });
});

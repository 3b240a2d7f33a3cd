import { describe, expect, it } from 'vitest';
import { startWithFakeTrainer } from '../test/fakeTrainer';

describe('try-it slice', () => {
  it('shows a try-it result, or the error in its place, and is busy only meanwhile', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    const pending = store.getState().runTryIt('hello', {});
    expect(store.getState().tryItBusy).toBe(true);
    await pending;
    expect(store.getState()).toMatchObject({ tryItBusy: false, tryItOutput: { summary: 'read 5 characters' } });

    trainer.api.tryIt = async () => {
      throw new Error('the model is being rebuilt');
    };
    await store.getState().runTryIt('hello', {});
    expect(store.getState().tryItOutput).toEqual({ error: 'the model is being rebuilt' });
    // a new run forgets the old run's result
    await store.getState().reset();
    expect(store.getState().tryItOutput).toBeUndefined();
  });
});

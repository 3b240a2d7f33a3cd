import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../shared/config';
import { startWithFakeTrainer } from '../test/fakeTrainer';

describe('Export notebook (the store)', () => {
  it("asks the worker for the notebook with the page's settings, hands it back and says what was exported", async () => {
    const { store, trainer } = await startWithFakeTrainer();
    const asked: TrainConfig[] = [];
    const original = trainer.api.exportNotebook;
    trainer.api.exportNotebook = async (config) => {
      asked.push(config);
      return original(config);
    };
    expect(await store.getState().setSetting('learningRate', 0.004)).toBeUndefined();
    const file = await store.getState().exportNotebook();
    expect(file?.fileName).toBe('model.ipynb');
    expect(asked.map((config) => config.learningRate)).toEqual([0.004]);
    expect(store.getState().fileMessage).toEqual({
      kind: 'success',
      text: 'Exported model.ipynb (4 kB): open it in Jupyter; it scores the held-out data in PyTorch beside the number shown here, then trains on.',
    });
  });

  it('returns nothing when the worker cannot make it, and says why', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    trainer.api.exportNotebook = async () => {
      throw new Error('There is no model to export yet');
    };
    expect(await store.getState().exportNotebook()).toBeUndefined();
    expect(store.getState().fileMessage).toEqual({ kind: 'error', text: 'Notebook export failed: There is no model to export yet' });
  });
});

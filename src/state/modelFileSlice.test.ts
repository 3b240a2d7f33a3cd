import { describe, expect, it } from 'vitest';
import { startWithFakeTrainer } from '../test/fakeTrainer';

/** A File-like object of `size` bytes (the slice reads only these members). */
function fakeFile(name: string, size: number, content = ''): File {
  return { name, size, text: async () => content, arrayBuffer: async () => new ArrayBuffer(size) } as File;
}

describe('model-file slice', () => {
  it('hands back the exported file for the page to save, and says what was exported', async () => {
    const { store } = await startWithFakeTrainer();
    const file = await store.getState().exportModel('safetensors');
    expect(file?.fileName).toBe('model.safetensors');
    expect(store.getState().fileMessage).toEqual({ kind: 'success', text: 'Exported model.safetensors (2.0 kB).' });
  });

  it('returns nothing when the export fails, and says why', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    trainer.api.exportModel = async () => {
      throw new Error('the model has no weights yet');
    };
    expect(await store.getState().exportModel('json')).toBeUndefined();
    expect(store.getState().fileMessage).toEqual({ kind: 'error', text: 'Export failed: the model has no weights yet' });
  });

  it('refuses a file too large to be a model before reading it', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    trainer.calls.length = 0;
    await store.getState().importFile(fakeFile('huge.safetensors', 100 * 1024 * 1024));
    expect(store.getState().fileMessage).toEqual({
      kind: 'error',
      text: 'huge.safetensors is 100.0 MB; models here are far smaller (at most 64 MB). Nothing was changed.',
    });
    expect(trainer.calls).toEqual([]);
  });

  it('replaces the run with an imported model and its settings, or keeps everything on a bad file', async () => {
    const changes: string[] = [];
    const { store, trainer } = await startWithFakeTrainer({ onConfigChange: (config) => changes.push(config.cell) });
    await store.getState().importFile(fakeFile('gru.safetensors', 10));
    expect(store.getState()).toMatchObject({ status: 'paused', preset: undefined, config: { cell: 'gru' }, runInfo: { runId: 2 } });
    expect(store.getState().fileMessage).toEqual({ kind: 'success', text: 'Loaded gru.safetensors.' });
    expect(changes).toEqual(['gru']);

    trainer.api.importModel = async () => ({ error: 'The file has 2 layers but the header says 3' });
    await store.getState().importFile(fakeFile('bad.safetensors', 10));
    expect(store.getState().fileMessage?.text).toBe('bad.safetensors was not loaded: The file has 2 layers but the header says 3. The current model and settings are unchanged.');
    expect(store.getState().runInfo?.runId).toBe(2);
  });

  it('loads a shipped model through the same import, and says so when it cannot be read', async () => {
    const model = { file: 'models/demo.safetensors', title: 'A demo', steps: 5000, heldOut: { bitsPerChar: 2.1 }, command: 'npm run cli -- train' };
    const asked: string[] = [];
    const { store, trainer } = await startWithFakeTrainer({
      fetchShipped: async (path) => {
        asked.push(path);
        if (path.endsWith('missing.safetensors')) throw new Error('the server answered HTTP 404');
        return new Blob([new Uint8Array(12)]);
      },
    });
    const imported: number[] = [];
    const importModel = trainer.api.importModel;
    trainer.api.importModel = async (bytes, current) => {
      imported.push(bytes.length);
      return importModel(bytes, current);
    };
    await store.getState().loadPretrained(model);
    expect(asked).toEqual(['models/demo.safetensors']);
    expect(imported).toEqual([12]);
    expect(store.getState().fileMessage).toEqual({ kind: 'success', text: 'Loaded demo.safetensors.' });
    const runId = store.getState().runInfo?.runId;

    await store.getState().loadPretrained({ ...model, file: 'models/missing.safetensors' });
    expect(store.getState().fileMessage).toEqual({
      kind: 'error',
      text: 'missing.safetensors could not be read: the server answered HTTP 404. The current model and settings are unchanged.',
    });
    expect(imported).toEqual([12]);
    expect(store.getState().runInfo?.runId).toBe(runId);
  });
});

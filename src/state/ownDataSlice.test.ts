import { describe, expect, it } from 'vitest';
import { fakeRunInfo, startWithFakeTrainer } from '../test/fakeTrainer';

/** A File-like text file (the slice reads only these members). */
function textFile(name: string, content: string, size = content.length): File {
  return { name, size, text: async () => content } as File;
}

describe('own-data slice', () => {
  it('trains on the learner’s file, refuses one over the task’s limit, and goes back to the built-in data', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    const userData = { label: 'Your own text', accept: '.txt', hint: 'Plain text', maxBytes: 1024 * 1024 };
    store.setState({ runInfo: { ...fakeRunInfo(1), userData } });

    await store.getState().useOwnData(textFile('big.txt', '', 3 * 1024 * 1024));
    expect(store.getState().dataMessage).toEqual({ kind: 'error', text: 'big.txt is 3.0 MB; the limit is 1 MB. Nothing was changed.' });

    await store.getState().useOwnData(textFile('moby.txt', 'Call me Ishmael.'));
    expect(store.getState().dataMessage).toEqual({ kind: 'success', text: 'Training on moby.txt.' });
    expect(store.getState()).toMatchObject({ status: 'idle', runInfo: { runId: 2 } });

    trainer.api.setUserData = async () => ({ error: 'The file has no text.' });
    await store.getState().useOwnData(textFile('empty.txt', ''));
    expect(store.getState().dataMessage?.text).toBe('empty.txt was not used: The file has no text. Nothing was changed.');
    // a task's message without its own full stop still reads as two sentences
    trainer.api.setUserData = async () => ({ error: 'Row 3 has no label' });
    await store.getState().useOwnData(textFile('rows.csv', 'a'));
    expect(store.getState().dataMessage?.text).toBe('rows.csv was not used: Row 3 has no label. Nothing was changed.');

    trainer.api.setUserData = async () => ({ runInfo: fakeRunInfo(3) });
    await store.getState().useOwnData(undefined);
    expect(store.getState().dataMessage?.text).toBe('Back to the built-in data.');
  });
});

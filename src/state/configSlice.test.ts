import { describe, expect, it } from 'vitest';
import { startWithFakeTrainer } from '../test/fakeTrainer';

describe('config slice', () => {
  it('changes a live setting in the running model, and rebuilds the run for any other', async () => {
    const changes: string[] = [];
    const { store, trainer } = await startWithFakeTrainer({ onConfigChange: (config) => changes.push(`${config.learningRate} ${config.cell}`) });
    trainer.calls.length = 0;

    expect(await store.getState().setSetting('learningRate', 0.003)).toBeUndefined();
    expect(trainer.calls).toEqual(['updateLive']);
    expect(store.getState().runInfo?.runId).toBe(1);

    await store.getState().setSetting('cell', 'gru');
    expect(trainer.calls).toEqual(['updateLive', 'configure', 'refresh']);
    expect(store.getState().runInfo?.runId).toBe(2);
    expect(store.getState().status).toBe('idle');
    expect(changes).toEqual(['0.003 lstm', '0.003 gru']);
  });

  it('refuses an invalid value with a message and changes nothing', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    const before = store.getState().config;
    trainer.calls.length = 0;
    expect(await store.getState().setSetting('hiddenSize', 99999)).toMatch(/hidden size/i);
    expect(store.getState().config).toBe(before);
    expect(trainer.calls).toEqual([]);
  });

  it('applies a preset over the defaults, and refuses an unknown one', async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().applyPreset('explode');
    expect(store.getState().preset).toBe('explode');
    expect(store.getState().config).toMatchObject({ cell: 'rnn-relu', clipMode: 'off' });
    expect(await store.getState().applyPreset('zzz')).toBeTruthy();
    expect(store.getState().preset).toBe('explode');
  });

  it('shows a failed rebuild as the trainer’s error', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    trainer.api.configure = async () => {
      throw new Error('out of memory');
    };
    await store.getState().setSetting('hiddenSize', 64);
    expect(store.getState()).toMatchObject({ status: 'error', error: 'out of memory' });
  });
});

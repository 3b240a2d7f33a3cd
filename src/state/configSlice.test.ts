import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultConfigFor } from '../shared/config';
import { withExampleTaskDefaults } from '../test/taskDefaults';
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

describe('config slice: each task brings its own defaults', () => {
  withExampleTaskDefaults();

  it("a task change applies the new task's defaults to every setting the learner has not set", async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().setSetting('task', 'chargen');
    expect(store.getState().config).toEqual(defaultConfigFor('chargen'));
    await store.getState().setSetting('task', 'sine');
    expect(store.getState().config).toEqual(defaultConfig());
  });

  it('keeps what the learner set, even a value equal to the old default', async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().setSetting('learningRate', 0.02);
    await store.getState().setSetting('hiddenSize', 20);
    await store.getState().setSetting('hiddenSize', 16);
    expect(store.getState().touched).toEqual(['learningRate', 'hiddenSize']);
    await store.getState().setSetting('task', 'chargen');
    expect(store.getState().config).toEqual({ ...defaultConfigFor('chargen'), hiddenSize: 16, learningRate: 0.02 });
  });

  it('keeps values that came with the page (they differ from the defaults) and applies a source’s defaults', async () => {
    const { store } = await startWithFakeTrainer({ config: { ...defaultConfig(), task: 'sentiment', sequenceLength: 12 } });
    await store.getState().setSetting('sentimentSource', 'reviews');
    expect(store.getState().config).toEqual({ ...defaultConfigFor('sentiment', 'reviews'), sequenceLength: 12 });
    await store.getState().setSetting('task', 'chargen');
    expect(store.getState().config).toMatchObject({ task: 'chargen', hiddenSize: 64, sequenceLength: 12 });
  });

  it('a preset starts afresh: nothing is touched, and a task change keeps the preset’s settings', async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().setSetting('hiddenSize', 20);
    await store.getState().applyPreset('explode');
    expect(store.getState().touched).toEqual([]);
    await store.getState().setSetting('task', 'chargen');
    expect(store.getState().config).toMatchObject({ task: 'chargen', hiddenSize: 32, learningRate: 2, sequenceLength: 20 });
  });

  it('refuses an unknown task with a message and changes nothing', async () => {
    const { store } = await startWithFakeTrainer();
    const before = store.getState().config;
    expect(await store.getState().setSetting('task', 'translation')).toMatch(/Task must be one of/);
    expect(store.getState().config).toBe(before);
  });
});

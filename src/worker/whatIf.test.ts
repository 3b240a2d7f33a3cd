import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { modelParamInfos } from '../shared/spec';
import type { WhatIfEdit, WhatIfResult } from '../shared/protocol';
import { refForward, type RefMode, type RefParams } from '../test/reference64';
import { positiveProbabilities } from '../tasks/sentiment';
import { predictedDigits } from '../tasks/reverse';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { runWhatIf } from './whatIf';

const trainers: Trainer<Task>[] = [];
afterEach(() => trainers.splice(0).forEach((trainer) => trainer.dispose()));

/** A trainer of a small model of `changes`, with the task's shipped data. */
async function trainerOf(changes: Partial<TrainConfig>): Promise<Trainer<Task>> {
  const config = { ...defaultConfig(), hiddenSize: 6, batchSize: 4, ...changes };
  const task = TASKS[config.task](config, await loadTaskData(config.task, readDataFile));
  const trainer = new Trainer(config, task);
  trainers.push(trainer);
  return trainer;
}

/** A what-if that must succeed. */
async function whatIf(trainer: Trainer<Task>, edit?: WhatIfEdit): Promise<WhatIfResult> {
  const result = await runWhatIf(trainer, 1, edit);
  if ('error' in result) throw new Error(result.error);
  return result;
}

const MODES: Record<string, RefMode> = { lstm: 'LSTM', gru: 'GRU', 'rnn-tanh': 'RNN_TANH', 'rnn-relu': 'RNN_RELU' };

describe('what-if forward', () => {
  it.each(['lstm', 'gru', 'rnn-tanh'] as const)('of the unedited %s probe equals the float64 reference forward (two layers)', async (cell) => {
    const trainer = await trainerOf({ task: 'sine', cell, numLayers: 2, sequenceLength: 7 });
    await trainer.trainStep();
    const result = await whatIf(trainer);
    const weights = await trainer.weights();
    const params: RefParams = {};
    for (const { name, shape } of modelParamInfos(trainer.spec)) {
      if (name.startsWith('rnn.')) params[name.slice(4)] = { shape, data: Float64Array.from(weights[name]) };
    }
    const x = [Array.from(trainer.task.probe.input, (v) => [v])];
    const reference = refForward({ mode: MODES[cell], inputSize: 1, hiddenSize: 6, numLayers: 2, bidirectional: false }, params, x);
    const expected = reference.outputs[0].flat();
    expect(result.width).toBe(6);
    Array.from(result.original.hidden).forEach((h, k) => expect(h).toBeCloseTo(expected[k], 5));
    // the forecast is the head on the last step, as the trainer's own prediction
    const predicted = await trainer.predict(trainer.task.probe);
    expect(result.original.readout.value).toBeCloseTo(predicted[0], 6);
  });

  it("of the sentiment probe gives the trainer's P(positive); an edit equal to the probe changes nothing", async () => {
    const trainer = await trainerOf({ task: 'sentiment', cell: 'gru', sequenceLength: 16 });
    await trainer.trainStep();
    const plain = await whatIf(trainer);
    expect(plain.form.text).toBe('the food was not good but the staff were very friendly');
    const [expected] = positiveProbabilities(await trainer.predict(trainer.task.probe));
    expect(plain.original.readout.value).toBeCloseTo(expected, 6);
    const same = await whatIf(trainer, { text: plain.form.text });
    expect(same.firstChangedStep).toBe(-1);
    expect(Math.max(...same.difference!)).toBe(0);
    expect(same.edited!.readout.value).toBe(plain.original.readout.value);
  });

  it('changes only the steps from the edited one on, for a one-directional model', async () => {
    const trainer = await trainerOf({ task: 'chargen', cell: 'lstm', numLayers: 2, sequenceLength: 12, hiddenSize: 8 });
    await trainer.trainStep();
    const { form } = await whatIf(trainer);
    const chars = [...form.text!];
    chars[5] = chars[5] === 'e' ? 'a' : 'e';
    const result = await whatIf(trainer, { text: chars.join('') });
    expect(result.firstChangedStep).toBe(5);
    const difference = Array.from(result.difference!);
    expect(difference.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(difference[5]).toBeGreaterThan(1e-4);
    // the PCA paths agree where the states do
    expect(Array.from(result.edited!.pca.slice(0, 10))).toEqual(Array.from(result.original.pca.slice(0, 10)));
    expect(result.edited!.labels[5]).toBe(chars[5]);
    expect(result.edited!.readout.top).toHaveLength(5);
  });

  it('of a bidirectional model changes earlier steps too, and says so', async () => {
    const trainer = await trainerOf({ task: 'sentiment', cell: 'gru', bidirectional: true, sequenceLength: 16 });
    const result = await whatIf(trainer, { text: 'the food was not bad but the staff were very friendly' });
    expect(result.width).toBe(12);
    expect(result.difference![result.firstChangedStep! - 1]).toBeGreaterThan(0);
    expect(result.notes.join(' ')).toMatch(/bidirectional/);
  });

  it('leaves the run untouched: weights, optimizer state, step and random streams', async () => {
    const trainer = await trainerOf({ task: 'sentiment', cell: 'lstm', sequenceLength: 16 });
    await trainer.trainStep();
    const before = await trainer.state();
    const tensors = tf.memory().numTensors;
    await whatIf(trainer, { text: 'the food was not not good but the staff were very friendly' });
    // every tensor it made is freed
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await trainer.state()).toEqual(before);
    // and the next training step is the one it would have been
    const twin = await trainerOf({ task: 'sentiment', cell: 'lstm', sequenceLength: 16 });
    await twin.trainStep();
    expect((await trainer.trainStep()).loss).toBe((await twin.trainStep()).loss);
  });

  it('refuses words and characters the network never learned, and a wrong length, with a message', async () => {
    const sentiment = await trainerOf({ task: 'sentiment', sequenceLength: 16 });
    expect(await runWhatIf(sentiment, 1, { text: 'the food was zzyzx' })).toEqual({ error: expect.stringMatching(/"zzyzx" is not in the vocabulary/) });
    expect(await runWhatIf(sentiment, 1, { text: '  ' })).toEqual({ error: expect.stringMatching(/no words/) });
    const chargen = await trainerOf({ task: 'chargen', sequenceLength: 12 });
    expect(await runWhatIf(chargen, 1, { text: 'too short' })).toEqual({ error: expect.stringMatching(/12 characters; this is 9/) });
    expect(await runWhatIf(chargen, 1, { text: 'Call me Ish\u{1F40B}' })).toEqual({ error: expect.stringMatching(/never learned/) });
    const sine = await trainerOf({ task: 'sine', sequenceLength: 4 });
    expect(await runWhatIf(sine, 1, { values: [1, 2, NaN, 4] })).toEqual({ error: expect.stringMatching(/Step 3 is not a number/) });
    expect(await runWhatIf(sine, 1, { values: [1, 2] })).toEqual({ error: expect.stringMatching(/Give 4 values/) });
  });

  it('decodes the reverse task greedily as the trainer does, and re-decodes after a forced digit', async () => {
    const trainer = await trainerOf({ task: 'reverse', cell: 'gru', reverseDigits: 4 });
    for (let k = 0; k < 3; k++) await trainer.trainStep();
    const plain = await whatIf(trainer);
    const [expected] = predictedDigits(await trainer.predict(trainer.task.probe), 4);
    expect(plain.original.readout.text).toBe(expected.join(''));
    const forcedDigit = (expected[1] + 5) % 10;
    const forced = await whatIf(trainer, { text: plain.form.text, force: { step: 1, token: forcedDigit } });
    expect(forced.edited!.readout.text[0]).toBe(String(expected[0]));
    expect(forced.edited!.readout.text[1]).toBe(String(forcedDigit));
    // the decoder's step 3 reads the forced digit; the encoder (4 steps) and decoder step 1 are as before
    expect(forced.firstChangedStep).toBe(5);
    expect(Array.from(forced.difference!.slice(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(forced.difference![6]).toBeGreaterThan(0);
    expect(forced.edited!.labels[6]).toBe(String(forcedDigit));
  });

  it("edits the memory task's symbols: the unedited probe gives the trainer's answer; changing the marked symbol changes the input from step 1", async () => {
    const trainer = await trainerOf({ task: 'memory', cell: 'lstm', sequenceLength: 6 });
    await trainer.trainStep();
    const plain = await whatIf(trainer);
    const symbols = plain.form.text!.split(' ');
    expect(symbols).toHaveLength(6);
    expect(symbols[0]).toMatch(/^▸[A-D]$/);
    expect(plain.original.labels).toEqual(symbols);
    // the readout is the softmax of the trainer's own prediction of the probe
    const logits = Array.from(await trainer.predict(trainer.task.probe)).slice(0, 4);
    const exp = logits.map((v) => Math.exp(v - Math.max(...logits)));
    const shown = Object.fromEntries(plain.original.readout.top!.map((c) => [c.token, c.probability]));
    exp.forEach((e, k) => expect(shown['ABCD'[k]]).toBeCloseTo(e / exp.reduce((a, b) => a + b), 5));
    expect((await whatIf(trainer, { text: plain.form.text })).difference!.every((d) => d === 0)).toBe(true);

    const other = symbols[0] === '▸A' ? '▸B' : '▸A';
    const edited = await whatIf(trainer, { text: [other, ...symbols.slice(1)].join(' ') });
    expect(edited.firstChangedStep).toBe(0);
    expect(edited.edited!.labels[0]).toBe(other);
    expect(edited.difference![0]).toBeGreaterThan(0);

    expect(await runWhatIf(trainer, 1, { text: symbols.slice(1).join(' ') })).toEqual({ error: expect.stringMatching(/6 steps; this is 5/) });
    expect(await runWhatIf(trainer, 1, { text: ['▸E', ...symbols.slice(1)].join(' ') })).toEqual({ error: expect.stringMatching(/Step 1 reads "▸E"/) });
  });
});

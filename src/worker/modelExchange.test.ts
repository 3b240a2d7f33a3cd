import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { initParams } from '../core/model';
import { Trainer } from '../core/trainer';
import { readSafetensors, writeSafetensors } from '../io/safetensors';
import { reverseTask } from '../tasks/reverse';
import { sineTask } from '../tasks/sine';
import { decodeImport, encodeExport, exportFileName } from './modelExchange';

async function trained(config: TrainConfig) {
  const trainer = new Trainer(config, sineTask(config));
  for (let k = 0; k < 5; k++) await trainer.trainStep();
  return trainer;
}

describe('export and import', () => {
  it('records W_hh\'s initialisation in the metadata as init, and an import brings it back (issue #16)', () => {
    const orthogonal: TrainConfig = { ...defaultConfig(), cell: 'rnn-tanh', hiddenSize: 4, recurrentInit: 'orthogonal' };
    const spec = sineTask(orthogonal).modelSpec;
    const file = encodeExport({ config: orthogonal, spec, weights: initParams(spec, 1, 1, 'orthogonal'), step: 0, taskMetadata: {} }, 'safetensors');
    expect(readSafetensors(file.bytes).metadata.init).toBe('orthogonal');
    expect(decodeImport(file.bytes, defaultConfig()).config.recurrentInit).toBe('orthogonal');
  });

  const config: TrainConfig = { ...defaultConfig(), cell: 'gru', hiddenSize: 6, numLayers: 2, bidirectional: true, sinePeriod: 12, seed: 5 };

  it.each(['safetensors', 'json'] as const)('round-trips a trained model as %s: same config, same weights, same predictions', async (format) => {
    const trainer = await trained(config);
    const file = encodeExport({ config, spec: trainer.spec, weights: await trainer.weights(), step: trainer.step, taskMetadata: trainer.task.metadata }, format);
    expect(file.fileName).toBe(`unrolled-sine-gru-step5.${format}`);
    // import into a session whose settings are all different
    const result = decodeImport(file.bytes, { ...defaultConfig(), cell: 'lstm', hiddenSize: 30, sinePeriod: 40 });
    expect(result.config).toEqual(config);
    expect(result.step).toBe(5);
    const copy = new Trainer(result.config, sineTask(result.config), result.weights);
    expect(Array.from(await copy.predict(copy.task.heldOut))).toEqual(Array.from(await trainer.predict(trainer.task.heldOut)));
    copy.dispose();
    trainer.dispose();
  });

  it('takes a PyTorch-written file without Unrolled’s config, keeping the current settings for the rest', () => {
    // an nn.RNN(1, 5) + nn.Linear(5, 1) state_dict, no metadata
    const t = (shape: number[]) => ({ shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.1) });
    const bytes = writeSafetensors({ 'rnn.weight_ih_l0': t([5, 1]), 'rnn.weight_hh_l0': t([5, 5]), 'rnn.bias_ih_l0': t([5]), 'rnn.bias_hh_l0': t([5]), 'head.weight': t([1, 5]), 'head.bias': t([1]) });
    const result = decodeImport(bytes, { ...defaultConfig(), learningRate: 0.002 });
    expect(result.config).toMatchObject({ task: 'sine', cell: 'rnn-tanh', hiddenSize: 5, numLayers: 1, learningRate: 0.002 });
    expect(result.notes.join(' ')).toMatch(/ReLU/);
  });

  it.each([
    ['an empty file', () => new Uint8Array(0), /The file is empty/],
    ['an oversized file', () => Object.defineProperty(new Uint8Array(8), 'length', { value: 65 * 1024 * 1024 }), /The file is 65.0 MB/],
    ['a model for other inputs (the 3-feature PyTorch fixture)', () => new Uint8Array(readFileSync(new URL('../io/fixtures/torch_lstm_2layer.safetensors', import.meta.url))), /The file's model reads input vectors of size 3, but the sine task needs 1/],
    ['malformed JSON', () => new TextEncoder().encode('{"format": '), /not valid JSON/],
    ['JSON that is not an export', () => new TextEncoder().encode('{"hello": 1}'), /not an Unrolled export/],
    ['a JSON tensor with the wrong number of values', () => new TextEncoder().encode(JSON.stringify({ format: 'unrolled-json-1', tensors: { 'head.bias': { shape: [2], data: [1] } } })), /head.bias in the JSON file has 1 values for shape \[2\]/],
    ['a JSON tensor with a string in it', () => new TextEncoder().encode(JSON.stringify({ format: 'unrolled-json-1', tensors: { 'head.bias': { shape: [1], data: ['1'] } } })), /not a finite number/],
  ])('refuses %s with a message', (_, make, message) => {
    expect(() => decodeImport(make(), defaultConfig())).toThrow(message);
  });

  it('refuses a file for a task it does not know, and a network larger than the app trains', async () => {
    const trainer = await trained({ ...defaultConfig(), hiddenSize: 4 });
    const file = encodeExport({ config: trainer.config, spec: trainer.spec, weights: await trainer.weights(), step: 5, taskMetadata: {} }, 'safetensors');
    const parsed = readSafetensors(file.bytes);
    const unknownTask = writeSafetensors(parsed.tensors, { ...parsed.metadata, task: 'translation' });
    expect(() => decodeImport(unknownTask, defaultConfig())).toThrow(/task "translation", which this version of Unrolled does not have/);
    trainer.dispose();
    const t = (shape: number[]) => ({ shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
    const huge = writeSafetensors({ 'rnn.weight_ih_l0': t([300, 1]), 'rnn.weight_hh_l0': t([300, 300]), 'rnn.bias_ih_l0': t([300]), 'rnn.bias_hh_l0': t([300]), 'head.weight': t([1, 300]), 'head.bias': t([1]) });
    expect(() => decodeImport(huge, defaultConfig())).toThrow(/larger than Unrolled trains: Hidden size must be between 1 and 256/);
  });

  it('round-trips an encoder–decoder (encoder rnn.*, decoder.*): same digits, same greedy predictions; refuses a decoder-less header that claims one', async () => {
    const seq2seq: TrainConfig = { ...defaultConfig(), task: 'reverse', cell: 'gru', hiddenSize: 5, numLayers: 2, reverseDigits: 3, seed: 4 };
    const trainer = new Trainer(seq2seq, reverseTask(seq2seq));
    for (let k = 0; k < 3; k++) await trainer.trainStep();
    const file = encodeExport({ config: seq2seq, spec: trainer.spec, weights: await trainer.weights(), step: 3, taskMetadata: trainer.task.metadata }, 'safetensors');
    const result = decodeImport(file.bytes, defaultConfig());
    expect(result.config).toEqual(seq2seq);
    const copy = new Trainer(result.config, reverseTask(result.config), result.weights);
    expect(Array.from(await copy.predict(copy.task.heldOut))).toEqual(Array.from(await trainer.predict(trainer.task.heldOut)));
    copy.dispose();
    trainer.dispose();
    // without the decoder's tensors, a header that says readout=decoder is refused
    const parsed = readSafetensors(file.bytes);
    const encoderOnly = Object.fromEntries(Object.entries(parsed.tensors).filter(([name]) => !name.startsWith('decoder.')));
    expect(() => decodeImport(writeSafetensors(encoderOnly, parsed.metadata), defaultConfig())).toThrow(/readout decoder but the file has no decoder\.\* tensors/);
  });

  it('names files by task, cell and step', () => {
    expect(exportFileName({ task: 'sine', cell: 'rnn-relu' }, 0, 'json')).toBe('unrolled-sine-rnn-relu-step0.json');
  });
});

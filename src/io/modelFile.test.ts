import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initParams } from '../core/model';
import { ModelFileError, decodeModel, decodeRnn, encodeModel } from './modelFile';
import { readSafetensors, writeSafetensors, type NamedTensor } from './safetensors';
import type { ModelSpec } from '../shared/spec';

const spec: ModelSpec = {
  rnn: { cell: 'gru', inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, dropout: 0 },
  outputSize: 1,
  readout: 'last',
};

/** Re-encodes a file after editing its tensors or metadata. */
function edit(bytes: Uint8Array, change: (tensors: Record<string, NamedTensor>, metadata: Record<string, string>) => void): Uint8Array {
  const file = readSafetensors(bytes);
  change(file.tensors, file.metadata);
  return writeSafetensors(file.tensors, file.metadata);
}

const refusal = (bytes: Uint8Array) => {
  try {
    decodeModel(bytes);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
};

describe('model files', () => {
  const weights = initParams(spec, 4);
  const bytes = encodeModel(spec, weights, { task: 'sine' });

  it('round-trips spec, weights and metadata, with PyTorch state_dict names', () => {
    const file = decodeModel(bytes);
    expect(file.spec).toEqual(spec);
    expect(file.weights).toEqual(weights);
    expect(file.metadata).toMatchObject({ mode: 'GRU', input_size: '2', hidden_size: '3', num_layers: '2', bidirectional: 'true', task: 'sine' });
    expect(Object.keys(readSafetensors(bytes).tensors).sort()).toEqual(
      [
        'head.bias', 'head.weight',
        ...['l0', 'l0_reverse', 'l1', 'l1_reverse'].flatMap((s) => [`rnn.bias_hh_${s}`, `rnn.bias_ih_${s}`, `rnn.weight_hh_${s}`, `rnn.weight_ih_${s}`]),
      ].sort(),
    );
  });

  it('loads a file laid out by PyTorch’s own safetensors writer (nn.LSTM 2 layers + nn.Linear)', () => {
    const fixture = new Uint8Array(readFileSync(new URL('./fixtures/torch_lstm_2layer.safetensors', import.meta.url)));
    const file = decodeModel(fixture);
    expect(file.spec.rnn).toEqual({ cell: 'lstm', inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: false, dropout: 0 });
    expect(file.spec.outputSize).toBe(1);
    const expected = JSON.parse(readFileSync(new URL('./fixtures/torch_lstm_2layer.expected.json', import.meta.url), 'utf8'));
    for (const [name, { shape, first, sum }] of Object.entries(expected.tensors as Record<string, { shape: number[]; first: number[]; sum: number }>)) {
      expect(file.weights[name].length).toBe(shape.reduce((a, b) => a * b, 1));
      expect(Array.from(file.weights[name].slice(0, first.length))).toEqual(first.map((v) => expect.closeTo(v, 6)));
      expect(file.weights[name].reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 5);
    }
  });

  it('reads a bare nn.LSTM/GRU state_dict (no rnn. prefix, no metadata) for the forward command', () => {
    const bare = edit(bytes, (tensors, metadata) => {
      for (const key of Object.keys(metadata)) delete metadata[key];
      for (const name of Object.keys(tensors)) {
        if (name.startsWith('rnn.')) tensors[name.slice(4)] = tensors[name];
        delete tensors[name];
      }
    });
    const file = decodeRnn(bare);
    expect(file.spec).toMatchObject({ cell: 'gru', inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true });
  });

  it('infers an RNN without metadata as tanh and says so', () => {
    const rnnSpec: ModelSpec = { ...spec, rnn: { ...spec.rnn, cell: 'rnn-relu', bidirectional: false } };
    const noMeta = edit(encodeModel(rnnSpec, initParams(rnnSpec, 1)), (_, metadata) => {
      for (const key of Object.keys(metadata)) delete metadata[key];
    });
    const file = decodeModel(noMeta);
    expect(file.spec.rnn.cell).toBe('rnn-tanh');
    expect(file.notes.join(' ')).toMatch(/ReLU/);
  });

  it.each([
    ['an unknown mode', (_: unknown, m: Record<string, string>) => void (m.mode = 'TRANSFORMER'), /Unknown mode "TRANSFORMER"/],
    ['a mode that disagrees with the shapes', (_: unknown, m: Record<string, string>) => void (m.mode = 'LSTM'), /mode LSTM \(4 gate blocks\) but rnn.weight_hh_l0 has 3·H rows/],
    ['a layer count that disagrees with the header', (_: unknown, m: Record<string, string>) => void (m.num_layers = '3'), /The file has 2 layers but the header's num_layers says 3/],
    ['a hidden size that disagrees with the header', (_: unknown, m: Record<string, string>) => void (m.hidden_size = '4'), /3 hidden units but the header's hidden_size says 4/],
    ['a missing tensor', (t: Record<string, NamedTensor>) => void delete t['rnn.bias_hh_l1_reverse'], /rnn.bias_hh_l1_reverse is missing/],
    ['a wrong-shaped tensor', (t: Record<string, NamedTensor>) => void (t['rnn.weight_ih_l1'] = { shape: [9, 5], data: new Float32Array(45) }), /rnn.weight_ih_l1 has shape \[9, 5\] but a GRU with these sizes needs \[9, 6\]/],
    ['a wrong-shaped head', (t: Record<string, NamedTensor>) => void (t['head.weight'] = { shape: [1, 3], data: new Float32Array(3) }), /head.weight has shape \[1, 3\] but the model needs \[1, 6\]/],
    ['an unexpected tensor', (t: Record<string, NamedTensor>) => void (t['rnn.weight_ih_l7'] = { shape: [1], data: new Float32Array(1) }), /Unexpected tensor rnn.weight_ih_l7/],
    ['a NaN weight', (t: Record<string, NamedTensor>) => void (t['head.bias'] = { shape: [1], data: Float32Array.from([NaN]) }), /head.bias contains NaN/],
    ['a missing head', (t: Record<string, NamedTensor>) => void delete t['head.weight'], /head.weight is missing/],
    ['no recurrent layer at all', (t: Record<string, NamedTensor>) => { for (const k of Object.keys(t)) if (k.startsWith('rnn.')) delete t[k]; }, /no recurrent layer/],
  ])('refuses %s with a message that says what is wrong', (_, change, message) => {
    const error = refusal(edit(bytes, change as (t: Record<string, NamedTensor>, m: Record<string, string>) => void));
    expect(error).toBeInstanceOf(ModelFileError);
    expect(error.message).toMatch(message);
  });

  it('refuses a truncated file with the safetensors reader’s message', () => {
    const error = refusal(bytes.slice(0, bytes.length - 10));
    expect(error.name).toBe('SafetensorsError');
    expect(error.message).toMatch(/truncated/);
  });
});

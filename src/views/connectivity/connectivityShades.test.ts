import { describe, expect, it } from 'vitest';
import type { ConnectivityReading } from '../../shared/deeperReadings';
import { connectivityRow, inputName, logShades, mostChangedOutputs, outputName, scoreName, strongestEncoderInputs } from './connectivityShades';

describe('connectivity shades', () => {
  it('takes a row of the matrix and shades it by log share of its largest value over three decades', () => {
    const reading: ConnectivityReading = { step: 1, everyFrames: 1, costMs: 0, stepMs: 0, values: Float32Array.from([1, 0, 0, 0.5, 2, 0]), outputSteps: [0, 1], score: 'predicted' };
    expect(Array.from(connectivityRow(reading, 1))).toEqual([0.5, 2, 0]);
    const shades = logShades([10, 1, 0.1, 0.001, 0]);
    expect(shades.map((s) => +s.toFixed(6))).toEqual([1, +(2 / 3).toFixed(6), +(1 / 3).toFixed(6), 0, 0]);
    expect(logShades([0, 0])).toEqual([0, 0]);
    expect(scoreName('positive')).toBe('P(positive)');
  });

  it('names an encoder–decoder’s rows by decoder output and its columns by encoder and decoder input, and finds each output’s strongest encoder input', () => {
    // 3 encoder inputs, then 3 decoder inputs; rows are outputs 1–3 read at steps 3–5
    const values = Float32Array.from([0.1, 0.2, 0.9, 0.5, 0, 0, 0.1, 0.8, 0.3, 0.5, 0.4, 0, 0.7, 0.1, 0.2, 0.5, 0.4, 0.3]);
    const reading: ConnectivityReading = { step: 9, everyFrames: 1, costMs: 0, stepMs: 0, values, outputSteps: [3, 4, 5], encoderSteps: 3, score: 'predicted' };
    expect(outputName(reading, 0)).toBe('output 1');
    expect([0, 2, 3, 5].map((k) => inputName(reading, k))).toEqual(['encoder x_1', 'encoder x_3', 'decoder input 1', 'decoder input 3']);
    // the decoder inputs (0.5 in row 0, 0.5 in row 2) are not the encoder's: row 2's strongest encoder input is x_1
    expect(strongestEncoderInputs(reading)).toEqual([2, 1, 0]);
    const plain: ConnectivityReading = { ...reading, encoderSteps: undefined };
    expect(outputName(plain, 1)).toBe('t = 5');
    expect(inputName(plain, 0)).toBe('x_1');
    expect(strongestEncoderInputs(plain)).toBeUndefined();
  });

  it('finds, for each encoder input, the decoder output its replacements change most', () => {
    // (3 outputs × 3 encoder inputs): replacing x_1 changes output 3 most, x_2 output 2, x_3 output 1
    const replacement = Float32Array.from([0, 0.1, 0.9, 0.2, 1, 0, 0.8, 0.3, 0.1]);
    const reading: ConnectivityReading = { step: 9, everyFrames: 1, costMs: 0, stepMs: 0, values: new Float32Array(18), outputSteps: [3, 4, 5], encoderSteps: 3, replacement, score: 'predicted' };
    expect(mostChangedOutputs(reading)?.map((m) => m.output)).toEqual([2, 1, 0]);
    expect(mostChangedOutputs(reading)?.map((m) => m.share)).toEqual([replacement[6], 1, replacement[2]]);
    expect(mostChangedOutputs({ ...reading, replacement: undefined })).toBeUndefined();
  });
});

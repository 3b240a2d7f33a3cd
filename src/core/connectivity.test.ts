import { describe, expect, it } from 'vitest';
import { connectivityMatrix, encoderDecoderConnectivity, outputScoreGradient, type LayerRecords, type OutputScore, type StackWeights } from './connectivity';
import { randomRefParams, refForward, type RefMode, type RefParams, type RefSpec } from '../test/reference64';
import type { CellKind } from '../shared/spec';

const MODES: Record<CellKind, RefMode> = { 'rnn-tanh': 'RNN_TANH', 'rnn-relu': 'RNN_RELU', lstm: 'LSTM', gru: 'GRU' };

/** A seeded generator of values in (−scale, scale). */
function seeded(seed: number): (scale?: number) => number {
  let s = seed;
  return (scale = 1) => (((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1) * scale;
}

/** The stack's weights as connectivity.ts reads them, from the reference's parameters. */
function stackOf(spec: RefSpec, cell: CellKind, params: RefParams): StackWeights {
  const dirs = spec.bidirectional ? 2 : 1;
  const layers = [];
  for (let l = 0; l < spec.numLayers; l++) {
    for (let d = 0; d < dirs; d++) {
      const s = `_l${l}${d === 1 ? '_reverse' : ''}`;
      layers.push({ inputSize: params[`weight_ih${s}`].shape[1], wIh: params[`weight_ih${s}`].data, wHh: params[`weight_hh${s}`].data, bHh: params[`bias_hh${s}`].data });
    }
  }
  return { cell, hidden: spec.hiddenSize, numLayers: spec.numLayers, bidirectional: spec.bidirectional, layers };
}

/** score(features) for a linear head, as outputScoreGradient differentiates it (the predicted class held fixed). */
function scoreOf(score: OutputScore, w: number[], b: number[], f: number[], predicted?: number): number {
  const outputs = b.length;
  const logits = b.map((bias, o) => f.reduce((sum, v, c) => sum + w[o * f.length + c] * v, bias));
  if (score === 'value') return logits[0];
  if (score === 'positive') return 1 / (1 + Math.exp(logits[0] - logits[1]));
  return logits[predicted!] - logits.reduce((a, v) => a + v, 0) / outputs;
}

/** A reference run's records as the worker lays them out: per layer·direction, name → T × H (batch 0). */
function recordsOf(gates: ReturnType<typeof refForward>['gates']): LayerRecords[] {
  return gates.map((layer) => Object.fromEntries(Object.entries(layer).map(([name, v]) => [name, v.map((step) => step[0]).flat()])));
}

interface Case {
  cell: CellKind;
  score: OutputScore;
  bidirectional?: boolean;
  /** Output steps read (every step, or the last only). */
  every: boolean;
}

/** Checks every entry of the connectivity matrix against central differences of the float64 reference. */
function checkAgainstFiniteDifferences({ cell, score, bidirectional = false, every }: Case): { worst: number; largest: number } {
  const T = 5;
  const I = 3;
  const H = 4;
  const spec: RefSpec = { mode: MODES[cell], inputSize: I, hiddenSize: H, numLayers: 2, bidirectional };
  const params = randomRefParams(spec, 23, 0.8);
  const rand = seeded(5);
  const x = [Array.from({ length: T }, () => Array.from({ length: I }, () => rand()))];
  const width = H * (bidirectional ? 2 : 1);
  const outputs = score === 'value' ? 1 : score === 'positive' ? 2 : 4;
  const headW = Array.from({ length: outputs * width }, () => rand());
  const headB = Array.from({ length: outputs }, () => rand(0.3));
  const run = refForward(spec, params, x);
  const records: LayerRecords[] = run.gates.map((layer) => Object.fromEntries(Object.entries(layer).map(([name, v]) => [name, v.map((step) => step[0]).flat()])));
  const outputSteps = every ? Array.from({ length: T }, (_, t) => t) : [T - 1];
  const adjoints = outputSteps.map((step) => {
    const { grad, predicted } = outputScoreGradient(score, headW, headB, run.outputs[0][step]);
    return { step, grad, predicted };
  });
  const matrix = connectivityMatrix(stackOf(spec, cell, params), records, T, adjoints);
  const eps = 1e-6;
  let worst = 0;
  let largest = 0;
  adjoints.forEach(({ step, predicted }, row) => {
    for (let k = 0; k < T; k++) {
      let sumSquares = 0;
      for (let c = 0; c < I; c++) {
        const at = (delta: number) => {
          const moved = x.map((seq) => seq.map((v, t) => v.map((value, f) => (t === k && f === c ? value + delta : value))));
          return scoreOf(score, headW, headB, refForward(spec, params, moved).outputs[0][step], predicted);
        };
        sumSquares += ((at(eps) - at(-eps)) / (2 * eps)) ** 2;
      }
      const numeric = Math.sqrt(sumSquares);
      largest = Math.max(largest, numeric);
      worst = Math.max(worst, Math.abs(matrix[row * T + k] - numeric));
    }
  });
  return { worst, largest };
}

describe('connectivityMatrix: ‖∂score_t/∂x_k‖ against central differences of the float64 reference, two layers', () => {
  for (const cell of ['rnn-tanh', 'rnn-relu', 'lstm', 'gru'] as const) {
    it(`${cell}: every output step and input step, the predicted class's centred logit, within 1e-7`, () => {
      const { worst, largest } = checkAgainstFiniteDifferences({ cell, score: 'predicted', every: true });
      expect(largest).toBeGreaterThan(0.01); // not a trivial case
      expect(worst).toBeLessThan(1e-7);
    });
  }

  it('lstm, bidirectional: the later inputs reach an early output through the backward direction', () => {
    const { worst } = checkAgainstFiniteDifferences({ cell: 'lstm', score: 'predicted', every: true, bidirectional: true });
    expect(worst).toBeLessThan(1e-7);
  });

  it('gru, many-to-one: P(positive) at the last step', () => {
    const { worst, largest } = checkAgainstFiniteDifferences({ cell: 'gru', score: 'positive', every: false });
    expect(largest).toBeGreaterThan(1e-3);
    expect(worst).toBeLessThan(1e-7);
  });

  it('rnn-tanh, many-to-one: the forecast value at the last step', () => {
    const { worst } = checkAgainstFiniteDifferences({ cell: 'rnn-tanh', score: 'value', every: false });
    expect(worst).toBeLessThan(1e-7);
  });

  it('a one-directional output has not read the inputs after it: those entries are 0', () => {
    const spec: RefSpec = { mode: 'GRU', inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: false };
    const params = randomRefParams(spec, 3, 0.8);
    const x = [[[0.1, 0.2], [0.3, -0.4], [0.5, 0.6], [-0.7, 0.8]]];
    const run = refForward(spec, params, x);
    const records = run.gates.map((layer) => Object.fromEntries(Object.entries(layer).map(([name, v]) => [name, v.map((step) => step[0]).flat()])));
    const matrix = connectivityMatrix(stackOf(spec, 'gru', params), records, 4, [{ step: 1, grad: [1, 0, 0] }]);
    expect(matrix[2]).toBe(0);
    expect(matrix[3]).toBe(0);
    expect(matrix[0]).toBeGreaterThan(0);
  });
});

describe('encoderDecoderConnectivity: each decoder output against the encoder’s inputs and its own, against central differences of the float64 reference', () => {
  /** The largest difference between the matrix and the differences, and the largest entry, for a two-layer encoder–decoder. */
  function check(cell: CellKind): { worst: number; largest: number; matrix: Float64Array; E: number; D: number } {
    const [E, D, I, H, outputs] = [4, 3, 3, 4, 5];
    const spec: RefSpec = { mode: MODES[cell], inputSize: I, hiddenSize: H, numLayers: 2, bidirectional: false };
    const encoderParams = randomRefParams(spec, 31, 0.8);
    const decoderParams = randomRefParams(spec, 47, 0.8);
    const rand = seeded(11);
    const sequence = (steps: number) => Array.from({ length: steps }, () => Array.from({ length: I }, () => rand()));
    const [encoderInput, decoderInput] = [sequence(E), sequence(D)];
    const headW = Array.from({ length: outputs * H }, () => rand());
    const headB = Array.from({ length: outputs }, () => rand(0.3));
    // the model as PyTorch runs it: the decoder starts from the encoder's final (h, c) of each layer
    const forward = (xe: number[][], xd: number[][]) => {
      const encoder = refForward(spec, encoderParams, [xe]);
      const decoder = refForward(spec, decoderParams, [xd], { h0: encoder.hN, c0: encoder.cN });
      return { encoder, decoder };
    };
    const { encoder, decoder } = forward(encoderInput, decoderInput);
    // the worker's records: one timeline per layer, the encoder's steps, then the decoder's
    const [encoderRecords, decoderRecords] = [recordsOf(encoder.gates), recordsOf(decoder.gates)];
    const records = encoderRecords.map((layer, l) => Object.fromEntries(Object.keys(layer).map((name) => [name, [...(layer[name] as number[]), ...(decoderRecords[l][name] as number[])]])));
    const adjoints = Array.from({ length: D }, (_, step) => ({ step, ...outputScoreGradient('predicted', headW, headB, decoder.outputs[0][step]) }));
    const weights = { encoder: stackOf(spec, cell, encoderParams), decoder: stackOf(spec, cell, decoderParams) };
    const matrix = encoderDecoderConnectivity(weights, records, E, D, adjoints);
    const eps = 1e-6;
    let worst = 0;
    let largest = 0;
    adjoints.forEach(({ step, predicted }, row) => {
      for (let k = 0; k < E + D; k++) {
        let sumSquares = 0;
        for (let c = 0; c < I; c++) {
          const at = (delta: number) => {
            const move = (x: number[][], offset: number) => x.map((v, t) => v.map((value, f) => (t + offset === k && f === c ? value + delta : value)));
            return scoreOf('predicted', headW, headB, forward(move(encoderInput, 0), move(decoderInput, E)).decoder.outputs[0][step], predicted);
          };
          sumSquares += ((at(eps) - at(-eps)) / (2 * eps)) ** 2;
        }
        const numeric = Math.sqrt(sumSquares);
        largest = Math.max(largest, numeric);
        worst = Math.max(worst, Math.abs(matrix[row * (E + D) + k] - numeric));
      }
    });
    return { worst, largest, matrix, E, D };
  }

  for (const cell of ['rnn-tanh', 'rnn-relu', 'lstm', 'gru'] as const) {
    it(`${cell}, two layers: every decoder output against every encoder input and decoder input, within 1e-7`, () => {
      const { worst, largest, matrix, E, D } = check(cell);
      expect(largest).toBeGreaterThan(0.01);
      expect(worst).toBeLessThan(1e-7);
      // every output reads every encoder input (through the hand-off), and no decoder input after its own step
      for (let t = 0; t < D; t++) {
        for (let k = 0; k < E; k++) expect(matrix[t * (E + D) + k]).toBeGreaterThan(0);
        for (let j = t + 1; j < D; j++) expect(matrix[t * (E + D) + E + j]).toBe(0);
      }
    });
  }
});

/**
 * The encoder–decoder model against the float64 reference (src/test/reference64.ts): the encoder's final
 * state starts the decoder, teacher forcing and greedy decoding agree, and ‖∂L/∂h_t‖ across the hand-off
 * matches central finite differences.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, seeded } from '../test/numeric';
import { finiteDiffHidden, randomRefParams, refForward, type HiddenProbe, type RefParams } from '../test/reference64';
import { bptt } from './bptt';
import { activeExecutionPlan } from './kernels/executionPlan';
import { initParams, modelForward } from './model';
import { CELL_KINDS, TORCH_MODE, type CellKind, modelParamInfos, type ModelSpec } from '../shared/spec';

const B = 2;
const ENC = 3;
const DEC = 3;
const E = 3;
const H = 3;
const V = 5;

function specOf(cell: CellKind, numLayers: number): ModelSpec {
  return { rnn: { cell, inputSize: E, hiddenSize: H, numLayers, bidirectional: false, dropout: 0 }, vocabSize: V, outputSize: V - 1, readout: 'decoder', decoderSteps: DEC };
}


/** Reference parameters of the whole model: embedding, encoder, decoder and head, in float64. */
function refModel(cell: CellKind, numLayers: number, seed: number) {
  const refSpec = { mode: TORCH_MODE[cell], inputSize: E, hiddenSize: H, numLayers, bidirectional: false };
  const encoder = randomRefParams(refSpec, seed, 0.7);
  const decoder = randomRefParams(refSpec, seed + 1, 0.7);
  // the embedding (V × E) and the head ((V−1) × H, V−1) from the same kind of seeded values
  const embedding = seeded(V * E, seed + 2, 0.9);
  const headWeight = seeded((V - 1) * H, seed + 3, 0.9);
  const headBias = seeded(V - 1, seed + 4, 0.3);
  return { refSpec, encoder, decoder, embedding, headWeight, headBias };
}

type RefModel = ReturnType<typeof refModel>;

function tfParams(m: RefModel): Record<string, tf.Tensor> {
  const params: Record<string, tf.Tensor> = {
    'embedding.weight': tf.tensor2d(m.embedding, [V, E]),
    'head.weight': tf.tensor2d(m.headWeight, [V - 1, H]),
    'head.bias': tf.tensor1d(m.headBias),
  };
  const add = (prefix: string, p: RefParams) => {
    for (const [name, t] of Object.entries(p)) params[prefix + name] = tf.tensor(Float32Array.from(t.data), t.shape);
  };
  add('rnn.', m.encoder);
  add('decoder.', m.decoder);
  return params;
}

const embedRef = (m: RefModel, ids: number[][]) => ids.map((row) => row.map((id) => m.embedding.slice(id * E, (id + 1) * E)));
const headRef = (m: RefModel, h: number[]) =>
  m.headBias.map((bias, o) => bias + h.reduce((acc, v, k) => acc + v * m.headWeight[o * H + k], 0));

/** The reference encoder–decoder, teacher-forced: logits (B, DEC, V−1). Probes go to the encoder (t < ENC) or decoder. */
function refLogits(m: RefModel, src: number[][], tgtIn: number[][], probe?: HiddenProbe): number[][][] {
  const encProbe = probe && probe.t < ENC ? probe : undefined;
  const decProbe = probe && probe.t >= ENC ? { ...probe, t: probe.t - ENC } : undefined;
  const enc = refForward(m.refSpec, m.encoder, embedRef(m, src), { probe: encProbe });
  const dec = refForward(m.refSpec, m.decoder, embedRef(m, tgtIn), { h0: enc.hN, c0: enc.cN, probe: decProbe });
  return dec.outputs.map((steps) => steps.map((h) => headRef(m, h)));
}


const SRC = [
  [1, 3, 0],
  [2, 2, 1],
];
const TGT_IN = [
  [4, 0, 3],
  [4, 1, 2],
];

describe('encoder–decoder layout', () => {
  it('names its parameters as the PyTorch module (embedding, rnn = encoder, decoder, head) with PyTorch shapes', () => {
    const infos = modelParamInfos(specOf('lstm', 2));
    expect(infos.map((p) => p.name)).toEqual([
      'embedding.weight',
      ...[0, 1].flatMap((l) => [`rnn.weight_ih_l${l}`, `rnn.weight_hh_l${l}`, `rnn.bias_ih_l${l}`, `rnn.bias_hh_l${l}`]),
      ...[0, 1].flatMap((l) => [`decoder.weight_ih_l${l}`, `decoder.weight_hh_l${l}`, `decoder.bias_ih_l${l}`, `decoder.bias_hh_l${l}`]),
      'head.weight',
      'head.bias',
    ]);
    const shapes = Object.fromEntries(infos.map((p) => [p.name, p.shape]));
    expect(shapes['decoder.weight_ih_l0']).toEqual([4 * H, E]);
    expect(shapes['decoder.weight_ih_l1']).toEqual([4 * H, H]);
    expect(shapes['head.weight']).toEqual([V - 1, H]);
    // every W_hh gets the init gain, the decoder's too
    const plain = initParams(specOf('gru', 1), 5);
    const scaled = initParams(specOf('gru', 1), 5, 2);
    expect(Array.from(scaled['decoder.weight_hh_l0'])).toEqual(Array.from(plain['decoder.weight_hh_l0'], (v) => Math.fround(2 * v)));
    expect(Array.from(scaled['decoder.weight_ih_l0'])).toEqual(Array.from(plain['decoder.weight_ih_l0']));
  });
});

describe.each(CELL_KINDS)('%s encoder–decoder against the float64 reference', (cell) => {
  const layers = cell === 'lstm' || cell === 'gru' ? 2 : 1;
  const m = refModel(cell, layers, 40 + layers);
  const spec = specOf(cell, layers);
  const input = SRC.map((row, b) => [...row, ...TGT_IN[b]]);

  it('teacher forcing: the decoder starts from the encoder’s final state (h, and c for LSTM) and reads the given tokens', () => {
    tf.tidy(() => {
      const out = modelForward(spec, tfParams(m), tf.tensor2d(input, [B, ENC + DEC], 'int32'), { record: true, plan: activeExecutionPlan() });
      expect(out.prediction.shape).toEqual([B, DEC, V - 1]);
      expectClose(out.prediction.dataSync(), refLogits(m, SRC, TGT_IN).flat(2), 3e-6);
      // the recorded timeline is the encoder's steps, then the decoder's
      expect(out.rnn.output.shape).toEqual([B, ENC + DEC, H]);
      expect(out.rnn.records![0].h.shape).toEqual([ENC + DEC, B, H]);
    });
  });

  it('greedy decoding reads its own argmax: the same logits as teacher forcing on those tokens', () => {
    tf.tidy(() => {
      const params = tfParams(m);
      const greedy = modelForward(spec, params, tf.tensor2d(input, [B, ENC + DEC], 'int32'), { greedy: true, plan: activeExecutionPlan() }).prediction;
      const logits = greedy.arraySync() as number[][][];
      const written = logits.map((steps) => steps.map((row) => row.indexOf(Math.max(...row))));
      // feed [start, w₁, w₂] as the teacher would have
      const fed = written.map((w, b) => [TGT_IN[b][0], ...w.slice(0, DEC - 1)]);
      expectClose(greedy.dataSync(), refLogits(m, SRC, fed).flat(2), 3e-6);
    });
  });

  it('‖∂L/∂h_t‖ over encoder and decoder steps matches finite differences (the gradient crosses the hand-off)', () => {
    const w = Array.from({ length: B * DEC * (V - 1) }, (_, k) => Math.sin(1.7 * k + 0.3));
    const lossOf = (probe?: HiddenProbe) => refLogits(m, SRC, TGT_IN, probe).flat(2).reduce((acc, v, k) => acc + v * w[k], 0);
    const expected: number[] = [];
    for (let layer = 0; layer < layers; layer++)
      for (let t = 0; t < ENC + DEC; t++) {
        let sq = 0;
        for (let b = 0; b < B; b++) for (let unit = 0; unit < H; unit++) sq += finiteDiffHidden(lossOf, { layer, direction: 0, t, batch: b, unit }) ** 2;
        expected.push(Math.sqrt(sq));
      }
    tf.tidy(() => {
      const ids = tf.tensor2d(input, [B, ENC + DEC], 'int32');
      const weights = tf.tensor3d(w, [B, DEC, V - 1]);
      const result = bptt(
        tfParams(m),
        { layerDirs: layers, steps: ENC + DEC, batch: B, hidden: H },
        (p, probes) => tf.sum(tf.mul(modelForward(spec, p, ids, { probes, plan: activeExecutionPlan() }).prediction, weights)) as tf.Scalar,
        { mode: 'off', threshold: 1 },
      );
      expectClose(result.hiddenGradNorms.dataSync(), expected, 3e-5, 2e-3);
      // the encoder's steps do receive gradient, through the state alone
      expect(expected[ENC - 1]).toBeGreaterThan(1e-3);
      expect(result.grads['rnn.weight_hh_l0'].dataSync().some((v) => v !== 0)).toBe(true);
    });
  });
});

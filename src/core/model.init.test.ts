/** W_hh's initialisation (issue #16): PyTorch's default unchanged, orthogonal and identity per gate block, times the gain. */
import { describe, expect, it } from 'vitest';
import { initParams } from './model';
import { CELL_KINDS, type CellKind, type ModelSpec } from '../shared/spec';

const H = 5;
const lstmSpec: ModelSpec = { rnn: { cell: 'lstm', inputSize: 1, hiddenSize: 4, numLayers: 2, bidirectional: false, dropout: 0 }, outputSize: 1, readout: 'last' };

function seq2seqSpec(cell: CellKind): ModelSpec {
  return { rnn: { cell, inputSize: 3, hiddenSize: H, numLayers: 2, bidirectional: false, dropout: 0 }, vocabSize: 5, outputSize: 4, readout: 'decoder', decoderSteps: 3 };
}

const recurrentNames = (values: Record<string, Float32Array>) => Object.keys(values).filter((name) => /weight_hh/.test(name));

describe('initParams: W_hh initialisation', () => {
  it('default: the weights every seed gave before the setting existed', () => {
    const values = initParams(lstmSpec, 1);
    expect(Array.from(values['rnn.weight_ih_l0'].slice(0, 3))).toEqual([-0.31032270193099976, -0.18221236765384674, 0.2830808162689209]);
    expect(Array.from(values['rnn.weight_hh_l0'].slice(0, 3))).toEqual([0.4857789874076843, -0.18094146251678467, -0.12846605479717255]);
    expect(Array.from(values['rnn.weight_hh_l1'].slice(0, 3))).toEqual([0.40398645401000977, -0.28622961044311523, 0.26291123032569885]);
    expect(Array.from(values['head.weight'].slice(0, 3))).toEqual([0.11287707090377808, 0.28754058480262756, 0.01777028851211071]);
    expect(initParams(lstmSpec, 1, 1, 'default')).toEqual(values);
  });

  it.each(CELL_KINDS)('%s orthogonal: each gate block’s WᵀW = gain²·I (encoder and decoder), seeded, the rest as the default', (cell) => {
    const gain = 1.5;
    const values = initParams(seq2seqSpec(cell), 3, gain, 'orthogonal');
    const names = recurrentNames(values);
    expect(names).toHaveLength(4);
    let worst = 0;
    for (const name of names) {
      const w = values[name];
      for (let start = 0; start < w.length; start += H * H)
        for (let i = 0; i < H; i++)
          for (let j = 0; j < H; j++) {
            let dot = 0;
            for (let k = 0; k < H; k++) dot += w[start + k * H + i] * w[start + k * H + j];
            worst = Math.max(worst, Math.abs(dot - (i === j ? gain * gain : 0)));
          }
    }
    expect(worst).toBeLessThan(1e-5);
    expect(initParams(seq2seqSpec(cell), 3, gain, 'orthogonal')).toEqual(values);
    expect(initParams(seq2seqSpec(cell), 4, gain, 'orthogonal')['rnn.weight_hh_l0']).not.toEqual(values['rnn.weight_hh_l0']);
    // not the identity in disguise: the blocks of one W_hh differ
    expect(values['rnn.weight_hh_l0'].slice(0, H * H)).not.toEqual(values['rnn.weight_hh_l1'].slice(0, H * H));
    const plain = initParams(seq2seqSpec(cell), 3, gain);
    for (const name of Object.keys(plain)) if (!names.includes(name)) expect(values[name]).toEqual(plain[name]);
  });

  it('identity: gain on every gate block’s diagonal, 0 elsewhere, exactly', () => {
    const values = initParams(seq2seqSpec('lstm'), 2, 0.5, 'identity');
    for (const name of recurrentNames(values)) {
      const expected = Array.from({ length: 4 * H * H }, (_, k) => (Math.floor(k / H) % H === k % H ? 0.5 : 0));
      expect(Array.from(values[name])).toEqual(expected);
    }
  });
});

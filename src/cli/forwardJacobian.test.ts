/**
 * Issue #16's two command-line contracts, as users call them: `train --init default|orthogonal|identity` (the
 * file records it) and `forward --jacobian` (top singular values of the top layer's ∂s_t/∂s_{t−1}), checked
 * against central differences of the float64 reference.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initParams } from '../core/model';
import { topSingularValues } from '../core/linalg';
import { decodeModel, encodeModel } from '../io/modelFile';
import { modelParamInfos, type ModelSpec } from '../shared/spec';
import { finiteDiffStepJacobian, type RefParams, type RefSpec } from '../test/reference64';
import { parseTrainArgs, trainHelp } from './train';

const dir = mkdtempSync(join(tmpdir(), 'unrolled-jacobian-'));

function cli(...args: string[]) {
  const result = spawnSync('npm', ['run', 'cli', '--', ...args], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  const lines = result.stdout.trim().split('\n');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, last: lines[lines.length - 1] };
}

const H = 4;
const modelPath = join(dir, 'lstm-orthogonal.safetensors');

describe('train --init', () => {
  it('parses the flag, --help lists it, and a bad value is refused with the choices', () => {
    expect(parseTrainArgs(['--init', 'identity', '--cell', 'rnn-relu']).config).toMatchObject({ recurrentInit: 'identity', cell: 'rnn-relu' });
    expect(parseTrainArgs([]).config.recurrentInit).toBe('default');
    expect(() => parseTrainArgs(['--init', 'xavier'])).toThrow(/W_hh init must be one of default, orthogonal, identity; got "xavier"/);
    expect(trainHelp()).toMatch(/--init default\|orthogonal\|identity +W_hh init \(default default\)/);
  });

  it('writes orthogonal gate blocks times the gain, and records init in the metadata and the summary', () => {
    const run = cli('train', '--task', 'sine', '--cell', 'lstm', '--hidden', String(H), '--layers', '2', '--init', 'orthogonal', '--init-gain', '1.2', '--steps', '0', '--seed', '3', '--out', modelPath);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.last)).toMatchObject({ init: 'orthogonal', steps: 0 });
    const file = decodeModel(new Uint8Array(readFileSync(modelPath)));
    expect(file.metadata.init).toBe('orthogonal');
    expect(JSON.parse(file.metadata.unrolled_config)).toMatchObject({ recurrentInit: 'orthogonal', recurrentInitGain: 1.2 });
    let worst = 0;
    for (const name of ['rnn.weight_hh_l0', 'rnn.weight_hh_l1']) {
      const w = file.weights[name];
      for (let start = 0; start < w.length; start += H * H)
        for (let i = 0; i < H; i++)
          for (let j = 0; j < H; j++) {
            let dot = 0;
            for (let k = 0; k < H; k++) dot += w[start + k * H + i] * w[start + k * H + j];
            worst = Math.max(worst, Math.abs(dot - (i === j ? 1.44 : 0)));
          }
    }
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('forward --jacobian', () => {
  it('adds jacobianSingularValues (batch, T, min(3, H)) of the top layer’s [h; c] map, as finite differences of the float64 reference give them; the rest unchanged', () => {
    const x = [
      [[0.3], [-0.8], [0.5], [1.0], [0.1]],
      [[-1.0], [0.4], [0.9], [-0.2], [0.6]],
    ];
    const state = (seed: number) => Array.from({ length: 2 }, (_, l) => Array.from({ length: 2 }, (_, b) => Array.from({ length: H }, (_, j) => Math.sin(seed + 3 * l + 5 * b + j) * 0.6)));
    const h0 = state(1);
    const c0 = state(2);
    const inputPath = join(dir, 'x.json');
    writeFileSync(inputPath, JSON.stringify({ x, h0, c0 }));
    const plain = cli('forward', '--weights', modelPath, '--input', inputPath);
    const outPath = join(dir, 'out.json');
    const run = cli('forward', '--weights', modelPath, '--input', inputPath, '--jacobian', '--out', outPath);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(readFileSync(outPath, 'utf8'));
    expect(Object.keys(out).sort()).toEqual(['c_n', 'h_n', 'jacobianSingularValues', 'outputs']);
    const { jacobianSingularValues: values, ...rest } = out;
    expect(rest).toEqual(JSON.parse(plain.last));
    expect([values.length, values[0].length, values[0][0].length]).toEqual([2, 5, 3]);

    const file = decodeModel(new Uint8Array(readFileSync(modelPath)));
    const shapes = Object.fromEntries(modelParamInfos(file.spec).map(({ name, shape }) => [name, shape]));
    const params: RefParams = {};
    for (const [name, data] of Object.entries(file.weights)) if (name.startsWith('rnn.')) params[name.slice(4)] = { shape: shapes[name], data: Float64Array.from(data) };
    const refSpec: RefSpec = { mode: 'LSTM', inputSize: 1, hiddenSize: H, numLayers: 2, bidirectional: false };
    let worst = 0;
    for (let b = 0; b < 2; b++)
      for (let t = 0; t < 5; t++) {
        const numeric = topSingularValues(finiteDiffStepJacobian(refSpec, params, x, { layer: 1, t, batch: b }, { h0, c0 }), 2 * H, 2 * H, 3);
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(values[b][t][k] - numeric[k]));
      }
    // float32 gates from tfjs against float64 differences
    expect(worst).toBeLessThan(1e-5);
  });

  it('refuses a bidirectional network with a message, exit code 2', () => {
    const spec: ModelSpec = { rnn: { cell: 'gru', inputSize: 1, hiddenSize: 3, numLayers: 1, bidirectional: true, dropout: 0 }, outputSize: 1, readout: 'last' };
    const path = join(dir, 'bidirectional.safetensors');
    writeFileSync(path, encodeModel(spec, initParams(spec, 1), { task: 'sine' }));
    const inputPath = join(dir, 'x1.json');
    writeFileSync(inputPath, JSON.stringify({ x: [[[0.5], [0.1]]] }));
    const run = cli('forward', '--weights', path, '--input', inputPath, '--jacobian');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--jacobian needs a one-directional network: this one is bidirectional/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(cli('forward', '--weights', path, '--input', inputPath).code).toBe(0);
  });
});

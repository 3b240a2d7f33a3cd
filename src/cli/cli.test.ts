/** The command line exactly as users call it: `npm run cli -- …`, checked against the float64 reference. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../io/modelFile';
import { finiteDiffHidden, refForward, type RefParams, type RefSpec } from '../test/reference64';
import { modelParamInfos } from '../shared/spec';

const dir = mkdtempSync(join(tmpdir(), 'unrolled-cli-'));

function cli(...args: string[]) {
  const result = spawnSync('npm', ['run', 'cli', '--', ...args], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  const lines = result.stdout.trim().split('\n');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, last: lines[lines.length - 1] };
}

function refParamsOf(weights: Record<string, Float32Array>, shapes: Record<string, number[]>): RefParams {
  const out: RefParams = {};
  for (const [name, data] of Object.entries(weights)) if (name.startsWith('rnn.')) out[name.slice(4)] = { shape: shapes[name], data: Float64Array.from(data) };
  return out;
}

describe('npm run cli', () => {
  const modelPath = join(dir, 'gru.safetensors');
  let summary: Record<string, unknown>;

  it('train: learns the sine task, shows progress, writes the model, and prints a JSON summary last', () => {
    const run = cli('train', '--task', 'sine', '--cell', 'gru', '--hidden', '8', '--layers', '2', '--steps', '120', '--lr', '0.02', '--seed', '3', '--out', modelPath);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/step 120\/120 · loss/);
    summary = JSON.parse(run.last);
    expect(summary).toMatchObject({ task: 'sine', cell: 'gru', steps: 120, hidden: 8, layers: 2, lr: 0.02, seed: 3, clipMode: 'off' });
    expect(summary.loss as number).toBeLessThan(summary.initialLoss as number);
    expect(summary.mse as number).toBeLessThan((summary.baselineMse as number) / 5);
    const file = decodeModel(new Uint8Array(readFileSync(modelPath)));
    expect(file.spec.rnn).toMatchObject({ cell: 'gru', hiddenSize: 8, numLayers: 2, inputSize: 1 });
    expect(file.metadata).toMatchObject({ task: 'sine', mode: 'GRU', step: '120' });
  });

  it('forward --grad: outputs, h_n and ‖∂L/∂h_t‖ agree with the float64 reference and finite differences', () => {
    const x = [
      [[0.1], [0.5], [0.9], [0.2], [-0.4]],
      [[1.0], [0.0], [-1.0], [0.3], [0.7]],
    ];
    const inputPath = join(dir, 'x.json');
    writeFileSync(inputPath, JSON.stringify({ x }));
    const run = cli('forward', '--weights', modelPath, '--input', inputPath, '--grad');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.last);
    expect(Object.keys(out).sort()).toEqual(['h_n', 'hiddenGradNorms', 'outputs']);

    const file = decodeModel(new Uint8Array(readFileSync(modelPath)));
    const shapes = Object.fromEntries(modelParamInfos(file.spec).map(({ name, shape }) => [name, shape]));
    const refSpec: RefSpec = { mode: 'GRU', inputSize: 1, hiddenSize: 8, numLayers: 2, bidirectional: false };
    const params = refParamsOf(file.weights, shapes);
    const ref = refForward(refSpec, params, x);
    expect(out.outputs.flat(2)).toEqual(ref.outputs.flat(2).map((v) => expect.closeTo(v, 5)));
    expect(out.h_n.flat(2)).toEqual(ref.hN.flat(2).map((v) => expect.closeTo(v, 5)));
    const sumOut = (probe?: Parameters<typeof finiteDiffHidden>[0] extends (p: infer P) => number ? P : never) =>
      refForward(refSpec, params, x, { probe }).outputs.flat(2).reduce((a, v) => a + v, 0);
    const expected = x[0].map((_, t) => {
      let sq = 0;
      for (let b = 0; b < 2; b++) for (let unit = 0; unit < 8; unit++) sq += finiteDiffHidden(sumOut, { layer: 1, direction: 0, t, batch: b, unit }) ** 2;
      return Math.sqrt(sq);
    });
    expect(out.hiddenGradNorms).toEqual(expected.map((v) => expect.closeTo(v, 3)));
  });

  it('forward --out on a PyTorch-written LSTM file: c_n too, written to the file', () => {
    const inputPath = join(dir, 'x3.json');
    const outPath = join(dir, 'out.json');
    writeFileSync(inputPath, JSON.stringify({ x: [[[1, 0, -1], [0.5, 0.5, 0.5]]] }));
    const run = cli('forward', '--weights', 'src/io/fixtures/torch_lstm_2layer.safetensors', '--input', inputPath, '--out', outPath);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(readFileSync(outPath, 'utf8'));
    expect([out.outputs.length, out.outputs[0].length, out.outputs[0][0].length]).toEqual([1, 2, 4]);
    expect([out.h_n.length, out.h_n[0].length, out.h_n[0][0].length]).toEqual([2, 1, 4]);
    expect([out.c_n.length, out.c_n[0].length, out.c_n[0][0].length]).toEqual([2, 1, 4]);
    // the last output is the top layer's final hidden state
    expect(out.outputs[0][1]).toEqual(out.h_n[1][0]);
    expect(out.hiddenGradNorms).toBeUndefined();
  });

  it('refuses bad input with a clear message and exit code 2', () => {
    const inputPath = join(dir, 'bad.json');
    writeFileSync(inputPath, JSON.stringify({ x: [[[1, 2]]] }));
    const wrongFeatures = cli('forward', '--weights', modelPath, '--input', inputPath);
    expect(wrongFeatures.code).toBe(2);
    expect(wrongFeatures.stderr).toMatch(/x has 2 features per step but the network's input_size is 1/);

    const truncated = join(dir, 'truncated.safetensors');
    writeFileSync(truncated, readFileSync(modelPath).subarray(0, 200));
    const bad = cli('forward', '--weights', truncated, '--input', inputPath);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: /);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);

    const badFlag = cli('train', '--task', 'sine', '--cell', 'transformer', '--out', join(dir, 'x.safetensors'));
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Cell must be one of lstm, gru, rnn-tanh, rnn-relu/);
  });

  it('presets: explode diverges without clipping and stays finite with it on the same seed; divergence is a result (exit 0)', () => {
    const off = cli('train', '--preset', 'explode', '--steps', '60', '--out', join(dir, 'explode.safetensors'));
    expect(off.code, off.stderr).toBe(0);
    const a = JSON.parse(off.last);
    expect(a).toMatchObject({ preset: 'explode', cell: 'rnn-relu', clipMode: 'off', diverged: true, out: null });
    expect(a.divergedAtStep).toBeGreaterThan(0);
    expect(a.divergedAtStep).toBeLessThan(60);
    expect(off.stderr).toMatch(new RegExp(`Diverged at step ${a.divergedAtStep}: the (loss|gradient norm)`));

    const on = cli('train', '--preset', 'explode', '--clip-mode', 'norm', '--steps', '60', '--out', join(dir, 'explode.safetensors'));
    expect(on.code, on.stderr).toBe(0);
    const b = JSON.parse(on.last);
    expect(b).toMatchObject({ preset: 'explode', clipMode: 'norm', clip: 0.1, diverged: false, steps: 60, seed: a.seed });
    expect(Number.isFinite(b.loss)).toBe(true);
    expect(b.mse).toBeLessThan(b.baselineMse);

    const unknown = cli('train', '--preset', 'implode', '--out', join(dir, 'x.safetensors'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown preset "implode": choose one of explode, vanish, remember/);
  });

  // eight short trainings, one process each: give them more than the default minute on a busy machine
  it('every task learns at a small size: its metric beats the trivial baseline, and its JSON has its baselines', { timeout: 240_000 }, () => {
    const co2 = cli('train', '--task', 'co2', '--cell', 'gru', '--hidden', '8', '--steps', '150', '--seq-len', '12', '--out', join(dir, 'co2.safetensors'));
    expect(co2.code, co2.stderr).toBe(0);
    const a = JSON.parse(co2.last);
    expect(a.task).toBe('co2');
    expect(a.mse).toBeLessThan(a.baselineMse / 10);
    expect(a.rmsePpm).toBeGreaterThan(0);
    // reading the month-to-month changes, even this small GRU beats repeating last month's value
    expect(Object.keys(a.baselines)).toEqual(['mean', 'persistence', 'seasonalNaive']);
    expect(Object.keys(a.baselinesRmsePpm)).toEqual(['mean', 'persistence', 'seasonalNaive']);
    expect(a.rmsePpm).toBeLessThan(a.baselinesRmsePpm.persistence);
    expect(a.skillVsPersistence).toBeGreaterThan(0);

    const memory = cli('train', '--task', 'memory', '--cell', 'gru', '--hidden', '16', '--seq-len', '6', '--steps', '150', '--out', join(dir, 'memory.safetensors'));
    expect(memory.code, memory.stderr).toBe(0);
    const b = JSON.parse(memory.last);
    expect(b).toMatchObject({ task: 'memory', baselineAccuracy: 0.25, baselines: { chance: 0.25 } });
    expect(b.accuracy).toBeGreaterThan(0.8);

    const everyStep = JSON.parse(cli('train', '--task', 'sine', '--predict', 'every', '--steps', '150', '--out', join(dir, 'sine-every.safetensors')).last);
    expect(everyStep.mse).toBeLessThan(everyStep.baselineMse / 10);
    expect(Object.keys(everyStep.baselines)).toEqual(['mean', 'persistence']);
    expect(everyStep.skillVsPersistence).toBeGreaterThan(0);

    // why gates matter: at lag 40 the tanh RNN stays near chance where the LSTM remembers
    const rnn = JSON.parse(cli('train', '--preset', 'remember', '--steps', '400', '--out', join(dir, 'remember-rnn.safetensors')).last);
    const lstm = JSON.parse(cli('train', '--preset', 'remember', '--cell', 'lstm', '--steps', '400', '--out', join(dir, 'remember-lstm.safetensors')).last);
    expect(rnn).toMatchObject({ task: 'memory', cell: 'rnn-tanh', baselineAccuracy: 0.25 });
    expect(rnn.accuracy).toBeLessThan(0.4);
    expect(lstm.accuracy).toBeGreaterThan(0.9);

    const sentiment = cli('train', '--task', 'sentiment', '--cell', 'gru', '--hidden', '16', '--seq-len', '12', '--steps', '100', '--out', join(dir, 'sentiment.safetensors'));
    expect(sentiment.code, sentiment.stderr).toBe(0);
    const d = JSON.parse(sentiment.last);
    expect(d.task).toBe('sentiment');
    expect(d.accuracy).toBeGreaterThan(d.baselineAccuracy + 0.2);
    // on the generated reviews word order decides: the recurrent net beats a bag of words, not only chance
    expect(Object.keys(d.baselines)).toEqual(['chance', 'bagOfWords']);
    expect(d.accuracy).toBeGreaterThan(d.baselines.bagOfWords + 0.2);

    const chargen = cli('train', '--task', 'chargen', '--cell', 'lstm', '--hidden', '32', '--seq-len', '32', '--lr', '0.03', '--steps', '100', '--out', join(dir, 'chargen.safetensors'));
    expect(chargen.code, chargen.stderr).toBe(0);
    const c = JSON.parse(chargen.last);
    expect(c.task).toBe('chargen');
    expect(c.bitsPerChar).toBeLessThan(c.baselineBitsPerChar - 0.5);
    expect(c.baselines.unigram).toBeCloseTo(c.baselineBitsPerChar, 6);
    expect(c.baselines.bigram).toBeLessThan(c.baselines.unigram);
    const file = decodeModel(new Uint8Array(readFileSync(join(dir, 'chargen.safetensors'))));
    expect(file.spec.vocabSize).toBe(JSON.parse(file.metadata.vocab).length);

    const reverse = cli('train', '--task', 'reverse', '--cell', 'lstm', '--hidden', '16', '--digits', '3', '--steps', '250', '--out', join(dir, 'reverse.safetensors'));
    expect(reverse.code, reverse.stderr).toBe(0);
    const r = JSON.parse(reverse.last);
    expect(r).toMatchObject({ task: 'reverse', baselineDigitAccuracy: 0.1 });
    expect(r.baselines.chance).toBeCloseTo(1e-3, 12);
    expect(r.accuracy).toBeGreaterThan(0.8);
    // the export holds the encoder (rnn.*) and the decoder (decoder.*) and says how many digits it writes
    const seq2seq = decodeModel(new Uint8Array(readFileSync(join(dir, 'reverse.safetensors'))));
    expect(seq2seq.spec).toMatchObject({ readout: 'decoder', decoderSteps: 3, vocabSize: 11, outputSize: 10 });
    expect(Object.keys(seq2seq.weights)).toContain('decoder.weight_hh_l0');
  });
});


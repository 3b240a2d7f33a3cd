import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { topSingularValues } from '../core/linalg';
import { Trainer } from '../core/trainer';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { directions, type CellKind } from '../shared/spec';
import { finiteDiffStepJacobian, refForward, type RefMode, type RefParams, type RefSpec } from '../test/reference64';
import { loadTaskData, TASKS } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { connectivityValues, DeeperReadings, jacobianValues, outputScoreOf, probePass, replacementShares, stepsWithin } from './deeperReadings';
import { predictedDigits, reverseBatch } from '../tasks/reverse';
import { frameTransferables } from './frameBuilder';
import { RunSession } from './runSession';

const MODES: Record<CellKind, RefMode> = { 'rnn-tanh': 'RNN_TANH', 'rnn-relu': 'RNN_RELU', lstm: 'LSTM', gru: 'GRU' };

/** The trainer's recurrent stack (`prefix` 'rnn.', or an encoder–decoder's 'decoder.') as the float64 reference takes it. */
async function reference(trainer: Trainer<Task>, prefix = 'rnn.'): Promise<{ spec: RefSpec; params: RefParams; weights: Record<string, Float32Array> }> {
  const { rnn } = trainer.spec;
  const weights = await trainer.weights();
  const params: RefParams = {};
  for (const info of trainer.paramNames) {
    if (!info.startsWith(prefix)) continue;
    const name = info.slice(prefix.length);
    const rows = /weight_hh|weight_ih/.test(name) ? weights[info].length / (name.startsWith('weight_ih_l0') ? rnn.inputSize : name.startsWith('weight_ih') ? rnn.hiddenSize * directions(rnn) : rnn.hiddenSize) : weights[info].length;
    const shape = name.startsWith('bias') ? [rows] : [rows, weights[info].length / rows];
    params[name] = { shape, data: Float64Array.from(weights[info]) };
  }
  return { spec: { mode: MODES[rnn.cell], inputSize: rnn.inputSize, hiddenSize: rnn.hiddenSize, numLayers: rnn.numLayers, bidirectional: rnn.bidirectional }, params, weights };
}

/** The probe's layer-0 input as (1, T, I) numbers: the features, or the embedded tokens. */
function probeInput(trainer: Trainer<Task>, weights: Record<string, Float32Array>): number[][][] {
  const { probe } = trainer.task;
  const [, steps] = probe.inputShape;
  const width = trainer.spec.rnn.inputSize;
  const embedding = weights['embedding.weight'];
  return [Array.from({ length: steps }, (_, t) => Array.from({ length: width }, (_, c) => (embedding ? embedding[probe.input[t] * width + c] : probe.input[t * width + c])))];
}

/** A small trained-a-little run of a task. */
async function smallRun(overrides: Partial<TrainConfig>, data = {}): Promise<Trainer<Task>> {
  const config: TrainConfig = { ...defaultConfig(), hiddenSize: 4, numLayers: 2, batchSize: 4, learningRate: 0.05, ...overrides };
  const trainer = new Trainer<Task>(config, TASKS[config.task](config, data));
  for (let s = 0; s < 3; s++) await trainer.trainStep();
  return trainer;
}

describe('the worker’s Jacobian and connectivity readings against finite differences of the float64 reference (two layers)', () => {
  for (const cell of ['rnn-tanh', 'rnn-relu', 'lstm', 'gru'] as const) {
    it(`${cell}, the memory task: each step's top singular values, the running product's norm, and ‖∂ŷ/∂x_k‖`, async () => {
      const trainer = await smallRun({ task: 'memory', cell, sequenceLength: 6 });
      const { spec, params, weights } = await reference(trainer);
      const x = probeInput(trainer, weights);
      const pass = await probePass(trainer);
      const jacobian = jacobianValues(pass);
      const T = pass.steps;
      const size = jacobian.stateSize;
      // the product J_{T−1} ⋯ J_{t+1} of the reference's Jacobians, built from the last step back
      let product: number[] = Array.from({ length: size * size }, (_, k) => (k % (size + 1) === 0 ? 1 : 0));
      for (let t = T - 1; t >= 0; t--) {
        const numeric = finiteDiffStepJacobian(spec, params, x, { layer: 1, t, batch: 0 });
        const values = topSingularValues(numeric, size, size, 3);
        for (let k = 0; k < 3; k++) expect(jacobian.singularValues[t * 3 + k]).toBeCloseTo(values[k], 4);
        expect(jacobian.productNorms[t]).toBeCloseTo(topSingularValues(product, size, size, 1)[0], 4);
        const next = new Array<number>(size * size).fill(0);
        for (let r = 0; r < size; r++) for (let m = 0; m < size; m++) for (let c = 0; c < size; c++) next[r * size + c] += product[r * size + m] * numeric[m * size + c];
        product = next;
      }
      expect(jacobian.singularValues[0]).toBeGreaterThan(0.01);
      if (cell.startsWith('rnn')) {
        const h = refForward(spec, params, x).gates[1].h;
        const slopes = h.map((step) => step[0].map((v) => (cell === 'rnn-tanh' ? 1 - v * v : v > 0 ? 1 : 0)));
        slopes.forEach((s, t) => expect(jacobian.slopeMean![t]).toBeCloseTo(s.reduce((a, b) => a + b, 0) / s.length, 5));
        expect(jacobian.recurrentSigmaMax).toBeCloseTo(topSingularValues(params.weight_hh_l1.data, 4, 4, 1)[0], 5);
      } else expect(jacobian.slopeMean).toBeUndefined();

      // connectivity: the predicted class's logit less the mean logit, at the last step
      const connectivity = connectivityValues(pass, outputScoreOf('memory', trainer.spec.outputSize));
      expect(connectivity.score).toBe('predicted');
      expect(connectivity.outputSteps).toEqual([T - 1]);
      const head = weights['head.weight'];
      const outputs = trainer.spec.outputSize;
      const score = (input: number[][][]) => {
        const f = refForward(spec, params, input).outputs[0][T - 1];
        const logits = Array.from({ length: outputs }, (_, o) => f.reduce((sum, v, c) => sum + head[o * f.length + c] * v, weights['head.bias'][o]));
        return logits[connectivity.predicted![0]] - logits.reduce((a, b) => a + b, 0) / outputs;
      };
      const eps = 1e-6;
      for (let k = 0; k < T; k++) {
        let sum = 0;
        for (let c = 0; c < spec.inputSize; c++) {
          const moved = (delta: number) => x.map((seq) => seq.map((v, t) => v.map((value, f) => (t === k && f === c ? value + delta : value))));
          sum += ((score(moved(eps)) - score(moved(-eps))) / (2 * eps)) ** 2;
        }
        expect(connectivity.values[k]).toBeCloseTo(Math.sqrt(sum), 4);
      }
      trainer.dispose();
    });
  }

  it('sentiment (tokens): each word’s influence on P(positive), taken on its embedded vector', async () => {
    const data = await loadTaskData('sentiment', readDataFile);
    const trainer = await smallRun({ task: 'sentiment', cell: 'gru' }, data);
    const { spec, params, weights } = await reference(trainer);
    const x = probeInput(trainer, weights);
    const connectivity = connectivityValues(await probePass(trainer), outputScoreOf('sentiment', 2));
    expect(connectivity.score).toBe('positive');
    const T = x[0].length;
    const positive = (input: number[][][]) => {
      const f = refForward(spec, params, input).outputs[0][T - 1];
      const logit = (o: number) => f.reduce((sum, v, c) => sum + weights['head.weight'][o * f.length + c] * v, weights['head.bias'][o]);
      return 1 / (1 + Math.exp(logit(0) - logit(1)));
    };
    const eps = 1e-6;
    for (let k = 0; k < T; k++) {
      let sum = 0;
      for (let c = 0; c < spec.inputSize; c++) {
        const moved = (delta: number) => x.map((seq) => seq.map((v, t) => v.map((value, f) => (t === k && f === c ? value + delta : value))));
        sum += ((positive(moved(eps)) - positive(moved(-eps))) / (2 * eps)) ** 2;
      }
      expect(connectivity.values[k]).toBeCloseTo(Math.sqrt(sum), 5);
    }
    trainer.dispose();
  });

  it('sine, predicting every step: one row per output step, zero above the diagonal', async () => {
    const trainer = await smallRun({ task: 'sine', cell: 'lstm', sequenceLength: 5, forecastTarget: 'every' });
    const connectivity = connectivityValues(await probePass(trainer), outputScoreOf('sine', 1));
    expect(connectivity.score).toBe('value');
    expect(connectivity.outputSteps).toEqual([0, 1, 2, 3, 4]);
    for (let t = 0; t < 5; t++) {
      expect(connectivity.values[t * 5 + t]).toBeGreaterThan(0);
      for (let k = t + 1; k < 5; k++) expect(connectivity.values[t * 5 + k]).toBe(0);
    }
    trainer.dispose();
  });
});

describe('the encoder–decoder’s connectivity against finite differences of the float64 reference (two layers)', () => {
  for (const cell of ['lstm', 'gru'] as const) {
    it(`${cell}, reverse digits: each decoder output against the embedded encoder digits and the decoder's own inputs`, async () => {
      const trainer = await smallRun({ task: 'reverse', cell, reverseDigits: 3 });
      const encoder = await reference(trainer);
      const decoder = await reference(trainer, 'decoder.');
      const { weights } = encoder;
      const x = probeInput(trainer, weights)[0];
      const connectivity = connectivityValues(await probePass(trainer), outputScoreOf('reverse', trainer.spec.outputSize));
      const [E, D] = [3, 3];
      expect(x).toHaveLength(E + D);
      expect(connectivity).toMatchObject({ score: 'predicted', encoderSteps: E, outputSteps: [3, 4, 5] });
      expect(connectivity.values).toHaveLength(D * (E + D));
      // the decoder's output t, as PyTorch computes it: the decoder starts from the encoder's final (h, c)
      const head = weights['head.weight'];
      const outputs = trainer.spec.outputSize;
      const score = (input: number[][], t: number) => {
        const run = refForward(encoder.spec, encoder.params, [input.slice(0, E)]);
        const f = refForward(decoder.spec, decoder.params, [input.slice(E)], { h0: run.hN, c0: run.cN }).outputs[0][t];
        const logits = Array.from({ length: outputs }, (_, o) => f.reduce((sum, v, c) => sum + head[o * f.length + c] * v, weights['head.bias'][o]));
        return logits[connectivity.predicted![t]] - logits.reduce((a, b) => a + b, 0) / outputs;
      };
      const eps = 1e-6;
      for (let t = 0; t < D; t++) {
        for (let k = 0; k < E + D; k++) {
          let sum = 0;
          for (let c = 0; c < x[0].length; c++) {
            const moved = (delta: number) => x.map((v, step) => v.map((value, f) => (step === k && f === c ? value + delta : value)));
            sum += ((score(moved(eps), t) - score(moved(-eps), t)) / (2 * eps)) ** 2;
          }
          expect(connectivity.values[t * (E + D) + k]).toBeCloseTo(Math.sqrt(sum), 4);
          if (k < E) expect(connectivity.values[t * (E + D) + k]).toBeGreaterThan(1e-6);
        }
      }
      trainer.dispose();
    });
  }
});

describe('the encoder–decoder’s replacements: what putting another digit at x_k changes', () => {
  it('equals decoding each edited probe on its own (greedy, as held out): the share of the 9 other digits that change each output', async () => {
    const trainer = await smallRun({ task: 'reverse', cell: 'gru', reverseDigits: 3, hiddenSize: 8, numLayers: 1, learningRate: 0.02 });
    for (let s = 0; s < 60; s++) await trainer.trainStep();
    const shares = await replacementShares(await probePass(trainer), trainer.task.probe, trainer.plan);
    const probe = [3, 1, 4];
    const written = async (digits: number[]) => predictedDigits(await trainer.predict(reverseBatch([digits])), 3)[0];
    const original = await written(probe);
    const expected = new Array<number>(9).fill(0);
    for (let k = 0; k < 3; k++) {
      for (let digit = 0; digit < 10; digit++) {
        if (digit === probe[k]) continue;
        const out = await written(probe.map((d, i) => (i === k ? digit : d)));
        out.forEach((w, t) => (expected[t * 3 + k] += w !== original[t] ? 1 / 9 : 0));
      }
    }
    expect(Array.from(shares)).toHaveLength(9);
    Array.from(shares).forEach((share, i) => expect(share).toBeCloseTo(expected[i], 5));
    expect(expected.some((v) => v > 0)).toBe(true); // not a trivial case: some replacement changes some output
    // the reading of a frame carries them
    const reading = await new DeeperReadings().read(trainer, { stepsPerSecond: 0 });
    expect(Array.from(reading.connectivity!.replacement!)).toEqual(Array.from(shares));
    trainer.dispose();
  });
});

describe('DeeperReadings: how often', () => {
  it('reads on a new step, not twice at the same step, and every k-th frame once a reading costs more than a tenth of a step', async () => {
    const trainer = await smallRun({ task: 'memory', cell: 'lstm', sequenceLength: 6 });
    const readings = new DeeperReadings();
    const first = await readings.read(trainer, { stepsPerSecond: 0 });
    expect(first.jacobian?.step).toBe(3);
    expect(first.connectivity?.values.length).toBe(6);
    expect(await readings.read(trainer, { stepsPerSecond: 0 })).toEqual({});
    // training at a (pretend) million steps a second: any reading costs more than a tenth of a step
    await trainer.trainStep();
    const fast = await readings.read(trainer, { stepsPerSecond: 1e6 });
    expect(fast.jacobian!.everyFrames).toBeGreaterThan(1);
    await trainer.trainStep();
    expect(await readings.read(trainer, { stepsPerSecond: 1e6 })).toEqual({});
    // while training, an evaluation frame waits its turn too; a frame while not training (a pause, a Step) gets one
    expect(await readings.read(trainer, { stepsPerSecond: 1e6 })).toEqual({});
    expect((await readings.read(trainer, { stepsPerSecond: 0 })).jacobian?.step).toBe(5);
    trainer.dispose();
  });
});

describe('frames carry the readings', () => {
  it('a run session’s frame after a Step has the Jacobian and the connectivity of that step, and transfers their buffers', async () => {
    const config: TrainConfig = { ...defaultConfig(), task: 'memory', cell: 'rnn-tanh', hiddenSize: 4, sequenceLength: 6, batchSize: 4 };
    const session = new RunSession(7, new Trainer<Task>(config, TASKS.memory(config, {})));
    expect(await session.stepOnce()).toBe(true);
    const frame = (await session.nextFrame(true))!;
    expect(frame.jacobian).toMatchObject({ step: 1, layer: 0, stateSize: 4, count: 3, everyFrames: 1 });
    expect(frame.jacobian!.singularValues).toHaveLength(6 * 3);
    expect(frame.jacobian!.productNorms[5]).toBeCloseTo(1, 6);
    expect(frame.jacobian!.slopeMax).toHaveLength(6);
    expect(frame.connectivity).toMatchObject({ step: 1, outputSteps: [5], score: 'predicted' });
    expect(frame.connectivity!.values).toHaveLength(6);
    const buffers = frameTransferables(frame);
    for (const array of [frame.jacobian!.singularValues, frame.jacobian!.productNorms, frame.connectivity!.values]) expect(buffers).toContain(array.buffer);
    // the next frame at the same step repeats no reading
    const again = (await session.nextFrame(false))!;
    expect(again.jacobian).toBeUndefined();
    session.dispose();
  });
});

describe('stepsWithin: how many steps a reading covers', () => {
  it('all of a small state’s steps; the last 2 of a 128-unit LSTM’s (S = 256), whose every step costs ~50 M operations', () => {
    expect(stepsWithin(32)).toBeGreaterThan(1000);
    expect(stepsWithin(128)).toBe(15);
    expect(stepsWithin(256)).toBe(2);
  });
});

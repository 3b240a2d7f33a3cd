import { afterEach, describe, expect, it } from 'vitest';
import { Trainer } from '../core/trainer';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { TASKS } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { describeRun, inputLabels } from './runInfo';

const trainers: Trainer<Task>[] = [];
afterEach(() => trainers.splice(0).forEach((trainer) => trainer.dispose()));

/** A trainer of a small model of `changes` (tasks that need no data files). */
function trainerOf(changes: Partial<TrainConfig>): Trainer<Task> {
  const config = { ...defaultConfig(), hiddenSize: 3, sequenceLength: 5, batchSize: 2, ...changes };
  const trainer = new Trainer(config, TASKS[config.task](config, {}));
  trainers.push(trainer);
  return trainer;
}

describe('describeRun', () => {
  it('describes a one-layer LSTM on the sine wave', () => {
    const trainer = trainerOf({ task: 'sine', cell: 'lstm' });
    const info = describeRun(4, trainer, 0);
    expect(info).toMatchObject({
      runId: 4,
      taskTitle: trainer.task.title,
      cell: 'lstm',
      numLayers: 1,
      bidirectional: false,
      layerDirs: 1,
      steps: 5,
      decoderSteps: 0,
      hiddenSize: 3,
      inputSize: 1,
      gateBlocks: 4,
      gateBlockNames: ['i', 'f', 'g', 'o'],
      recordedNames: ['i', 'f', 'g', 'o', 'c', 'h'],
      startStep: 0,
      usingUserData: false,
    });
    expect(info.paramNames).toEqual(trainer.paramNames);
    expect(info.probeInput).toEqual(Float32Array.from(trainer.task.probe.input));
    // a 1-feature input is labelled with its values
    expect(info.probeLabels).toEqual(Array.from(trainer.task.probe.input.subarray(0, 5), (v) => v.toFixed(2)));
  });

  it("carries the task's baselines (and baselinesIn) as copies, and the trace's units", () => {
    const trainer = trainerOf({ task: 'sine' });
    const baselines = { mean: 0.5, persistence: 0.1 };
    const baselinesIn = { rmsePpm: { mean: 3, persistence: 1 } };
    Object.assign(trainer.task, { baselines, baselinesIn, metadata: { ...trainer.task.metadata, units: 'ppm' } });
    const info = describeRun(1, trainer, 0);
    expect(info.baselines).toEqual(baselines);
    expect(info.baselines).not.toBe(baselines);
    expect(info.baselinesIn).toEqual(baselinesIn);
    expect(info.baselinesIn!.rmsePpm).not.toBe(baselinesIn.rmsePpm);
    expect(info.traceUnits).toBe('ppm');
  });

  it('describes a bidirectional two-layer GRU stack: two directions per layer', () => {
    const info = describeRun(1, trainerOf({ task: 'memory', cell: 'gru', numLayers: 2, bidirectional: true }), 7);
    expect(info).toMatchObject({ cell: 'gru', numLayers: 2, bidirectional: true, layerDirs: 4, gateBlocks: 3, gateBlockNames: ['r', 'z', 'n'], readout: 'last', startStep: 7 });
    expect(info.paramNames).toContain('rnn.weight_hh_l1_reverse');
  });

  it('describes the encoder–decoder: encoder steps then decoder steps, a decoder readout and a vocabulary', () => {
    const info = describeRun(1, trainerOf({ task: 'reverse', cell: 'rnn-tanh', reverseDigits: 3 }), 0);
    expect(info).toMatchObject({ cell: 'rnn-tanh', layerDirs: 1, steps: 6, decoderSteps: 3, readout: 'decoder', gateBlocks: 1, gateBlockNames: ['a'] });
    expect(info.vocabSize).toBeGreaterThan(0);
    expect(info.paramNames.some((name) => name.startsWith('decoder.'))).toBe(true);
    expect(info.probeLabels).toHaveLength(6);
  });
});

describe('inputLabels', () => {
  it("uses the task's own labels, else one-hot indices", () => {
    const task = { probe: { input: Float32Array.of(0, 1, 1, 0, 0.5, 0.5), inputShape: [1, 3, 2] }, metadata: {} } as unknown as Task;
    expect(inputLabels(task)).toEqual(['#1', '#0', 'x3']);
    expect(inputLabels({ ...task, probeLabels: ['a', 'b', 'c'] } as Task)).toEqual(['a', 'b', 'c']);
  });

  it("reads token tasks' inputs through their vocabulary", () => {
    const task = { probe: { input: Float32Array.of(2, 0, 9), inputShape: [1, 3] }, metadata: { vocab: JSON.stringify(['a', 'b', 'c']) } } as unknown as Task;
    expect(inputLabels(task)).toEqual(['c', 'a', '?']);
  });
});

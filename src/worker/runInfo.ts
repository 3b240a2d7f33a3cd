/** RunInfo: the facts about a configured run that the page reads once (task, network shape, probe). */
import type { Trainer } from '../core/trainer';
import type { RunInfo } from '../shared/protocol';
import { GATE_NAMES, gateCount } from '../shared/spec';
import type { Task } from '../tasks/task';

/** Labels of the probe's inputs: tokens for tasks with a vocabulary, the value of 1-feature inputs, else "x_t". */
export function inputLabels(task: Task): string[] {
  if (task.probeLabels) return task.probeLabels;
  const [, steps, features] = task.probe.inputShape;
  let vocab: unknown;
  try {
    vocab = task.metadata.vocab ? JSON.parse(task.metadata.vocab) : undefined;
  } catch {
    vocab = undefined;
  }
  if (Array.isArray(vocab)) return Array.from(task.probe.input.subarray(0, steps), (id) => String(vocab[id] ?? '?'));
  if (features === 1) return Array.from(task.probe.input.subarray(0, steps), (v) => v.toFixed(2));
  return Array.from({ length: steps }, (_, t) => {
    // one-hot inputs: the index of the hot channel
    const row = Array.from(task.probe.input.subarray(t * features, (t + 1) * features));
    const hot = row.indexOf(Math.max(...row));
    return row[hot] === 1 && row.filter((v) => v !== 0).length === 1 ? `#${hot}` : `x${t + 1}`;
  });
}

/** The RunInfo of run `runId`, which trains `trainer` from step `startStep`. */
export function describeRun(runId: number, trainer: Trainer<Task>, startStep: number): RunInfo {
  const { config, task } = trainer;
  const { rnn, decoderSteps, readout, outputSize, vocabSize } = task.modelSpec;
  return {
    runId,
    taskTitle: task.title,
    sequenceShape: task.shape,
    taskSummary: task.summary,
    lossLabel: task.lossLabel,
    heldOutOnLossScale: task.heldOutOnLossScale ?? true,
    hasTrace: !!task.trace,
    traceUnits: task.metadata.units,
    // copies: RunInfo crosses to the page, and the task keeps its own
    baselines: task.baselines && { ...task.baselines },
    baselinesIn: task.baselinesIn && Object.fromEntries(Object.entries(task.baselinesIn).map(([metric, values]) => [metric, { ...values }])),
    heldOutExamples: task.heldOut.inputShape[0],
    userData: task.userData,
    usingUserData: !!task.usingUserData,
    // the form only: its run() stays in the worker
    tryIt: task.tryIt && { label: task.tryIt.label, defaultInput: task.tryIt.defaultInput, options: task.tryIt.options },
    paramNames: trainer.paramNames,
    recordedNames: [...trainer.recordedNames],
    cell: rnn.cell,
    numLayers: rnn.numLayers,
    bidirectional: rnn.bidirectional,
    layerDirs: trainer.layerDirs,
    steps: task.probe.inputShape[1],
    decoderSteps: decoderSteps ?? 0,
    gateBlocks: gateCount(config.cell),
    // a plain RNN has one unnamed block: its activation
    gateBlockNames: GATE_NAMES[config.cell].length ? [...GATE_NAMES[config.cell]] : ['a'],
    readout,
    inputSize: rnn.inputSize,
    outputSize,
    vocabSize,
    startStep,
    hiddenSize: rnn.hiddenSize,
    probeInput: Float32Array.from(task.probe.input),
    probeLabels: inputLabels(task),
    trajectoryHint: task.trajectoryHint,
  };
}

/**
 * What-if (issue #16, part 3): the current model run forward on the task's probe and on a copy the learner
 * edited, side by side — the top layer's hidden states of both, ‖h_t − h′_t‖ per step, both paths in the
 * original path's principal plane, and the output before and after. For the encoder–decoder a decoder step can
 * be forced to write a token, and the rest is decoded greedily from there.
 *
 * It reads a copy of the weights taken in one go (Trainer.snapshot, so a training step cannot land between two
 * parameters), runs in eval mode (no dropout), never touches the optimizer, the batch stream or the random
 * streams, and frees every tensor it made: training goes on exactly as if it had never run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchTensors, disposeSnapshot, type Trainer } from '../core/trainer';
import { modelForward } from '../core/model';
import type { ArrayBatch } from '../core/trainingTask';
import type { WhatIfEdit, WhatIfPath, WhatIfReadout, WhatIfResult } from '../shared/protocol';
import { directions } from '../shared/spec';
import { argmaxAt, softmax } from '../tasks/scores';
import { MEMORY_SYMBOLS, SYMBOL_NAMES } from '../tasks/memory';
import { positiveProbabilities } from '../tasks/sentiment';
import type { Task } from '../tasks/task';
import { editableKind, editedInput, probeForm, probeLabelsOf } from './whatIfInput';
import { principalPlane, projectOnPlane, stepDistances } from './whatIfPaths';

/** What one forward pass gives: the top layer's states (T, width), the head's output, and the decoder's tokens. */
export interface ForwardReading {
  hidden: Float32Array;
  prediction: Float32Array;
  /** Encoder–decoder: the token each decoder step wrote (its argmax, or the forced one). */
  decoded?: number[];
}

/**
 * The model on one example (batch of 1) with the given parameters, in eval mode. An encoder–decoder decodes
 * greedily, step by step: each decoder step reads the token the step before wrote, and `force` makes decoder
 * step `force.step` write `force.token` instead of its argmax. Each pass is teacher-forced on the tokens decoded
 * so far, so the last pass is the whole greedy decode in one (the decoder is causal: step k reads only steps ≤ k).
 */
export function forwardReading(trainer: Trainer<Task>, params: Record<string, tf.Tensor>, batch: ArrayBatch, force?: WhatIfEdit['force']): ForwardReading {
  const { spec, plan } = trainer;
  const run = (input: ArrayBatch) =>
    tf.tidy(() => {
      const out = modelForward(spec, params, batchTensors(input).input, { plan });
      return { hidden: Float32Array.from(out.rnn.output.dataSync()), prediction: Float32Array.from(out.prediction.dataSync()) };
    });
  if (spec.readout !== 'decoder') return run(batch);
  const decoderSteps = spec.decoderSteps ?? 0;
  const total = batch.inputShape[1];
  const start = total - decoderSteps;
  const input = Int32Array.from(batch.input);
  const outputs = spec.outputSize;
  const decoded: number[] = [];
  for (let k = 0; k < decoderSteps; k++) {
    const { prediction } = run({ ...batch, input });
    const token = force && force.step === k ? force.token : argmaxAt(prediction, k * outputs, outputs);
    decoded.push(token);
    if (k + 1 < decoderSteps) input[start + k + 1] = token;
  }
  return { ...run({ ...batch, input }), decoded };
}

/** A probability as a percentage for a readout: "41%", "<1%". */
function percent(p: number): string {
  return p < 0.005 ? '<1%' : `${Math.round(100 * p)}%`;
}

/** The output of one pass as the learner reads it, by task. */
export function readoutOf(task: Task, reading: ForwardReading): WhatIfReadout {
  const kind = editableKind(task);
  const vocab = JSON.parse(task.metadata.vocab ?? '[]') as string[];
  const { prediction } = reading;
  if (kind === 'sentiment') {
    const value = positiveProbabilities(prediction)[0];
    return { label: 'P(positive)', text: value.toFixed(3), value };
  }
  if (kind === 'chargen') {
    const size = task.modelSpec.outputSize;
    const last = softmax(Array.from(prediction.subarray(prediction.length - size)));
    const top = last
      .map((probability, id) => ({ token: id === 0 ? '<unk>' : vocab[id], probability }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, 5);
    return { label: 'Next character after the last step', text: top.map((c) => `${JSON.stringify(c.token).slice(1, -1) || ' '} ${percent(c.probability)}`).join(' · '), top };
  }
  if (kind === 'memory') {
    const probabilities = softmax(Array.from(prediction.subarray(0, MEMORY_SYMBOLS)));
    const top = probabilities.map((probability, k) => ({ token: SYMBOL_NAMES[k], probability })).sort((a, b) => b.probability - a.probability);
    return { label: 'The symbol it names', text: top.map((c) => `${c.token} ${percent(c.probability)}`).join(' · '), top };
  }
  if (kind === 'reverse' && reading.decoded) {
    const size = task.modelSpec.outputSize;
    const top = reading.decoded.map((token, k) => ({ token: vocab[token], probability: softmax(Array.from(prediction.subarray(k * size, (k + 1) * size)))[token] }));
    return { label: 'Decoded digits', text: reading.decoded.map((token) => vocab[token]).join(''), top };
  }
  // a series: the output at the last step (the forecast the network makes from the whole window)
  const value = prediction[prediction.length - 1];
  const changes = task.metadata.reads === 'changes';
  return { label: changes ? 'Predicted next change (normalised)' : 'Forecast of the next value', text: value.toFixed(3), value };
}

/** The first step at which two input batches differ, or −1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): number {
  const features = a.length / steps;
  for (let t = 0; t < steps; t++) for (let f = 0; f < features; f++) if (a[t * features + f] !== b[t * features + f]) return t;
  return -1;
}

/** Each step's input label of a pass; an encoder–decoder's decoder steps read the start token, then what was written. */
function passLabels(task: Task, labels: string[], reading: ForwardReading): string[] {
  if (!reading.decoded) return labels;
  const vocab = JSON.parse(task.metadata.vocab ?? '[]') as string[];
  const start = labels.length - reading.decoded.length;
  return labels.map((label, t) => (t <= start ? label : vocab[reading.decoded![t - start - 1]]));
}

/**
 * Runs the probe and, when `edit` is given, its edited copy through the model of `trainer`; the original's
 * principal plane holds both paths. A refused edit, or a task it does not cover, answers `{ error }`.
 */
export async function runWhatIf(trainer: Trainer<Task>, runId: number, edit?: WhatIfEdit): Promise<WhatIfResult | { error: string }> {
  const task = trainer.task;
  if (!editableKind(task)) return { error: `What-if editing covers sentiment, character generation, reverse digits and the series, not ${task.title.toLowerCase()}.` };
  if (tf.getBackend() !== trainer.plan.backend) return { error: 'The run is being rebuilt: try again in a moment.' };
  const form = probeForm(task);
  const edited = edit ? editedInput(task, edit) : undefined;
  if (edited && 'error' in edited) return edited;
  const force = edit?.force;
  if (force && (task.modelSpec.readout !== 'decoder' || !(force.step >= 0 && force.step < form.decoderSteps) || !(force.token >= 0 && force.token < (form.decoderTokens?.length ?? 0)))) {
    return { error: `Force a decoder step from 1 to ${form.decoderSteps} to write a digit from 0 to 9.` };
  }
  const snapshot = await trainer.snapshot();
  try {
    const steps = task.probe.inputShape[1];
    const width = trainer.spec.rnn.hiddenSize * directions(trainer.spec.rnn);
    const originalReading = forwardReading(trainer, snapshot.weights, task.probe);
    const plane = principalPlane(originalReading.hidden, steps, width);
    const pathOf = (reading: ForwardReading, labels: string[]): WhatIfPath => ({
      labels: passLabels(task, labels, reading),
      hidden: reading.hidden,
      pca: projectOnPlane(reading.hidden, steps, width, plane),
      readout: readoutOf(task, reading),
    });
    const result: WhatIfResult = {
      runId,
      step: snapshot.step,
      form,
      width,
      original: pathOf(originalReading, probeLabelsOf(task)),
      explained: plane.explained,
      notes: [],
    };
    if (!edited) return result;
    const editedReading = forwardReading(trainer, snapshot.weights, edited.batch, force);
    result.edited = pathOf(editedReading, edited.labels);
    result.difference = stepDistances(originalReading.hidden, editedReading.hidden, steps, width);
    let first = firstDifference(task.probe.input, edited.batch.input, steps);
    if (force) {
      const forcedAt = steps - form.decoderSteps + force.step;
      first = first < 0 ? forcedAt : Math.min(first, forcedAt);
    }
    result.firstChangedStep = first;
    result.notes = [...edited.notes, ...readingNotes(task, edited.labels, result.original.labels)];
    return result;
  } finally {
    disposeSnapshot(snapshot);
  }
}

/** Caveats that change how the comparison reads: both directions, a sentence that grew or shrank. */
function readingNotes(task: Task, editedLabels: string[], originalLabels: string[]): string[] {
  const notes: string[] = [];
  if (task.modelSpec.rnn.bidirectional) notes.push('This network is bidirectional: its backward direction reads the edit from the end, so steps before the edit change too.');
  if (editableKind(task) === 'sentiment') {
    const words = (labels: string[]) => labels.filter((label) => label !== '<pad>').length;
    if (words(editedLabels) !== words(originalLabels)) notes.push('Sentences are left-padded to the window, so a word added or removed shifts every earlier word by a step: the steps before it differ too.');
  }
  return notes;
}

/** A result's buffers, to transfer rather than copy (each is its own). */
export function whatIfArrays(result: WhatIfResult): ArrayBuffer[] {
  const arrays = [result.original.hidden, result.original.pca, result.edited?.hidden, result.edited?.pca, result.difference];
  return arrays.filter((a): a is Float32Array => !!a).map((a) => a.buffer as ArrayBuffer);
}

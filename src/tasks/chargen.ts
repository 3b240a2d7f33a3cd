/**
 * Character generation (many-to-many, synchronized): read a window of text one character at a time and
 * predict the next character at every step. Trained on Moby-Dick (the whole book) or the learner's own text;
 * the last 10% is held out. "Try it" is the one-to-many use: from a seed, sample a character, feed it back,
 * repeat.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import {
  MAX_CORPUS_BYTES,
  MIN_CHAR_COUNT,
  MIN_CORPUS_CHARS,
  UNK_ID,
  buildCharVocabulary,
  charId,
  charsOf,
  decodeIds,
  normaliseNewlines,
  validateCorpus,
  type CharVocabulary,
} from './chargenData';
import { bigramBitsPerChar, fitBigram, unigramEntropyBits } from './charBaselines';
import { TaskDataError, USER_DATA, type Task, type TaskData, type TryIt, rnnSpecOf } from './task';
import { argmaxAt } from './scores';
import type { ArrayBatch } from '../core/trainingTask';

/** The prepared text (scripts/data/mobydick.mjs). */
export const MOBY_DICK_FILE = 'data/moby-dick.txt';
/** Every file the task reads. */
export const CHARGEN_DATA_FILES = [MOBY_DICK_FILE] as const;
const MOBY_DICK_SOURCE = 'Herman Melville, Moby-Dick (1851), chapters 1–135';

/** Embedding width (the recurrent layer's input size). */
export const EMBEDDING_SIZE = 24;
/** The share of the text held out (its end), for metrics. */
const HELD_OUT_FRACTION = 0.1;
/** Held-out windows scored for the metrics, evenly spaced over the held-out text. */
const HELD_OUT_WINDOWS = 32;
/** The probe window starts here when the text has it (the first line of chapter 1). */
export const PROBE_TEXT = 'Call me Ishmael.';
/**
 * Try it's seed: not the probe's words. The probe window is example 0 of every batch (its gradients are the
 * ones the views show), so the network learns that one line by heart and would only recite it.
 */
export const TRY_IT_DEFAULT = 'The whale ';
/** Longest "try it" output, in characters. */
const MAX_GENERATED = 1000;

/** Where the text comes from. */
export type ChargenSource = 'moby-dick' | 'user';

/**
 * Windows ids[s … s+T−1] → ids[s+1 … s+T] (the same text shifted by one): input ids (B, T) int32 and one-hot
 * targets (B, T, V).
 */
export function charWindowBatch(ids: Int32Array, starts: readonly number[], steps: number, vocabSize: number): ArrayBatch {
  const input = new Int32Array(starts.length * steps);
  const target = new Float32Array(starts.length * steps * vocabSize);
  starts.forEach((start, b) => {
    input.set(ids.subarray(start, start + steps), b * steps);
    for (let t = 0; t < steps; t++) target[(b * steps + t) * vocabSize + ids[start + t + 1]] = 1;
  });
  return { input, inputShape: [starts.length, steps], target, targetShape: [starts.length, steps, vocabSize] };
}

/** The next-character ids of windows (the targets as ids, (B·T)), for metrics. */
export function windowTargetIds(ids: Int32Array, starts: readonly number[], steps: number): Int32Array {
  const out = new Int32Array(starts.length * steps);
  starts.forEach((start, b) => out.set(ids.subarray(start + 1, start + steps + 1), b * steps));
  return out;
}

/** Mean softmax cross-entropy over every step: logits (B, T, V) against one-hot targets (B, T, V). */
export function stepwiseCrossEntropy(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const vocabSize = prediction.shape[prediction.shape.length - 1];
  // rows of (B·T, V): one softmax per step, averaged over all of them
  return tf.losses.softmaxCrossEntropy(tf.reshape(target, [-1, vocabSize]), tf.reshape(prediction, [-1, vocabSize])) as tf.Scalar;
}

/**
 * Bits per character and accuracy of logits (rows of V) against target ids: bits = −log₂ softmax(logits)[target],
 * averaged; accuracy = share of rows whose largest logit is the target.
 */
export function charMetrics(logits: ArrayLike<number>, targetIds: ArrayLike<number>, vocabSize: number): { bitsPerChar: number; accuracy: number } {
  let nats = 0;
  let correct = 0;
  for (let r = 0; r < targetIds.length; r++) {
    const offset = r * vocabSize;
    const best = argmaxAt(logits, offset, vocabSize);
    const max = logits[offset + best];
    let sum = 0;
    for (let c = 0; c < vocabSize; c++) sum += Math.exp(logits[offset + c] - max);
    // −log softmax = log Σ e^(l_c − max) − (l_target − max)
    nats += Math.log(sum) - (logits[offset + targetIds[r]] - max);
    if (best === targetIds[r]) correct++;
  }
  return { bitsPerChar: nats / targetIds.length / Math.LN2, accuracy: correct / targetIds.length };
}

/**
 * Draws an id from logits at a temperature: p(c) ∝ exp(l_c / τ) (τ < 1 sharpens, τ > 1 flattens). `<unk>`
 * is never drawn: it stands for "some rare character", not one to write. Returns the id and its probability.
 */
export function sampleChar(logits: ArrayLike<number>, temperature: number, rng: Rng): { id: number; probability: number } {
  const tau = Math.max(temperature, 1e-3);
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) if (c !== UNK_ID && logits[c] > max) max = logits[c];
  const weights = new Float64Array(logits.length);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    if (c === UNK_ID) continue;
    weights[c] = Math.exp((logits[c] - max) / tau);
    sum += weights[c];
  }
  let u = rng.next() * sum;
  let id = logits.length - 1;
  for (let c = 0; c < logits.length; c++) {
    if (c === UNK_ID) continue;
    u -= weights[c];
    if (u < 0) {
      id = c;
      break;
    }
  }
  return { id, probability: weights[id] / sum };
}

/** A 32-bit FNV-1a hash, to seed sampling from the learner's input. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash >>> 0;
}

/** An option's value, or its default when missing or not a number, kept within [min, max]. */
function optionValue(options: Record<string, number>, name: string, fallback: number, min: number, max: number): number {
  const value = options[name];
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/**
 * "Try it": generate text from a seed, one character at a time. Each step runs the model on the last `steps`
 * characters (left-padded with spaces), takes the logits of the last step, samples at the temperature and
 * appends the character. The same seed text and options give the same text (sampling is seeded by them).
 */
export function chargenTryIt(vocabulary: CharVocabulary, steps: number): TryIt {
  const vocabSize = vocabulary.chars.length;
  return {
    label: 'Seed text',
    defaultInput: TRY_IT_DEFAULT,
    options: [
      { name: 'temperature', label: 'Temperature', min: 0.1, max: 2, step: 0.1, default: 0.8 },
      { name: 'length', label: 'Characters', min: 20, max: 400, step: 20, default: 200 },
    ],
    async run(input, options, predict) {
      const temperature = optionValue(options, 'temperature', 0.8, 0.01, 10);
      const length = Math.round(optionValue(options, 'length', 200, 1, MAX_GENERATED));
      if (input === '') return { error: 'Type a few characters for the network to continue.' };
      const seedIds = charsOf(input).map((char) => charId(vocabulary, char));
      const firstKnown = seedIds.find((id) => id !== UNK_ID);
      if (firstKnown === undefined) return { error: 'None of these characters is in the text the network learned from; start with a few ordinary letters.' };
      const padId = vocabulary.ids.get(' ') ?? firstKnown;
      const context = [...seedIds];
      const generated: number[] = [];
      const trace: Array<{ token: string; value: number }> = [];
      const rng = new Rng(hashString(`${input}\u0000${temperature}\u0000${length}`));
      for (let k = 0; k < length; k++) {
        const window = context.slice(-steps);
        const ids = new Int32Array(steps).fill(padId);
        ids.set(window, steps - window.length);
        // the target is unused by predict; a fresh one each call, since a worker may transfer the arrays
        const batch: ArrayBatch = { input: ids, inputShape: [1, steps], target: new Float32Array(steps * vocabSize), targetShape: [1, steps, vocabSize] };
        const logits = await predict(batch);
        const { id, probability } = sampleChar(logits.subarray((steps - 1) * vocabSize, steps * vocabSize), temperature, rng);
        context.push(id);
        generated.push(id);
        trace.push({ token: vocabulary.chars[id], value: probability });
      }
      return {
        text: input + decodeIds(generated, vocabulary),
        summary: `${length} characters at temperature ${Number(temperature.toFixed(2))}`,
        trace,
        traceLabel: 'Probability of each generated character when it was drawn',
      };
    },
  };
}

/** The text to learn from: the learner's upload (checked) when there is one, else Moby-Dick. */
export function chargenCorpus(data: TaskData): { text: string; source: ChargenSource } {
  const upload = data[USER_DATA];
  if (upload !== undefined) {
    validateCorpus(upload);
    return { text: normaliseNewlines(upload), source: 'user' };
  }
  const text = data[MOBY_DICK_FILE];
  if (!text) throw new TaskDataError(`The Moby-Dick text (${MOBY_DICK_FILE}) is missing; run scripts/prepare-data.mjs`);
  return { text: normaliseNewlines(text), source: 'moby-dick' };
}

/** The character-generation task for a config and its data. */
export function chargenTask(config: TrainConfig, data: TaskData): Task {
  const steps = config.sequenceLength;
  const { text, source } = chargenCorpus(data);
  const chars = charsOf(text);
  // the held-out end must hold at least one window of T inputs and their T targets
  const heldOutLength = Math.max(Math.floor(chars.length * HELD_OUT_FRACTION), steps + 1);
  const trainLength = chars.length - heldOutLength;
  if (trainLength < steps + 1) {
    throw new TaskDataError(
      `The text has ${chars.length} characters: too few for windows of ${steps}. Use a sequence length of at most ${Math.max(1, Math.floor(chars.length / 2) - 1)} or a longer text.`,
    );
  }
  const vocabulary = buildCharVocabulary(chars.slice(0, trainLength).join(''));
  const vocabSize = vocabulary.chars.length;
  if (vocabSize < 3) {
    throw new TaskDataError(`Fewer than two different characters appear ${MIN_CHAR_COUNT} times or more in the text: there is nothing to predict. Use a longer, more varied text.`);
  }
  const ids = Int32Array.from(chars, (char) => charId(vocabulary, char));
  const trainIds = ids.subarray(0, trainLength);
  const baselineBitsPerChar = unigramEntropyBits(trainIds);
  let mostFrequentCount = 0;
  const counts = new Map<number, number>();
  for (const id of trainIds) {
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    mostFrequentCount = Math.max(mostFrequentCount, count);
  }
  const baselineAccuracy = mostFrequentCount / trainLength;

  const lastHeldOutStart = chars.length - steps - 1;
  const heldOutCount = Math.min(HELD_OUT_WINDOWS, lastHeldOutStart - trainLength + 1);
  const heldOutStarts = Array.from({ length: heldOutCount }, (_, k) =>
    heldOutCount === 1 ? trainLength : trainLength + Math.floor((k * (lastHeldOutStart - trainLength)) / (heldOutCount - 1)),
  );
  const heldOut = charWindowBatch(ids, heldOutStarts, steps, vocabSize);
  const heldOutTargets = windowTargetIds(ids, heldOutStarts, steps);
  // the bigram, fitted on the training text, scored at exactly the positions the model is: each held-out target
  // given the character before it (the window's input at that step)
  const bigram = bigramBitsPerChar(fitBigram(trainIds, vocabSize), heldOut.input, heldOutTargets);

  // the probe: the training window that starts at "Call me Ishmael." when the text has it there, else the start
  const probeAt = text.indexOf(PROBE_TEXT);
  const probeCandidate = probeAt < 0 ? 0 : charsOf(text.slice(0, probeAt)).length;
  const lastTrainStart = trainLength - steps - 1;
  const probeStart = probeCandidate <= lastTrainStart ? probeCandidate : 0;
  const probe = charWindowBatch(ids, [probeStart], steps, vocabSize);

  const sourceName = source === 'user' ? 'your text' : 'Moby-Dick';
  const bidirectionalNote = config.bidirectional
    ? ' This model is bidirectional: its backward pass has already read the character it must predict, so its loss can fall without it learning to write.'
    : '';
  return {
    id: 'chargen',
    title: 'Character generation',
    shape: 'many-to-many (synchronized)',
    summary: `The network reads ${steps} characters of ${sourceName} and predicts the next character at every step (${vocabSize - 1} characters and <unk>); fed its own samples, it writes.${bidirectionalNote}`,
    lossLabel: 'cross-entropy',
    modelSpec: {
      rnn: rnnSpecOf(config, EMBEDDING_SIZE),
      vocabSize,
      outputSize: vocabSize,
      readout: 'all',
    },
    baselines: { unigram: baselineBitsPerChar, bigram },
    probe,
    heldOut,
    trainBatch(rng, batchSize) {
      const starts = [probeStart];
      for (let b = 1; b < batchSize; b++) starts.push(rng.int(lastTrainStart + 1));
      return charWindowBatch(ids, starts, steps, vocabSize);
    },
    loss: stepwiseCrossEntropy,
    metrics(prediction) {
      return { ...charMetrics(prediction, heldOutTargets, vocabSize), baselineBitsPerChar, baselineAccuracy };
    },
    tryIt: chargenTryIt(vocabulary, steps),
    userData: {
      label: 'Your own text',
      accept: '.txt,text/plain',
      hint: `Plain text (UTF-8), at least ${MIN_CORPUS_CHARS} characters, at most ${MAX_CORPUS_BYTES / 1024 / 1024} MB; the last 10% is held out.`,
      maxBytes: MAX_CORPUS_BYTES,
    },
    usingUserData: source === 'user',
    metadata: {
      vocab: JSON.stringify(vocabulary.chars),
      unk_id: String(UNK_ID),
      source: source === 'user' ? 'user' : MOBY_DICK_SOURCE,
      sequence_length: String(steps),
      embedding_size: String(EMBEDDING_SIZE),
      min_char_count: String(MIN_CHAR_COUNT),
    },
  };
}

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { Trainer } from '../core/trainer';
import { PROBE_TEXT, charMetrics, charWindowBatch, stepwiseCrossEntropy, chargenTask, sampleChar, windowTargetIds } from './chargen';
import {
  MAX_CORPUS_BYTES,
  UNK,
  UNK_ID,
  buildCharVocabulary,
  decodeIds,
  encodeText,
  normaliseNewlines,
  validateCorpus,
  vocabularyFromChars,
} from './chargenData';
import { loadTaskData } from './registry';
import { TaskDataError, USER_DATA, type TaskData } from './task';

let data: TaskData = {};
beforeAll(async () => {
  data = await loadTaskData('chargen', readDataFile);
}, 60_000);

/** A small, fast configuration. */
function config(changes: Partial<TrainConfig> = {}): TrainConfig {
  return { ...defaultConfig(), cell: 'lstm', hiddenSize: 32, batchSize: 32, sequenceLength: 32, learningRate: 0.01, ...changes };
}

/** The first error a call throws. */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** A varied text of about `length` characters. */
function prose(length: number): string {
  const sentence = 'The quick brown fox jumps over the lazy dog, and the whale swims on. ';
  return sentence.repeat(Math.ceil(length / sentence.length)).slice(0, length);
}

describe('vocabulary, encoding, entropy', () => {
  it('sorts the characters seen 3 times or more after <unk>; rarer ones become <unk>', () => {
    const vocabulary = buildCharVocabulary('cabcabcab zz!');
    expect(vocabulary.chars).toEqual([UNK, 'a', 'b', 'c']);
    expect(UNK_ID).toBe(0);
    expect(Array.from(encodeText('abz c', vocabulary))).toEqual([1, 2, UNK_ID, UNK_ID, 3]);
    expect(decodeIds(encodeText('cab', vocabulary), vocabulary)).toBe('cab');
    expect(decodeIds(encodeText('a?b', vocabulary), vocabulary, '_')).toBe('a_b');
    expect(vocabularyFromChars(vocabulary.chars).ids.get('c')).toBe(3);
  });

  it('counts code points, not UTF-16 units, and keeps at most the most frequent characters', () => {
    const vocabulary = buildCharVocabulary('🐋🐋🐋 ~~~', 3, 3);
    // three kept characters at most, with <unk>: 🐋 and ~ (3 each) beat the space (1)
    expect(vocabulary.chars).toEqual([UNK, '~', '🐋']);
    expect(decodeIds(encodeText('🐋~', vocabulary), vocabulary)).toBe('🐋~');
  });

  it('normalises Windows line endings', () => {
    expect(normaliseNewlines('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});

describe('validateCorpus', () => {
  const refusal = (text: string): string => {
    const error = thrown(() => validateCorpus(text));
    expect(error).toBeInstanceOf(TaskDataError);
    return error.message;
  };

  it('accepts ordinary text', () => {
    expect(() => validateCorpus(prose(500))).not.toThrow();
  });

  it('refuses empty or whitespace-only text', () => {
    expect(refusal('')).toMatch(/empty/);
    expect(refusal(' \n\t \n')).toMatch(/only whitespace/);
  });

  it('refuses binary data: NUL bytes, or more than 10% non-printable', () => {
    expect(refusal(prose(300) + '\0' + prose(300))).toMatch(/binary.*NUL/);
    const garbled = Array.from({ length: 400 }, (_, k) => (k % 4 === 0 ? '\u0001' : k % 4 === 1 ? '\uFFFD' : 'x')).join('');
    expect(refusal(garbled)).toMatch(/binary.*50% of it is not printable/);
  });

  it('refuses more than 2 MB, saying how large it is', () => {
    expect(MAX_CORPUS_BYTES).toBe(2 * 1024 * 1024);
    expect(refusal(prose(Math.round(3.4 * 1024 * 1024)))).toMatch(/^The text is 3\.4 MB; the limit is 2 MB/);
    expect(refusal(prose(MAX_CORPUS_BYTES + 10))).toMatch(/^The text is 2\.00 MB; the limit is 2 MB/);
  });

  it('refuses fewer than 200 characters', () => {
    expect(refusal(prose(57))).toMatch(/has 57 characters; at least 200/);
  });

  it('refuses a text with one distinct character', () => {
    expect(refusal('a'.repeat(500))).toBe("The text uses only one character ('a'): there is nothing to predict.");
  });
});

describe('windows and batches', () => {
  it('cuts windows whose targets are the inputs shifted by one, one-hot over the vocabulary', () => {
    const ids = Int32Array.from({ length: 20 }, (_, k) => k % 5);
    const batch = charWindowBatch(ids, [0, 3, 14], 5, 5);
    expect(batch.input).toBeInstanceOf(Int32Array);
    expect(batch.inputShape).toEqual([3, 5]);
    expect(batch.targetShape).toEqual([3, 5, 5]);
    expect(Array.from(batch.input.subarray(5, 10))).toEqual([3, 4, 0, 1, 2]);
    const targets = windowTargetIds(ids, [0, 3, 14], 5);
    for (let r = 0; r < 15; r++) {
      const row = Array.from(batch.target.subarray(r * 5, r * 5 + 5));
      expect(row.reduce((a, b) => a + b)).toBe(1);
      expect(row.indexOf(1)).toBe(targets[r]);
      // the target at step t is the input at step t + 1
      if (r % 5 < 4) expect(targets[r]).toBe(batch.input[r + 1]);
    }
  });

  it('builds from Moby-Dick: vocabulary under 100, probe "Call me Ishmael.", probe first in every batch', () => {
    const task = chargenTask(config(), data);
    const vocab = JSON.parse(task.metadata.vocab) as string[];
    expect(vocab[0]).toBe(UNK);
    expect(vocab.length).toBeGreaterThan(50);
    expect(vocab.length).toBeLessThan(100);
    expect(task.modelSpec).toMatchObject({ vocabSize: vocab.length, outputSize: vocab.length, readout: 'all', rnn: { inputSize: 24 } });
    expect(task.shape).toBe('many-to-many (synchronized)');
    expect(task.usingUserData).toBe(false);
    const vocabulary = vocabularyFromChars(vocab);
    expect(decodeIds(task.probe.input.subarray(0, PROBE_TEXT.length), vocabulary)).toBe(PROBE_TEXT);
    const batch = task.trainBatch(new Rng(1), 8);
    expect(batch.inputShape).toEqual([8, 32]);
    expect(batch.targetShape).toEqual([8, 32, vocab.length]);
    expect(Array.from(batch.input.subarray(0, 32))).toEqual(Array.from(task.probe.input));
    expect(task.heldOut.inputShape).toEqual([32, 32]);
    const metrics = task.metrics(new Float32Array(32 * 32 * vocab.length));
    // uniform logits: log₂ V bits per character
    expect(metrics.bitsPerChar).toBeCloseTo(Math.log2(vocab.length), 5);
    expect(metrics.baselineBitsPerChar).toBeGreaterThan(4);
    expect(metrics.baselineBitsPerChar).toBeLessThan(Math.log2(vocab.length));
  });

  it("Try it's default seed is not the probe's line, which every batch trains on and the network learns by heart", () => {
    const task = chargenTask(config(), data);
    const probeText = decodeIds(task.probe.input, vocabularyFromChars(JSON.parse(task.metadata.vocab) as string[]));
    const seed = task.tryIt!.defaultInput;
    expect(seed.trim().length).toBeGreaterThan(3);
    expect(probeText.includes(seed.trim())).toBe(false);
  });

  it("learns from the learner's text, and refuses a bad upload with the learner's message", () => {
    const task = chargenTask(config(), { ...data, [USER_DATA]: prose(2000).replace(/\n/g, '\r\n') });
    expect(task.usingUserData).toBe(true);
    expect(task.metadata.source).toBe('user');
    expect(() => chargenTask(config(), { ...data, [USER_DATA]: 'b'.repeat(300) })).toThrow(TaskDataError);
    expect(() => chargenTask(config({ sequenceLength: 200 }), { ...data, [USER_DATA]: prose(300) })).toThrow(/too few for windows of 200/);
    expect(() => chargenTask(config(), {})).toThrow(TaskDataError);
  });

  it('gives the unigram and the bigram (add-one, fitted on the training text) on the held-out positions, by hand on "abab…"', () => {
    // 300 characters: the first 270 train (a, b alternate: 135 "a→b" and 134 "b→a" pairs), the last 30 are held out
    const task = chargenTask(config({ sequenceLength: 8 }), { ...data, [USER_DATA]: 'ab'.repeat(150) });
    expect(JSON.parse(task.metadata.vocab)).toEqual([UNK, 'a', 'b']);
    const a = 1;
    const heldOutInputs = Array.from(task.heldOut.input);
    const afterA = heldOutInputs.filter((id) => id === a).length;
    const afterB = heldOutInputs.length - afterA;
    // P(b | a) = (135 + 1) / (135 + 3), P(a | b) = (134 + 1) / (134 + 3); every held-out target follows the rule
    const bigram = -(afterA * Math.log2(136 / 138) + afterB * Math.log2(135 / 137)) / heldOutInputs.length;
    expect(task.baselines!.unigram).toBeCloseTo(1, 12);
    expect(task.baselines!.bigram).toBeCloseTo(bigram, 12);
    expect(task.baselines!.bigram).toBeLessThan(0.03);
    const metrics = task.metrics(new Float32Array(task.heldOut.target.length));
    expect(metrics.baselineBitsPerChar).toBe(task.baselines!.unigram);
  });

  it('Moby-Dick: the bigram beats the unigram by about a bit', () => {
    const { unigram, bigram } = chargenTask(config(), data).baselines!;
    expect(unigram).toBeCloseTo(4.47, 2);
    expect(bigram).toBeGreaterThan(3);
    expect(bigram).toBeLessThan(unigram - 0.7);
  });

  it('works bidirectionally (and says the model sees the future)', () => {
    const task = chargenTask(config({ bidirectional: true }), data);
    expect(task.modelSpec.rnn.bidirectional).toBe(true);
    expect(task.summary).toMatch(/bidirectional/);
  });
});

describe('loss, metrics, sampling', () => {
  it('the loss is the mean cross-entropy over every step, and matches bits per character', () => {
    const logits = Float32Array.from({ length: 2 * 3 * 4 }, (_, k) => Math.sin(k));
    const targetIds = Int32Array.from([0, 3, 1, 2, 2, 1]);
    const oneHot = new Float32Array(24);
    targetIds.forEach((id, r) => (oneHot[r * 4 + id] = 1));
    const loss = tf.tidy(() => stepwiseCrossEntropy(tf.tensor(logits, [2, 3, 4]), tf.tensor(oneHot, [2, 3, 4])).dataSync()[0]);
    const { bitsPerChar, accuracy } = charMetrics(logits, targetIds, 4);
    expect(bitsPerChar).toBeCloseTo(loss / Math.LN2, 5);
    expect(accuracy).toBeGreaterThanOrEqual(0);
  });

  it('samples at a temperature, never <unk>', () => {
    const rng = new Rng(3);
    const logits = [10, 2, 1, 0];
    const cold = Array.from({ length: 200 }, () => sampleChar(logits, 0.1, rng).id);
    expect(cold.every((id) => id === 1)).toBe(true);
    const hot = Array.from({ length: 2000 }, () => sampleChar(logits, 100, rng).id);
    expect(hot.includes(UNK_ID)).toBe(false);
    for (const id of [1, 2, 3]) expect(hot.filter((h) => h === id).length).toBeGreaterThan(500);
  });
});

describe('training and trying it', () => {
  it('an LSTM (hidden 32) learns: held-out bits per character fall well below the unigram entropy; try it writes', async () => {
    // measured (seeds 1 and 2): 6.4 bits/char untrained, 3.41 after 100 steps, against a unigram entropy of 4.48
    const cfg = config({ seed: 1, learningRate: 0.03 });
    const task = chargenTask(cfg, data);
    const trainer = new Trainer(cfg, task);
    const before = await trainer.evaluate();
    for (let k = 0; k < 100; k++) await trainer.trainStep();
    const after = await trainer.evaluate();
    console.log(`chargen: ${before.bitsPerChar.toFixed(2)} → ${after.bitsPerChar.toFixed(2)} bits/char (unigram ${after.baselineBitsPerChar.toFixed(2)}); accuracy ${after.accuracy.toFixed(3)} (most frequent ${after.baselineAccuracy.toFixed(3)})`);

    let calls = 0;
    const predict = (batch: Parameters<Trainer['predict']>[0]) => {
      calls++;
      expect(batch.inputShape).toEqual([1, 32]);
      return trainer.predict(batch);
    };
    const seed = 'Call me Ishmael. ';
    const out = await task.tryIt!.run(seed, { temperature: 0.8, length: 40 }, predict);
    const again = await task.tryIt!.run(seed, { temperature: 0.8, length: 40 }, predict);
    const colder = await task.tryIt!.run(seed, { temperature: 0.1, length: 20 }, predict);
    const unknown = await task.tryIt!.run('☃☃☃', { temperature: 0.8, length: 40 }, predict);
    const empty = await task.tryIt!.run('', {}, predict);
    trainer.dispose();

    expect(after.bitsPerChar).toBeLessThan(after.baselineBitsPerChar - 0.5);
    expect(after.accuracy).toBeGreaterThan(after.baselineAccuracy + 0.1);
    expect(calls).toBe(40 + 40 + 20);
    expect(out.text!.startsWith(seed)).toBe(true);
    expect(Array.from(out.text!)).toHaveLength(seed.length + 40);
    expect(out.text).not.toContain('\uFFFD');
    expect(out.summary).toBe('40 characters at temperature 0.8');
    expect(out.trace).toHaveLength(40);
    expect(again.text).toBe(out.text);
    expect(Array.from(colder.text!)).toHaveLength(seed.length + 20);
    expect(unknown.error).toMatch(/None of these characters/);
    expect(empty.error).toBeDefined();
  }, 300_000);
});

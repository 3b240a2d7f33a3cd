import { beforeAll, describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { Trainer } from '../core/trainer';
import { loadTaskData } from './registry';
import { naiveBayesAccuracy, trainNaiveBayes } from './naiveBayes';
import { AFINN_FILE, GENERATED_PROBE, MAX_HELD_OUT, positiveProbabilities, quotedWords, sentimentSentences, sentimentTask } from './sentiment';
import type { LabelledSentence } from './sentimentLabels';
import { encode, tokenize, vocabularyFromTokens } from './sentimentTokens';
import { TaskDataError, USER_DATA, type TaskData } from './task';
import type { ArrayBatch } from '../core/trainingTask';

let data: TaskData = {};
beforeAll(async () => {
  data = await loadTaskData('sentiment', readDataFile);
}, 60_000);

/** A small, fast configuration for the generated reviews. */
function config(changes: Record<string, unknown> = {}): TrainConfig {
  return { ...defaultConfig(), cell: 'gru', hiddenSize: 16, batchSize: 32, sequenceLength: 12, ...changes } as TrainConfig;
}

describe('sentiment task', () => {
  it('builds from the files on disk: token batches, probe first, a many-to-one model with an embedding', () => {
    const task = sentimentTask(config(), data);
    expect(task.shape).toBe('many-to-one');
    expect(task.lossLabel).toBe('cross-entropy');
    expect(task.modelSpec).toMatchObject({ vocabSize: JSON.parse(task.metadata.vocab).length, outputSize: 2, readout: 'last', rnn: { inputSize: 32, hiddenSize: 16, cell: 'gru' } });
    expect(task.probe.input).toBeInstanceOf(Int32Array);
    expect(task.probe.inputShape).toEqual([1, 12]);
    expect(Array.from(task.probe.target)).toEqual([0, 1]);
    const batch = task.trainBatch(new Rng(2), 8);
    expect(batch.inputShape).toEqual([8, 12]);
    expect(batch.targetShape).toEqual([8, 2]);
    expect(Array.from(batch.input.subarray(0, 12))).toEqual(Array.from(task.probe.input));
    expect(task.trainBatch(new Rng(2), 8)).toEqual(batch);
    // 20% of the generated reviews are held out, half of each label
    expect(task.heldOut.inputShape).toEqual([600, 12]);
    const probeIds = Array.from(task.probe.input).join();
    for (let b = 0; b < 600; b++) expect(Array.from(task.heldOut.input.subarray(b * 12, b * 12 + 12)).join()).not.toBe(probeIds);
    expect(task.metrics(new Float32Array(1200)).baselineAccuracy).toBe(0.5);
    expect(task.metadata.source).toBe('generated');
  });

  it('offers the real reviews, with a vocabulary of the most frequent training words', () => {
    const task = sentimentTask(config({ sentimentSource: 'reviews', sequenceLength: 20 }), data);
    expect(task.metadata.source).toBe('reviews');
    expect(JSON.parse(task.metadata.vocab)).toHaveLength(2000);
    expect(task.heldOut.inputShape).toEqual([600, 20]);
    expect(() => sentimentTask(config({ sentimentSource: 'tweets' }), data)).toThrow(/Unknown sentiment data "tweets"/);
    expect(() => sentimentTask(config({ sentimentSource: 'reviews' }), { [AFINN_FILE]: data[AFINN_FILE] })).toThrow(TaskDataError);
  });

  it('trains on an upload instead of the config\'s source, and refuses a bad one', () => {
    const upload = Array.from({ length: 20 }, (_, k) => `sentence number ${k} was ${k % 2 ? 'great' : 'awful'},${k % 2}`).join('\n');
    const task = sentimentTask(config(), { ...data, [USER_DATA]: upload });
    expect(task.metadata.source).toBe('user');
    expect(task.heldOut.inputShape[0]).toBeGreaterThanOrEqual(2);
    expect(() => sentimentTask(config(), { ...data, [USER_DATA]: 'text,label\nhello,maybe' })).toThrow(TaskDataError);
  });

  it('scores the bag of words on the held-out sentences the network is scored on, trained on its training sentences', () => {
    const tokenized = (rows: LabelledSentence[]) => rows.map((row) => ({ tokens: tokenize(row.text), label: row.label }));
    const upload = Array.from({ length: 40 }, (_, k) => `review ${k} was ${k % 3 ? 'great' : 'awful'} overall,${k % 3 ? 1 : 0}`).join('\n');
    for (const [changes, extra] of [[{}, {}], [{ sentimentSource: 'reviews', seed: 3 }, {}], [{}, { [USER_DATA]: upload }]] as const) {
      const cfg = config(changes);
      const taskData = { ...data, ...extra };
      const task = sentimentTask(cfg, taskData);
      const { train, heldOut, vocabulary } = sentimentSentences(cfg, taskData);
      const scored = heldOut.slice(0, MAX_HELD_OUT);
      // the held-out rows are the network's: the same sentences, in the same order
      const heldOutIds = scored.map((row) => Array.from(encode(tokenize(row.text), vocabulary, cfg.sequenceLength)));
      expect(heldOutIds.flat()).toEqual(Array.from(task.heldOut.input));
      // and no held-out row is a training row (the real reviews repeat a few short sentences, "Great phone.", as rows of their own)
      const trainRows = new Set(train);
      expect(scored.some((row) => trainRows.has(row))).toBe(false);
      const expected = naiveBayesAccuracy(trainNaiveBayes(tokenized(train)), tokenized(scored));
      expect(task.baselines).toEqual({ chance: task.metrics(new Float32Array(task.heldOut.target.length)).baselineAccuracy, bagOfWords: expected });
    }
  });

  it('the bag of words stays near chance on the generated reviews, and is strong on the real ones', () => {
    for (const seed of [1, 2]) {
      const generated = sentimentTask(config({ seed }), data);
      expect(generated.baselines!.bagOfWords).toBeLessThan(0.6);
      expect(generated.summary).toMatch(/a bag of words \(naive Bayes on the same training sentences, blind to word order\) gets (4\d|5\d)% right/);
      const reviews = sentimentTask(config({ seed, sentimentSource: 'reviews' }), data);
      expect(reviews.baselines!.bagOfWords).toBeGreaterThan(0.78);
      expect(reviews.summary).toContain(`gets ${Math.round(100 * reviews.baselines!.bagOfWords)}% right`);
    }
  });

  it('stores its vocabulary in the metadata, and it round-trips', () => {
    const task = sentimentTask(config(), data);
    const vocabulary = vocabularyFromTokens(JSON.parse(task.metadata.vocab));
    expect(task.metadata).toMatchObject({ pad_id: '0', unk_id: '1', max_len: '12', source: 'generated' });
    expect(Array.from(encode(tokenize(GENERATED_PROBE.text), vocabulary, 12))).toEqual(Array.from(task.probe.input));
  });

  it('a GRU learns the generated reviews well above the majority class', async () => {
    const cfg = config();
    const task = sentimentTask(cfg, data);
    const trainer = new Trainer(cfg, task);
    for (let k = 0; k < 100; k++) await trainer.trainStep();
    const { accuracy, baselineAccuracy } = await trainer.evaluate();
    // "try it": one P(positive) per word, from one predict call
    let calls = 0;
    const out = await task.tryIt!.run('the food was not good but the zorblax staff were very friendly', {}, (batch) => {
      calls++;
      return trainer.predict(batch);
    });
    trainer.dispose();
    expect(accuracy).toBeGreaterThan(baselineAccuracy + 0.2);
    expect(accuracy).toBeGreaterThan(task.baselines!.bagOfWords + 0.2); // word order, learnt
    expect(calls).toBe(1);
    expect(out.trace).toHaveLength(12);
    expect(out.trace![7].token).toBe('zorblax (?)');
    for (const { value } of out.trace!) expect(value >= 0 && value <= 1).toBe(true);
    expect(out.traceLabel).toBe("P(positive) after each word (only the last word's is a trained readout; the greyed ones are not)");
    expect(out.summary).toMatch(/^(positive|negative) \(\d+%\)$/);
  }, 120_000);

  it('try it explains input it cannot use', async () => {
    const task = sentimentTask(config(), data);
    const predict = async () => new Float32Array(0);
    expect((await task.tryIt!.run('   ', {}, predict)).error).toMatch(/no words/);
    expect((await task.tryIt!.run('zorblax quux', {}, predict)).error).toMatch(/None of these words/);
    // the generated reviews never say "i loved it": the error names every word it could not read
    const allUnknown = await task.tryIt!.run('I loved it, I did', {}, predict);
    expect(allUnknown.error).toContain('None of these words is in the vocabulary the network learned: "i", "loved", "it" and "did".');
    expect(allUnknown.trace).toBeUndefined();
  });

  /** A stand-in model: P(positive) = 0.5 after every prefix (logits 0, 0). */
  const evenOdds = async (batch: ArrayBatch) => new Float32Array(batch.inputShape[0] * 2);

  it('try it marks every value but the last as an untrained readout, and says why', async () => {
    const out = await sentimentTask(config(), data).tryIt!.run('the food was good', {}, evenOdds);
    expect(out.trace!.map((item) => item.token)).toEqual(['the', 'food', 'was', 'good']);
    expect(out.trace!.map((item) => item.untrained)).toEqual([true, true, true, false]);
    expect(out.traceLabel).toBe("P(positive) after each word (only the last word's is a trained readout; the greyed ones are not)");
    expect(out.notes![0]).toBe(
      `Only the last value is a trained readout: the classifier head is trained only on the whole sentence's last step. The values after earlier words (greyed) are what it would say if the sentence ended there, which it was never trained for.`,
    );
    expect(out.notes!.some((note) => note.includes('vocabulary'))).toBe(false);
    // one word: its value is the trained readout, nothing to grey
    const one = await sentimentTask(config({ sentimentSource: 'reviews' }), data).tryIt!.run('good', {}, evenOdds);
    expect(one.traceLabel).toBe('P(positive) after each word');
    expect(one.trace!.map((item) => item.untrained)).toEqual([false]);
    expect(one.notes).toEqual([]);
  });

  it('try it names the words the network never learned, once each', async () => {
    const out = await sentimentTask(config(), data).tryIt!.run('the zorblax food was quux good, zorblax', {}, evenOdds);
    expect(out.trace!.map((item) => item.token)).toEqual(['the', 'zorblax (?)', 'food', 'was', 'quux (?)', 'good', 'zorblax (?)']);
    expect(out.notes).toContain('"zorblax" and "quux" are not in the vocabulary the network learned (shown with "?"); it reads them all as the same unknown token.');
    const single = await sentimentTask(config(), data).tryIt!.run('the food was zorblax', {}, evenOdds);
    expect(single.notes).toContain('"zorblax" is not in the vocabulary the network learned (shown with "?"); it reads it as the unknown token.');
  });

  it('try it says the generated reviews are easy, and only for them', async () => {
    const templates = /generated reviews follow a few fixed patterns, so the network can be near-certain \(close to 100%\) on them; real sentences would not be that easy/;
    const generated = await sentimentTask(config(), data).tryIt!.run('the food was good', {}, evenOdds);
    expect(generated.notes!.filter((note) => templates.test(note))).toHaveLength(1);
    const reviews = await sentimentTask(config({ sentimentSource: 'reviews' }), data).tryIt!.run('the food was good', {}, evenOdds);
    expect(reviews.notes!.some((note) => templates.test(note))).toBe(false);
    expect(reviews.notes![0].startsWith('Only the last value is a trained readout')).toBe(true);
    const upload = Array.from({ length: 20 }, (_, k) => `the food was ${k % 2 ? 'good' : 'bad'} ${k},${k % 2}`).join('\n');
    const user = await sentimentTask(config(), { ...data, [USER_DATA]: upload }).tryIt!.run('the food was good', {}, evenOdds);
    expect(user.notes!.some((note) => templates.test(note))).toBe(false);
  });

  it('lists words with "and", at most ten of them', () => {
    expect(quotedWords(['a'])).toBe('"a"');
    expect(quotedWords(['a', 'b', 'a'])).toBe('"a" and "b"');
    expect(quotedWords(['a', 'b', 'c'])).toBe('"a", "b" and "c"');
    const twelve = Array.from({ length: 12 }, (_, k) => `w${k}`);
    expect(quotedWords(twelve)).toBe(`${twelve.slice(0, 10).map((w) => `"${w}"`).join(', ')} and 2 more`);
  });

  it('turns logits into P(positive)', () => {
    const [a, b] = positiveProbabilities([0, 0, 0, Math.log(3)]);
    expect(a).toBeCloseTo(0.5);
    expect(b).toBeCloseTo(0.75);
  });
});

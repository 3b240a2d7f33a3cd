import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { Trainer } from '../core/trainer';
import { AFINN_FILE, GENERATED_PROBE, SENTIMENT_REVIEWS_FILE, positiveProbabilities, sentimentTask } from './sentiment';
import {
  PAD_ID,
  UNK_ID,
  buildVocabulary,
  encode,
  generateReviews,
  parseAfinn,
  parseLabelledText,
  reviewLexicon,
  ruleLabel,
  tokenize,
  vocabularyFromTokens,
} from './sentimentData';
import { TaskDataError, USER_DATA, type TaskData } from './task';

let data: TaskData = {};
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/prepare-data.mjs'], { stdio: 'ignore' });
  data = {
    [AFINN_FILE]: readFileSync(`public/${AFINN_FILE}`, 'utf8'),
    [SENTIMENT_REVIEWS_FILE]: readFileSync(`public/${SENTIMENT_REVIEWS_FILE}`, 'utf8'),
  };
}, 60_000);

/** A small, fast configuration for the generated reviews. */
function config(changes: Record<string, unknown> = {}): TrainConfig {
  return { ...defaultConfig(), cell: 'gru', hiddenSize: 16, batchSize: 32, sequenceLength: 12, ...changes } as TrainConfig;
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

/** 10 labelled rows as CSV lines (alternating labels). */
const TEN_ROWS = Array.from({ length: 10 }, (_, k) => `sentence number ${k} was ${k % 2 ? 'great' : 'awful'},${k % 2}`);

describe('tokens and encoding', () => {
  it('lowercases words, drops punctuation and turns n\'t into not', () => {
    expect(tokenize("The food WASN'T good, but the staff were friendly!")).toEqual(['the', 'food', 'was', 'not', 'good', 'but', 'the', 'staff', 'were', 'friendly']);
    expect(tokenize('I can’t say I won’t, and I dont; it\'s 10/10')).toEqual(['i', 'can', 'not', 'say', 'i', 'will', 'not', 'and', 'i', 'do', 'not', 'its', '10', '10']);
    expect(tokenize(' ... !! ')).toEqual([]);
  });

  it('builds a vocabulary by frequency after <pad> and <unk>, capped', () => {
    const vocabulary = buildVocabulary([['b', 'a', 'b'], ['c', 'b', 'a']], 4);
    expect(vocabulary.tokens).toEqual(['<pad>', '<unk>', 'b', 'a']);
    expect(vocabulary.ids.get('a')).toBe(3);
    expect(PAD_ID).toBe(0);
    expect(UNK_ID).toBe(1);
  });

  it('left-pads short sentences and keeps the last words of long ones', () => {
    const vocabulary = buildVocabulary([['good', 'not', 'very']], 10);
    const [good, not, very] = ['good', 'not', 'very'].map((w) => vocabulary.ids.get(w)!);
    expect(Array.from(encode(['not', 'good'], vocabulary, 4))).toEqual([0, 0, not, good]);
    expect(Array.from(encode(['very', 'not', 'very', 'good'], vocabulary, 3))).toEqual([not, very, good]);
    expect(Array.from(encode(['zebra', 'good'], vocabulary, 3))).toEqual([0, UNK_ID, good]);
  });
});

describe('generated reviews', () => {
  const lexicon = () => reviewLexicon(parseAfinn(data[AFINN_FILE]));

  it('uses 40 positive and 40 negative AFINN words with |valence| ≥ 2', () => {
    const { positive, negative, valence } = lexicon();
    expect(positive).toHaveLength(40);
    expect(negative).toHaveLength(40);
    for (const word of positive) expect(valence[word]).toBeGreaterThanOrEqual(2);
    for (const word of negative) expect(valence[word]).toBeLessThanOrEqual(-2);
  });

  it('is seeded, balanced, distinct, and has negations and "but" sentences', () => {
    const reviews = generateReviews(lexicon(), 1000, 7);
    expect(generateReviews(lexicon(), 1000, 7)).toEqual(reviews);
    expect(generateReviews(lexicon(), 1000, 8)).not.toEqual(reviews);
    expect(reviews.filter((r) => r.label === 1)).toHaveLength(500);
    expect(new Set(reviews.map((r) => tokenize(r.text).join(' '))).size).toBe(1000);
    const tokens = reviews.map((r) => tokenize(r.text));
    expect(tokens.filter((t) => t.includes('not')).length).toBeGreaterThan(200);
    expect(tokens.filter((t) => t.includes('but')).length).toBeGreaterThan(200);
    expect(tokens.filter((t) => t.some((w) => ['very', 'really', 'so', 'truly', 'extremely'].includes(w))).length).toBeGreaterThan(100);
  });

  it('labels follow the rules: "not" flips, the clause after "but" decides', () => {
    const { valence } = lexicon();
    const reviews = generateReviews(lexicon(), 2000, 3);
    // an oracle written apart from the generator: the last clause's adjective sign, flipped by "not"
    for (const { text, label } of reviews) {
      const tokens = tokenize(text);
      const cut = Math.max(tokens.lastIndexOf('but'), tokens.lastIndexOf('and'));
      const last = tokens.slice(cut + 1);
      const adjective = last.find((w) => valence[w] !== undefined)!;
      const negated = last.includes('not');
      expect(label, text).toBe((valence[adjective] > 0) !== negated ? 1 : 0);
      expect(ruleLabel(tokens, valence)).toBe(label);
    }
    expect(ruleLabel(tokenize('the food was not good'), valence)).toBe(0);
    expect(ruleLabel(tokenize('the food was not bad'), valence)).toBe(1);
    expect(ruleLabel(tokenize('the food was good, but the staff were rude'), valence)).toBe(0);
    expect(ruleLabel(tokenize('the food was awful, but the staff were very friendly'), valence)).toBe(1);
  });

  it('order matters: the same bag of words can carry either label', () => {
    const { valence } = lexicon();
    const reviews = generateReviews(lexicon(), 2000, 5);
    const contrasts = reviews.filter((r) => tokenize(r.text).includes('but'));
    expect(contrasts.length).toBeGreaterThan(500);
    for (const { text, label } of contrasts.slice(0, 100)) {
      // swapping the clauses keeps every word and flips the label
      const [first, second] = text.replace(/\.$/, '').split(', but ');
      const swapped = tokenize(`${second}, but ${first}`);
      expect([...swapped].sort()).toEqual([...tokenize(text)].sort());
      expect(ruleLabel(swapped, valence)).toBe(1 - label);
    }
  });
  it('a bag of words cannot solve it: naive Bayes over word counts stays near chance', () => {
    const reviews = generateReviews(lexicon(), 3000, 2);
    const train = reviews.slice(0, 2400);
    const test = reviews.slice(2400);
    const counts = [new Map<string, number>(), new Map<string, number>()];
    const totals = [0, 0];
    const vocabulary = new Set<string>();
    for (const { text, label } of train) {
      for (const word of tokenize(text)) {
        counts[label].set(word, (counts[label].get(word) ?? 0) + 1);
        totals[label]++;
        vocabulary.add(word);
      }
    }
    const score = (words: string[], label: 0 | 1) => words.reduce((sum, w) => sum + Math.log(((counts[label].get(w) ?? 0) + 1) / (totals[label] + vocabulary.size)), 0);
    const correct = test.filter(({ text, label }) => (score(tokenize(text), 1) > score(tokenize(text), 0) ? 1 : 0) === label).length;
    expect(correct / test.length).toBeLessThan(0.6);
  });
});

describe('the learner\'s labelled sentences', () => {
  it('reads CSV with and without a header, quoted fields and every label spelling', () => {
    const csv = ['text,label', '"Good, really good",positive', '"She said ""meh""",NEG', 'plain words,1', ...TEN_ROWS].join('\n');
    const rows = parseLabelledText(csv);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ text: 'Good, really good', label: 1 });
    expect(rows[1]).toEqual({ text: 'She said "meh"', label: 0 });
    expect(rows[2]).toEqual({ text: 'plain words', label: 1 });
    expect(parseLabelledText(TEN_ROWS.join('\r\n') + '\r\n')).toHaveLength(10);
    expect(parseLabelledText(['first, unquoted, with commas,Negative', ...TEN_ROWS].join('\n'))[0]).toEqual({ text: 'first, unquoted, with commas', label: 0 });
    expect(parseLabelledText(['"a quoted line\nbreak",pos', ...TEN_ROWS].join('\n'))[0]).toEqual({ text: 'a quoted line\nbreak', label: 1 });
  });

  it('reads TSV with and without a header', () => {
    const tsv = TEN_ROWS.map((row) => row.replace(/,(\d)$/, '\t$1'));
    expect(parseLabelledText(tsv.join('\n'))).toHaveLength(10);
    const rows = parseLabelledText(['text\tlabel', 'commas, stay, in text\tpos', ...tsv].join('\n'));
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual({ text: 'commas, stay, in text', label: 1 });
  });

  it('refuses each bad file with a message that says what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['  \n\n ', /empty/],
      ['\u0000\u0001PNG\u0002\u0003'.repeat(50), /binary/],
      ['\ufffd\u0007\ufffd\u0003ab'.repeat(200), /binary/],
      ['x'.repeat(1024 * 1024 + 1), /too large.*1 MB/],
      ['a,1\n'.repeat(20_001), /too long.*20000/],
      [[...TEN_ROWS.slice(0, 6), 'this one has no label', ...TEN_ROWS.slice(6)].join('\n'), /^Line 7 has no label: "this one has no label"/],
      [[...TEN_ROWS.slice(0, 6), 'an empty label,', ...TEN_ROWS.slice(6)].join('\n'), /^Line 7 has no label/],
      [['text,label', 'fine,1', 'unsure,maybe', ...TEN_ROWS].join('\n'), /^Line 3: label "maybe" is not one of 0, 1, negative, positive$/],
      [TEN_ROWS.slice(0, 9).join('\n'), /only 9 usable.*at least 10/],
      [[...TEN_ROWS.slice(0, 9), '!!!,1'].join('\n'), /only 9 usable/],
      [TEN_ROWS.map((row) => row.replace(/\d$/, '1')).join('\n'), /Every sentence .* positive/],
      [['"never closed,1', ...TEN_ROWS].join('\n'), /^Line 1: a quoted field is never closed/],
    ];
    for (const [text, message] of cases) {
      const error = thrown(() => parseLabelledText(text));
      expect(error, message.source).toBeInstanceOf(TaskDataError);
      expect(error.message).toMatch(message);
    }
  });

  it('trains on an upload instead of the config\'s source, and refuses a bad one', () => {
    const upload = [...TEN_ROWS, ...TEN_ROWS.map((row) => `another ${row}`)].join('\n');
    const task = sentimentTask(config(), { ...data, [USER_DATA]: upload });
    expect(task.metadata.source).toBe('user');
    expect(task.heldOut.inputShape[0]).toBeGreaterThanOrEqual(2);
    expect(() => sentimentTask(config(), { ...data, [USER_DATA]: 'text,label\nhello,maybe' })).toThrow(TaskDataError);
  });
});

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
    expect(calls).toBe(1);
    expect(out.trace).toHaveLength(12);
    expect(out.trace![7].token).toBe('zorblax (?)');
    for (const { value } of out.trace!) expect(value >= 0 && value <= 1).toBe(true);
    expect(out.traceLabel).toBe('P(positive) after each word');
    expect(out.summary).toMatch(/^(positive|negative) \(\d+%\)$/);
  }, 120_000);

  it('try it explains input it cannot use', async () => {
    const task = sentimentTask(config(), data);
    const predict = async () => new Float32Array(0);
    expect((await task.tryIt!.run('   ', {}, predict)).error).toMatch(/no words/);
    expect((await task.tryIt!.run('zorblax quux', {}, predict)).error).toMatch(/None of these words/);
  });

  it('turns logits into P(positive)', () => {
    const [a, b] = positiveProbabilities([0, 0, 0, Math.log(3)]);
    expect(a).toBeCloseTo(0.5);
    expect(b).toBeCloseTo(0.75);
  });
});

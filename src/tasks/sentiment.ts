/**
 * Sentiment (many-to-one, word tokens): read a sentence word by word, say whether it is positive or negative.
 * The words go through an embedding, the final hidden state through a linear head to two logits. Three
 * sources: generated reviews over AFINN words, where order decides ("not good"; "X, but Y" — Y wins); real
 * one-sentence reviews (Kotzias et al., 2015); or the learner's own upload. For each, the task scores two
 * baselines on the same held-out sentences: chance (the majority class) and a bag of words (naive Bayes on the
 * same training sentences). On the generated reviews the bag of words stays at chance (≈ 0.5, since the same
 * words in another order carry the other label); on the real reviews it gets ≈ 0.82, where the words alone say
 * most of it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { naiveBayesAccuracy, trainNaiveBayes } from './naiveBayes';
import { accuracy } from './scores';
import { LABEL_NAMES, type LabelledSentence } from './sentimentLabels';
import { generateReviews, parseAfinn, reviewLexicon } from './sentimentReviews';
import { PAD_ID, UNK_ID, buildVocabulary, encode, tokenId, tokenize, type Vocabulary } from './sentimentTokens';
import { MAX_UPLOAD_BYTES, parseLabelledText, parseReviews } from './sentimentUpload';
import { TaskDataError, USER_DATA, type Task, type TaskData, type TryIt, rnnSpecOf } from './task';
import type { ArrayBatch } from '../core/trainingTask';

/** The prepared real reviews (scripts/data/sentiment.mjs). */
export const SENTIMENT_REVIEWS_FILE = 'data/sentiment-reviews.json';
/** The AFINN-165 lexicon the generated reviews take their adjectives from. */
export const AFINN_FILE = 'data/afinn-165.json';
/** Every file the task reads. */
export const SENTIMENT_DATA_FILES = [AFINN_FILE, SENTIMENT_REVIEWS_FILE] as const;

/** Where the sentences come from: the config's choice, or the learner's upload. */
export type SentimentSource = 'generated' | 'reviews' | 'user';

/** Embedding width (the recurrent layer's input size). */
export const EMBEDDING_SIZE = 32;
/** Most words kept for real or uploaded sentences (with `<pad>` and `<unk>`); the rest become `<unk>`. */
export const MAX_VOCABULARY = 2000;
/** How many reviews to generate (80% train, 20% held out). */
export const GENERATED_REVIEWS = 3000;
const TRAIN_FRACTION = 0.8;
/** At most this many held-out sentences are scored (uploads can be large; metrics run often). */
export const MAX_HELD_OUT = 1000;
/** Longest sentence "try it" traces, in words. */
const MAX_TRY_WORDS = 200;
/** The generated data's probe: order matters twice in it (a negation, then "but"). */
export const GENERATED_PROBE: LabelledSentence = { text: 'The food was not good, but the staff were very friendly.', label: 1 };
const TRY_IT_DEFAULT = 'the food was not good but the staff were very friendly';

/** The config's choice of sentences; checked, since a config built by hand may lack the field or hold another value. */
export function sentimentSourceOf(config: TrainConfig): 'generated' | 'reviews' {
  const source = (config as { sentimentSource?: string }).sentimentSource ?? 'generated';
  if (source !== 'generated' && source !== 'reviews') throw new TaskDataError(`Unknown sentiment data "${source}": choose generated or reviews`);
  return source;
}

/** A seeded 80/20 split that keeps each label's share in both parts (at least one of each label held out). */
function stratifiedSplit(rows: readonly LabelledSentence[], seed: number): { train: LabelledSentence[]; heldOut: LabelledSentence[] } {
  const rng = new Rng(seed ^ 0x5e17);
  const train: LabelledSentence[] = [];
  const heldOut: LabelledSentence[] = [];
  for (const label of [0, 1] as const) {
    const ofLabel = shuffled(rows.filter((row) => row.label === label), rng);
    const held = Math.min(ofLabel.length - 1, Math.max(1, Math.round(ofLabel.length * (1 - TRAIN_FRACTION))));
    heldOut.push(...ofLabel.slice(0, held));
    train.push(...ofLabel.slice(held));
  }
  return { train: shuffled(train, rng), heldOut: shuffled(heldOut, rng) };
}

/** Shuffles in place (Fisher–Yates) and returns the array. */
function shuffled<T>(items: T[], rng: Rng): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [items[k], items[j]] = [items[j], items[k]];
  }
  return items;
}

/** Token ids (B, T) and one-hot targets (B, 2) of tokenized sentences. */
function sentenceBatch(sentences: ReadonlyArray<{ tokens: string[]; label: 0 | 1 }>, vocabulary: Vocabulary, steps: number): ArrayBatch {
  const input = new Int32Array(sentences.length * steps);
  const target = new Float32Array(sentences.length * 2);
  sentences.forEach(({ tokens, label }, b) => {
    input.set(encode(tokens, vocabulary, steps), b * steps);
    target[b * 2 + label] = 1;
  });
  return { input, inputShape: [sentences.length, steps], target, targetShape: [sentences.length, 2] };
}

/** P(positive) of each row of two logits: softmax's second entry, 1 / (1 + e^(l₀ − l₁)). */
export function positiveProbabilities(logits: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let r = 0; r + 1 < logits.length; r += 2) out.push(1 / (1 + Math.exp(logits[r] - logits[r + 1])));
  return out;
}

/** At most this many unknown words are named in a note or an error. */
const MAX_NAMED_WORDS = 10;

/** Distinct words, quoted and listed: '"i", "loved" and "it"' (the first MAX_NAMED_WORDS, then how many more). */
export function quotedWords(words: readonly string[]): string {
  const distinct = [...new Set(words)];
  const quoted = distinct.slice(0, MAX_NAMED_WORDS).map((word) => `"${word}"`);
  const more = distinct.length - quoted.length;
  if (more > 0) return `${quoted.join(', ')} and ${more} more`;
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
}

/** The caveats under a sentence's trace: which values were trained, which words are unknown, what the source makes easy. */
function tryItNotes(tokens: readonly string[], unknown: readonly string[], source: SentimentSource): string[] {
  const notes: string[] = [];
  // the head is fitted to the last step's hidden state only (readout: 'last'), so a prefix's readout is extrapolation
  if (tokens.length > 1) {
    notes.push(
      `Only the last value is a trained readout: the classifier head is trained only on the whole sentence's last step. The values after earlier words (greyed) are what it would say if the sentence ended there, which it was never trained for.`,
    );
  }
  if (unknown.length > 0) {
    const many = new Set(unknown).size > 1;
    notes.push(`${quotedWords(unknown)} ${many ? 'are' : 'is'} not in the vocabulary the network learned (shown with "?"); it reads ${many ? 'them all as the same' : 'it as the'} unknown token.`);
  }
  if (source === 'generated') {
    notes.push('The generated reviews follow a few fixed patterns, so the network can be near-certain (close to 100%) on them; real sentences would not be that easy.');
  }
  return notes;
}

/**
 * "Try it": the model's P(positive) after each word of the learner's sentence. Prefix k (the first k words,
 * left-padded) is row k of one batch, so one predict call traces the whole sentence. Notes say what the
 * values are not: the earlier ones are readouts the head was never trained on, unknown words are one token,
 * and the generated reviews are easier than real sentences.
 */
export function sentimentTryIt(vocabulary: Vocabulary, steps: number, source: SentimentSource): TryIt {
  return {
    label: 'Type a sentence',
    defaultInput: TRY_IT_DEFAULT,
    async run(input, _options, predict) {
      const tokens = tokenize(input);
      if (tokens.length === 0) return { error: 'Type a sentence: there are no words to read yet.' };
      if (tokens.length > MAX_TRY_WORDS) return { error: `That is ${tokens.length} words; try a sentence of at most ${MAX_TRY_WORDS}.` };
      const known = tokens.map((token) => tokenId(vocabulary, token) !== UNK_ID);
      const unknown = tokens.filter((_, k) => !known[k]);
      if (unknown.length === tokens.length) {
        return { error: `None of these words is in the vocabulary the network learned: ${quotedWords(unknown)}. Try words from the training sentences (e.g. "good", "not", "but").` };
      }
      const prefixes = tokens.map((_, k) => ({ tokens: tokens.slice(0, k + 1), label: 0 as const }));
      const probabilities = positiveProbabilities(await predict(sentenceBatch(prefixes, vocabulary, steps)));
      const final = probabilities[probabilities.length - 1];
      const label = final >= 0.5 ? 1 : 0;
      return {
        // every value but the last reads the head where it was never trained (readout: 'last')
        trace: tokens.map((token, k) => ({ token: known[k] ? token : `${token} (?)`, value: probabilities[k], untrained: k < tokens.length - 1 })),
        traceLabel: tokens.length > 1 ? "P(positive) after each word (only the last word's is a trained readout; the greyed ones are not)" : 'P(positive) after each word',
        summary: `${LABEL_NAMES[label]} (${Math.round(100 * (label === 1 ? final : 1 - final))}%)`,
        notes: tryItNotes(tokens, unknown, source),
      };
    },
  };
}

/**
 * The sentences for a config and its data: those the network trains on, those it is scored on (the first
 * MAX_HELD_OUT of `heldOut`), the vocabulary and the probe. The baselines use the same split.
 */
export function sentimentSentences(config: TrainConfig, data: TaskData): { source: SentimentSource; train: LabelledSentence[]; heldOut: LabelledSentence[]; probe: LabelledSentence; vocabulary: Vocabulary } {
  const steps = config.sequenceLength;
  if (data[USER_DATA] !== undefined || sentimentSourceOf(config) === 'reviews') {
    const source: SentimentSource = data[USER_DATA] !== undefined ? 'user' : 'reviews';
    let rows: LabelledSentence[];
    if (source === 'user') rows = parseLabelledText(data[USER_DATA]);
    else {
      const json = data[SENTIMENT_REVIEWS_FILE];
      if (!json) throw new TaskDataError(`The reviews (${SENTIMENT_REVIEWS_FILE}) are missing`);
      rows = parseReviews(json);
    }
    const { train, heldOut } = stratifiedSplit(rows, config.seed);
    const vocabulary = buildVocabulary(train.map((row) => tokenize(row.text)), MAX_VOCABULARY);
    // a telling probe: the first training sentence that fits, has only known words and turns at "but"
    const fits = (row: LabelledSentence): boolean => {
      const tokens = tokenize(row.text);
      return tokens.length <= steps && tokens.every((token) => vocabulary.ids.has(token));
    };
    const probe = train.find((row) => fits(row) && tokenize(row.text).includes('but')) ?? train.find(fits) ?? train[0];
    return { source, train, heldOut, probe, vocabulary };
  }
  const afinnJson = data[AFINN_FILE];
  if (!afinnJson) throw new TaskDataError(`The AFINN lexicon (${AFINN_FILE}) is missing`);
  const lexicon = reviewLexicon(parseAfinn(afinnJson));
  // the probe comes first (so no generated review repeats it) and trains in every batch: keep it out of the split
  const [, ...reviews] = generateReviews(lexicon, GENERATED_REVIEWS, config.seed, [GENERATED_PROBE]);
  const { train, heldOut } = stratifiedSplit(reviews, config.seed);
  train.push(GENERATED_PROBE);
  const vocabulary = buildVocabulary(train.map((row) => tokenize(row.text)), MAX_VOCABULARY);
  return { source: 'generated', train, heldOut, probe: GENERATED_PROBE, vocabulary };
}

/** The sentiment task for a config and its data (throws TaskDataError for data it cannot use). */
export function sentimentTask(config: TrainConfig, data: TaskData): Task {
  const steps = config.sequenceLength;
  const { source, train, heldOut: heldOutRows, probe: probeRow, vocabulary } = sentimentSentences(config, data);
  const trainSentences = train.map((row) => ({ tokens: tokenize(row.text), label: row.label }));
  const heldOutSentences = heldOutRows.slice(0, MAX_HELD_OUT).map((row) => ({ tokens: tokenize(row.text), label: row.label }));
  const probeSentence = { tokens: tokenize(probeRow.text), label: probeRow.label };
  const probe = sentenceBatch([probeSentence], vocabulary, steps);
  const heldOut = sentenceBatch(heldOutSentences, vocabulary, steps);
  const heldOutPositives = heldOutSentences.filter((s) => s.label === 1).length;
  const baselineAccuracy = Math.max(heldOutPositives, heldOutSentences.length - heldOutPositives) / heldOutSentences.length;
  // the bag of words a practitioner would try first: naive Bayes on the same training sentences and tokens
  // (whole sentences, every training word), scored on the same held-out sentences as the network
  const bagOfWords = naiveBayesAccuracy(trainNaiveBayes(trainSentences), heldOutSentences);
  const described = {
    generated: 'a generated review',
    reviews: 'a real review from Amazon, IMDb or Yelp (Kotzias et al., 2015)',
    user: `one of your ${train.length + heldOutRows.length} labelled sentences`,
  }[source];
  const orderNote = source === 'generated' ? ' Here "not" flips a word and the clause after "but" decides, so the same words in another order can mean the opposite.' : '';
  const percent = (fraction: number): string => `${Math.round(100 * fraction)}%`;
  const baselineNote = ` On the held-out ${source === 'generated' ? 'reviews' : 'sentences'}, a bag of words (naive Bayes on the same training sentences, blind to word order) gets ${percent(bagOfWords)} right; always answering the commoner label, ${percent(baselineAccuracy)}.`;

  return {
    id: 'sentiment',
    title: 'Sentiment',
    shape: 'many-to-one',
    summary: `The network reads ${described} word by word (its last ${steps} words; ${vocabulary.tokens.length} tokens known) and says whether it is positive or negative.${orderNote}${baselineNote}`,
    lossLabel: 'cross-entropy',
    baselines: { chance: baselineAccuracy, bagOfWords },
    modelSpec: {
      rnn: rnnSpecOf(config, EMBEDDING_SIZE),
      vocabSize: vocabulary.tokens.length,
      outputSize: 2,
      readout: 'last',
    },
    probe,
    heldOut,
    trainBatch(rng, batchSize) {
      const sentences = [probeSentence]; // example 0: the probe
      for (let b = 1; b < batchSize; b++) sentences.push(trainSentences[rng.int(trainSentences.length)]);
      return sentenceBatch(sentences, vocabulary, steps);
    },
    loss(prediction, target) {
      return tf.losses.softmaxCrossEntropy(target, prediction) as tf.Scalar;
    },
    metrics(prediction) {
      // baseline: always answer the held-out set's majority class
      return { accuracy: accuracy(prediction, heldOut.target, 2), baselineAccuracy };
    },
    tryIt: sentimentTryIt(vocabulary, steps, source),
    userData: {
      label: 'Your own labelled sentences',
      accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain',
      hint: 'CSV or TSV, one sentence per line: text, label (0/1 or negative/positive); at most 1 MB.',
      maxBytes: MAX_UPLOAD_BYTES,
    },
    usingUserData: source === 'user',
    metadata: {
      vocab: JSON.stringify(vocabulary.tokens),
      pad_id: String(PAD_ID),
      unk_id: String(UNK_ID),
      max_len: String(steps),
      padding: 'left',
      labels: JSON.stringify(LABEL_NAMES),
      tokenizer: "lowercase words and numbers, punctuation dropped, n't → not",
      source,
    },
  };
}

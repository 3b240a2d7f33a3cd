/**
 * The sentiment task's text side, free of tensors: a word tokenizer, a vocabulary, left-padded encoding, a
 * seeded generator of short reviews over AFINN words whose labels depend on word order ("not good"; "X, but
 * Y" where Y decides), and a parser for the learner's own labelled sentences (CSV or TSV: text, label).
 */
import { Rng } from '../core/rng';
import { TaskDataError } from './task';

/** A sentence with its label: 0 negative, 1 positive. */
export interface LabelledSentence {
  text: string;
  label: 0 | 1;
}

/** The class names, by label. */
export const LABEL_NAMES = ['negative', 'positive'] as const;

// ---------------------------------------------------------------------------------------------------------
// Tokens

/** Contractions whose stem changes when "n't" comes off. */
const IRREGULAR_NEGATIONS: Record<string, string[]> = {
  "can't": ['can', 'not'],
  cannot: ['can', 'not'],
  "won't": ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
};

/** Negations typed without the apostrophe, common in real reviews ("dont", "wasnt"). */
const BARE_NEGATIONS: Record<string, string[]> = {
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  wasnt: ['was', 'not'],
  arent: ['are', 'not'],
  werent: ['were', 'not'],
  cant: ['can', 'not'],
  couldnt: ['could', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  hadnt: ['had', 'not'],
  aint: ['is', 'not'],
};

/**
 * Lowercase words and numbers; punctuation is dropped ("but" stays a word like any other), "n't" becomes
 * "not" ("wasn't" → "was not", "can't" → "can not") so a negation is always the same token, and any other
 * apostrophe is removed ("it's" → "its").
 */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().replace(/[\u2018\u2019\u02bc`´]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
  const tokens: string[] = [];
  for (const word of words) {
    const split = IRREGULAR_NEGATIONS[word] ?? BARE_NEGATIONS[word];
    if (split) tokens.push(...split);
    else if (word.endsWith("n't") && word.length > 3) tokens.push(word.slice(0, -3), 'not');
    else tokens.push(word.replace(/'/g, ''));
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary and encoding

export const PAD = '<pad>';
export const UNK = '<unk>';
export const PAD_ID = 0;
export const UNK_ID = 1;

/** Token ↔ id. Id 0 is padding, id 1 stands for any word not in the vocabulary. */
export interface Vocabulary {
  /** Tokens in id order, starting with `<pad>`, `<unk>`. */
  tokens: string[];
  ids: Map<string, number>;
}

/** A vocabulary from its tokens in id order (e.g. read back from an exported model's metadata). */
export function vocabularyFromTokens(tokens: string[]): Vocabulary {
  if (tokens[PAD_ID] !== PAD || tokens[UNK_ID] !== UNK) throw new TaskDataError(`A vocabulary must start with ${PAD} and ${UNK}`);
  return { tokens: [...tokens], ids: new Map(tokens.map((token, id) => [token, id])) };
}

/** The most frequent words of some tokenized sentences (ties alphabetically), `maxSize` tokens in all with `<pad>` and `<unk>`. */
export function buildVocabulary(sentences: readonly string[][], maxSize: number): Vocabulary {
  const counts = new Map<string, number>();
  for (const tokens of sentences) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const words = [...counts.entries()]
    .filter(([word]) => word !== PAD && word !== UNK)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, maxSize - 2))
    .map(([word]) => word);
  return vocabularyFromTokens([PAD, UNK, ...words]);
}

/** The id of a token (`<unk>`'s when the vocabulary lacks it). */
export function tokenId(vocabulary: Vocabulary, token: string): number {
  return vocabulary.ids.get(token) ?? UNK_ID;
}

/**
 * Ids of `length` steps, LEFT-padded with `<pad>`; a longer sentence keeps its last `length` words. Either
 * way the last step holds the last word, where the many-to-one model reads out.
 */
export function encode(tokens: readonly string[], vocabulary: Vocabulary, length: number): Int32Array {
  const out = new Int32Array(length); // zeros: <pad>
  const kept = tokens.slice(Math.max(0, tokens.length - length));
  const offset = length - kept.length;
  kept.forEach((token, k) => (out[offset + k] = tokenId(vocabulary, token)));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Generated reviews

/** Review adjectives to look up in AFINN, most familiar first; the first ones the lexicon rates ≥ 2 (≤ −2) are used. */
const POSITIVE_CANDIDATES = (
  'good great excellent amazing awesome brilliant wonderful fantastic superb perfect lovely nice pleasant delightful ' +
  'delicious beautiful charming enjoyable friendly helpful impressive outstanding terrific fabulous marvelous splendid ' +
  'fun funny entertaining interesting exciting fascinating comfortable clean reliable polite generous sweet elegant ' +
  'flawless solid fine affordable cheerful clever creative gripping riveting stunning useful effective hilarious'
).split(' ');
const NEGATIVE_CANDIDATES = (
  'bad terrible awful horrible boring dull poor disappointing annoying rude dirty ugly stupid lame pathetic useless ' +
  'worthless sloppy lousy dreadful disgusting nasty ridiculous miserable unpleasant uncomfortable unacceptable ' +
  'frustrating confusing inadequate incompetent ineffective inferior defective flawed rotten unprofessional crappy ' +
  'awkward weak sad unhappy wrong insipid irritating atrocious appalling hideous horrendous ludicrous careless'
).split(' ');

/** Adjectives per polarity in generated reviews: few enough to learn in a few hundred steps. */
export const WORDS_PER_POLARITY = 40;

/** What reviews are about; none of these words carries a valence in AFINN. */
const NOUNS: ReadonlyArray<{ word: string; plural: boolean }> = [
  ...'food service movie film plot acting story phone battery price room hotel waiter music ending screen sound book menu coffee pizza'
    .split(' ')
    .map((word) => ({ word, plural: false })),
  ...'staff fries characters actors rooms portions prices drinks desserts headphones'.split(' ').map((word) => ({ word, plural: true })),
];
/** Intensifiers: they strengthen a word but never flip it. */
const INTENSIFIERS = ['very', 'really', 'so', 'truly', 'extremely'];
/** Intensifiers that read naturally after "not" ("not very good"). */
const NEGATABLE_INTENSIFIERS = ['very', 'really', 'so'];
const NEGATION_RATE = 0.4;
const INTENSIFIER_RATE = 0.35;

/** The words generated reviews are built from: adjectives by polarity, with their AFINN valence. */
export interface ReviewLexicon {
  positive: string[];
  negative: string[];
  valence: Record<string, number>;
}

/** Picks the generator's adjectives from an AFINN lexicon (word → valence, −5…5). */
export function reviewLexicon(afinn: Record<string, number>, perPolarity = WORDS_PER_POLARITY): ReviewLexicon {
  const positive = POSITIVE_CANDIDATES.filter((word) => (afinn[word] ?? 0) >= 2).slice(0, perPolarity);
  const negative = NEGATIVE_CANDIDATES.filter((word) => (afinn[word] ?? 0) <= -2).slice(0, perPolarity);
  if (positive.length < perPolarity || negative.length < perPolarity) {
    throw new TaskDataError(`The AFINN lexicon rates too few review words: ${positive.length} positive and ${negative.length} negative, ${perPolarity} of each are needed`);
  }
  const valence: Record<string, number> = {};
  for (const word of [...positive, ...negative]) valence[word] = afinn[word];
  return { positive, negative, valence };
}

/** Reads the AFINN lexicon file (JSON: word → valence). */
export function parseAfinn(json: string): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new TaskDataError('The AFINN lexicon file is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TaskDataError('The AFINN lexicon file is not a map of words to valences');
  const out: Record<string, number> = {};
  for (const [word, value] of Object.entries(parsed)) if (typeof value === 'number' && Number.isFinite(value)) out[word] = value;
  return out;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** One clause with the given polarity: "the food was [not] [very] good"; "not" makes a word of the other polarity say it. */
function clause(rng: Rng, lexicon: ReviewLexicon, polarity: 0 | 1): string {
  const noun = pick(rng, NOUNS);
  const determiner = pick(rng, noun.plural ? ['the', 'the', 'these'] : ['the', 'the', 'this']);
  const past = rng.next() < 0.5;
  const verb = noun.plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  const negated = rng.next() < NEGATION_RATE;
  const adjective = pick(rng, (negated ? 1 - polarity : polarity) === 1 ? lexicon.positive : lexicon.negative);
  const intensifier = rng.next() < INTENSIFIER_RATE ? `${pick(rng, negated ? NEGATABLE_INTENSIFIERS : INTENSIFIERS)} ` : '';
  const negation = negated ? (rng.next() < 0.3 ? `${verb}n't` : `${verb} not`) : verb;
  return `${determiner} ${noun.word} ${negation} ${intensifier}${adjective}`;
}

/** A short verdict: "Very good.", "Not bad." */
function shortReview(rng: Rng, lexicon: ReviewLexicon, polarity: 0 | 1): string {
  const negated = rng.next() < NEGATION_RATE;
  const adjective = pick(rng, (negated ? 1 - polarity : polarity) === 1 ? lexicon.positive : lexicon.negative);
  if (negated) return `not ${adjective}`;
  return rng.next() < INTENSIFIER_RATE ? `${pick(rng, INTENSIFIERS)} ${adjective}` : adjective;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/**
 * One review with the given label. Four shapes: one clause; "A, but B" where B has the label and A the
 * opposite (so the same words in the other order mean the opposite); "A and B", both with the label; a
 * short verdict ("Not bad.").
 */
export function generateReview(rng: Rng, lexicon: ReviewLexicon, label: 0 | 1): string {
  const shape = rng.next();
  const other = (1 - label) as 0 | 1;
  if (shape < 0.35) return sentenceCase(clause(rng, lexicon, label));
  if (shape < 0.75) return sentenceCase(`${clause(rng, lexicon, other)}, but ${clause(rng, lexicon, label)}`);
  if (shape < 0.9) return sentenceCase(`${clause(rng, lexicon, label)} and ${clause(rng, lexicon, label)}`);
  return sentenceCase(shortReview(rng, lexicon, label));
}

/**
 * `count` distinct generated reviews (no two tokenize alike), half of each label, in a seeded order. Any
 * sentences in `include` come first (e.g. the probe), counted against their label's half.
 */
export function generateReviews(lexicon: ReviewLexicon, count: number, seed: number, include: readonly LabelledSentence[] = []): LabelledSentence[] {
  const rng = new Rng(seed ^ 0x5e47);
  const wanted = [Math.floor(count / 2), count - Math.floor(count / 2)];
  const have = [0, 0];
  const seen = new Set<string>();
  const out: LabelledSentence[] = [];
  const add = (example: LabelledSentence): void => {
    const key = tokenize(example.text).join(' ');
    if (seen.has(key) || have[example.label] >= wanted[example.label]) return;
    seen.add(key);
    have[example.label]++;
    out.push(example);
  };
  for (const example of include) add(example);
  for (let attempt = 0; out.length < count; attempt++) {
    if (attempt > count * 50) throw new TaskDataError(`Could not generate ${count} distinct reviews`);
    const label: 0 | 1 = have[0] >= wanted[0] ? 1 : have[1] >= wanted[1] ? 0 : (rng.int(2) as 0 | 1);
    add({ text: generateReview(rng, lexicon, label), label });
  }
  return out;
}

/**
 * The generator's rule, read off the words: the last clause decides (clauses split at "but" and "and"; the
 * generator's "and" joins clauses that agree); its adjective's AFINN sign, flipped by each "not". Undefined
 * when the last clause has no rated word.
 */
export function ruleLabel(tokens: readonly string[], valence: Record<string, number>): 0 | 1 | undefined {
  let start = 0;
  tokens.forEach((token, k) => {
    if (token === 'but' || token === 'and') start = k + 1;
  });
  let sign = 0;
  let flips = 0;
  for (const token of tokens.slice(start)) {
    if (token === 'not') flips++;
    else if (valence[token]) sign = Math.sign(valence[token]);
  }
  if (sign === 0) return undefined;
  return (flips % 2 === 0 ? sign > 0 : sign < 0) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// The learner's labelled sentences

/** Limits on an upload. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
export const MAX_UPLOAD_LINES = 20_000;
export const MIN_UPLOAD_ROWS = 10;

const LABEL_VALUES: Record<string, 0 | 1> = { '0': 0, '1': 1, neg: 0, pos: 1, negative: 0, positive: 1 };
const HEADER_WORDS = new Set(['text', 'sentence', 'review', 'label', 'labels', 'class', 'sentiment', 'polarity', 'target']);

/** UTF-8 size of a string, in bytes. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4; // a surrogate pair: one 4-byte character
      k++;
    } else bytes += 3;
  }
  return bytes;
}

/** Whether decoded text looks like a binary file: a NUL, or many control or replacement (U+FFFD) characters. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let odd = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code < 0xa0) || code === 0xfffd) odd++;
  }
  return odd > text.length * 0.1;
}

/** A row of fields and the file line it starts on (1-based). */
interface Row {
  line: number;
  fields: string[];
}

/** CSV rows: fields split at commas, "quoted fields" may hold commas, line breaks and doubled "" quotes. */
function csvRows(text: string): Row[] {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      rowLine = ++line;
    } else if (c !== '\r') field += c;
  }
  if (quoted) throw new TaskDataError(`Line ${quoteLine}: a quoted field is never closed (a " is missing)`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

/** TSV rows: fields split at tabs, one row per line; a field wrapped in quotes loses them. */
function tsvRows(text: string): Row[] {
  return text.split('\n').map((raw, k) => ({
    line: k + 1,
    fields: raw.replace(/\r$/, '').split('\t').map((field) => (/^\s*".*"\s*$/s.test(field) ? field.trim().slice(1, -1).replace(/""/g, '"') : field)),
  }));
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 60 ? `${flat.slice(0, 57)}…` : flat}"`;
}

/**
 * The learner's labelled sentences: CSV or TSV (a tab in the first line means TSV), one "text, label" per row,
 * an optional header row ("text,label"). Labels: 0/1, neg/pos, negative/positive, any case. A CSV row with
 * more than two fields takes the last as its label and the rest as its text. Rows without words are skipped.
 * Throws TaskDataError, naming the line, for anything it cannot use.
 */
export function parseLabelledText(text: string): LabelledSentence[] {
  if (text.trim() === '') throw new TaskDataError('The file is empty: it needs one sentence and its label per line, e.g. "the food was great,positive"');
  const bytes = utf8Bytes(text);
  if (bytes > MAX_UPLOAD_BYTES) throw new TaskDataError(`The file is too large: ${(bytes / (1024 * 1024)).toFixed(1)} MB, more than the 1 MB limit`);
  const lines = text.split('\n').length;
  if (lines > MAX_UPLOAD_LINES) throw new TaskDataError(`The file is too long: ${lines} lines, more than the ${MAX_UPLOAD_LINES} line limit`);
  if (looksBinary(text)) throw new TaskDataError('This looks like a binary file, not text: upload a CSV or TSV file with one sentence and its label per line');

  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const tsv = firstLine.includes('\t');
  const delimiter = tsv ? '\t' : ',';
  const rows = (tsv ? tsvRows(text) : csvRows(text)).filter((row) => row.fields.some((field) => field.trim() !== ''));

  const out: LabelledSentence[] = [];
  rows.forEach((row, index) => {
    const labelCell = row.fields.length > 1 ? row.fields[row.fields.length - 1].trim() : '';
    const textCell = row.fields.slice(0, Math.max(1, row.fields.length - 1)).join(delimiter).trim();
    const label = LABEL_VALUES[labelCell.toLowerCase()];
    // a first row that names its columns is a header
    if (index === 0 && label === undefined && (HEADER_WORDS.has(labelCell.toLowerCase()) || HEADER_WORDS.has(textCell.toLowerCase()))) return;
    if (labelCell === '') throw new TaskDataError(`Line ${row.line} has no label: ${quote(textCell)} (each line needs a sentence, a ${tsv ? 'tab' : 'comma'}, then 0/1 or negative/positive)`);
    if (label === undefined) throw new TaskDataError(`Line ${row.line}: label ${quote(labelCell)} is not one of 0, 1, negative, positive`);
    if (tokenize(textCell).length > 0) out.push({ text: textCell, label });
  });
  if (out.length < MIN_UPLOAD_ROWS) throw new TaskDataError(`The file has only ${out.length} usable labelled sentence${out.length === 1 ? '' : 's'}; at least ${MIN_UPLOAD_ROWS} are needed`);
  const positives = out.filter((row) => row.label === 1).length;
  if (positives === 0 || positives === out.length) {
    throw new TaskDataError(`Every sentence in the file is labelled ${LABEL_NAMES[out[0].label]}: the network needs examples of both negative and positive`);
  }
  return out;
}

/** Reads the prepared real reviews (JSON: [{text, label, source}]). */
export function parseReviews(json: string): LabelledSentence[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new TaskDataError('The reviews file is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new TaskDataError('The reviews file is not a list of reviews');
  const out: LabelledSentence[] = [];
  for (const row of parsed as Array<{ text?: unknown; label?: unknown }>) {
    if (typeof row?.text === 'string' && (row.label === 0 || row.label === 1) && tokenize(row.text).length > 0) out.push({ text: row.text, label: row.label });
  }
  if (out.length < MIN_UPLOAD_ROWS) throw new TaskDataError('The reviews file holds too few labelled reviews');
  return out;
}

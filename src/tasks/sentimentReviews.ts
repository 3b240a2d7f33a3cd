/**
 * The generated reviews: a seeded generator of short reviews over AFINN words whose labels depend on word
 * order ("not good"; "X, but Y" where Y decides), so that a bag of words cannot tell them apart.
 */
import { Rng } from '../core/rng';
import type { LabelledSentence } from './sentimentLabels';
import { tokenize } from './sentimentTokens';
import { TaskDataError } from './task';

/** Review adjectives to look up in AFINN, most familiar first; the first ones the lexicon rates ≥ 2 (≤ −2) are used. */
const POSITIVE_CANDIDATES = (
  'good great excellent amazing awesome brilliant wonderful fantastic superb perfect lovely nice pleasant delightful ' +
  'delicious beautiful charming enjoyable friendly helpful impressive outstanding terrific fabulous marvelous splendid ' +
  'fun funny entertaining interesting exciting fascinating comfortable clean reliable polite generous sweet elegant ' +
  'flawless solid fine affordable cheerful clever creative gripping riveting stunning useful effective hilarious'
).split(' ');
/** The negative adjectives to look up, most familiar first. */
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
/** How often a clause or verdict negates its adjective ("not good"), and how often it intensifies it ("very good"). */
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

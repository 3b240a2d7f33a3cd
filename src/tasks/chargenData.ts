/**
 * The character-generation task's text side, free of tensors: a character vocabulary (rare characters share
 * one `<unk>` id), encoding and decoding, and the checks a learner's own text must pass. The counting baselines
 * (unigram, bigram) live in charBaselines.ts.
 */
import { TaskDataError } from './task';
import { binarySign, utf8Bytes } from './uploadChecks';

/** The id every rare or unseen character maps to. */
export const UNK = '<unk>';
export const UNK_ID = 0;
/** Characters seen fewer times than this in the training text become `<unk>`. */
export const MIN_CHAR_COUNT = 3;
/** At most this many ids (with `<unk>`): a text in a large script keeps its most frequent characters. */
export const MAX_VOCABULARY = 256;

/** The largest text accepted, in bytes of UTF-8. */
export const MAX_CORPUS_BYTES = 2 * 1024 * 1024;
/** The shortest text accepted, in characters. */
export const MIN_CORPUS_CHARS = 200;

/** Character ↔ id. Id 0 is `<unk>`; the others are the kept characters in code-point order. */
export interface CharVocabulary {
  /** `<unk>`, then the characters, in id order. */
  chars: string[];
  ids: Map<string, number>;
}

/** The characters of a text (code points, so an emoji is one character). */
export function charsOf(text: string): string[] {
  return Array.from(text);
}

/** How often each character occurs. */
export function charCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts;
}

/**
 * The sorted distinct characters of a text seen at least `minCount` times (at most `maxSize − 1` of them, the
 * most frequent), after `<unk>`.
 */
export function buildCharVocabulary(text: string, minCount = MIN_CHAR_COUNT, maxSize = MAX_VOCABULARY): CharVocabulary {
  const frequent = [...charCounts(text)].filter(([, count]) => count >= minCount);
  // ties broken by code point so the vocabulary does not depend on the text's order
  frequent.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  const kept = frequent.slice(0, maxSize - 1).map(([char]) => char).sort(compareCodePoints);
  return vocabularyFromChars([UNK, ...kept]);
}

/** A vocabulary from its characters in id order (`<unk>` first), e.g. read back from exported metadata. */
export function vocabularyFromChars(chars: string[]): CharVocabulary {
  if (chars[UNK_ID] !== UNK) throw new Error(`A character vocabulary starts with ${UNK}`);
  return { chars: [...chars], ids: new Map(chars.map((char, id) => [char, id])) };
}

function compareCodePoints(a: string, b: string): number {
  return (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
}

/** The id of one character (`<unk>` when it is not in the vocabulary). */
export function charId(vocabulary: CharVocabulary, char: string): number {
  return vocabulary.ids.get(char) ?? UNK_ID;
}

/** The ids of a text's characters. */
export function encodeText(text: string, vocabulary: CharVocabulary): Int32Array {
  return Int32Array.from(charsOf(text), (char) => charId(vocabulary, char));
}

/** The text of some ids; `<unk>` comes out as `unknown` (U+FFFD, the replacement character, by default). */
export function decodeIds(ids: ArrayLike<number>, vocabulary: CharVocabulary, unknown = '\uFFFD'): string {
  let text = '';
  for (let k = 0; k < ids.length; k++) text += ids[k] === UNK_ID ? unknown : (vocabulary.chars[ids[k]] ?? unknown);
  return text;
}

/** Line endings as `\n` (uploads from Windows use `\r\n`). */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Megabytes (2²⁰ bytes) with one decimal (two when one would read as the limit itself), for messages. */
function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  const limit = MAX_CORPUS_BYTES / 1024 / 1024;
  return `${Number(mb.toFixed(1)) <= limit ? mb.toFixed(2) : mb.toFixed(1)} MB`;
}

/** A character as a learner reads it in a message: quoted, with whitespace named. */
export function describeChar(char: string): string {
  const names: Record<string, string> = { ' ': 'a space', '\n': 'a line break', '\t': 'a tab', '\r': 'a carriage return' };
  return names[char] ?? `'${char}'`;
}

/**
 * Checks that a text can train a character model; throws TaskDataError with a message for the learner when it
 * is empty, too large, binary, too short, or made of one repeated character.
 */
export function validateCorpus(text: string): void {
  if (text.trim() === '') throw new TaskDataError(text === '' ? 'The text is empty: there is nothing to learn from.' : 'The text is only whitespace: there is nothing to learn from.');
  const bytes = utf8Bytes(text);
  if (bytes > MAX_CORPUS_BYTES) throw new TaskDataError(`The text is ${megabytes(bytes)}; the limit is ${MAX_CORPUS_BYTES / 1024 / 1024} MB. Upload a shorter text.`);
  const binary = binarySign(text);
  if (binary?.kind === 'nul') throw new TaskDataError('This looks like a binary file, not text (it contains NUL bytes). Upload a plain-text (.txt) file.');
  if (binary?.kind === 'non-printable') {
    throw new TaskDataError(`This looks like a binary file, not text (${Math.round((100 * binary.nonPrintable) / text.length)}% of it is not printable). Upload a plain-text (.txt) file.`);
  }
  const chars = charsOf(text);
  if (chars.length < MIN_CORPUS_CHARS) throw new TaskDataError(`The text has ${chars.length} characters; at least ${MIN_CORPUS_CHARS} are needed to learn from.`);
  const distinct = new Set(chars);
  if (distinct.size === 1) throw new TaskDataError(`The text uses only one character (${describeChar(chars[0])}): there is nothing to predict.`);
}

/**
 * The sentiment task's words: a tokenizer that keeps negations as one token ("wasn't" → "was not"), a
 * vocabulary of the most frequent words, and the left-padded encoding the many-to-one model reads.
 */
import { TaskDataError } from './task';

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

/** The padding token, and its id: sentences shorter than the window are left-padded with it. */
export const PAD = '<pad>';
export const PAD_ID = 0;
/** The token, and its id, of every word not in the vocabulary. */
export const UNK = '<unk>';
export const UNK_ID = 1;

/** Token ↔ id. Id 0 is padding, id 1 stands for any word not in the vocabulary. */
export interface Vocabulary {
  /** Tokens in id order, starting with `<pad>`, `<unk>`. */
  tokens: string[];
  /** Each token's id. */
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

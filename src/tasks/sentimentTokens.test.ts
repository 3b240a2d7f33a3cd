import { describe, expect, it } from 'vitest';
import { PAD_ID, UNK_ID, buildVocabulary, encode, tokenize, vocabularyFromTokens } from './sentimentTokens';
import { TaskDataError } from './task';

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

  it('reads a vocabulary back from its tokens, and refuses one without <pad> and <unk> first', () => {
    const vocabulary = vocabularyFromTokens(['<pad>', '<unk>', 'good']);
    expect(vocabulary.ids.get('good')).toBe(2);
    expect(() => vocabularyFromTokens(['good', '<pad>', '<unk>'])).toThrow(TaskDataError);
  });
});

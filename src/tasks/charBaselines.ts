/**
 * The counting models a practitioner compares a character RNN with, in bits per character: the unigram (how
 * often each character occurs, no context) and the bigram, a character Markov model P(c_t | c_{t−1}) that
 * sees exactly one character back. An RNN that does not beat the bigram has learned no more than which letter
 * tends to follow which.
 */

/** How often each symbol occurs, as probabilities, from a sequence of characters or ids. */
export function unigramProbabilities<T>(symbols: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  let total = 0;
  for (const symbol of symbols) {
    counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    total++;
  }
  for (const [symbol, count] of counts) counts.set(symbol, count / total);
  return counts;
}

/**
 * The unigram entropy in bits, H = −Σ p(c) log₂ p(c): the bits per character of the best model that ignores
 * context. A string is read character by character; an array of ids id by id.
 */
export function unigramEntropyBits<T>(symbols: Iterable<T>): number {
  let bits = 0;
  for (const p of unigramProbabilities(symbols).values()) bits -= p * Math.log2(p);
  return bits;
}

/** A character bigram model over ids 0 … vocabSize−1: row `previous` of `probabilities` is P(· | previous). */
export interface BigramModel {
  vocabSize: number;
  /** (vocabSize × vocabSize), row-major: probabilities[previous · vocabSize + next]. */
  probabilities: Float64Array;
}

/**
 * Fits P(next | previous) on consecutive ids of a training text with add-one (Laplace) smoothing over the
 * whole vocabulary: P(c | p) = (n(p, c) + 1) / (n(p) + V), where n(p, c) counts "p then c" and n(p) counts p
 * followed by anything. Every pair keeps some probability, so an unseen pair in held-out text costs
 * log₂(n(p) + V) bits, not infinity; a character never seen as a predecessor gets the uniform 1/V.
 */
export function fitBigram(ids: ArrayLike<number>, vocabSize: number): BigramModel {
  const pairCounts = new Float64Array(vocabSize * vocabSize);
  const previousCounts = new Float64Array(vocabSize);
  for (let k = 1; k < ids.length; k++) {
    pairCounts[ids[k - 1] * vocabSize + ids[k]]++;
    previousCounts[ids[k - 1]]++;
  }
  const probabilities = new Float64Array(vocabSize * vocabSize);
  for (let previous = 0; previous < vocabSize; previous++) {
    const denominator = previousCounts[previous] + vocabSize;
    for (let next = 0; next < vocabSize; next++) {
      probabilities[previous * vocabSize + next] = (pairCounts[previous * vocabSize + next] + 1) / denominator;
    }
  }
  return { vocabSize, probabilities };
}

/**
 * The bigram's bits per character on held-out pairs: −mean log₂ P(target_r | previous_r) over rows r, where
 * previous_r is the character just before target_r (for windows, the input at the step whose target it is).
 */
export function bigramBitsPerChar(model: BigramModel, previousIds: ArrayLike<number>, targetIds: ArrayLike<number>): number {
  if (previousIds.length !== targetIds.length) throw new Error(`${previousIds.length} previous characters for ${targetIds.length} targets`);
  let bits = 0;
  for (let r = 0; r < targetIds.length; r++) bits -= Math.log2(model.probabilities[previousIds[r] * model.vocabSize + targetIds[r]]);
  return bits / targetIds.length;
}

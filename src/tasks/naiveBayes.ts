/**
 * The bag-of-words baseline: a multinomial naive Bayes with Laplace (add-α) smoothing. It sees which words a
 * sentence has and how often, never their order, so it is what a recurrent net must beat to show that it
 * reads order.
 *
 *   P(c) = N_c / N                                  (share of training sentences with label c)
 *   P(w | c) = (n_{w,c} + α) / (n_c + α·|V|)        (n_{w,c}: count of w in class c; n_c: all words in c; V: training words)
 *   predict(s) = argmax_c  log P(c) + Σ_{w ∈ s} log P(w | c)   (words never seen in training are skipped)
 */

/** A tokenized sentence with its class (0, 1, …). */
export interface TokenizedExample {
  tokens: readonly string[];
  label: number;
}

/** A trained naive Bayes: per class, its log prior and the log likelihood of each training word. */
export interface NaiveBayes {
  /** log P(c), by class. */
  logPriors: number[];
  /** log P(w | c), by class, for every word seen in training. */
  logLikelihoods: Array<Map<string, number>>;
}

/** Add-one (Laplace) smoothing: every word counts once more in every class than it was seen. */
export const LAPLACE = 1;

/** Fits a multinomial naive Bayes on tokenized sentences of `classes` classes, smoothing counts by `smoothing` (α). */
export function trainNaiveBayes(examples: readonly TokenizedExample[], classes = 2, smoothing = LAPLACE): NaiveBayes {
  const sentencesPerClass = new Array<number>(classes).fill(0);
  const wordsPerClass = new Array<number>(classes).fill(0);
  const counts = Array.from({ length: classes }, () => new Map<string, number>());
  const vocabulary = new Set<string>();
  for (const { tokens, label } of examples) {
    sentencesPerClass[label]++;
    wordsPerClass[label] += tokens.length;
    for (const token of tokens) {
      vocabulary.add(token);
      counts[label].set(token, (counts[label].get(token) ?? 0) + 1);
    }
  }
  const logPriors = sentencesPerClass.map((n) => Math.log(n / examples.length));
  const logLikelihoods = counts.map((ofClass, c) => {
    const denominator = wordsPerClass[c] + smoothing * vocabulary.size;
    return new Map([...vocabulary].map((word) => [word, Math.log(((ofClass.get(word) ?? 0) + smoothing) / denominator)]));
  });
  return { logPriors, logLikelihoods };
}

/** log P(c) + Σ log P(w | c) for each class c: the unnormalised log posterior of a sentence. */
export function naiveBayesScores(model: NaiveBayes, tokens: readonly string[]): number[] {
  return model.logPriors.map((logPrior, c) => {
    let score = logPrior;
    for (const token of tokens) score += model.logLikelihoods[c].get(token) ?? 0; // a word never seen in training is skipped, as is usual
    return score;
  });
}

/** The class with the highest score (the lowest class on a tie). */
export function naiveBayesPredict(model: NaiveBayes, tokens: readonly string[]): number {
  const scores = naiveBayesScores(model, tokens);
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
  return best;
}

/** Fraction of examples whose predicted class is their label. */
export function naiveBayesAccuracy(model: NaiveBayes, examples: readonly TokenizedExample[]): number {
  if (examples.length === 0) return 0;
  let correct = 0;
  for (const { tokens, label } of examples) if (naiveBayesPredict(model, tokens) === label) correct++;
  return correct / examples.length;
}

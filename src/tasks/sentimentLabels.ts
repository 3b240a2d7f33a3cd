/**
 * The sentiment task's labels: what a labelled sentence is, the class names, and the rule the generated
 * reviews follow, read back off their words (the last clause decides; each "not" flips it).
 */

/** A sentence with its label: 0 negative, 1 positive. */
export interface LabelledSentence {
  text: string;
  label: 0 | 1;
}

/** The class names, by label. */
export const LABEL_NAMES = ['negative', 'positive'] as const;

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

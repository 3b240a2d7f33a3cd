/** The scores the tasks share: argmax, softmax, and accuracy against one-hot targets. */

/** Index (0 … length−1) of the largest of values[offset … offset+length−1]; the first one on ties, 0 if all are NaN. */
export function argmaxAt(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** Probabilities from logits: softmax, shifted by the largest logit so that no exponential overflows. */
export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Fraction of rows whose largest logit is the target's class. */
export function accuracy(logits: ArrayLike<number>, oneHot: ArrayLike<number>, classes: number): number {
  const rows = oneHot.length / classes;
  let correct = 0;
  for (let r = 0; r < rows; r++) if (argmaxAt(logits, r * classes, classes) === argmaxAt(oneHot, r * classes, classes)) correct++;
  return correct / rows;
}

/** Small helpers the tasks' held-out scores share. */

/** Index (0 … length−1) of the largest of values[offset … offset+length−1]; the first one on ties, 0 if all are NaN. */
export function argmaxAt(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

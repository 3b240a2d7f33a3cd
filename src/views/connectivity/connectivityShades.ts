/** Pure helpers of the connectivity view: a row of the matrix, its log shading, and the words for its score. */
import type { ConnectivityReading, ConnectivityScore } from '../../shared/deeperReadings';

/** How many decades below a row's largest value the shading spans (smaller values look blank). */
export const SHADE_DECADES = 3;

/** Row `row` of the reading's matrix: ‖∂ŷ_t/∂x_k‖ over input steps k. */
export function connectivityRow(reading: ConnectivityReading, row: number): Float32Array {
  const steps = reading.values.length / reading.outputSteps.length;
  return reading.values.subarray(row * steps, (row + 1) * steps);
}

/** Each value's shade in [0, 1]: log10 of its share of the largest, over SHADE_DECADES decades; 0 for 0. */
export function logShades(values: ArrayLike<number>): number[] {
  let max = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) max = Math.max(max, values[k]);
  return Array.from(values, (v) => (v > 0 && max > 0 ? Math.max(0, 1 + Math.log10(v / max) / SHADE_DECADES) : 0));
}

/** What a row follows, in words: "P(positive)", "the forecast ŷ", "the predicted class's logit". */
export function scoreName(score: ConnectivityScore): string {
  return score === 'positive' ? 'P(positive)' : score === 'value' ? 'the forecast ŷ' : 'the logit of the predicted class';
}

/** The output a row follows, in words: "t = 12", or for an encoder–decoder "output 2" (its decoder's second). */
export function outputName(reading: ConnectivityReading, row: number): string {
  return reading.encoderSteps !== undefined ? `output ${row + 1}` : `t = ${reading.outputSteps[row] + 1}`;
}

/** An input step in words: "x_3", or for an encoder–decoder "encoder x_3" and "decoder input 2" (its teacher-forced inputs). */
export function inputName(reading: ConnectivityReading, k: number): string {
  const encoderSteps = reading.encoderSteps;
  if (encoderSteps === undefined) return `x_${k + 1}`;
  return k < encoderSteps ? `encoder x_${k + 1}` : `decoder input ${k - encoderSteps + 1}`;
}

/**
 * Encoder–decoder: for each decoder output, the encoder input it depends on most (0-based), as a reversal should
 * read them: the last input for output 1, …, the first for output E. Undefined for other readings.
 */
export function strongestEncoderInputs(reading: ConnectivityReading): number[] | undefined {
  const encoderSteps = reading.encoderSteps;
  if (encoderSteps === undefined) return undefined;
  return reading.outputSteps.map((_, row) => {
    const values = connectivityRow(reading, row).subarray(0, encoderSteps);
    return values.indexOf(Math.max(...values));
  });
}

/**
 * Encoder–decoder: for each encoder input k, the decoder output that replacing it changes most (0-based) and that
 * share of replacements; a reversal reads the anti-diagonal (x_1 → the last output). Undefined without replacements.
 */
export function mostChangedOutputs(reading: ConnectivityReading): Array<{ output: number; share: number }> | undefined {
  const { replacement, encoderSteps } = reading;
  if (!replacement || encoderSteps === undefined) return undefined;
  const outputs = replacement.length / encoderSteps;
  return Array.from({ length: encoderSteps }, (_, k) => {
    let output = 0;
    for (let t = 1; t < outputs; t++) if (replacement[t * encoderSteps + k] > replacement[output * encoderSteps + k]) output = t;
    return { output, share: replacement[output * encoderSteps + k] };
  });
}

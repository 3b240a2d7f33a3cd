/**
 * Reverse digits (many-to-many, delayed: an encoder–decoder). The encoder reads N digits; only then does the
 * decoder, started from the encoder's final state, write them back in reverse order, one per step. In
 * training the decoder reads the true previous digit (teacher forcing); on held-out data and in "try it" it
 * reads its own previous answer, as it must when it writes alone.
 */
import { configConflict, type TrainConfig } from '../shared/config';
import { Rng } from '../core/rng';
import { stepwiseCrossEntropy } from './chargen';
import { TaskDataError, rnnSpecOf, type Task, type TaskData } from './task';
import { argmaxAt, softmax } from './scores';
import type { ArrayBatch } from '../core/trainingTask';

/** Digits 0–9 are tokens 0–9; the decoder's start token comes after them. */
export const DIGITS = 10;
export const START_TOKEN = DIGITS;
/** The tokens as the views show them: the digits, then the start token. */
export const REVERSE_VOCAB = [...'0123456789', '▸'];
/** Embedding width (the recurrent layers' input size). */
export const REVERSE_EMBEDDING_SIZE = 8;
const HELD_OUT = 256;
/** The probe's digits (its first N). */
const PROBE_DIGITS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];

/**
 * One batch from digit sequences: input (B, 2N) token ids = the N digits for the encoder, then the decoder's
 * inputs [start, r₁ … r_{N−1}] (the reversed sequence shifted right by one: teacher forcing); target (B, N, 10)
 * one-hot of the reversed digits r₁ … r_N.
 */
export function reverseBatch(sequences: readonly (readonly number[])[]): ArrayBatch {
  const batch = sequences.length;
  const n = sequences[0].length;
  const input = new Int32Array(batch * 2 * n);
  const target = new Float32Array(batch * n * DIGITS);
  sequences.forEach((digits, b) => {
    const reversed = [...digits].reverse();
    input.set(digits, b * 2 * n);
    input[b * 2 * n + n] = START_TOKEN;
    input.set(reversed.slice(0, n - 1), b * 2 * n + n + 1);
    reversed.forEach((digit, t) => (target[(b * n + t) * DIGITS + digit] = 1));
  });
  return { input, inputShape: [batch, 2 * n], target, targetShape: [batch, n, DIGITS] };
}

/** An integer in superscript digits: −4 → "⁻⁴". */
function superscript(value: number): string {
  return [...String(value)].map((char) => (char === '-' ? '⁻' : '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(char)])).join('');
}

/** N random digits. */
function randomDigits(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.int(DIGITS));
}

/** The predicted digits (argmax of each step's logits) of rows of N steps × 10 logits. */
export function predictedDigits(logits: ArrayLike<number>, n: number): number[][] {
  const rows = logits.length / (n * DIGITS);
  return Array.from({ length: rows }, (_, b) =>
    Array.from({ length: n }, (_, t) => argmaxAt(logits, (b * n + t) * DIGITS, DIGITS)),
  );
}

/**
 * Held-out scores: the share of sequences reversed exactly (every digit right) and the share of digits right,
 * against chance (10⁻ᴺ and 1/10).
 */
export function reverseMetrics(logits: ArrayLike<number>, sequences: readonly (readonly number[])[]): Record<string, number> {
  const n = sequences[0].length;
  const predicted = predictedDigits(logits, n);
  let exact = 0;
  let digitsRight = 0;
  sequences.forEach((digits, b) => {
    const reversed = [...digits].reverse();
    const right = reversed.filter((digit, t) => predicted[b][t] === digit).length;
    digitsRight += right;
    if (right === n) exact++;
  });
  return {
    accuracy: exact / sequences.length,
    baselineAccuracy: DIGITS ** -n,
    digitAccuracy: digitsRight / (sequences.length * n),
    baselineDigitAccuracy: 1 / DIGITS,
  };
}

/** The encoder–decoder task for a config: reverse `reverseDigits` digits. */
export function reverseTask(config: TrainConfig, _data: TaskData = {}): Task {
  const n = config.reverseDigits;
  const conflict = configConflict(config);
  if (conflict) throw new TaskDataError(conflict.message);
  const probeDigits = PROBE_DIGITS.slice(0, n);
  // Distinct held-out sequences that training never sees (nor the probe, which trains in every batch), so
  // the score measures generalisation: 256, or a quarter of all 10ᴺ when that is fewer (25 of 100 at N = 2).
  const heldOutRng = new Rng(config.seed ^ 0x7e7);
  const excluded = new Set<string>();
  const heldOutSequences: number[][] = [];
  while (heldOutSequences.length < Math.min(HELD_OUT, DIGITS ** n / 4)) {
    const digits = randomDigits(heldOutRng, n);
    const key = digits.join('');
    if (excluded.has(key) || key === probeDigits.join('')) continue;
    excluded.add(key);
    heldOutSequences.push(digits);
  }
  const probe = reverseBatch([probeDigits]);
  const heldOut = reverseBatch(heldOutSequences);
  return {
    id: 'reverse',
    title: 'Reverse digits',
    shape: 'many-to-many (delayed)',
    summary: `An encoder reads ${n} digits; then a decoder, started from the encoder's final state, writes them back reversed, one per step (teacher forcing in training; on held-out data it reads its own previous digit). Chance of a whole sequence: 10${superscript(-n)}.`,
    lossLabel: 'cross-entropy',
    modelSpec: {
      rnn: rnnSpecOf(config, REVERSE_EMBEDDING_SIZE),
      vocabSize: DIGITS + 1,
      outputSize: DIGITS,
      readout: 'decoder',
      decoderSteps: n,
    },
    // guessing every digit at random reverses a whole sequence with probability 10⁻ᴺ (per digit, 1/10: in the metrics)
    baselines: { chance: 1 / DIGITS ** n },
    probe,
    heldOut,
    trainBatch(rng, batchSize) {
      const sequences = [probeDigits];
      while (sequences.length < batchSize) {
        const digits = randomDigits(rng, n);
        if (!excluded.has(digits.join(''))) sequences.push(digits);
      }
      return reverseBatch(sequences);
    },
    loss: stepwiseCrossEntropy,
    metrics(prediction) {
      return reverseMetrics(prediction, heldOutSequences);
    },
    trajectoryHint: `The first ${n} points are the encoder reading the digits; the decoder starts from the last of them, which is all it knows about the input, and moves on as it writes.`,
    tryIt: {
      label: `${n} digits to reverse`,
      defaultInput: probeDigits.join(''),
      async run(input, _options, predict) {
        const text = input.replace(/\s+/g, '');
        if (!new RegExp(`^[0-9]{${n}}$`).test(text)) return { error: `Type exactly ${n} digits (0–9): this network was trained on sequences of ${n}.` };
        const digits = [...text].map(Number);
        const logits = await predict(reverseBatch([digits]));
        const [written] = predictedDigits(logits, n);
        const expected = [...digits].reverse();
        const wrong = written.map((digit, t) => (digit === expected[t] ? -1 : t)).filter((t) => t >= 0);
        return {
          text: written.join(''),
          summary: wrong.length === 0
            ? `The decoder wrote ${written.join('')}: right.`
            : `The decoder wrote ${written.join('')}; the reverse is ${expected.join('')} (${wrong.length} of ${n} digits wrong, first at position ${wrong[0] + 1}).`,
          trace: written.map((digit, t) => ({ token: String(digit), value: softmax(Array.from(logits.subarray(t * DIGITS, (t + 1) * DIGITS)))[digit] })),
          traceLabel: 'Probability of each digit when the decoder wrote it',
        };
      },
    },
    metadata: {
      vocab: JSON.stringify(REVERSE_VOCAB),
      start_token: String(START_TOKEN),
      digits: String(n),
      embedding_size: String(REVERSE_EMBEDDING_SIZE),
      decoder_steps: String(n),
    },
  };
}

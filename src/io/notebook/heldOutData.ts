/**
 * The held-out examples a run is scored on, read back from its task in a form a person can read in a notebook:
 * the forecasting windows as numbers, the sentences as words, the text windows as text, the digits and symbols
 * as strings. The notebook's Python turns them into tensors again (with the vocabulary and normalisation of the
 * weights file's metadata); the tests check that it arrives at exactly the app's `task.heldOut`.
 */
import type { TaskId } from '../../shared/config';
import type { Task } from '../../tasks/task';

/** Forecasting (sine, CO₂): the windows as the network reads them, and the values the forecast is scored on. */
export interface ForecastHeldOut {
  kind: 'forecast';
  /** The windows (B, T) as the network reads them (normalised values, or normalised changes). */
  windows: Float32Array;
  batch: number;
  steps: number;
  /** The value each window forecasts, in the series' units. */
  truth: Float32Array;
  /** The last value before it (persistence's forecast), in the series' units. */
  lastValue: Float32Array;
  /** Seasonal naive with drift's forecast, in the series' units, where the series has a season. */
  seasonalNaive?: Float32Array;
  /** The metric in the series' units, when it has one (CO₂: "rmsePpm"). */
  rmseMetric?: string;
}

/** Sentiment: each held-out sentence's words (`<unk>` for those outside the vocabulary) and its label. */
export interface SentimentHeldOut {
  kind: 'sentiment';
  sentences: string[][];
  labels: number[];
}

/** Character generation: each held-out window as its T + 1 characters (inputs, then the last target). */
export interface ChargenHeldOut {
  kind: 'chargen';
  windows: string[];
  /** What stands for a character outside the vocabulary in `windows`. */
  unknown: string;
}

/** Reverse digits: each held-out sequence of digits, as the encoder reads it. */
export interface ReverseHeldOut {
  kind: 'reverse';
  sequences: string[];
}

/** Remember the first symbol: each held-out sequence as letters, the marked one first. */
export interface MemoryHeldOut {
  kind: 'memory';
  sequences: string[];
  symbols: string[];
}

/** The held-out data of any task. */
export type HeldOutData = ForecastHeldOut | SentimentHeldOut | ChargenHeldOut | ReverseHeldOut | MemoryHeldOut;

/** Index of the largest of `length` values from `offset`. */
function argmax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

function vocabOf(task: Task): string[] {
  const vocab: unknown = JSON.parse(task.metadata.vocab ?? 'null');
  if (!Array.isArray(vocab)) throw new Error(`The ${task.id} task has no vocabulary in its metadata`);
  return vocab.map(String);
}

function forecastHeldOut(task: Task): ForecastHeldOut {
  const [batch, steps] = task.heldOut.inputShape;
  if (!task.trace) throw new Error('A forecasting task without a trace');
  // the trace of any prediction carries the truth and the baselines' forecasts in the series' units
  const trace = task.trace(new Float32Array(task.heldOut.target.length));
  const lastValue = trace.baselines?.persistence;
  if (!lastValue) throw new Error('A forecasting task without a persistence baseline');
  return {
    kind: 'forecast',
    windows: Float32Array.from(task.heldOut.input),
    batch,
    steps,
    truth: trace.truth,
    lastValue,
    seasonalNaive: trace.baselines?.seasonalNaive,
    rmseMetric: task.baselinesIn ? Object.keys(task.baselinesIn)[0] : undefined,
  };
}

function sentimentHeldOut(task: Task): SentimentHeldOut {
  const vocab = vocabOf(task);
  const [batch, steps] = task.heldOut.inputShape;
  const padId = Number(task.metadata.pad_id ?? 0);
  const sentences: string[][] = [];
  const labels: number[] = [];
  for (let b = 0; b < batch; b++) {
    const ids = Array.from(task.heldOut.input.subarray(b * steps, (b + 1) * steps));
    // left padding: the words start at the first id that is not padding
    const first = ids.findIndex((id) => id !== padId);
    sentences.push(first < 0 ? [] : ids.slice(first).map((id) => vocab[id]));
    labels.push(argmax(task.heldOut.target, b * 2, 2));
  }
  return { kind: 'sentiment', sentences, labels };
}

function chargenHeldOut(task: Task): ChargenHeldOut {
  const vocab = vocabOf(task);
  const unknownId = Number(task.metadata.unk_id ?? 0);
  // a character that is not in the vocabulary, so the notebook encodes it as <unk> again
  const unknown = ['\ufffd', '\u2400', '\u0000'].find((c) => !vocab.includes(c)) ?? '\u0000';
  const charOf = (id: number): string => (id === unknownId ? unknown : vocab[id]);
  const [batch, steps] = task.heldOut.inputShape;
  const vocabSize = vocab.length;
  const windows: string[] = [];
  for (let b = 0; b < batch; b++) {
    const ids = Array.from(task.heldOut.input.subarray(b * steps, (b + 1) * steps));
    ids.push(argmax(task.heldOut.target, (b * steps + steps - 1) * vocabSize, vocabSize));
    windows.push(ids.map(charOf).join(''));
  }
  return { kind: 'chargen', windows, unknown };
}

function reverseHeldOut(task: Task): ReverseHeldOut {
  const [batch, width] = task.heldOut.inputShape;
  const n = width / 2;
  return { kind: 'reverse', sequences: Array.from({ length: batch }, (_, b) => Array.from(task.heldOut.input.subarray(b * width, b * width + n)).join('')) };
}

function memoryHeldOut(task: Task): MemoryHeldOut {
  const [batch, steps, width] = task.heldOut.inputShape;
  const symbolCount = width - 1;
  const symbols = Array.from({ length: symbolCount }, (_, k) => String.fromCharCode(65 + k));
  const sequences: string[] = [];
  for (let b = 0; b < batch; b++) {
    let text = '';
    for (let t = 0; t < steps; t++) {
      const offset = (b * steps + t) * width;
      const marked = task.heldOut.input[offset + symbolCount] === 1;
      // held-out sequences carry the start marker on their first step only, and a symbol on every step
      if (marked !== (t === 0)) throw new Error(`Held-out sequence ${b} has the start marker at step ${t}`);
      text += symbols[argmax(task.heldOut.input, offset, symbolCount)];
    }
    sequences.push(text);
  }
  return { kind: 'memory', sequences, symbols };
}

const READERS: Record<TaskId, (task: Task) => HeldOutData> = {
  sine: forecastHeldOut,
  co2: forecastHeldOut,
  sentiment: sentimentHeldOut,
  chargen: chargenHeldOut,
  reverse: reverseHeldOut,
  memory: memoryHeldOut,
};

/** The held-out data of a task, for the notebook. */
export function heldOutData(taskId: TaskId, task: Task): HeldOutData {
  return READERS[taskId](task);
}

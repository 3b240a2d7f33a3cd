/**
 * What-if's input side: the task's probe as the learner edits it (words, characters, digits or values) and the
 * edited copy as a batch the model reads, built by the task's own rules (the sentiment task's tokenizer and
 * left padding, the reverse task's encoder–decoder layout). An edit the network cannot read is refused with a
 * message and builds nothing. No tfjs: plain arrays in, plain arrays out.
 */
import type { ArrayBatch } from '../core/trainingTask';
import type { WhatIfEdit, WhatIfForm } from '../shared/protocol';
import { charsOf, describeChar } from '../tasks/chargenData';
import { MEMORY_INPUT_WIDTH, MEMORY_SYMBOLS, SYMBOL_NAMES, memoryStepLabels } from '../tasks/memory';
import { START_TOKEN, reverseBatch } from '../tasks/reverse';
import { quotedWords } from '../tasks/sentiment';
import { PAD_ID, encode, tokenize, vocabularyFromTokens } from '../tasks/sentimentTokens';
import type { Task } from '../tasks/task';

/** The tasks what-if can edit, and how. */
export type EditableTask = 'sentiment' | 'chargen' | 'reverse' | 'memory' | 'series';

/** How a task's probe is edited, or undefined for a task what-if does not cover. */
export function editableKind(task: Pick<Task, 'id'>): EditableTask | undefined {
  if (task.id === 'sentiment' || task.id === 'chargen' || task.id === 'reverse' || task.id === 'memory') return task.id;
  if (task.id === 'sine' || task.id === 'co2') return 'series';
  return undefined;
}

/** The task's vocabulary, as its exported metadata lists it. */
function vocabularyOf(task: Pick<Task, 'metadata'>): string[] {
  return JSON.parse(task.metadata.vocab ?? '[]') as string[];
}

/** The probe's token ids (batch of 1). */
function probeIds(task: Pick<Task, 'probe'>): number[] {
  return Array.from(task.probe.input);
}

/** The editor's form for a task's probe: what it starts from and what may be typed. */
export function probeForm(task: Task): WhatIfForm {
  const kind = editableKind(task);
  const steps = task.probe.inputShape[1];
  const vocab = kind && kind !== 'series' && kind !== 'memory' ? vocabularyOf(task) : [];
  if (kind === 'sentiment') {
    const words = probeIds(task).filter((id) => id !== PAD_ID).map((id) => vocab[id]);
    return { kind: 'text', text: words.join(' '), hint: `Words the network learned; it reads the last ${steps}.`, decoderSteps: 0 };
  }
  if (kind === 'chargen') {
    return { kind: 'text', text: probeIds(task).map((id) => vocab[id]).join(''), hint: `Exactly ${steps} characters, each one the network learned.`, decoderSteps: 0 };
  }
  if (kind === 'reverse') {
    const n = task.modelSpec.decoderSteps ?? 0;
    return { kind: 'text', text: probeIds(task).slice(0, n).join(''), hint: `Exactly ${n} digits (0–9).`, decoderSteps: n, decoderTokens: vocab.slice(0, START_TOKEN) };
  }
  if (kind === 'memory') {
    return {
      kind: 'text',
      text: memoryStepLabels(task.probe).join(' '),
      hint: `Exactly ${steps} symbols (${SYMBOL_NAMES.join(', ')}, or · for a blank step), one per step, separated by spaces; ▸ (or >) marks the symbol to remember.`,
      decoderSteps: 0,
    };
  }
  const features = task.probe.inputShape[2] ?? 1;
  const reads = task.metadata.reads === 'changes' ? 'the month-to-month changes the network reads (normalised)' : 'the values the network reads';
  return {
    kind: 'values',
    values: Array.from({ length: steps }, (_, t) => task.probe.input[t * features]),
    hint: `${steps} numbers: ${reads}.`,
    decoderSteps: 0,
  };
}

/** What an accepted edit becomes: the batch the model reads, and each step's input as the views show it. */
export interface EditedInput {
  batch: ArrayBatch;
  labels: string[];
  notes: string[];
}

/** The edited copy of the probe as a batch, or the message saying why the network cannot read it. */
export function editedInput(task: Task, edit: WhatIfEdit): EditedInput | { error: string } {
  const kind = editableKind(task);
  if (!kind) return { error: `What-if editing covers sentiment, character generation, reverse digits, the memory task and the series, not ${task.title.toLowerCase()}.` };
  if (kind === 'series') return editedSeries(task, edit.values);
  const text = edit.text ?? '';
  if (kind === 'sentiment') return editedSentence(task, text);
  if (kind === 'chargen') return editedCharacters(task, text);
  if (kind === 'memory') return editedSymbols(task, text);
  return editedDigits(task, text);
}

/** The sentiment task's rules: its tokenizer, only words it learned, left-padded to its window (the last words kept). */
function editedSentence(task: Task, text: string): EditedInput | { error: string } {
  const vocabulary = vocabularyFromTokens(vocabularyOf(task));
  const steps = task.probe.inputShape[1];
  const tokens = tokenize(text);
  if (tokens.length === 0) return { error: 'Type a sentence: there are no words to read yet.' };
  const unknown = tokens.filter((token) => !vocabulary.ids.has(token));
  if (unknown.length > 0) {
    const many = new Set(unknown).size > 1;
    return { error: `${quotedWords(unknown)} ${many ? 'are' : 'is'} not in the vocabulary the network learned. Use words from its training sentences (e.g. "good", "not", "but").` };
  }
  const ids = encode(tokens, vocabulary, steps);
  const notes = tokens.length > steps ? [`The network reads the last ${steps} words: the first ${tokens.length - steps} are dropped, as in training.`] : [];
  return { batch: { ...task.probe, input: ids }, labels: Array.from(ids, (id) => vocabulary.tokens[id]), notes };
}

/** Character generation: the window keeps its length, and every character must be one the network learned. */
function editedCharacters(task: Task, text: string): EditedInput | { error: string } {
  const vocab = vocabularyOf(task);
  const ids = new Map(vocab.map((char, id) => [char, id]));
  const steps = task.probe.inputShape[1];
  const chars = charsOf(text.replace(/\r\n?/g, '\n'));
  if (chars.length !== steps) return { error: `The probe is ${steps} characters; this is ${chars.length}. Change characters without adding or removing any.` };
  // id 0 is <unk>: never a character one can type
  const unknown = [...new Set(chars.filter((char) => !((ids.get(char) ?? 0) > 0)))];
  if (unknown.length > 0) return { error: `The network never learned ${unknown.slice(0, 5).map(describeChar).join(', ')}: use characters of its training text.` };
  return { batch: { ...task.probe, input: Int32Array.from(chars, (char) => ids.get(char)!) }, labels: chars, notes: [] };
}

/** Reverse digits: exactly N digits for the encoder; the decoder starts from its start token as in training. */
function editedDigits(task: Task, text: string): EditedInput | { error: string } {
  const n = task.modelSpec.decoderSteps ?? 0;
  const digits = text.replace(/\s+/g, '');
  if (!new RegExp(`^[0-9]{${n}}$`).test(digits)) return { error: `Type exactly ${n} digits (0–9): this network was trained on sequences of ${n}.` };
  const batch = reverseBatch([[...digits].map(Number)]);
  const vocab = vocabularyOf(task);
  return { batch, labels: Array.from(batch.input, (id) => vocab[id]), notes: [] };
}

/**
 * The memory task: one symbol per step as its labels write them ("▸C A B …"), each one-hot over the four symbols,
 * "·" a blank step, "▸" (or ">") the start marker on the step to remember. The count of steps stays the probe's.
 */
function editedSymbols(task: Task, text: string): EditedInput | { error: string } {
  const steps = task.probe.inputShape[1];
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length !== steps) return { error: `The probe has ${steps} steps; this is ${tokens.length}. Give one symbol per step, separated by spaces.` };
  const input = new Float32Array(steps * MEMORY_INPUT_WIDTH);
  for (let t = 0; t < steps; t++) {
    const match = /^([▸>]?)([A-Da-d·.])$/.exec(tokens[t]);
    if (!match) return { error: `Step ${t + 1} reads "${tokens[t].slice(0, 12)}": use ${SYMBOL_NAMES.join(', ')} or · (blank), with ▸ before the one to remember.` };
    const symbol = SYMBOL_NAMES.indexOf(match[2].toUpperCase());
    if (symbol >= 0) input[t * MEMORY_INPUT_WIDTH + symbol] = 1;
    if (match[1]) input[t * MEMORY_INPUT_WIDTH + MEMORY_SYMBOLS] = 1;
  }
  const batch = { ...task.probe, input };
  return { batch, labels: memoryStepLabels(batch), notes: [] };
}

/** A series: one finite number per step, read as the probe's values are (its single feature). */
function editedSeries(task: Task, values: readonly number[] | undefined): EditedInput | { error: string } {
  const [, steps, features = 1] = task.probe.inputShape;
  if (!values || values.length !== steps) return { error: `Give ${steps} values, one per step (${values?.length ?? 0} given).` };
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) return { error: `Step ${bad + 1} is not a number: every step needs a finite value.` };
  if (features !== 1) return { error: 'What-if edits series of one value per step only.' };
  const largest = Math.max(...values.map(Math.abs));
  if (largest > 1e4) return { error: `A value of ${largest} is far outside anything the network read in training: keep values within ±10000.` };
  return { batch: { ...task.probe, input: Float32Array.from(values) }, labels: values.map((v) => v.toFixed(2)), notes: [] };
}

/** Each step's input of the probe itself, as the editor's steps are labelled. */
export function probeLabelsOf(task: Task): string[] {
  const kind = editableKind(task);
  if (kind === 'series') return Array.from(task.probe.input, (v) => v.toFixed(2));
  if (kind === 'memory') return memoryStepLabels(task.probe);
  const vocab = vocabularyOf(task);
  return probeIds(task).map((id) => vocab[id] ?? '?');
}

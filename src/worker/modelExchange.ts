/**
 * Export and import of a whole run's model: .safetensors (PyTorch state_dict names) or plain JSON, with the
 * config and the task's settings, so the model is usable elsewhere and comes back here as it was.
 * Import refuses anything that does not fit, before the current model is touched.
 */
import { CONFIG_FIELDS, defaultConfig, withChanges, type TrainConfig } from '../shared/config';
import { costRefusal, fittingChanges } from '../shared/cost';
import { sizeOf, modelParamInfos, type ModelSpec, type ParamValues } from '../shared/spec';
import { ModelFileError, decodeModel, encodeModel } from '../io/modelFile';
import { readSafetensors, writeSafetensors, type NamedTensor } from '../io/safetensors';
import { TASKS } from '../tasks/registry';
import { MAX_IMPORT_BYTES, type ExportFile, type ExportFormat } from '../shared/protocol';

/** "unrolled-sine-lstm-step120.safetensors": task, cell and step in the name. */
export function exportFileName(config: Pick<TrainConfig, 'task' | 'cell'>, step: number, format: ExportFormat): string {
  return `unrolled-${config.task}-${config.cell}-step${step}.${format === 'json' ? 'json' : 'safetensors'}`;
}

/** What an export carries. */
export interface ExportInput {
  config: TrainConfig;
  spec: ModelSpec;
  weights: ParamValues;
  step: number;
  /** The task's own settings (normalisation, vocabulary, …), as strings. */
  taskMetadata: Record<string, string>;
}

/** The JSON export's shape. */
export interface JsonExport {
  format: 'unrolled-json-1';
  config: TrainConfig;
  step: number;
  metadata: Record<string, string>;
  tensors: Record<string, { shape: number[]; data: number[] }>;
}

/** Builds the export file. */
export function encodeExport(input: ExportInput, format: ExportFormat): ExportFile {
  const metadata: Record<string, string> = {
    task: input.config.task,
    step: String(input.step),
    // W_hh's initialisation (issue #16), also inside unrolled_config, named on its own for other readers
    init: input.config.recurrentInit,
    unrolled_config: JSON.stringify(input.config),
    ...input.taskMetadata,
  };
  const fileName = exportFileName(input.config, input.step, format);
  const safetensors = encodeModel(input.spec, input.weights, metadata);
  if (format === 'safetensors') return { fileName, mime: 'application/octet-stream', bytes: safetensors };
  // The JSON holds exactly what the .safetensors holds: the same tensors and the same metadata.
  const tensors: JsonExport['tensors'] = {};
  for (const { name, shape } of modelParamInfos(input.spec)) tensors[name] = { shape, data: Array.from(input.weights[name]) };
  const json: JsonExport = { format: 'unrolled-json-1', config: input.config, step: input.step, metadata: readSafetensors(safetensors).metadata, tensors };
  return { fileName, mime: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(json)) };
}

/** What an import yields: the config the file implies, its weights, its step, and notes on what was inferred. */
export interface ImportResult {
  config: TrainConfig;
  weights: ParamValues;
  step: number;
  notes: string[];
}

/** Turns a JSON export back into the .safetensors bytes it stands for, checking its structure on the way. */
function jsonToSafetensors(text: string): Uint8Array {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  const j = json as Partial<JsonExport>;
  if (j?.format !== 'unrolled-json-1' || typeof j.tensors !== 'object' || j.tensors === null) {
    throw new ModelFileError('This JSON file is not an Unrolled export (no "format": "unrolled-json-1" with "tensors")');
  }
  const tensors: Record<string, NamedTensor> = {};
  for (const [name, t] of Object.entries(j.tensors)) {
    if (!Array.isArray(t?.shape) || !Array.isArray(t?.data) || t.data.length !== sizeOf(t.shape)) {
      throw new ModelFileError(`Tensor ${name} in the JSON file has ${Array.isArray(t?.data) ? t.data.length : 'no'} values for shape [${Array.isArray(t?.shape) ? t.shape.join(', ') : '?'}]`);
    }
    if (!t.data.every((v: unknown) => typeof v === 'number' && Number.isFinite(v))) throw new ModelFileError(`Tensor ${name} in the JSON file contains a value that is not a finite number`);
    tensors[name] = { shape: t.shape, data: Float32Array.from(t.data) };
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(j.metadata ?? {})) metadata[key] = String(value);
  try {
    return writeSafetensors(tensors, metadata);
  } catch (error) {
    throw new ModelFileError(`The JSON file's tensors are malformed: ${(error as Error).message}`);
  }
}

/** The config stored with an export, validated field by field (invalid fields keep the current values). */
function storedConfig(raw: unknown, current: TrainConfig, notes: string[]): TrainConfig {
  if (typeof raw !== 'object' || raw === null) return current;
  // all at once when the stored config is valid (settings that only go together arrive together)…
  const whole = withChanges(current, Object.fromEntries(Object.entries(raw).filter(([key]) => key in CONFIG_FIELDS)));
  if ('config' in whole) return whole.config;
  // …else field by field, keeping the current value of each one refused
  let config = { ...current };
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in CONFIG_FIELDS)) continue;
    const next = withChanges(config, { [key]: value });
    if ('error' in next) notes.push(`Ignored the file's ${key}: ${next.error}`);
    else config = next.config;
  }
  return config;
}

/**
 * The file's network with the other settings may need more memory than the app allows (shared/cost.ts): the batch
 * size (then the sequence length) is lowered until it fits, with a note; a network too large even so is refused.
 */
function fitsInMemory(config: TrainConfig, notes: string[]): Partial<TrainConfig> {
  const refusal = costRefusal(config);
  if (!refusal) return {};
  const changes = fittingChanges(config);
  const shapeChanged = (['hiddenSize', 'numLayers', 'bidirectional'] as const).some((key) => key in changes);
  if (shapeChanged) throw new ModelFileError(`The file's network is larger than Unrolled trains: ${refusal}`);
  const using = Object.entries(changes).map(([key, value]) => `${CONFIG_FIELDS[key as keyof TrainConfig].label.toLowerCase()} ${String(value)}`);
  notes.push(`${refusal} Using ${using.join(', ')}.`);
  return changes;
}

/**
 * Decodes an exported (or PyTorch-written) model and the config it implies: the network's shape from the
 * tensors, the rest from the stored config when present, else from `current`. Refuses a file whose model does
 * not fit the task it names (or the current task), with a message that says how.
 */
export function decodeImport(bytes: Uint8Array, current: TrainConfig, modelSpecOf: (config: TrainConfig) => ModelSpec = (c) => TASKS[c.task](c, {}).modelSpec): ImportResult {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ModelFileError(`The file is ${(bytes.length / 1048576).toFixed(1)} MB; models here are far smaller (at most ${MAX_IMPORT_BYTES / 1048576} MB)`);
  }
  if (bytes.length === 0) throw new ModelFileError('The file is empty');
  const notes: string[] = [];
  // A JSON export is checked exactly as the .safetensors file it stands for.
  const file = decodeModel(bytes[0] === 0x7b /* { */ ? jsonToSafetensors(new TextDecoder().decode(bytes)) : bytes);
  const { weights, spec, metadata } = file;
  notes.push(...file.notes);
  let rawConfig: unknown;
  try {
    rawConfig = metadata.unrolled_config ? JSON.parse(metadata.unrolled_config) : undefined;
  } catch {
    notes.push('The stored config could not be read; keeping the current settings.');
  }
  const step = Number(metadata.step) || 0;

  let config = storedConfig(rawConfig, current, notes);
  if (metadata.task && !(metadata.task in TASKS)) throw new ModelFileError(`The file is for the task "${metadata.task}", which this version of Unrolled does not have`);
  if (metadata.task) config = { ...config, task: metadata.task as TrainConfig['task'] };
  config = {
    ...config,
    cell: spec.rnn.cell,
    hiddenSize: spec.rnn.hiddenSize,
    numLayers: spec.rnn.numLayers,
    bidirectional: spec.rnn.bidirectional,
  };
  const limits = withChanges(defaultConfig(), { hiddenSize: config.hiddenSize, numLayers: config.numLayers });
  if ('error' in limits) throw new ModelFileError(`The file's network is larger than Unrolled trains: ${limits.error}`);
  config = { ...config, ...fitsInMemory(config, notes) };

  // the task's model for the file's sizes (a task's vocabulary or input width may depend on its data)
  const expected = modelSpecOf(config);
  const mismatch = (what: string, file: number | string | undefined, task: number | string | undefined) =>
    new ModelFileError(`The file's model ${what} ${String(file)}, but the ${config.task} task needs ${String(task)}`);
  if (expected.rnn.inputSize !== spec.rnn.inputSize) throw mismatch('reads input vectors of size', spec.rnn.inputSize, expected.rnn.inputSize);
  if (expected.outputSize !== spec.outputSize) throw mismatch('has an output of size', spec.outputSize, expected.outputSize);
  if ((expected.vocabSize ?? 0) !== (spec.vocabSize ?? 0)) throw mismatch('has a vocabulary of', spec.vocabSize ?? 0, expected.vocabSize ?? 0);
  if (metadata.readout && metadata.readout !== expected.readout) throw mismatch('reads out', metadata.readout, expected.readout);
  return { config, weights, step, notes };
}

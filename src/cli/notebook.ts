/**
 * `notebook`: a Jupyter notebook (.ipynb, nbformat 4) of a model the CLI trained — the model class, the weights
 * (embedded; the first code cell names the --weights file's base name), the held-out data, its evaluation beside
 * the CLI's own number, and a training loop with the run's settings (src/io/notebook/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Trainer } from '../core/trainer';
import { notebookFile, modelMetrics } from '../io/notebook/runNotebook';
import { readSafetensors } from '../io/safetensors';
import { defaultConfig, TASK_IDS, type TaskId } from '../shared/config';
import { TASKS, loadTaskData } from '../tasks/registry';
import { decodeImport } from '../worker/modelExchange';
import { readDataFile } from './dataFiles';
import { UsageError } from './errors';
import { useNodeBackend } from './tfNode';

/** Help for `notebook`. */
export const NOTEBOOK_HELP = `npm run cli -- notebook --weights FILE.safetensors --out RUN.ipynb

  --weights FILE   a model the CLI trained (npm run cli -- train … --out FILE.safetensors) or the app exported
  --out FILE       where to write the notebook (.ipynb, nbformat 4)
  --backend wasm|cpu  tfjs backend for the held-out score printed beside PyTorch's (default wasm)

The notebook's first code cell sets WEIGHTS = "<FILE's base name>"; the weights are also embedded and written there
when the file is missing. Its evaluation cell sets held_out, a dict of the held-out metrics under the names of
train's JSON ("mse", "accuracy", "bitsPerChar", …), and prints them beside this command's. The last cell trains on
for 100 steps with the run's optimizer, learning rate, clipping and batch size.`;

/** What `notebook` prints as its last line. */
export interface NotebookSummary {
  out: string;
  weights: string;
  task: TaskId;
  step: number;
  /** The held-out metrics tfjs computed for the weights: what the notebook's held_out should reproduce. */
  heldOut: Record<string, number>;
}

/** Builds the notebook of `--weights` and writes it to `--out`. */
export async function runNotebookCommand(args: string[], progress: (line: string) => void): Promise<NotebookSummary | { help: string }> {
  let values: { weights?: string; out?: string; backend?: string; help?: boolean };
  try {
    values = parseArgs({ args, options: { weights: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, help: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${NOTEBOOK_HELP}`);
  }
  if (values.help) return { help: NOTEBOOK_HELP };
  if (!values.weights || !values.out) throw new UsageError(`notebook needs --weights FILE.safetensors and --out RUN.ipynb\n${NOTEBOOK_HELP}`);
  const backendName = values.backend ?? 'wasm';
  if (backendName !== 'wasm' && backendName !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${backendName}"`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(values.weights));
  } catch (error) {
    throw new UsageError(`Cannot read ${values.weights}: ${(error as Error).message}`);
  }
  // the file's task names the data its vocabulary and normalisation come from
  const taskId = readSafetensors(bytes).metadata.task as TaskId | undefined;
  if (!taskId || !TASK_IDS.includes(taskId)) {
    throw new UsageError(`${values.weights} names no Unrolled task in its metadata (task: ${String(taskId)}); the notebook needs the task's held-out data`);
  }
  const data = await loadTaskData(taskId, readDataFile);
  const imported = decodeImport(bytes, { ...defaultConfig(), task: taskId }, (config) => TASKS[config.task](config, data).modelSpec);
  for (const note of imported.notes) progress(note);
  const { config } = imported;
  const task = TASKS[config.task](config, data);
  const backend = await useNodeBackend(backendName);
  const trainer = new Trainer(config, task, imported.weights);
  let heldOut: Record<string, number>;
  try {
    heldOut = await trainer.evaluate();
  } finally {
    trainer.dispose();
  }
  progress(`Held out on ${backend}: ${JSON.stringify(modelMetrics(heldOut))}`);
  const file = notebookFile({ config, task, step: imported.step, weights: { fileName: basename(values.weights), bytes }, appMetrics: heldOut });
  writeFileSync(values.out, file.bytes);
  progress(`Wrote ${values.out} (${(file.bytes.length / 1024).toFixed(0)} kB)`);
  return { out: values.out, weights: basename(values.weights), task: config.task, step: imported.step, heldOut: modelMetrics(heldOut) };
}

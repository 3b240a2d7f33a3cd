/** `train`: trains a task from the command line and writes the whole model as .safetensors. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { nowMs } from '../core/clock';
import {
  CELL_LABELS,
  CHOOSING_SETTINGS,
  CONFIG_FIELDS,
  defaultConfigFor,
  fieldAppliesTo,
  isChoosingSetting,
  parseField,
  SENTIMENT_SOURCES,
  startingConfig,
  TASK_IDS,
  withChanges,
  type DefaultsChoice,
  type Field,
  type TrainConfig,
} from '../shared/config';
import { checkDivergence, lossBound } from '../core/divergence';
import { PRESETS, presetSettings } from '../shared/presets';
import { Trainer } from '../core/trainer';
import { encodeModel } from '../io/modelFile';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { Task } from '../tasks/task';
import { readDataFile } from './dataFiles';
import { useNodeBackend } from './tfNode';
import { UsageError } from './errors';
import type { Divergence } from '../shared/protocol';

/** The JSON summary printed as the last line. */
export interface TrainSummary {
  task: string;
  cell: string;
  steps: number;
  loss: number;
  initialLoss: number;
  [metric: string]: unknown;
}

/** Help text, generated from the config table so that it lists every flag. */
export function trainHelp(): string {
  const lines = ['npm run cli -- train [flags] --out FILE.safetensors', '', '  --steps N           training steps (default 300)', `  --preset NAME       start from a preset: ${Object.keys(PRESETS).join(', ')}`, '  --out FILE          where to write the model (.safetensors)', '  --backend wasm|cpu  tfjs backend (default wasm)'];
  for (const [key, field] of Object.entries(CONFIG_FIELDS) as Array<[keyof TrainConfig, Field]>) {
    const value = field.kind === 'bool' ? '' : field.kind === 'enum' ? ` ${field.options.join('|')}` : ' X';
    lines.push(`  --${(field.flag + value).padEnd(18)} ${field.label} (default ${[String(field.default), ...ownDefaults(key)].join('; ')})`);
  }
  lines.push('', '  --clip X alone turns clipping by global norm on.', '  A task starts from its own defaults; --preset NAME puts its settings on top, and flags win over both.');
  return lines.join('\n');
}

/** The defaults tasks (or sentiment's sources) set apart from the table's, as help shows them ("chargen 64"). */
function ownDefaults(key: keyof TrainConfig): string[] {
  if (isChoosingSetting(key)) return [];
  const out: string[] = [];
  for (const task of TASK_IDS) {
    const forTask = defaultConfigFor(task);
    if (forTask[key] !== CONFIG_FIELDS[key].default) out.push(`${task} ${String(forTask[key])}`);
    if (!fieldAppliesTo(CONFIG_FIELDS.sentimentSource, task)) continue;
    for (const source of SENTIMENT_SOURCES) {
      const forSource = defaultConfigFor(task, source);
      if (source !== forTask.sentimentSource && forSource[key] !== forTask[key]) out.push(`${task} --${CONFIG_FIELDS.sentimentSource.flag} ${source} ${String(forSource[key])}`);
    }
  }
  return out;
}

/** Parses train flags into a config; every message says which flag is wrong. */
export function parseTrainArgs(args: string[]): { config: TrainConfig; steps: number; out?: string; backend: 'wasm' | 'cpu'; help: boolean; preset?: string } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    steps: { type: 'string' },
    out: { type: 'string' },
    preset: { type: 'string' },
    backend: { type: 'string' },
    help: { type: 'boolean' },
  };
  const keyOfFlag: Record<string, string> = {};
  for (const [key, field] of Object.entries(CONFIG_FIELDS)) {
    options[field.flag] = { type: field.kind === 'bool' ? 'boolean' : 'string' };
    keyOfFlag[field.flag] = key;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${trainHelp()}`);
  }
  // The task's own defaults come first, then a preset's settings; explicit flags override both.
  let over: Partial<TrainConfig> = {};
  if (values.preset !== undefined) {
    const preset = presetSettings(String(values.preset));
    if ('error' in preset) throw new UsageError(preset.error);
    over = preset.settings;
  }
  const changes: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(keyOfFlag)) if (values[flag] !== undefined) changes[key] = values[flag];
  if (values.clip !== undefined && values['clip-mode'] === undefined) changes.clipMode = 'norm';
  const preset = values.preset === undefined ? undefined : String(values.preset);
  // a task (or source) that is not valid starts from the defaults, and withChanges then says what is wrong
  const choice: DefaultsChoice = {};
  for (const key of CHOOSING_SETTINGS) {
    const parsed = changes[key] === undefined ? undefined : parseField(CONFIG_FIELDS[key], changes[key]);
    if (parsed && 'value' in parsed) (choice as Record<string, unknown>)[key] = parsed.value;
  }
  const merged = withChanges(startingConfig(choice, over), changes);
  if ('error' in merged) throw new UsageError(merged.error);
  const steps = values.steps === undefined ? 300 : Number(values.steps);
  if (!Number.isInteger(steps) || steps < 0) throw new UsageError(`--steps must be a whole number ≥ 0, got "${String(values.steps)}"`);
  const backend = values.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${String(backend)}"`);
  return { config: merged.config, steps, out: values.out as string | undefined, backend, help: !!values.help, preset };
}

/** Runs training; `progress` receives human-readable lines while it runs. */
export async function runTrain(args: string[], progress: (line: string) => void): Promise<TrainSummary | { help: string }> {
  const parsed = parseTrainArgs(args);
  if (parsed.help) return { help: trainHelp() };
  if (!parsed.out) throw new UsageError('train needs --out FILE.safetensors');
  const { config, steps } = parsed;
  const backend = await useNodeBackend(parsed.backend);
  const task = TASKS[config.task](config, await loadTaskData(config.task, readDataFile));
  const trainer = new Trainer(config, task);
  progress(`Training ${task.title} (${task.shape}) with ${CELL_LABELS[config.cell]}, hidden ${config.hiddenSize}, ${config.numLayers} layer(s), on ${backend}, ${steps} steps`);
  const started = nowMs();
  let initialLoss = NaN;
  let loss = NaN;
  let lastReport = started;
  let divergence: Divergence | undefined;
  let bound = Infinity;
  let done = 0;
  for (let k = 0; k < steps; k++) {
    const stats = await trainer.trainStep(false);
    done = stats.step;
    if (k === 0) {
      initialLoss = stats.loss;
      bound = lossBound(stats.loss);
    }
    loss = stats.loss;
    divergence = checkDivergence(stats.step, stats.loss, stats.gradNormBefore, bound);
    if (divergence) break;
    const now = nowMs();
    if (now - lastReport > 1000 || k === steps - 1) {
      lastReport = now;
      const rate = (k + 1) / ((now - started) / 1000);
      progress(`step ${k + 1}/${steps} · loss ${stats.loss.toPrecision(4)} · ‖g‖ ${stats.gradNormBefore.toPrecision(3)} · ${rate.toFixed(1)} steps/s`);
    }
  }
  const elapsedMs = nowMs() - started;
  const metrics = await trainer.evaluate();
  let written: string | null = null;
  if (divergence) {
    progress(`${divergence.message} Not writing ${parsed.out}: the model diverged. Try clipping (--clip-mode norm --clip X) or a lower --lr.`);
  } else {
    const weights = await trainer.weights();
    const bytes = encodeModel(trainer.spec, weights, {
      task: config.task,
      step: String(trainer.step),
      init: config.recurrentInit,
      unrolled_config: JSON.stringify(config),
      ...task.metadata,
    });
    writeFileSync(parsed.out, bytes);
    written = parsed.out;
    progress(`Wrote ${parsed.out} (${bytes.length} bytes)`);
  }
  trainer.dispose();
  return {
    task: config.task,
    cell: config.cell,
    steps: done,
    loss,
    initialLoss,
    diverged: !!divergence,
    ...(divergence ? { divergedAtStep: divergence.step, divergedQuantity: divergence.quantity, message: divergence.message } : {}),
    ...metrics,
    ...baselinesJson(task),
    hidden: config.hiddenSize,
    layers: config.numLayers,
    bidirectional: config.bidirectional,
    lr: config.learningRate,
    optimizer: config.optimizer,
    clipMode: config.clipMode,
    clip: config.clipThreshold,
    seed: config.seed,
    init: config.recurrentInit,
    backend,
    elapsedMs: Math.round(elapsedMs),
    stepsPerSecond: done / (elapsedMs / 1000),
    preset: parsed.preset ?? null,
    out: written,
  };
}

/**
 * The task's practitioner baselines for the JSON summary: `baselines` in the held-out metric's units, and one
 * `baselines<Metric>` per other metric the task gives them in (CO₂: `baselinesRmsePpm`).
 */
export function baselinesJson(task: Partial<Pick<Task, 'baselines' | 'baselinesIn'>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  if (task.baselines) out.baselines = task.baselines;
  for (const [metric, values] of Object.entries(task.baselinesIn ?? {})) out[`baselines${metric[0].toUpperCase()}${metric.slice(1)}`] = values;
  return out;
}

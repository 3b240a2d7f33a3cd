/**
 * The setup in the address: every setting and the preset live in the query string, so a link reproduces a
 * run (as TensorFlow Playground's links do). One zod schema per setting, derived from the config table, checks
 * each value; an invalid or tampered one falls back to its default with a notice, and never reaches the model.
 * Defaults are the task's own (TASK_DEFAULTS): `?task=chargen` alone gives the character task's defaults.
 */
import * as z from 'zod/mini';
import { CHOOSING_SETTINGS, CONFIG_FIELDS, configConflict, startingConfig, type DefaultsChoice, type Field, type TrainConfig } from '../shared/config';
import { PRESETS } from '../shared/presets';
import type { BackendName } from '../shared/protocol';
import { DEFAULT_SPEED, SPEEDS, parseSpeed, speedLabel, type Speed } from '../shared/speed';

/** The query-string key of each setting: its CLI flag name (one name for both). */
function keyOf(name: keyof TrainConfig): string {
  return CONFIG_FIELDS[name].flag;
}

/** The zod schema of one setting's query value. */
export function fieldSchema(field: Field): z.ZodMiniType<unknown, string> {
  if (field.kind === 'bool') return z.pipe(z.enum(['true', 'false', '1', '0']), z.transform((v) => v === 'true' || v === '1'));
  if (field.kind === 'enum') return z.enum(field.options as [string, ...string[]]);
  // z.number() refuses NaN and ±Infinity; z.int() also refuses fractions
  const n = (field.integer ? z.int() : z.number()).check(z.gte(field.min), z.lte(field.max));
  return z.pipe(z.string().check(z.trim(), z.minLength(1)), z.pipe(z.transform(Number), n));
}

/** What a query string yields: the config, the preset, the training speed if it names one, and a notice per value that was refused. */
export interface UrlState {
  config: TrainConfig;
  preset?: string;
  speed?: Speed;
  notices: string[];
}

/** Reads settings from a query string ("?cell=gru&hidden=32"); unknown keys are ignored. */
export function decodeUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  let preset: string | undefined;
  const presetName = params.get('preset');
  if (presetName !== null) {
    if (PRESETS[presetName]) preset = presetName;
    else notices.push(`The link's preset "${clip(presetName)}" is unknown; using the defaults.`);
  }
  // the task (and its source) the link chooses pick the defaults every other value falls back to
  const choice: DefaultsChoice = {};
  for (const name of CHOOSING_SETTINGS) {
    const raw = params.get(keyOf(name));
    const parsed = raw === null ? undefined : fieldSchema(CONFIG_FIELDS[name]).safeParse(raw);
    if (parsed?.success) (choice as Record<string, unknown>)[name] = parsed.data;
  }
  let config = startingConfig(choice, preset ? PRESETS[preset].settings : {});
  for (const name of Object.keys(CONFIG_FIELDS) as Array<keyof TrainConfig>) {
    const raw = params.get(keyOf(name));
    if (raw === null) continue;
    const field = CONFIG_FIELDS[name];
    const parsed = fieldSchema(field).safeParse(raw);
    if (parsed.success) (config as unknown as Record<string, unknown>)[name] = parsed.data;
    else notices.push(`The link's ${field.label.toLowerCase()} "${clip(raw)}" is not valid (${describe(field)}); using ${String(config[name])}.`);
  }
  const conflict = configConflict(config);
  if (conflict) {
    config = { ...config, ...conflict.resolve };
    const resolved = Object.entries(conflict.resolve).map(([name, value]) => `${CONFIG_FIELDS[name as keyof TrainConfig].label.toLowerCase()} ${String(value)}`);
    notices.push(`The link's settings do not go together. ${conflict.message} Using ${resolved.join(', ')}.`);
  }
  // the training speed (`?speed=5`, slow motion) is not part of the model: it only comes back when the link names it
  const speedText = params.get('speed');
  const speed = speedText === null ? undefined : parseSpeed(speedText);
  if (speedText !== null && speed === undefined) notices.push(`The link's speed "${clip(speedText)}" is not valid (one of ${SPEEDS.join(', ')}); using ${speedLabel(DEFAULT_SPEED).toLowerCase()}.`);
  return speed === undefined ? { config, preset, notices } : { config, preset, speed, notices };
}

/** A query string with its speed set to `speed` (left out at the default, full speed); its other keys kept. */
export function withSpeed(search: string, speed: Speed): string {
  const params = new URLSearchParams(search);
  if (speed === DEFAULT_SPEED) params.delete('speed');
  else params.set('speed', String(speed));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The backend the link asks for (`?backend=wasm`): 'auto' (the fastest) when it names none or an unknown one. */
export function backendFromUrl(search: string): BackendName | 'auto' {
  const name = new URLSearchParams(search).get('backend');
  return name === 'webgl' || name === 'wasm' || name === 'cpu' ? name : 'auto';
}

/**
 * Writes the settings that differ from their defaults into a query string: the task's own defaults, under the
 * preset's settings if there is one. The task (and source) are written when they differ from what the link
 * would start from without them, so that decoding gives the same config back.
 */
export function encodeUrlState(config: TrainConfig, preset?: string, extra: Record<string, string> = {}): string {
  const over = preset && PRESETS[preset] ? PRESETS[preset].settings : {};
  const base: TrainConfig = {
    ...startingConfig({ task: config.task, sentimentSource: config.sentimentSource }, over),
    task: startingConfig({}, over).task,
    sentimentSource: startingConfig({ task: config.task }, over).sentimentSource,
  };
  const params = new URLSearchParams();
  if (preset && PRESETS[preset]) params.set('preset', preset);
  for (const name of Object.keys(CONFIG_FIELDS) as Array<keyof TrainConfig>) {
    if (config[name] !== base[name]) params.set(keyOf(name), String(config[name]));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function describe(field: Field): string {
  if (field.kind === 'bool') return 'true or false';
  if (field.kind === 'enum') return `one of ${field.options.join(', ')}`;
  return `${field.integer ? 'a whole number' : 'a number'} from ${field.min} to ${field.max}`;
}

/** Shortens a tampered value before it is shown (it is shown as text, never as markup). */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

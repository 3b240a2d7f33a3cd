/**
 * Runs saved in the browser (IndexedDB, through idb-keyval): the config, the weights with the optimizer state
 * and random streams, the step, and the loss history, so that closing the tab loses nothing. A small index
 * (a second database) lists the runs without loading their weights.
 */
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import { CONFIG_FIELDS, type TrainConfig } from '../shared/config';
import type { SerializedStepHistory } from './history';
import type { TrainerState } from '../shared/protocol';

/** What the list shows of a saved run. */
export interface SavedRunSummary {
  id: string;
  name: string;
  savedAt: number;
  step: number;
  loss?: number;
  task: string;
  cell: string;
}

/** A whole saved run. */
export interface SavedRun {
  summary: SavedRunSummary;
  config: TrainConfig;
  preset?: string;
  state: TrainerState;
  history: SerializedStepHistory;
}

let stores: { runs: UseStore; index: UseStore } | undefined;
function db() {
  stores ??= { runs: createStore('unrolled-runs', 'runs'), index: createStore('unrolled-run-index', 'index') };
  return stores;
}

/** Saves (or overwrites) a run. */
export async function saveRun(run: SavedRun): Promise<void> {
  await set(run.summary.id, run, db().runs);
  await set(run.summary.id, run.summary, db().index);
}

/** Every saved run's summary, newest first. */
export async function listRuns(): Promise<SavedRunSummary[]> {
  const all = (await values(db().index)) as SavedRunSummary[];
  return all.sort((a, b) => b.savedAt - a.savedAt);
}

/** A saved run, or undefined when it is gone. */
export async function loadRun(id: string): Promise<SavedRun | undefined> {
  const run = (await get(id, db().runs)) as SavedRun | undefined;
  return run && { ...run, config: withSettingsAdded(run.config) };
}

/**
 * A config saved before some settings existed, with each missing one at the table's default, which is how the run
 * was trained (e.g. `recurrentInit`, issue #16: runs before it started from PyTorch's default).
 */
export function withSettingsAdded(config: TrainConfig): TrainConfig {
  const filled: Record<string, unknown> = { ...config };
  for (const [key, field] of Object.entries(CONFIG_FIELDS)) if (filled[key] === undefined) filled[key] = field.default;
  return filled as unknown as TrainConfig;
}

/** Renames a saved run. */
export async function renameRun(id: string, name: string): Promise<void> {
  const run = await loadRun(id);
  if (!run) return;
  run.summary = { ...run.summary, name };
  await saveRun(run);
}

/** Deletes a saved run. */
export async function deleteRun(id: string): Promise<void> {
  await del(id, db().runs);
  await del(id, db().index);
}

/** A fresh id for a run. */
export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

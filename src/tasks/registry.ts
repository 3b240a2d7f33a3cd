/** Task id → factory, and the data files each task reads. */
import type { TaskId } from '../shared/config';
import { CHARGEN_DATA_FILES, chargenTask } from './chargen';
import { CO2_FILE, co2Task } from './co2';
import { memoryTask } from './memory';
import { reverseTask } from './reverse';
import { SENTIMENT_DATA_FILES, sentimentTask } from './sentiment';
import { sineTask } from './sine';
import type { TaskData, TaskFactory } from './task';

/** Every task the app and the CLI can train. */
export const TASKS: Record<TaskId, TaskFactory> = {
  sine: sineTask,
  memory: memoryTask,
  co2: co2Task,
  chargen: chargenTask,
  sentiment: sentimentTask,
  reverse: reverseTask,
};

/** Files under public/data/ each task needs (prepared from npm packages by scripts/prepare-data.mjs). */
export const TASK_DATA_FILES: Record<TaskId, readonly string[]> = {
  sine: [],
  memory: [],
  co2: [CO2_FILE],
  chargen: CHARGEN_DATA_FILES,
  sentiment: SENTIMENT_DATA_FILES,
  reverse: [],
};

/** Reads a task's data files with the environment's reader (fetch in the worker, fs in Node). */
export async function loadTaskData(task: TaskId, read: (file: string) => Promise<string>): Promise<TaskData> {
  const data: TaskData = {};
  for (const file of TASK_DATA_FILES[task]) data[file] = await read(file);
  return data;
}

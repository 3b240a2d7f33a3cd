/** Task id → factory. */
import type { TaskId } from '../core/config';
import { memoryTask } from './memory';
import { sineTask } from './sine';
import type { TaskFactory } from './task';

/** Every task the app and the CLI can train. */
export const TASKS: Record<TaskId, TaskFactory> = {
  sine: sineTask,
  memory: memoryTask,
};

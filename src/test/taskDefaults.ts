/** For tests only: gives tasks (and sentiment's sources) defaults of their own until the returned function restores the tables. */
import { SENTIMENT_SOURCE_DEFAULTS, TASK_DEFAULTS, type SentimentSource, type TaskId, type TrainConfig } from '../shared/config';

/** Replaces the per-task default tables with these (test values, not recommendations); call the result to restore them. */
export function overrideTaskDefaults(
  tasks: Partial<Record<TaskId, Partial<TrainConfig>>>,
  sources: Partial<Record<SentimentSource, Partial<TrainConfig>>> = {},
): () => void {
  const saved = [{ ...TASK_DEFAULTS }, { ...SENTIMENT_SOURCE_DEFAULTS }] as const;
  const replace = <T extends object>(table: T, entries: T) => {
    for (const key of Object.keys(table)) delete (table as Record<string, unknown>)[key];
    Object.assign(table, entries);
  };
  replace(TASK_DEFAULTS, tasks);
  replace(SENTIMENT_SOURCE_DEFAULTS, sources);
  return () => {
    replace(TASK_DEFAULTS, saved[0]);
    replace(SENTIMENT_SOURCE_DEFAULTS, saved[1]);
  };
}

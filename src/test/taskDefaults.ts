/** For tests only: gives tasks (and sentiment's sources) defaults of their own until the returned function restores the tables. */
import { afterEach, beforeEach } from 'vitest';
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

/**
 * For the enclosing describe block: every test runs with these example per-task defaults (test values, not
 * recommendations: chargen hidden 64, sequence 48, lr 0.003; the real reviews hidden 24), restored after each.
 */
export function withExampleTaskDefaults(): void {
  let restore: () => void = () => undefined;
  beforeEach(() => {
    restore = overrideTaskDefaults({ chargen: { hiddenSize: 64, sequenceLength: 48, learningRate: 0.003 } }, { reviews: { hiddenSize: 24 } });
  });
  afterEach(() => restore());
}

/**
 * Milestone samples (issue #14): the text a generating task writes at a few steps of training, always from the
 * same seed at the same temperature, so the learner sees it improve. One plan per task that has one; the worker
 * reads it to know when to write, the page to say which samples are still to come.
 */
import type { TaskId } from './config';

/** When and how a task writes its milestone samples. */
export interface SamplePlan {
  /** The steps a sample is written at, ascending; 0 is the untrained model. */
  steps: readonly number[];
  /** The text every sample continues. */
  seed: string;
  /** The sampling temperature (the task's "try it" option of that name). */
  temperature: number;
  /** Characters written after the seed (the "try it" option `length`). */
  length: number;
}

/** The tasks that write milestone samples: character generation, at 0, 100, 1,000 and 5,000 steps. */
export const SAMPLE_PLANS: Partial<Record<TaskId, SamplePlan>> = {
  chargen: { steps: [0, 100, 1000, 5000], seed: 'The sea ', temperature: 0.8, length: 140 },
};

/** The sample plan of a task, by its id; undefined for a task that writes none. */
export function samplePlanOf(taskId: string): SamplePlan | undefined {
  return Object.hasOwn(SAMPLE_PLANS, taskId) ? SAMPLE_PLANS[taskId as TaskId] : undefined;
}

/** The live line under a "train past N steps, then Pause" card, which every lesson with such an experiment shows. */
import type { LiveState } from './types';

/** How far the run is ("Step 40 of at least 200."), then what to do: "press Pause to measure." or "measured." */
export function pauseProgress(s: LiveState, minSteps: number): string {
  const step = s.frame?.step ?? 0;
  if (step < minSteps) return `Step ${step} of at least ${minSteps}.`;
  return s.status === 'running' ? `Step ${step}: press Pause to measure.` : `Step ${step}: measured.`;
}

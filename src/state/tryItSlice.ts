/** "Try it": the learner's own input through the model being trained. */
import type { TryItOutput } from '../shared/protocol';
import type { AppSlice } from './appState';
import { errorMessage } from './messages';
import type { TrainerSession } from './trainerSession';

/** The try-it slice. */
export interface TryItSlice {
  /** What the last try showed (cleared when a new run begins). */
  tryItOutput?: TryItOutput;
  /** Whether a try is under way. */
  tryItBusy: boolean;
  /** Runs the task's "try it" on the learner's input. */
  runTryIt(input: string, options: Record<string, number>): Promise<void>;
}

/** Creates the try-it slice. */
export function createTryItSlice(session: TrainerSession): AppSlice<TryItSlice> {
  return (set) => ({
    tryItBusy: false,

    async runTryIt(input, options) {
      const api = session.api;
      if (!api) return;
      set({ tryItBusy: true });
      try {
        set({ tryItOutput: await api.tryIt(input, options) });
      } catch (error) {
        set({ tryItOutput: { error: errorMessage(error) } });
      } finally {
        set({ tryItBusy: false });
      }
    },
  });
}

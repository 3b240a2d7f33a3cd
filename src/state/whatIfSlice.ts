/**
 * The probe under a microscope (issue #16, parts 3 and 4): the learner's what-if edit of the probe with the
 * worker's answer, and the hidden unit picked in a heatmap, whose activation colours the probe's inputs.
 */
import type { WhatIfEdit, WhatIfResult } from '../shared/protocol';
import type { AppSlice } from './appState';
import { errorMessage } from './messages';
import type { TrainerSession } from './trainerSession';

/** A hidden unit of one layer·direction (a row of a heatmap), and the recorded state or gate it was picked in (h, c, …). */
export interface PickedUnit {
  layerDir: number;
  unit: number;
  name: string;
}

/** The what-if slice. */
export interface WhatIfSlice {
  /** The latest answer: the probe, and the edited copy when there is an edit (of run `runId`). */
  whatIfResult?: WhatIfResult;
  /** The edit in force, run again as training goes on; undefined: the task's own probe. */
  whatIfEdit?: WhatIfEdit;
  /** Why the last edit was refused (the edit in force and its answer stay as they were). */
  whatIfError?: string;
  whatIfBusy: boolean;
  /** The unit whose activation colours the probe's inputs. */
  pickedUnit?: PickedUnit;
  /** Runs an edit (undefined: the task's probe alone, which is what Reset goes back to); a refused one changes nothing but the message. */
  runWhatIf(edit?: WhatIfEdit): Promise<void>;
  /** Runs the edit in force again with the model as it is now (a later training step). */
  refreshWhatIf(): Promise<void>;
  pickUnit(unit: PickedUnit | undefined): void;
}

/** Creates the what-if slice. */
export function createWhatIfSlice(session: TrainerSession): AppSlice<WhatIfSlice> {
  return (set, get) => {
    const ask = async (edit: WhatIfEdit | undefined, refresh: boolean) => {
      const api = session.api;
      if (!api) return;
      set({ whatIfBusy: true });
      try {
        const answer = await api.whatIf(edit);
        if ('error' in answer) {
          // a refresh of an accepted edit cannot be refused for its content: only a run rebuilding says so
          set(refresh ? {} : { whatIfError: answer.error });
          return;
        }
        set({ whatIfResult: answer, whatIfEdit: edit, whatIfError: undefined });
      } catch (error) {
        set({ whatIfError: errorMessage(error) });
      } finally {
        set({ whatIfBusy: false });
      }
    };
    return {
      whatIfBusy: false,
      runWhatIf: (edit) => ask(edit, false),
      refreshWhatIf: async () => {
        if (get().whatIfBusy) return;
        await ask(get().whatIfEdit, true);
      },
      pickUnit: (pickedUnit) => set({ pickedUnit }),
    };
  };
}

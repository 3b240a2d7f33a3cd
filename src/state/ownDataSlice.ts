/** The learner's own data: train the task on their file (a corpus, labelled sentences), or on the built-in data again. */
import type { AppSlice } from './appState';
import { errorMessage, failure, megabytes, sentence, success, type Outcome } from './messages';
import type { TrainerSession } from './trainerSession';

/** The own-data slice. */
export interface OwnDataSlice {
  /** The outcome of the last own-data upload. */
  dataMessage?: Outcome;
  /** Trains the task on the learner's own file (or the built-in data again, for undefined). */
  useOwnData(file: File | undefined): Promise<void>;
}

/** Creates the own-data slice. */
export function createOwnDataSlice(session: TrainerSession): AppSlice<OwnDataSlice> {
  return (set, get) => ({
    async useOwnData(file) {
      const api = session.api;
      if (!api) return;
      const spec = get().runInfo?.userData;
      if (file && spec && file.size > spec.maxBytes) {
        const text = `${file.name} is ${megabytes(file.size)} MB; the limit is ${megabytes(spec.maxBytes, 0)} MB. Nothing was changed.`;
        set({ dataMessage: failure(text) });
        return;
      }
      const notUsed = `${file?.name ?? 'The data'} was not used:`;
      try {
        const text = file ? await file.text() : undefined;
        if (get().status === 'running') await get().pause();
        const result = await api.setUserData(get().config, text);
        if ('error' in result) {
          set({ dataMessage: failure(`${notUsed} ${sentence(result.error)} Nothing was changed.`) });
          return;
        }
        session.beginNewRun({
          runInfo: result.runInfo,
          status: 'idle',
          dataMessage: success(file ? `Training on ${file.name}.` : 'Back to the built-in data.'),
        });
        await api.refresh();
      } catch (error) {
        set({ dataMessage: failure(`${notUsed} ${errorMessage(error)}`) });
      }
    },
  });
}

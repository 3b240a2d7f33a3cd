/**
 * Links that carry the model: make one of the current model (Copy link), and open the one the page's address
 * carries when the page starts. Opening goes through the worker's import, as "Import weights" does, so a model
 * of the wrong shape is refused there; a link cut short or changed is refused before (modelLink.ts). Either way
 * the refusal is one of the link's notices and the page keeps the fresh run it started with. A model from a link
 * wins over the offer to resume the last autosave, and is saved in this browser at once, so a reload (which no
 * longer sees the fragment: the page drops it) offers it back instead of losing it.
 */
import type { AppSlice, StoreOptions } from './appState';
import { errorMessage, sentence } from './messages';
import type { ModelLinkEncoding, ModelLinkReading } from './modelLink';
import { openModel } from './modelFileSlice';
import type { TrainerSession } from './trainerSession';

/** A link made of the current model: its fragment (or that it was too large), at the step it was made. */
export type ModelLinkMade = ModelLinkEncoding & { step: number };

/** The model-link slice. */
export interface ModelLinkSlice {
  /** The current model as a link's fragment, or why there is none; the page puts its own address before it. */
  makeModelLink(): Promise<ModelLinkMade | { error: string }>;
  /**
   * Opens the model an address's fragment (`location.hash`) carries, in place of the current run; returns whether
   * the fragment named a model at all (opened, or refused with a link notice).
   */
  openModelLink(hash: string): Promise<boolean>;
}

/** The codec, loaded when a link is made or read (fflate stays out of the page's first script). */
const codec = () => import('./modelLink');

/** Creates the model-link slice. */
export function createModelLinkSlice(session: TrainerSession, options: StoreOptions): AppSlice<ModelLinkSlice> {
  return (set, get) => {
    const refuse = (text: string) => set((s) => ({ linkNotices: [...s.linkNotices, text] }));

    return {
      async makeModelLink() {
        const api = session.api;
        if (!api || !get().runInfo) return { error: 'There is no model to link to yet.' };
        try {
          const file = await api.exportModel('safetensors', get().config);
          const { encodeModelLink } = await codec();
          // the step the worker exported (its file name says it: "…-step123.safetensors"), which training may
          // have moved past the step the page shows
          const exported = /-step(\d+)\.safetensors$/.exec(file.fileName);
          return { ...encodeModelLink(file.bytes), step: exported ? Number(exported[1]) : (get().frame?.step ?? 0) };
        } catch (error) {
          return { error: `The link could not be made: ${errorMessage(error)}` };
        }
      },

      async openModelLink(hash) {
        if (!hash || hash === '#') return false;
        let read: ModelLinkReading;
        try {
          read = (await codec()).decodeModelLink(hash);
        } catch (error) {
          // the codec's script could not be loaded (the page's server went away)
          refuse(`The link could not be read: ${errorMessage(error)}`);
          return true;
        }
        if (!read) return false;
        if ('error' in read) {
          refuse(read.error);
          return true;
        }
        if (!session.api) {
          refuse("The link's model could not be opened: the trainer did not start.");
          return true;
        }
        try {
          const opened = await openModel(session, get, options, read.bytes, ({ step, notes }) => ({
            // the link's model, not the last autosave, is what the learner opened
            resumeOffer: undefined,
            saveId: undefined,
            savedAt: undefined,
            notice: `${step > 0 ? `Opened the model from the link, trained to step ${step.toLocaleString('en-US')}: try it, or train on.` : 'Opened the model from the link, untrained (step 0): train it, or try it as it is.'}${notes}`,
          }));
          if ('error' in opened) {
            refuse(`The link's model was not loaded: ${sentence(opened.error)} Starting with a fresh model and the link's settings instead.`);
            return true;
          }
          await get().saveNow();
        } catch (error) {
          refuse(`The link's model could not be opened: ${errorMessage(error)}`);
        }
        return true;
      },
    };
  };
}

/** The model as a file: export the current one (the view saves it), or import one and train it on. */
import { MAX_IMPORT_BYTES, type ExportFile, type ExportFormat } from '../shared/protocol';
import type { PretrainedModel } from '../shared/pretrained';
import type { AppSlice, AppState, StoreOptions } from './appState';
import { errorMessage, failure, megabytes, sentence, success, type Outcome } from './messages';
import type { TrainerSession } from './trainerSession';
import { exportNotebook } from './notebookExport';

/** The model-file slice. */
export interface ModelFileSlice {
  /** The outcome of the last import or export, for the learner. */
  fileMessage?: Outcome;
  /** The current model as a file, for the view to save; undefined when the export failed (`fileMessage` says why). */
  exportModel(format: ExportFormat): Promise<ExportFile | undefined>;
  /** The current run as a Jupyter notebook, for the view to save; undefined when it failed (`fileMessage` says why). */
  exportNotebook(): Promise<ExportFile | undefined>;
  /** Loads a model file; on failure `fileMessage` says why and nothing else changes. */
  importFile(file: File): Promise<void>;
  /** Loads a model the app ships (trained longer with the CLI) through the same import; failures as importFile's. */
  loadPretrained(model: PretrainedModel): Promise<void>;
}

/** The page's way to read a shipped file: from its own origin, under the app's base path. */
async function fetchFromOwnOrigin(path: string): Promise<Blob> {
  const response = await fetch(`${import.meta.env.BASE_URL}${path}`);
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
  return response.blob();
}

/** A model the worker took in: the step it was trained to, and its notes as one sentence-led string (or ''). */
export interface OpenedModel {
  step: number;
  notes: string;
}

/**
 * The one way a model's bytes become the current run (a file, a shipped model, a model link): pause, import in
 * the worker, and when it loads begin a paused run of it with `changes(opened)` on top, put its settings in the
 * address and refresh the views. Returns the worker's reason when it refused the model (nothing changed then);
 * a call that throws is the caller's to report.
 */
export async function openModel(
  session: TrainerSession,
  get: () => AppState,
  options: StoreOptions,
  bytes: Uint8Array,
  changes: (opened: OpenedModel) => Partial<AppState>,
): Promise<OpenedModel | { error: string }> {
  const api = session.api;
  if (!api) return { error: 'the trainer did not start' };
  if (get().status === 'running') await get().pause();
  const result = await api.importModel(bytes, get().config);
  if ('error' in result) return { error: result.error };
  const opened = { step: result.runInfo.startStep, notes: result.notes.length ? ` ${result.notes.join(' ')}` : '' };
  session.beginNewRun({ config: result.config, preset: undefined, runInfo: result.runInfo, status: 'paused', ...changes(opened) });
  options.onConfigChange?.(result.config, undefined);
  await api.refresh();
  return opened;
}

/** Creates the model-file slice. */
export function createModelFileSlice(session: TrainerSession, options: StoreOptions): AppSlice<ModelFileSlice> {
  return (set, get) => ({
    async exportModel(format) {
      const api = session.api;
      if (!api) return undefined;
      try {
        const file = await api.exportModel(format, get().config);
        set({ fileMessage: success(`Exported ${file.fileName} (${(file.bytes.length / 1024).toFixed(1)} kB).`) });
        return file;
      } catch (error) {
        set({ fileMessage: failure(`Export failed: ${errorMessage(error)}`) });
        return undefined;
      }
    },

    exportNotebook: () => exportNotebook(session, get().config, (fileMessage) => set({ fileMessage })),

    async importFile(file) {
      const api = session.api;
      if (!api) return;
      // a larger file is refused before it is read
      if (file.size > MAX_IMPORT_BYTES) {
        const text = `${file.name} is ${megabytes(file.size)} MB; models here are far smaller (at most ${megabytes(MAX_IMPORT_BYTES, 0)} MB). Nothing was changed.`;
        set({ fileMessage: failure(text) });
        return;
      }
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const opened = await openModel(session, get, options, bytes, ({ notes }) => ({ fileMessage: success(`Loaded ${file.name}.${notes}`) }));
        if ('error' in opened) set({ fileMessage: failure(`${file.name} was not loaded: ${sentence(opened.error)} The current model and settings are unchanged.`) });
      } catch (error) {
        set({ fileMessage: failure(`${file.name} was not loaded: ${errorMessage(error)}`) });
      }
    },

    async loadPretrained(model) {
      const fileName = model.file.split('/').pop() ?? model.file;
      let blob: Blob;
      try {
        blob = await (options.fetchShipped ?? fetchFromOwnOrigin)(model.file);
      } catch (error) {
        set({ fileMessage: failure(`${fileName} could not be read: ${errorMessage(error)}. The current model and settings are unchanged.`) });
        return;
      }
      await get().importFile(new File([blob], fileName));
    },
  });
}

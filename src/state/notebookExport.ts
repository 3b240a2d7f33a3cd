/** "Export notebook" (issue #18): asks the worker for the run as a Jupyter notebook and says what came of it. */
import type { TrainConfig } from '../shared/config';
import type { ExportFile } from '../shared/protocol';
import { errorMessage, failure, success, type Outcome } from './messages';
import type { TrainerSession } from './trainerSession';

/** The notebook of the current run with `config`'s settings, or undefined (and a message saying why) when it failed. */
export async function exportNotebook(session: TrainerSession, config: TrainConfig, report: (message: Outcome) => void): Promise<ExportFile | undefined> {
  const api = session.api;
  if (!api) return undefined;
  try {
    const file = await api.exportNotebook(config);
    report(success(`Exported ${file.fileName} (${(file.bytes.length / 1024).toFixed(0)} kB): open it in Jupyter; it scores the held-out data in PyTorch beside the number shown here, then trains on.`));
    return file;
  } catch (error) {
    report(failure(`Notebook export failed: ${errorMessage(error)}`));
    return undefined;
  }
}

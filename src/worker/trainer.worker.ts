/**
 * The trainer Web Worker: a thin shell that exposes the trainer service over Comlink, and tells the page when it
 * is alive and when it is in trouble (troubleReport.ts), including a lost WebGL context (gpuContext.ts).
 */
import { expose } from 'comlink';
import { selectBackend } from './backend';
import { installFailureHooks } from './failureHooks';
import { watchWebglContext, webglContextLost } from './gpuContext';
import { createTrainerService } from './service';
import { TroubleReport } from './troubleReport';

/** Task data comes from the app's own origin (public/data/, prepared at install and build time). */
async function readDataFile(file: string): Promise<string> {
  const response = await fetch(`${import.meta.env.BASE_URL}${file}`);
  if (!response.ok) throw new Error(`Could not load ${file} (HTTP ${response.status})`);
  return response.text();
}

const trouble = new TroubleReport(self, webglContextLost);
trouble.listen();

/** Selects the backend as backend.ts does, and watches its WebGL context when it is WebGL. */
async function selectAndWatch(...args: Parameters<typeof selectBackend>): ReturnType<typeof selectBackend> {
  const selected = await selectBackend(...args);
  watchWebglContext(() => trouble.report({ kind: 'gpu-lost', detail: 'the WebGL context was lost' }));
  return selected;
}

expose(trouble.guard(createTrainerService(selectAndWatch, readDataFile)));

// e2e builds only: a production build drops this branch and the hooks with it (bundle.spec checks).
if (import.meta.env.MODE === 'e2e') installFailureHooks(self);

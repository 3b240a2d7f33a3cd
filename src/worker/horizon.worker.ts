/**
 * The memory-horizon worker: measures the curve (horizon.ts) on WASM, apart from the trainer worker so that the
 * live run is untouched, and posts each step of progress and each point as it lands (shared/horizon.ts's
 * messages). The page stops it by terminating it; the points already posted stay on the page.
 */
import { selectBackend } from './backend';
import { measureHorizon } from './horizon';
import type { HorizonMessage, HorizonRequest } from '../shared/horizon';

const post = (message: HorizonMessage) => self.postMessage(message);

/** Yields to the event loop so that progress messages leave while the runs go on. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

self.onmessage = async (event: MessageEvent<HorizonRequest>) => {
  if (event.data.kind !== 'start') return;
  try {
    const { info, plan } = await selectBackend('wasm');
    post({ kind: 'backend', label: info.label });
    await measureHorizon({
      plan,
      pause: breathe,
      progress: (run, step, stepsPerSecond) => post({ kind: 'progress', run, step, stepsPerSecond }),
      point: (point) => post({ kind: 'point', point }),
    });
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'error', message: (error as Error).message });
  }
};

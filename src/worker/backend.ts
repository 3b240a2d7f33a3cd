/**
 * Chooses the worker's tfjs backend: the preferred one if it starts, else WebGL → WASM → CPU, and says which
 * is active and why. The .wasm binaries are served from the app's own origin (Vite `?url` imports).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendInfo, BackendName } from '../worker/protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

const LABELS: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };
const ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Whether this worker can make a WebGL2 context at all (tfjs needs OffscreenCanvas in a worker). */
function webglProblem(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return 'this browser has no OffscreenCanvas in workers';
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    return gl ? undefined : 'this browser could not create a WebGL2 context';
  } catch (error) {
    return `WebGL2 failed: ${(error as Error).message}`;
  }
}

/** Activates the first backend that starts, preferred first; `setBackend` returns false rather than throwing. */
export async function selectBackend(preferred: BackendName = 'webgl'): Promise<BackendInfo> {
  const reasons: string[] = [];
  for (const name of [preferred, ...ORDER.filter((b) => b !== preferred)]) {
    if (name === 'webgl') {
      const problem = webglProblem();
      if (problem) {
        reasons.push(`WebGL is unavailable: ${problem}`);
        continue;
      }
    }
    let ok = false;
    try {
      ok = await tf.setBackend(name);
      await tf.ready();
    } catch {
      ok = false;
    }
    if (ok && tf.getBackend() === name) {
      return { backend: name, label: LABELS[name], note: reasons.join('; ') };
    }
    reasons.push(`${LABELS[name]} failed to start`);
  }
  throw new Error(`No tfjs backend could start: ${reasons.join('; ')}`);
}

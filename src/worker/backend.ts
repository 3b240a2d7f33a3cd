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

// The threaded WASM build's pthread worker fails when bundled ("e is not defined"), so run single-threaded
// (SIMD still on). Threads are issue 7's to bring back.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

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

/** How long a backend may take to start before the next one is tried. */
const START_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
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
      ok = await withTimeout(tf.setBackend(name), START_TIMEOUT_MS);
      await withTimeout(tf.ready(), START_TIMEOUT_MS);
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

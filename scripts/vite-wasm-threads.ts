/**
 * Lets tfjs's threaded WASM backend start from a bundle.
 *
 * tfjs hands its pthread workers the Emscripten factory as `new Blob([factory.toString()])`. Once the bundler
 * has minified that factory, its text names variables of the bundle's scope that do not exist in the worker
 * ("e is not defined"), so every pthread dies and tfjs falls back to one thread or fails. This plugin points
 * the workers at the factory's original, unbundled file instead, served as an asset from the app's own origin.
 * It fails the build loudly if tfjs's code no longer looks as expected (say, after an upgrade).
 */
import type { Plugin } from 'vite';

const TARGET = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const BLOB = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;
const FACTORY = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

export function wasmThreadsFactory(): Plugin {
  return {
    name: 'unrolled:tfjs-wasm-threads-factory',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0])) return null;
      if (!BLOB.test(code)) {
        this.error('tfjs-backend-wasm changed: the threaded factory blob was not found (see scripts/vite-wasm-threads.ts)');
      }
      // Absolute: the pthread workers run from blob: URLs, against which a path would not resolve.
      const patched = code.replace(BLOB, 'new URL(__unrolledThreadedFactoryUrl, self.location.href).href');
      return { code: `import __unrolledThreadedFactoryUrl from '${FACTORY}';\n${patched}`, map: null };
    },
  };
}

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { wasmThreadsFactory } from './scripts/vite-wasm-threads.ts';
import { cspPlugin } from './scripts/csp.ts';

// Cross-origin isolation, so the WASM backend may use threads (SharedArrayBuffer); dev, preview and tests alike.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), cspPlugin()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: {
    format: 'es',
    plugins: () => [wasmThreadsFactory()],
    // tfjs's ~1,300 licence comments would double the worker chunk; the licences ship in LICENSES.md instead.
    rolldownOptions: { output: { comments: { legal: false } } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // bench.html: the browser half of `npm run bench` (never linked from the app)
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { wasmThreadsFactory } from './vite-wasm-threads';

const require = createRequire(import.meta.url);
const backendFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');

type Transform = (this: { error(message: string): never }, code: string, id: string) => { code: string } | null;
const transform = wasmThreadsFactory().transform as unknown as Transform;
const context = {
  error(message: string): never {
    throw new Error(message);
  },
};

describe('the tfjs WASM threads plugin', () => {
  it("points tfjs's pthread workers at the unbundled factory file instead of the bundled function's source", () => {
    const original = readFileSync(backendFile, 'utf8');
    expect(original).toContain('wasmFactoryThreadedSimd.toString()');
    const result = transform.call(context, original, backendFile);
    expect(result).not.toBeNull();
    const code = result!.code;
    expect(code).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(code).toContain("tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url'");
    expect(code).toMatch(/mainScriptUrlOrBlob = new URL\(__unrolledThreadedFactoryUrl, self\.location\.href\)\.href/);
    // the rest of tfjs's module is left as it was
    expect(code.length - original.length).toBeLessThan(300);
  });

  it('leaves every other module alone', () => {
    expect(transform.call(context, 'export const x = 1;', '/x/node_modules/@tensorflow/tfjs-core/dist/index.js')).toBeNull();
  });

  it('fails the build when tfjs no longer builds the blob the way it patches (say, after an upgrade)', () => {
    expect(() => transform.call(context, 'export const changed = true;', backendFile)).toThrow(/tfjs-backend-wasm changed/);
  });
});

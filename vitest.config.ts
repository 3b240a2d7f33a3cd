import { defineConfig } from 'vitest/config';

// Unit tests run in Node on tfjs's WASM backend (loaded from node_modules), see src/test/setupTf.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test/setupTf.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});

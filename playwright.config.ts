import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

const PORT = 4317;
/**
 * The specs that make the trainer fail on purpose run against an e2e build (`vite build --mode e2e`), the only
 * one with the failure hooks (src/state/failureHooks.ts); every other spec runs against `npm run build`'s dist/,
 * which bundle.spec checks has none of them.
 */
const HOOKS_PORT = 4318;
const FAILURE_SPECS = ['**/worker-recovery.spec.ts', '**/lost-gpu.spec.ts'];

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PW_REPORTER ? [[process.env.PW_REPORTER]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'app', testIgnore: FAILURE_SPECS },
    { name: 'failure-hooks', testMatch: FAILURE_SPECS, use: { baseURL: `http://127.0.0.1:${HOOKS_PORT}` } },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite build --mode e2e --outDir dist-e2e --emptyOutDir --logLevel warn && npx vite preview --outDir dist-e2e --host 127.0.0.1 --port ${HOOKS_PORT} --strictPort`,
      url: `http://127.0.0.1:${HOOKS_PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});

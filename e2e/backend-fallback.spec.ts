import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

// A browser without WebGL: the worker falls back to WASM, says why, and still trains.
const NO_GPU = [...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-swiftshader'), '--disable-gpu', '--disable-software-rasterizer'];
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: NO_GPU } });

test('asked for WebGL in a browser without it, the trainer falls back to WASM and says why', async ({ page }) => {
  await page.goto('/?backend=webgl');
  const status = page.getByRole('status');
  await expect(status).toContainText('ready');
  await expect(status).toContainText('WASM');
  await expect(page.getByText(/WebGL is unavailable/)).toBeVisible();
  await page.getByRole('button', { name: 'Step' }).click();
  await expect(status).toContainText('Step 1');
});

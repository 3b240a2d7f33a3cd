/**
 * The browser half of the benchmark: the built app in headless Chromium (Debian's), per backend — training
 * steps/s in the worker, time from Train to the first step, main-thread long tasks (> 50 ms) and slow frames
 * while training with every view open — and the size of the page's first JavaScript (gzip).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import type { SideBySideRow } from './measure';

/** One backend's numbers in the browser. */
export interface BrowserRow {
  backend: string;
  stepsPerSecond: number;
  /** Train pressed 3 s after the page is ready, as a learner would (WebGL warms up in that time). */
  firstStepMs: number;
  /** Train pressed as soon as the page says ready. */
  firstStepAtOnceMs: number;
  longTasks: number;
  longestTaskMs: number;
  frameP95Ms: number;
  slowFrames: number;
  frames: number;
}

/** Everything the browser half measures. */
export interface BrowserBench {
  rows: BrowserRow[];
  sideBySide: SideBySideRow[];
  initialJsGzipBytes: number;
}

const PORT = 4391;
/** How long the bench waits after "ready" before pressing Train, as a learner reading the page would. */
export const LEARNER_PAUSE_MS = 3000;

// Page-side probes as plain strings: tsx would wrap named functions in a helper the page does not have.
const INSTALL_PROBES = `(() => {
  window.__long = []; window.__frames = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const READ_PROBES = `(() => {
  const frames = window.__frames.slice(5);
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    longTasks: window.__long.length,
    longestTaskMs: Math.max(0, ...window.__long),
    frameP95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    slowFrames: frames.filter((f) => f > 33.4).length,
    frames: frames.length,
  };
})()`;

/** gzip size of the scripts index.html loads first (entry and modulepreloads). */
export function initialJsGzipBytes(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

async function statusNumber(page: Page, pattern: RegExp): Promise<number> {
  const match = pattern.exec((await page.getByRole('status').textContent()) ?? '');
  return match ? Number(match[1]) : NaN;
}

/**
 * Opens the app on a fresh page, waits until it says ready, then `pauseMs`, installs the main-thread probes,
 * presses Train and waits for the first step. Returns the page and the milliseconds from Train to that step.
 */
async function trainFromReady(browser: Browser, url: string, pauseMs: number): Promise<{ page: Page; firstStepMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByRole('status').filter({ hasText: /ready/ }).waitFor({ timeout: 60_000 });
  if (pauseMs > 0) await page.waitForTimeout(pauseMs);
  await page.evaluate(INSTALL_PROBES);
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByRole('status').filter({ hasText: /Step [1-9]/ }).waitFor({ timeout: 60_000 });
  return { page, firstStepMs: Date.now() - clicked };
}

/**
 * The side-by-side half in the browser: bench.html runs Unrolled and tf.layers in a Web Worker per backend,
 * cell and size; its result is read from the page.
 */
async function measureSideBySide(browser: Browser, url: string, log: (line: string) => void): Promise<SideBySideRow[]> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    let last = '';
    for (;;) {
      const result = (await page.evaluate('window.__benchResult')) as { rows?: SideBySideRow[]; error?: string } | undefined;
      if (result?.error) throw new Error(`bench.html failed: ${result.error}`);
      if (result?.rows) return result.rows;
      const progress = (await page.getByRole('status').textContent()) ?? '';
      if (progress !== last) log(`browser: ${(last = progress)}`);
      await page.waitForTimeout(500);
    }
  } finally {
    await page.close();
  }
}

/**
 * Builds the app, serves it, and measures each backend: the app for `seconds` of training, then Unrolled
 * beside tf.layers (bench.html) per cell and size.
 */
export async function measureBrowser(options: {
  seconds: number;
  backends: string[];
  sideBySide: { cells: string[]; hiddenSizes: number[]; seconds: number };
  log: (line: string) => void;
}): Promise<BrowserBench> {
  const root = process.cwd();
  options.log('browser: building the app');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await waitForServer(base, 30_000);
    const rows: BrowserRow[] = [];
    for (const backend of options.backends) {
      options.log(`browser: ${backend}`);
      const url = `${base}?backend=${backend}&hidden=32`;
      // as a learner would: Train pressed a few seconds after the page is ready; then trained for a while
      const { page, firstStepMs } = await trainFromReady(browser, url, LEARNER_PAUSE_MS);
      await page.waitForTimeout(options.seconds * 1000);
      const stepsPerSecond = await statusNumber(page, /([\d.]+) steps\/s/);
      const timing = (await page.evaluate(READ_PROBES)) as Omit<BrowserRow, 'backend' | 'stepsPerSecond' | 'firstStepMs' | 'firstStepAtOnceMs'>;
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.close();
      // Train pressed the moment the page is ready (measured second, so any cache favours this one, not the budget's)
      const atOnce = await trainFromReady(browser, url, 0);
      await atOnce.page.close();
      rows.push({ backend, stepsPerSecond, firstStepMs, firstStepAtOnceMs: atOnce.firstStepMs, ...timing });
    }
    const query = new URLSearchParams({ backends: options.backends.join(','), cells: options.sideBySide.cells.join(','), hidden: options.sideBySide.hiddenSizes.join(','), seconds: String(options.sideBySide.seconds) });
    const sideBySide = await measureSideBySide(browser, `${base}bench.html?${query}`, options.log);
    return { rows, sideBySide, initialJsGzipBytes: initialJsGzipBytes(join(root, 'dist')) };
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

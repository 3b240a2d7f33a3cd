/**
 * The browser half of the benchmark: the built app in headless Chromium (Debian's), per backend — training
 * steps/s in the worker, time from Train to the first step, main-thread long tasks (> 50 ms) and slow frames
 * while training with every view open — and the size of the page's first JavaScript (gzip). And, per task, the
 * time from Train to a good model (targets.ts), read from the telemetry frames the page receives.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';
import type { TaskId } from '../shared/config';
import type { SideBySideRow } from './measure';
import { firstReached, targetOf, timeToTargetRow, type MetricsRecord, type TimeToTargetRow } from './targets';
import { frameTapScript } from './frameTap';

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
  /** Each task's time to its target, when asked for. */
  timeToTarget?: TimeToTarget;
}

/** The time-to-target rows and what they ran on. */
export interface TimeToTarget {
  rows: TimeToTargetRow[];
  /** The backend as the status line names it, e.g. "WASM (SIMD, 1 thread)". */
  backend: string;
  /** navigator.hardwareConcurrency in the page. */
  logicalCores: number;
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

/**
 * Installed before the app's scripts: keeps every held-out evaluation the page receives, with the time it arrived,
 * and the time Train was pressed (frames are read as src/bench/frameTap.ts explains).
 */
const RECORD_FRAMES = frameTapScript({
  setup: `const record = { pressedAt: null, latest: null, evaluations: [] };
  window.__timeToTarget = record;`,
  onFrame: `const at = performance.now();
    record.latest = { step: frame.step, state: frame.state };
    if (frame.metrics) record.evaluations.push({ at, step: frame.step, metrics: { ...frame.metrics } });`,
  after: `window.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (record.pressedAt === null && button && button.textContent.trim() === 'Train') record.pressedAt = performance.now();
  }, true);`,
});

/** What RECORD_FRAMES has kept so far. */
interface RecordedFrames {
  pressedAt: number | null;
  latest: { step: number; state: string } | null;
  evaluations: Array<{ at: number; step: number; metrics: Record<string, number> }>;
}

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

/** How often the bench looks at the recorded frames while a task trains towards its target. */
const POLL_MS = 500;
/** A run that sends no frame this long after Train means the bench cannot read them (see RECORD_FRAMES). */
const NO_FRAMES_MS = 30_000;

/**
 * One task's time to its target: the app at `?task=NAME` (the task's own defaults, the default cell, seed 1) on
 * WASM, Train pressed LEARNER_PAUSE_MS after it says ready, then trained until a held-out evaluation meets the
 * target or the target's budget has passed (or the run diverged). Seconds are the page's own clock, from the
 * click to the arrival of that evaluation's frame.
 */
async function timeTask(browser: Browser, base: string, task: TaskId, log: (line: string) => void): Promise<{ row: TimeToTargetRow; backend: string; logicalCores: number }> {
  const target = targetOf(task);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(RECORD_FRAMES);
    await page.goto(`${base}?${new URLSearchParams({ backend: 'wasm', task, seed: '1' })}`);
    await page.getByRole('status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(LEARNER_PAUSE_MS);
    await page.getByRole('button', { name: 'Train' }).click();
    const started = Date.now();
    let records: MetricsRecord[] = [];
    let note: string | undefined;
    for (;;) {
      await page.waitForTimeout(POLL_MS);
      const seen = (await page.evaluate('window.__timeToTarget')) as RecordedFrames;
      if (seen.pressedAt === null) throw new Error(`time to target (${task}): the bench did not see Train being pressed`);
      const pressedAt = seen.pressedAt;
      records = seen.evaluations.filter((e) => e.at >= pressedAt && e.step > 0).map((e) => ({ elapsedMs: e.at - pressedAt, step: e.step, metrics: e.metrics }));
      const waitedMs = Date.now() - started;
      if (firstReached(target, records)) break;
      if (seen.latest?.state === 'diverged') {
        note = `diverged at step ${seen.latest.step}`;
        break;
      }
      if (!seen.latest && waitedMs > NO_FRAMES_MS) throw new Error(`time to target (${task}): no telemetry frame reached the bench in ${NO_FRAMES_MS / 1000} s of training (has the worker protocol changed?)`);
      // a little past the budget, so that an evaluation that arrived just in time has been read
      if (waitedMs > target.budgetSeconds * 1000 + 2 * POLL_MS) break;
    }
    const status = (await page.getByRole('status').textContent()) ?? '';
    const logicalCores = (await page.evaluate('navigator.hardwareConcurrency')) as number;
    const row = timeToTargetRow(target, records, note);
    log(`browser: ${task}: ${row.seconds === null ? `not reached in ${row.budgetSeconds} s` : `${row.seconds} s`} (${status})`);
    return { row, backend: status.split(' · ').pop() ?? '', logicalCores };
  } finally {
    await page.close();
  }
}

/** Each task's time to its target in a served app (see timeTask), one task after the other. */
async function timeTasks(browser: Browser, base: string, tasks: readonly TaskId[], log: (line: string) => void): Promise<TimeToTarget> {
  const out: TimeToTarget = { rows: [], backend: '', logicalCores: 0 };
  for (const task of tasks) {
    log(`browser: time to target, ${task} (≤ ${targetOf(task).budgetSeconds} s)`);
    const { row, backend, logicalCores } = await timeTask(browser, base, task, log);
    out.rows.push(row);
    out.backend = backend;
    out.logicalCores = logicalCores;
  }
  return out;
}

/** Builds the app, serves it (vite preview), starts Chromium and runs `work` against them; then stops both (also used by longRun.ts). */
export async function withServedApp<T>(log: (line: string) => void, work: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  const root = process.cwd();
  log('browser: building the app');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}/`;
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      await waitForServer(base, 30_000);
      return await work(browser, base);
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

/** Only the time-to-target rows: builds and serves the app, and times each task to its target. */
export async function measureTimeToTarget(options: { tasks: readonly TaskId[]; log: (line: string) => void }): Promise<TimeToTarget> {
  return withServedApp(options.log, (browser, base) => timeTasks(browser, base, options.tasks, options.log));
}

/**
 * Builds the app, serves it, and measures each backend: the app for `seconds` of training, then Unrolled
 * beside tf.layers (bench.html) per cell and size, then (when `timeToTarget` names tasks) each task's time to
 * its target.
 */
export async function measureBrowser(options: {
  seconds: number;
  backends: string[];
  sideBySide: { cells: string[]; hiddenSizes: number[]; seconds: number };
  timeToTarget?: readonly TaskId[];
  log: (line: string) => void;
}): Promise<BrowserBench> {
  const root = process.cwd();
  return withServedApp(options.log, async (browser, base) => {
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
    const timeToTarget = options.timeToTarget?.length ? await timeTasks(browser, base, options.timeToTarget, options.log) : undefined;
    return { rows, sideBySide, initialJsGzipBytes: initialJsGzipBytes(join(root, 'dist')), ...(timeToTarget ? { timeToTarget } : {}) };
  });
}

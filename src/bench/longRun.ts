/**
 * A long run (issue #17): the app trains for many minutes in Chromium, and the page's and the worker's memory
 * are read every few minutes with `performance.measureUserAgentSpecificMemory()` (the page is cross-origin
 * isolated, which that API needs; it reports after a garbage collection, so what it reads is what is kept,
 * not what is waiting to be collected). The first reading is taken after a warm-up minute. Flat means the
 * readings of the last third stay within 10% above those of the first third (see `flat`), for the page and for
 * the worker alike. `npm run bench -- --long-run MINUTES`.
 */
import type { Browser } from '@playwright/test';
import { withServedApp } from './browser';

/** One reading: when, at which step, and the bytes kept by the page's window and by the trainer worker. */
export interface MemoryReading {
  minute: number;
  step: number;
  pageBytes: number;
  workerBytes: number;
}

/** The long run's readings and whether each heap stayed flat. */
export interface LongRun {
  url: string;
  minutes: number;
  readings: MemoryReading[];
  pageFlat: boolean;
  workerFlat: boolean;
}

/** How far the last reading may be from the first after the warm-up, as a share of it. */
export const FLAT_WITHIN = 0.1;

/**
 * Whether the heap stayed flat: the largest of the last third of the readings is at most FLAT_WITHIN above the
 * largest of the first third. A page's heap swings by a fifth or more between garbage collections (React's and
 * d3's short-lived objects), so single readings are compared as envelopes; a leak lifts the whole envelope.
 */
export function flat(values: readonly number[]): boolean {
  if (values.length < 2) return false;
  const third = Math.max(1, Math.floor(values.length / 3));
  const before = Math.max(...values.slice(0, third));
  const after = Math.max(...values.slice(-third));
  return before > 0 && after <= (1 + FLAT_WITHIN) * before;
}

/** Reads the memory the page and its worker keep (bytes), by the scope each part is attributed to. */
const READ_MEMORY = `(async () => {
  const result = await performance.measureUserAgentSpecificMemory();
  let page = 0, worker = 0;
  for (const entry of result.breakdown) {
    for (const where of entry.attribution) {
      if (where.scope === 'Window') page += entry.bytes / entry.attribution.length;
      else if (where.scope === 'DedicatedWorkerGlobalScope') worker += entry.bytes / entry.attribution.length;
    }
  }
  return { page, worker };
})()`;

async function longRun(browser: Browser, url: string, minutes: number, everyMinutes: number, log: (line: string) => void): Promise<LongRun> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByRole('status').filter({ hasText: 'ready' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const started = Date.now();
  const readings: MemoryReading[] = [];
  const read = async () => {
    const { page: pageBytes, worker: workerBytes } = (await page.evaluate(READ_MEMORY)) as { page: number; worker: number };
    const step = Number(/Step (\d+)/.exec((await page.getByRole('status').textContent()) ?? '')?.[1] ?? NaN);
    const reading = { minute: (Date.now() - started) / 60_000, step, pageBytes, workerBytes };
    readings.push(reading);
    log(`long run: minute ${reading.minute.toFixed(1)}, step ${step}, page ${(pageBytes / 1048576).toFixed(1)} MB, worker ${(workerBytes / 1048576).toFixed(1)} MB`);
  };
  // a warm-up minute, then a reading every `everyMinutes`, the last at the end
  for (let at = 1; ; at = Math.min(minutes, at + everyMinutes)) {
    await page.waitForTimeout(Math.max(0, started + at * 60_000 - Date.now()));
    await read();
    if (at >= minutes) break;
  }
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.close();
  return { url, minutes, readings, pageFlat: flat(readings.map((r) => r.pageBytes)), workerFlat: flat(readings.map((r) => r.workerBytes)) };
}

/** Builds and serves the app and trains the default task (WASM) for `minutes`, reading its memory as it goes. */
export async function measureLongRun(options: { minutes: number; everyMinutes?: number; log: (line: string) => void }): Promise<LongRun> {
  return withServedApp(options.log, (browser, base) => longRun(browser, `${base}?backend=wasm`, options.minutes, options.everyMinutes ?? 5, options.log));
}

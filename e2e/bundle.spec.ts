import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// tfjs must load only inside the worker: the page's own scripts carry none of it.
const dist = join(process.cwd(), 'dist');
const assets = join(dist, 'assets');
// A string tfjs-core always contains (its URL flag parameter), to recognise it in minified code.
const TFJS_MARKER = 'tfjsflags';

test('the main bundle has no tfjs; the worker chunk does', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  expect(entries.length).toBeGreaterThan(0);
  const files = readdirSync(assets);
  const workers = files.filter((f) => f.startsWith('trainer.worker') && f.endsWith('.js'));
  expect(workers.length).toBe(1);
  expect(readFileSync(join(assets, workers[0]), 'utf8')).toContain(TFJS_MARKER);
  for (const entry of entries) expect(readFileSync(join(assets, entry), 'utf8')).not.toContain(TFJS_MARKER);
});

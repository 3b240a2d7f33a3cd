import { readFileSync, readdirSync, statSync } from 'node:fs';
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

// The failure hooks (src/state/failureHooks.ts, src/worker/failureHooks.ts) are for e2e builds only: `npm run build`
// drops them with the branch on `import.meta.env.MODE === 'e2e'`, and this is their key's name.
const FAILURE_HOOK_MARKER = 'unrolledFailureHook';

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The scripts of a build. */
const scriptsOf = (dir: string) => filesUnder(dir).filter((f) => /\.(js|html)$/.test(f));

test('the production build has no failure hooks: no file of dist/ names them (the e2e build, dist-e2e/, does)', () => {
  const scripts = scriptsOf(dist);
  expect(scripts.some((f) => f.includes('trainer.worker'))).toBe(true);
  for (const file of scripts) expect(readFileSync(file, 'utf8'), file).not.toContain(FAILURE_HOOK_MARKER);
  // the marker is the right one: the e2e build (playwright.config.ts's second server makes it) has it in both halves
  const withHooks = scriptsOf(join(process.cwd(), 'dist-e2e')).filter((f) => readFileSync(f, 'utf8').includes(FAILURE_HOOK_MARKER));
  expect(withHooks.some((f) => f.includes('trainer.worker'))).toBe(true);
  expect(withHooks.some((f) => !f.includes('trainer.worker'))).toBe(true);
});

/**
 * The rooms of src/ and who may import whom, kept by checks rather than by convention:
 * - the page's type check (tsconfig.app.json) fails when a view, the store or shared code reaches tfjs, even
 *   through core/, tasks/ or worker/ — shown here by type-checking a probe file that does;
 * - shared/ imports nothing outside shared/; core/ never imports tasks/, worker/, io/ or the page's rooms;
 *   the page (views/, state/, lessons/) imports only shared/ and its own rooms.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Type-checks one probe file with the page's settings; returns tsc's output, or '' when it passes. */
function typeCheckAsPage(probeSource: string): string {
  // Inside the project, so that packages and vite/client's types resolve as they do for the page.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'rooms-probe-'));
  try {
    writeFileSync(join(dir, 'probe.ts'), probeSource);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(root, 'tsconfig.app.json'), include: [join(dir, 'probe.ts')] }));
    execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the page's type check keeps tfjs in the worker", () => {
  it('passes a page file that reads the shared room', () => {
    const out = typeCheckAsPage(`import { defaultConfig } from '${join(src, 'shared/config')}';\nexport const config = defaultConfig();\n`);
    expect(out).toBe('');
  });

  it('fails a page file that imports the tfjs-backed model', () => {
    const out = typeCheckAsPage(`import { initParams } from '${join(src, 'core/model')}';\nexport const init = initParams;\n`);
    expect(out).toMatch(/tfjsStaysInTheWorker/);
    expect(out).toMatch(/error TS/);
  });

  it('fails a page file that imports tfjs itself', () => {
    const out = typeCheckAsPage(`import * as tf from '@tensorflow/tfjs-core';\nexport const zeros = tf.zeros([1]);\n`);
    expect(out).toMatch(/Property 'zeros' does not exist/);
  });
});

/** Every .ts/.tsx file under a folder, tests included or not. */
function sourceFiles(dir: string, withTests: boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, withTests);
    if (!/\.tsx?$/.test(name) || name.endsWith('.d.ts')) return [];
    if (!withTests && /\.test\.tsx?$/.test(name)) return [];
    return [path];
  });
}

/** The rooms (first folder under src/) a file's relative imports reach, and its package imports. */
function importsOf(file: string): { rooms: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  const rooms: string[] = [];
  const packages: string[] = [];
  for (const spec of specs) {
    if (spec.startsWith('.')) rooms.push(relative(src, resolve(dirname(file), spec)).split('/')[0]);
    else packages.push(spec);
  }
  return { rooms, packages };
}

/** Files of `room` whose imports leave `allowed` (tests may also use src/test/), as "file → room" lines. */
function offences(room: string, allowed: string[], withTests = false): string[] {
  const lines: string[] = [];
  for (const file of sourceFiles(join(src, room), withTests)) {
    const { rooms, packages } = importsOf(file);
    const allowedHere = /\.test\.tsx?$/.test(file) ? [...allowed, 'test'] : allowed;
    for (const r of rooms) if (!allowedHere.includes(r)) lines.push(`${relative(src, file)} → ${r}/`);
    for (const p of packages) if (p.startsWith('@tensorflow/') && !['core', 'tasks', 'worker', 'io'].includes(room)) lines.push(`${relative(src, file)} → ${p}`);
  }
  return lines;
}

describe('who imports whom', () => {
  it('finds the imports of a file (the checker sees what it checks)', () => {
    const { rooms, packages } = importsOf(join(src, 'core', 'trainer.ts'));
    expect(rooms).toContain('shared');
    expect(packages).toContain('@tensorflow/tfjs-core');
  });

  it('shared/ imports only shared/, and no tfjs', () => {
    expect(offences('shared', ['shared'], true)).toEqual([]);
  });

  it('core/ never imports tasks/, worker/, io/ or the page', () => {
    expect(offences('core', ['core', 'shared'])).toEqual([]);
  });

  it('the page (views/, state/, lessons/) imports only shared/ and the page', () => {
    const page = ['shared', 'state', 'views', 'lessons', 'App.tsx', 'styles.css'];
    expect(offences('views', page)).toEqual([]);
    expect(offences('state', page)).toEqual([]);
    // the lessons' claims.test.ts runs them through the core; the lessons themselves stay on the page's side
    expect(offences('lessons', page)).toEqual([]);
  });
});

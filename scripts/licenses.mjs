#!/usr/bin/env node
// Writes public/THIRD_PARTY_LICENSES.txt: the licence of every package that ships in the app's bundles.
// (The worker chunk is built without tfjs's per-file licence comments; this file carries them instead.)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const seen = new Set();
const sections = [];

function visit(name) {
  if (seen.has(name)) return;
  seen.add(name);
  const dir = join(root, 'node_modules', name);
  if (!existsSync(join(dir, 'package.json'))) return;
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${meta.license ?? 'unknown'}`;
  sections.push(`${meta.name}@${meta.version} (${meta.license ?? 'unknown'})\n${'-'.repeat(60)}\n${text}\n`);
  for (const dep of Object.keys(meta.dependencies ?? {})) visit(dep);
}

for (const dep of Object.keys(pkg.dependencies).sort()) visit(dep);
writeFileSync(join(root, 'public', 'THIRD_PARTY_LICENSES.txt'), `Third-party software in Unrolled\n\n${sections.join('\n\n')}`);
console.log(`Wrote public/THIRD_PARTY_LICENSES.txt (${sections.length} packages)`);

/** The CLI's reader of task data: the files scripts/prepare-data.mjs writes to public/data/ (run it if missing). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();

/** Reads public/<file>, preparing the data first when it is not there yet. */
export async function readDataFile(file: string): Promise<string> {
  const path = join(ROOT, 'public', file);
  if (!existsSync(path)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'prepare-data.mjs')], { stdio: 'inherit' });
  if (!existsSync(path)) throw new Error(`Missing data file public/${file}: run "node scripts/prepare-data.mjs"`);
  return readFileSync(path, 'utf8');
}

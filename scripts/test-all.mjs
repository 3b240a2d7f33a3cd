#!/usr/bin/env node
// Runs every check and test — type check, unit tests (vitest, Node), end-to-end tests (Playwright in Debian's
// Chromium against the built app) — and ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;

function run(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status ?? 1;
}

// 1. Types, per environment (counts as one check).
if (run('type check', 'npm', ['run', '-s', 'typecheck']) === 0) passed++;
else failed++;

// 2. Unit tests.
const unitJson = `${results}/unit.json`;
rmSync(unitJson, { force: true });
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
if (existsSync(unitJson)) {
  const report = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += report.numPassedTests;
  // A file that fails to load has no failed test but a failed suite: count it.
  failed += report.numFailedTests || report.numFailedTestSuites || 0;
} else failed++;

// 3. Build, then end-to-end tests.
if (run('build', 'npm', ['run', '-s', 'build']) !== 0) failed++;
else {
  const e2eJson = `${results}/e2e.json`;
  rmSync(e2eJson, { force: true });
  const status = run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  const stats = existsSync(e2eJson) ? JSON.parse(readFileSync(e2eJson, 'utf8')).stats : undefined;
  if (stats) {
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  // A run that could not start (the port taken, the browser missing) ran no test: that is a failure too.
  if (!stats || stats.expected + stats.flaky + stats.unexpected === 0 || (status !== 0 && stats.unexpected === 0)) {
    console.log('The end-to-end tests did not run.');
    failed++;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

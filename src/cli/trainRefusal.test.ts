/** The command line refuses settings too large to train (shared/cost.ts), before it loads data or writes a file. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrainArgs } from './train';

const LARGEST = ['--task', 'chargen', '--hidden', '256', '--layers', '4', '--bidirectional', '--seq-len', '200', '--batch', '512'];
const MESSAGE = /These settings need ≈ [\d.]+ GB of memory to train: over the 4 GB a WebAssembly memory can hold, and the 1 GB this app allows; lower the batch size, sequence length or hidden size\./;

describe('train refuses settings too large to train', () => {
  it('in its flags, with the estimate and what to lower; a smaller batch is accepted', () => {
    expect(() => parseTrainArgs(LARGEST)).toThrow(MESSAGE);
    expect(parseTrainArgs([...LARGEST.slice(0, -2), '--batch', '4']).config).toMatchObject({ hiddenSize: 256, numLayers: 4, bidirectional: true, batchSize: 4 });
  });

  it('`npm run cli -- train …` exits non-zero with the message and writes nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'unrolled-cost-')), 'x.safetensors');
    const run = spawnSync('npm', ['run', 'cli', '--', 'train', ...LARGEST, '--out', out], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(MESSAGE);
    expect(existsSync(out)).toBe(false);
  });
});

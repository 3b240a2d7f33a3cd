import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { base64, float32List, float32Text, numberDict, pyString } from './pythonLiterals';

/** What python3 prints for an expression. */
function python(expression: string): string {
  const run = spawnSync('python3', ['-c', `import json, struct\nprint(${expression})`], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

describe('Python literals for the notebook', () => {
  it('writes float32s short, and Python reads back the same float32 bits', () => {
    const values = Float32Array.from([0.1, -2, 1e-7, 3.4028234663852886e38, 1.17549435e-38, Math.PI, -0, 123456.789]);
    expect(float32Text(0.1)).toBe('0.1');
    expect(float32Text(3)).toBe('3.0');
    const bits = python(`json.dumps([struct.unpack('<I', struct.pack('<f', v))[0] for v in ${float32List(values)}])`);
    expect(JSON.parse(bits)).toEqual(Array.from(new Uint32Array(values.buffer)).map((b, k) => (k === 6 ? 0 : b)));
  });

  it('refuses NaN and ∞ rather than writing them', () => {
    expect(() => float32Text(NaN)).toThrow(/not a finite number/);
    expect(() => numberDict({ mse: Infinity })).toThrow(/not a finite number/);
  });

  it('writes strings as ASCII Python literals that read back the same characters (quotes, newlines, accents, emoji)', () => {
    const text = 'He said "hi"\\ — naïve\nwhale 🐋 <unk>';
    const literal = pyString(text);
    expect(literal).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(python(`json.dumps(${literal})`))).toBe(text);
  });

  it('encodes bytes as standard base64, padding included', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255]) {
      const bytes = Uint8Array.from({ length }, (_, k) => (k * 37 + 11) & 255);
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

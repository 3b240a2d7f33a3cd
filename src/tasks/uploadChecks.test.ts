import { describe, expect, it } from 'vitest';
import { binarySign, utf8Bytes } from './uploadChecks';

const encoder = new TextEncoder();

describe('utf8Bytes', () => {
  it('counts what TextEncoder writes: 1-, 2-, 3- and 4-byte characters', () => {
    for (const text of ['', 'plain ASCII', '~\x7f', 'é', 'ß\u07ff', '€', '\u0800\uffff', '日本語', '🐋', '𝄞a🐋€é', 'a€🐋']) {
      expect(utf8Bytes(text), JSON.stringify(text)).toBe(encoder.encode(text).length);
    }
    expect(utf8Bytes('a€🐋')).toBe(1 + 3 + 4);
  });

  it('counts a lone surrogate as U+FFFD (3 bytes), wherever it stands', () => {
    const cases = ['\ud83d', 'a\ud83d', '\ud83da', '\ud83dé', '\ud83d€', '\udc0b', '\udc0b\ud83d', '\ud83d\ud83d\udc0b', 'x\udc0b\ud83d'];
    for (const text of cases) expect(utf8Bytes(text), JSON.stringify(text)).toBe(encoder.encode(text).length);
  });
});

describe('binarySign', () => {
  it('reads ordinary text, tabs and line breaks as text', () => {
    expect(binarySign('one\ttwo\r\nthree\n')).toBeUndefined();
    expect(binarySign('')).toBeUndefined();
  });

  it('finds a NUL anywhere', () => {
    expect(binarySign(`${'text '.repeat(100)}\0`)).toEqual({ kind: 'nul' });
  });

  it('finds more than 10% control characters, C1 controls or U+FFFD', () => {
    expect(binarySign('\u0001'.repeat(11) + 'x'.repeat(89))).toEqual({ kind: 'non-printable', nonPrintable: 11 });
    expect(binarySign('\u0001'.repeat(10) + 'x'.repeat(90))).toBeUndefined();
    expect(binarySign('\u0085\u007f\ufffd' + 'x'.repeat(20))).toEqual({ kind: 'non-printable', nonPrintable: 3 });
    expect(binarySign('\u00a0'.repeat(50))).toBeUndefined(); // a no-break space prints
  });
});

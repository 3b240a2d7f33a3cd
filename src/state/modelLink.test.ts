import { deflateSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { initParams } from '../core/model';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { sineTask } from '../tasks/sine';
import { decodeImport, encodeExport } from '../worker/modelExchange';
import { MAX_LINK_COMPRESSED_BYTES, adler32, decodeModelLink, encodeModelLink, fromBase64Url, toBase64Url } from './modelLink';

/** A real export: a GRU of 2 layers on sine, seed 7, at step 120. */
function exportBytes(): { config: TrainConfig; bytes: Uint8Array } {
  const config: TrainConfig = { ...defaultConfig(), cell: 'gru', hiddenSize: 8, numLayers: 2, seed: 7, sinePeriod: 14 };
  const spec = sineTask(config).modelSpec;
  const weights = initParams(spec, 1, config.seed, config.recurrentInit);
  const file = encodeExport({ config, spec, weights, step: 120, taskMetadata: { sine_period: '14' } }, 'safetensors');
  return { config, bytes: file.bytes };
}

/** The fragment of a link to `bytes`, which must fit. */
function fragmentOf(bytes: Uint8Array): string {
  const link = encodeModelLink(bytes);
  if (!('fragment' in link)) throw new Error('expected the model to fit in a link');
  return link.fragment;
}

/** A deterministic stream of bytes that does not compress (xorshift32). */
function incompressible(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('model links', () => {
  it('round-trips an export: the same bytes, and the import gives back the settings, seed, step and weights', () => {
    const { config, bytes } = exportBytes();
    const link = encodeModelLink(bytes);
    expect(link).toMatchObject({ fragment: expect.stringMatching(/^#model=1\.[A-Za-z0-9_-]+$/) });
    if (!('fragment' in link)) return;
    // compressed: smaller than the file, and the size reported is the data's
    expect(link.compressedBytes).toBeLessThan(bytes.length);
    expect(fromBase64Url(link.fragment.slice('#model=1.'.length))?.length).toBe(link.compressedBytes);
    const read = decodeModelLink(link.fragment);
    expect(read && 'bytes' in read && Array.from(read.bytes)).toEqual(Array.from(bytes));
    if (!read || !('bytes' in read)) return;
    // through the file import, into a page whose settings all differ
    const imported = decodeImport(read.bytes, { ...defaultConfig(), cell: 'lstm', hiddenSize: 30, seed: 1 });
    expect(imported.config).toEqual(config);
    expect(imported.step).toBe(120);
    const original = decodeImport(bytes, defaultConfig()).weights;
    for (const name of Object.keys(original)) expect(Array.from(imported.weights[name])).toEqual(Array.from(original[name]));
  });

  it('finds the model among other keys of the fragment, and reads nothing from a fragment without one', () => {
    const { bytes } = exportBytes();
    const fragment = fragmentOf(bytes);
    const read = decodeModelLink(`#note=hi&${fragment.slice(1)}`);
    expect(read && 'bytes' in read && read.bytes.length).toBe(bytes.length);
    expect(decodeModelLink('')).toBeUndefined();
    expect(decodeModelLink('#section-2')).toBeUndefined();
  });

  it('refuses a link cut short anywhere, with the notice that says so', () => {
    const fragment = fragmentOf(exportBytes().bytes);
    const data = fragment.slice('#model=1.'.length);
    // every cut from a few characters to all but one, in 37 places
    for (let keep = 0; keep < data.length; keep += Math.max(1, Math.floor(data.length / 37))) {
      const read = decodeModelLink(`#model=1.${data.slice(0, keep)}`);
      expect(read, `cut at ${keep} of ${data.length}`).toEqual({ error: expect.stringMatching(/^The link's model could not be read: .*; the link looks cut short or changed\. Starting with a fresh model and the link's settings instead\.$/) });
    }
    expect(decodeModelLink('#model=1.')).toMatchObject({ error: expect.stringContaining('cut short or changed') });
    expect(decodeModelLink('#model=1')).toMatchObject({ error: expect.stringContaining('not a version number and base64url data') });
  });

  it('refuses a changed character anywhere in the data (the checksum, or the compressed stream, catches it)', () => {
    const fragment = fragmentOf(exportBytes().bytes);
    const head = '#model=1.';
    const data = fragment.slice(head.length);
    const swap = (c: string) => (c === 'A' ? 'B' : 'A');
    let refused = 0;
    let checked = 0;
    for (let k = 0; k < data.length; k += 7) {
      // the last character may carry unused bits: changing only those changes no byte
      const tampered = data.slice(0, k) + swap(data[k]) + data.slice(k + 1);
      if (Array.from(fromBase64Url(tampered) ?? []).join() === Array.from(fromBase64Url(data) ?? []).join()) continue;
      checked++;
      const read = decodeModelLink(head + tampered);
      if (read && 'error' in read) refused++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(refused).toBe(checked);
    // a stray character that base64url has not
    expect(decodeModelLink(`${head}${data.slice(0, 10)}!${data.slice(11)}`)).toMatchObject({ error: expect.stringContaining('not a version number and base64url data') });
  });

  it('checks the Adler-32 checksum itself (fflate does not): a valid stream with a wrong checksum is refused', () => {
    const bytes = new TextEncoder().encode('a model of sorts');
    const good = zlibSync(bytes);
    // Adler-32 of "Wikipedia" is 0x11E60398 (RFC 1950's algorithm, the value its article gives)
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    const wrong = good.slice();
    wrong[wrong.length - 1] ^= 1;
    expect(decodeModelLink(`#model=1.${toBase64Url(good)}`)).toEqual({ bytes });
    expect(decodeModelLink(`#model=1.${toBase64Url(wrong)}`)).toMatchObject({ error: expect.stringContaining('its checksum does not match its data') });
    // raw deflate (no zlib header) is not what links carry
    expect(decodeModelLink(`#model=1.${toBase64Url(deflateSync(bytes))}`)).toMatchObject({ error: expect.stringContaining('cut short or changed') });
  });

  it('refuses data that inflates past the limit, before it is all inflated', () => {
    const zeros = zlibSync(new Uint8Array(1 << 20));
    expect(zeros.length).toBeLessThan(MAX_LINK_COMPRESSED_BYTES);
    expect(decodeModelLink(`#model=1.${toBase64Url(zeros)}`, 1000)).toMatchObject({ error: expect.stringContaining('it inflates to more than 1000 bytes') });
    expect(decodeModelLink(`#model=1.${toBase64Url(zeros)}`)).toMatchObject({ bytes: expect.any(Uint8Array) });
  });

  it('falls back to settings only for a model over 64 kB compressed, and says how large it is', () => {
    const large = incompressible(70 * 1024);
    const link = encodeModelLink(large);
    expect(link).toEqual({ tooLarge: true, compressedBytes: expect.any(Number), maxCompressedBytes: 65536 });
    expect(link.compressedBytes).toBeGreaterThan(MAX_LINK_COMPRESSED_BYTES);
    // just under the limit still fits
    const fits = encodeModelLink(incompressible(60 * 1024));
    expect('fragment' in fits && fits.compressedBytes).toBeLessThanOrEqual(MAX_LINK_COMPRESSED_BYTES);
    // a link longer than any Unrolled writes is refused when read
    const over = zlibSync(incompressible(70 * 1024), { level: 0 });
    expect(decodeModelLink(`#model=1.${toBase64Url(over)}`)).toMatchObject({ error: expect.stringContaining('more than any link Unrolled writes') });
  });

  it('refuses another version of the format, naming both', () => {
    const data = fragmentOf(exportBytes().bytes).slice('#model=1.'.length);
    expect(decodeModelLink(`#model=2.${data}`)).toEqual({
      error: "The link's model is in link format 2, which this version of Unrolled does not read (it reads format 1). Starting with a fresh model and the link's settings instead.",
    });
    expect(decodeModelLink(`#model=0.${data}`)).toMatchObject({ error: expect.stringContaining('link format 0') });
  });

  it('writes base64url without padding, and reads back exactly the bytes of every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = incompressible(n);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Array.from(fromBase64Url(text) ?? [-1])).toEqual(Array.from(bytes));
    }
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64Url('abcde')).toBeUndefined();
    expect(fromBase64Url('ab+c')).toBeUndefined();
  });
});

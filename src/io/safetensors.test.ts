import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  MAX_SAFETENSORS_BYTES,
  SafetensorsError,
  readSafetensors,
  writeSafetensors,
  type NamedTensor,
  type SafetensorsErrorCode,
} from './safetensors';

/** Build a file by hand: length prefix, the given header text (optionally space-padded), then data bytes. */
function rawFile(header: string | object, data: Uint8Array = new Uint8Array(0), pad = 0): Uint8Array {
  const text = (typeof header === 'string' ? header : JSON.stringify(header)) + ' '.repeat(pad);
  const json = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** Little-endian bytes from 16-bit words. */
function u16(...words: number[]): Uint8Array {
  const b = new Uint8Array(words.length * 2);
  const v = new DataView(b.buffer);
  words.forEach((w, i) => v.setUint16(2 * i, w, true));
  return b;
}

function f32Bytes(...values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setFloat32(4 * i, x, true));
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function refusal(bytes: Uint8Array): SafetensorsError {
  try {
    readSafetensors(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    return e as SafetensorsError;
  }
  throw new Error('expected readSafetensors to throw');
}

function expectRefused(bytes: Uint8Array, code: SafetensorsErrorCode, ...fragments: string[]): SafetensorsError {
  const err = refusal(bytes);
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}

function bitsOf(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

describe('writeSafetensors / readSafetensors round trip', () => {
  const tensors: Record<string, NamedTensor> = {
    'rnn.weight_ih_l0': { shape: [4, 3], data: Float32Array.from({ length: 12 }, (_, i) => Math.sin(i) * 0.1) },
    'head.bias': { shape: [], data: new Float32Array([-0.125]) },
    'rnn.empty': { shape: [0, 5], data: new Float32Array(0) },
    'odd.values': { shape: [5], data: new Float32Array([NaN, -0, Infinity, -Infinity, 1.4e-45]) },
    '0': { shape: [2], data: new Float32Array([1, 2]) },
  };
  const metadata = { mode: 'LSTM', hidden_size: '4', note: 'ünïcode ✓' };

  it('preserves shapes, metadata and bit-identical values', () => {
    const file = readSafetensors(writeSafetensors(tensors, metadata));
    expect(file.metadata).toEqual(metadata);
    expect(Object.keys(file.tensors).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) {
      expect(file.tensors[name].shape).toEqual(t.shape);
      expect(bitsOf(file.tensors[name].data)).toEqual(bitsOf(t.data));
      expect(file.dtypes[name]).toBe('F32');
    }
  });

  it('lays out the header like the Rust library: metadata first, sorted names, 8-byte aligned data', () => {
    const bytes = writeSafetensors(tensors, metadata);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const n = view.getUint32(0, true);
    expect(view.getUint32(4, true)).toBe(0);
    expect((8 + n) % 8).toBe(0);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(text.trimEnd().length).toBeLessThanOrEqual(n);
    expect(text.slice(text.trimEnd().length)).toMatch(/^ *$/);
    expect(text.startsWith('{"__metadata__":{')).toBe(true);
    const header = JSON.parse(text) as Record<string, { data_offsets: [number, number] }>;
    const names = Object.keys(tensors).sort();
    // Offsets are contiguous in sorted-name order.
    let offset = 0;
    for (const name of names) {
      expect(header[name].data_offsets[0]).toBe(offset);
      offset = header[name].data_offsets[1];
    }
    expect(bytes.length).toBe(8 + n + offset);
    // Names appear in the text in sorted order.
    const positions = names.map((name) => text.indexOf(`${JSON.stringify(name)}:{"dtype"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('omits __metadata__ when none is given and reads back empty metadata', () => {
    const bytes = writeSafetensors({ a: { shape: [1], data: new Float32Array([3]) } });
    const n = new DataView(bytes.buffer).getUint32(0, true);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + n))).not.toContain('__metadata__');
    expect(readSafetensors(bytes).metadata).toEqual({});
  });

  it('writes from a Float32Array view with a byte offset', () => {
    const backing = new Float32Array([9, 1, 2, 3, 9]);
    const file = readSafetensors(writeSafetensors({ x: { shape: [3], data: backing.subarray(1, 4) } }));
    expect(Array.from(file.tensors.x.data)).toEqual([1, 2, 3]);
  });

  it('throws a plain Error when data length does not match the shape', () => {
    expect(() => writeSafetensors({ w: { shape: [2, 3], data: new Float32Array(5) } })).toThrow(/w.*\[2, 3\].*6.*5/);
  });

  it('throws when a metadata value is not a string', () => {
    expect(() => writeSafetensors({}, { n: 4 as unknown as string })).toThrow(/n/);
  });
});

describe('readSafetensors accepts', () => {
  it('any key order, trailing-space padding and a missing __metadata__', () => {
    const data = f32Bytes(1, 2, 3);
    const header = '{"b":{"data_offsets":[4,12],"shape":[2],"dtype":"F32"},"a":{"shape":[],"dtype":"F32","data_offsets":[0,4]}}';
    const file = readSafetensors(rawFile(header, data, 13));
    expect(file.metadata).toEqual({});
    expect(Array.from(file.tensors.a.data)).toEqual([1]);
    expect(file.tensors.a.shape).toEqual([]);
    expect(Array.from(file.tensors.b.data)).toEqual([2, 3]);
  });

  it('__metadata__ placed after the tensors', () => {
    const file = readSafetensors(
      rawFile({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, __metadata__: { task: 'sine' } }, f32Bytes(5)),
    );
    expect(file.metadata).toEqual({ task: 'sine' });
  });

  it('an empty header object', () => {
    expect(readSafetensors(rawFile('{}', new Uint8Array(0), 6))).toEqual({ tensors: {}, metadata: {}, dtypes: {} });
  });

  it('a tensor named __proto__ as data, not as a prototype', () => {
    const file = readSafetensors(rawFile('{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', f32Bytes(7)));
    expect(Object.keys(file.tensors)).toEqual(['__proto__']);
    expect(Array.from(file.tensors['__proto__'].data)).toEqual([7]);
  });
});

describe('readSafetensors decodes other float dtypes', () => {
  it('F16, including max, negative and subnormal values', () => {
    const words = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x0000, 0x8000, 0x3555, 0x7c00, 0xfc00, 0x7e00];
    const file = readSafetensors(rawFile({ h: { dtype: 'F16', shape: [words.length], data_offsets: [0, 2 * words.length] } }, u16(...words)));
    const d = Array.from(file.tensors.h.data);
    expect(file.dtypes.h).toBe('F16');
    expect(d.slice(0, 4)).toEqual([1, -2, 65504, 2 ** -24]);
    expect(Object.is(d[4], 0)).toBe(true);
    expect(Object.is(d[5], -0)).toBe(true);
    expect(d[6]).toBeCloseTo(0.333251953125, 12);
    expect(d[7]).toBe(Infinity);
    expect(d[8]).toBe(-Infinity);
    expect(d[9]).toBeNaN();
  });

  it('BF16', () => {
    const words = [0x3f80, 0xc000, 0x4049, 0x0000, 0x7f80];
    const file = readSafetensors(rawFile({ b: { dtype: 'BF16', shape: [5], data_offsets: [0, 10] } }, u16(...words)));
    expect(file.dtypes.b).toBe('BF16');
    expect(Array.from(file.tensors.b.data)).toEqual([1, -2, 3.140625, 0, Infinity]);
  });

  it('F64, rounding to float32', () => {
    const data = new Uint8Array(24);
    const v = new DataView(data.buffer);
    [0.1, -1e10, 2.5].forEach((x, i) => v.setFloat64(8 * i, x, true));
    const file = readSafetensors(rawFile({ d: { dtype: 'F64', shape: [3, 1], data_offsets: [0, 24] } }, data));
    expect(file.dtypes.d).toBe('F64');
    expect(file.tensors.d.shape).toEqual([3, 1]);
    expect(Array.from(file.tensors.d.data)).toEqual([Math.fround(0.1), Math.fround(-1e10), 2.5]);
  });

  it('unaligned offsets: an F16 tensor first, then F32 and F64 tensors at odd positions', () => {
    const data = concat(u16(0x3c00), f32Bytes(1.5, -3.25), new Uint8Array(new Float64Array([0.75]).buffer));
    const header = {
      half: { dtype: 'F16', shape: [1], data_offsets: [0, 2] },
      single: { dtype: 'F32', shape: [2], data_offsets: [2, 10] },
      double: { dtype: 'F64', shape: [], data_offsets: [10, 18] },
    };
    // Header length 1 more than a multiple of 8 too, so the data section itself starts unaligned.
    const text = JSON.stringify(header);
    const file = readSafetensors(rawFile(text, data, (8 - (text.length % 8)) % 8 + 1));
    expect(Array.from(file.tensors.half.data)).toEqual([1]);
    expect(Array.from(file.tensors.single.data)).toEqual([1.5, -3.25]);
    expect(Array.from(file.tensors.double.data)).toEqual([0.75]);
  });

  it('a Uint8Array that is a view into a larger buffer at an odd offset', () => {
    const inner = writeSafetensors({ x: { shape: [2], data: new Float32Array([4, 5]) } });
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 3);
    expect(Array.from(readSafetensors(outer.subarray(3)).tensors.x.data)).toEqual([4, 5]);
  });
});

describe('readSafetensors refuses', () => {
  it('a file shorter than 8 bytes (too-short)', () => {
    expectRefused(new Uint8Array(5), 'too-short', '5 bytes');
  });

  it('a header length larger than the file (bad-header-length)', () => {
    const bytes = new Uint8Array(128);
    new DataView(bytes.buffer).setUint32(0, 9000, true);
    expectRefused(bytes, 'bad-header-length', '9000', '120');
  });

  it('a header length over 100 MB (bad-header-length)', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setUint32(4, 1, true); // 2^32
    expectRefused(bytes, 'bad-header-length', String(2 ** 32));
    // a length past 2^53 is shown exactly, not as a rounded float (2^62 + 1 would read 4611686018427388000)
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 62n + 1n, true);
    expectRefused(bytes, 'bad-header-length', '4611686018427387905 bytes long');
  });

  it('a header that is not valid JSON (bad-header-json)', () => {
    expectRefused(rawFile('{"a": [1, 2'), 'bad-header-json');
  });

  it('a header that is not valid UTF-8 (bad-header-json)', () => {
    const bytes = rawFile('{"a":1}');
    bytes[9] = 0xff;
    expectRefused(bytes, 'bad-header-json', 'UTF-8');
  });

  it('a header that is not a JSON object (bad-header-json)', () => {
    expectRefused(rawFile('[1, 2, 3]'), 'bad-header-json', 'array');
    expectRefused(rawFile('null'), 'bad-header-json', 'null');
  });

  it('__metadata__ that is not an object of strings (bad-metadata)', () => {
    expectRefused(rawFile({ __metadata__: { hidden_size: 4 } }), 'bad-metadata', 'hidden_size', '4');
    expectRefused(rawFile({ __metadata__: ['x'] }), 'bad-metadata', '__metadata__');
  });

  it('malformed entries (bad-entry)', () => {
    expectRefused(rawFile({ w: { dtype: 'F32', shape: [1] } }), 'bad-entry', 'w', 'data_offsets');
    expectRefused(rawFile({ w: { shape: [1], data_offsets: [0, 4] } }), 'bad-entry', 'w', 'dtype');
    expectRefused(rawFile({ w: { dtype: 'F32', shape: [2, -1], data_offsets: [0, 4] } }), 'bad-entry', 'w', '-1');
    expectRefused(rawFile({ w: { dtype: 'F32', shape: [1.5], data_offsets: [0, 4] } }), 'bad-entry', 'w', '1.5');
    expectRefused(rawFile({ w: { dtype: 'F32', shape: [1], data_offsets: [0, -4] } }), 'bad-entry', 'w', '-4');
    expectRefused(rawFile({ w: { dtype: 'F32', shape: [1], data_offsets: [0] } }), 'bad-entry', 'w');
    expectRefused(rawFile({ w: 7 }), 'bad-entry', 'w');
    expectRefused(rawFile({ w: { dtype: 'F32', shape: [1], data_offsets: [8, 4] } }, new Uint8Array(8)), 'bad-entry', 'w', '8', '4');
  });

  it('an unsupported dtype (unknown-dtype)', () => {
    const err = expectRefused(
      rawFile({ 'embedding.idx': { dtype: 'I64', shape: [2], data_offsets: [0, 16] } }, new Uint8Array(16)),
      'unknown-dtype',
      'I64',
      'embedding.idx',
    );
    for (const d of ['F32', 'F64', 'F16', 'BF16']) expect(err.message).toContain(d);
    expectRefused(rawFile({ m: { dtype: 'U8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)), 'unknown-dtype', 'U8', 'm');
  });

  it('offsets that do not match the shape (size-mismatch)', () => {
    expectRefused(
      rawFile({ 'rnn.weight_ih_l0': { dtype: 'F32', shape: [8, 3], data_offsets: [0, 80] } }, new Uint8Array(96)),
      'size-mismatch',
      'Tensor rnn.weight_ih_l0 has shape [8, 3] (24 F32 values = 96 bytes) but its data_offsets span 80 bytes',
    );
  });

  it('an end offset past the data buffer (truncated)', () => {
    expectRefused(
      rawFile({ X: { dtype: 'F32', shape: [1024], data_offsets: [0, 4096] } }, new Uint8Array(2048)),
      'truncated',
      'The file is truncated: tensor X needs bytes up to 4096 of the data section but only 2048 are present',
    );
  });

  it('overlapping tensors (overlap)', () => {
    const header = {
      a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
    };
    expectRefused(rawFile(header, new Uint8Array(16)), 'overlap', 'a', 'b', '0-16', '8-16');
  });

  it('does not call an empty tensor inside another tensor an overlap', () => {
    const header = {
      a: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
      e: { dtype: 'F32', shape: [0], data_offsets: [8, 8] },
    };
    expect(readSafetensors(rawFile(header, new Uint8Array(16))).tensors.e.data.length).toBe(0);
  });

  it('a file larger than MAX_SAFETENSORS_BYTES (oversized)', () => {
    expect(MAX_SAFETENSORS_BYTES).toBe(256 * 1024 * 1024);
    const big = new Uint8Array(new ArrayBuffer(8), 0, 8);
    Object.defineProperty(big, 'length', { value: MAX_SAFETENSORS_BYTES + 1 });
    expectRefused(big, 'oversized', String(MAX_SAFETENSORS_BYTES + 1));
  });

  it('never throws a raw TypeError or RangeError on junk input', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const good = writeSafetensors(
      { a: { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }, b: { shape: [], data: new Float32Array([5]) } },
      { k: 'v' },
    );
    for (let trial = 0; trial < 500; trial++) {
      const bytes = good.slice(0, trial % 3 === 0 ? Math.floor(rand() * good.length) : good.length);
      for (let j = 0; j < 3; j++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      try {
        readSafetensors(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(SafetensorsError);
      }
    }
    expect(refusal(null as unknown as Uint8Array).code).toBe('bad-header-json');
  });
});

describe('a fixture written by an independent implementation (make_fixture.py)', () => {
  interface Expected {
    metadata: Record<string, string>;
    tensors: Record<string, { shape: number[]; first: number[]; sum: number }>;
  }
  const bytes = new Uint8Array(readFileSync(new URL('./fixtures/torch_lstm_2layer.safetensors', import.meta.url)));
  const expected = JSON.parse(
    readFileSync(new URL('./fixtures/torch_lstm_2layer.expected.json', import.meta.url), 'utf8'),
  ) as Expected;

  it('loads the 2-layer LSTM state_dict with its metadata', () => {
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual({
      mode: 'LSTM',
      input_size: '3',
      hidden_size: '4',
      num_layers: '2',
      bidirectional: 'false',
      task: 'sine',
    });
    expect(Object.keys(file.tensors).sort()).toEqual(Object.keys(expected.tensors).sort());
    expect(Object.keys(file.tensors)).toHaveLength(10);
    expect(file.tensors['rnn.weight_ih_l0'].shape).toEqual([16, 3]);
    expect(file.tensors['rnn.weight_ih_l1'].shape).toEqual([16, 4]);
    for (const [name, exp] of Object.entries(expected.tensors)) {
      const t = file.tensors[name];
      expect(t.shape).toEqual(exp.shape);
      expect(file.dtypes[name]).toBe('F32');
      exp.first.forEach((v, i) => expect(Math.abs(t.data[i] - v)).toBeLessThan(1e-6));
      const sum = t.data.reduce((s, x) => s + x, 0);
      expect(Math.abs(sum - exp.sum)).toBeLessThan(1e-6);
    }
  });

  it('re-writes to the same bytes (same layout as the Rust serializer)', () => {
    const file = readSafetensors(bytes);
    expect(writeSafetensors(file.tensors, file.metadata)).toEqual(bytes);
  });
});

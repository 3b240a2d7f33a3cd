/**
 * A dependency-free reader and writer for the Hugging Face safetensors format, the format that
 * `safetensors.torch.save_file(model.state_dict(), path)` writes.
 *
 * Layout: an 8-byte little-endian u64 header length N, then N bytes of UTF-8 JSON, then the data
 * buffer. The JSON maps each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}`
 * (offsets relative to the data buffer) plus an optional `"__metadata__"` object of strings.
 *
 * Pure TypeScript: runs in the browser, in a Web Worker and in Node.
 */

/** The element types this reader understands; the writer always writes F32. */
export type SafetensorsDtype = 'F32' | 'F64' | 'F16' | 'BF16';

/** One tensor: its PyTorch shape and its values in row-major order. */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** A parsed safetensors file: tensors (converted to float32), metadata, and each tensor's stored dtype. */
export interface SafetensorsFile {
  tensors: Record<string, NamedTensor>;
  metadata: Record<string, string>;
  dtypes: Record<string, SafetensorsDtype>;
}

/** Why a file was refused. */
export type SafetensorsErrorCode =
  | 'too-short'
  | 'bad-header-length'
  | 'bad-header-json'
  | 'bad-metadata'
  | 'bad-entry'
  | 'unknown-dtype'
  | 'size-mismatch'
  | 'truncated'
  | 'overlap'
  | 'oversized';

/** A refused file, with a machine-readable code and a message meant for a learner. */
export class SafetensorsError extends Error {
  readonly code: SafetensorsErrorCode;

  constructor(code: SafetensorsErrorCode, message: string) {
    super(message);
    this.name = 'SafetensorsError';
    this.code = code;
  }
}

/** The largest file readSafetensors accepts (256 MiB); larger files are refused with code 'oversized'. */
export const MAX_SAFETENSORS_BYTES = 256 * 1024 * 1024;

/** The largest JSON header accepted, as in the Rust safetensors library. */
const MAX_HEADER_BYTES = 100_000_000;

const METADATA_KEY = '__metadata__';

const ITEM_SIZE: Record<SafetensorsDtype, number> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

const SUPPORTED = Object.keys(ITEM_SIZE) as SafetensorsDtype[];

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface TextCodecs {
  TextEncoder: new () => { encode(input: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(input: Uint8Array): string };
}

// TextEncoder/TextDecoder exist in browsers, workers and Node, but not in the ES2022 lib this file is checked against.
const codecs = globalThis as unknown as TextCodecs;

/** Define an own enumerable property, so that a name like "__proto__" is stored as data, not as a prototype. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function isNonNegInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fmtShape(shape: readonly unknown[]): string {
  return `[${shape.map((d) => String(d)).join(', ')}]`;
}

/** Serialize tensors (as F32) and string metadata to safetensors bytes, laid out as the Rust library does. */
export function writeSafetensors(tensors: Record<string, NamedTensor>, metadata?: Record<string, string>): Uint8Array {
  const parts: string[] = [];
  if (metadata !== undefined) {
    const keys = Object.keys(metadata);
    for (const k of keys) {
      if (typeof metadata[k] !== 'string') {
        throw new Error(`Metadata value for "${k}" must be a string, got ${typeof metadata[k]}`);
      }
    }
    if (keys.length > 0) {
      const fields = keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`);
      parts.push(`${JSON.stringify(METADATA_KEY)}:{${fields.join(',')}}`);
    }
  }

  const names = Object.keys(tensors).sort();
  let offset = 0;
  const layout: { name: string; data: Float32Array; begin: number }[] = [];
  for (const name of names) {
    if (name === METADATA_KEY) throw new Error(`A tensor cannot be named "${METADATA_KEY}"`);
    const { shape, data } = tensors[name];
    if (!Array.isArray(shape) || !shape.every(isNonNegInt)) {
      throw new Error(`Tensor ${name} has an invalid shape ${JSON.stringify(shape)}: dims must be non-negative integers`);
    }
    const numel = product(shape);
    if (data.length !== numel) {
      throw new Error(
        `Tensor ${name} has shape ${fmtShape(shape)} (${numel} values) but its data holds ${data.length} values`,
      );
    }
    const begin = offset;
    offset += numel * 4;
    layout.push({ name, data, begin });
    parts.push(
      `${JSON.stringify(name)}:{"dtype":"F32","shape":[${shape.join(',')}],"data_offsets":[${begin},${offset}]}`,
    );
  }

  const json = new codecs.TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLen = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerLen + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLen % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLen / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLen);

  const dataStart = 8 + headerLen;
  for (const { data, begin } of layout) {
    const at = dataStart + begin;
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    } else {
      for (let i = 0; i < data.length; i++) view.setFloat32(at + 4 * i, data[i], true);
    }
  }
  return out;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Convert `numel` little-endian values of `dtype` starting at byte `start` of `bytes` to float32. */
function decode(bytes: Uint8Array, start: number, numel: number, dtype: SafetensorsDtype): Float32Array {
  const byteLen = numel * ITEM_SIZE[dtype];
  if (dtype === 'F32' && LITTLE_ENDIAN) {
    // slice() copies into a fresh, aligned buffer; never view an unaligned offset.
    return new Float32Array(bytes.slice(start, start + byteLen).buffer);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, byteLen);
  const out = new Float32Array(numel);
  switch (dtype) {
    case 'F32':
      for (let i = 0; i < numel; i++) out[i] = view.getFloat32(4 * i, true);
      break;
    case 'F64':
      for (let i = 0; i < numel; i++) out[i] = view.getFloat64(8 * i, true);
      break;
    case 'F16':
      for (let i = 0; i < numel; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
      break;
    case 'BF16': {
      // bf16 is the top half of a float32; reinterpreting a same-size array is endian-independent.
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < numel; i++) bits[i] = view.getUint16(2 * i, true) << 16;
      break;
    }
  }
  return out;
}

interface Entry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  numel: number;
  begin: number;
  end: number;
}

function parseEntry(name: string, raw: unknown): Entry {
  if (!isPlainObject(raw)) {
    throw new SafetensorsError(
      'bad-entry',
      `Header entry for tensor ${name} should be an object with dtype, shape and data_offsets, but it is ${JSON.stringify(raw)}`,
    );
  }
  const missing = ['dtype', 'shape', 'data_offsets'].filter((k) => !(k in raw));
  if (missing.length > 0) {
    throw new SafetensorsError('bad-entry', `Header entry for tensor ${name} is missing ${missing.join(', ')}`);
  }
  const { dtype, shape, data_offsets: offsets } = raw;
  if (typeof dtype !== 'string') {
    throw new SafetensorsError('bad-entry', `Tensor ${name} has dtype ${JSON.stringify(dtype)}, which is not a string`);
  }
  if (!Array.isArray(shape) || !shape.every(isNonNegInt)) {
    throw new SafetensorsError(
      'bad-entry',
      `Tensor ${name} has shape ${JSON.stringify(shape)}; a shape must be a list of non-negative integers`,
    );
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegInt)) {
    throw new SafetensorsError(
      'bad-entry',
      `Tensor ${name} has data_offsets ${JSON.stringify(offsets)}; they must be two non-negative integers [begin, end]`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) {
    throw new SafetensorsError(
      'bad-entry',
      `Tensor ${name} has data_offsets [${begin}, ${end}]: the begin offset ${begin} is after the end offset ${end}`,
    );
  }
  if (!(SUPPORTED as string[]).includes(dtype)) {
    throw new SafetensorsError(
      'unknown-dtype',
      `Tensor ${name} has dtype ${dtype}, which is not supported; supported dtypes are ${SUPPORTED.join(', ')} ` +
        `(floating-point weights only)`,
    );
  }
  const dt = dtype as SafetensorsDtype;
  const numel = product(shape);
  const expected = numel * ITEM_SIZE[dt];
  if (expected !== end - begin) {
    throw new SafetensorsError(
      'size-mismatch',
      `Tensor ${name} has shape ${fmtShape(shape)} (${numel} ${dt} values = ${expected} bytes) ` +
        `but its data_offsets span ${end - begin} bytes`,
    );
  }
  return { name, dtype: dt, shape: shape.slice(), numel, begin, end };
}

function parse(bytes: Uint8Array, stage: { code: SafetensorsErrorCode }): SafetensorsFile {
  if (bytes.length > MAX_SAFETENSORS_BYTES) {
    throw new SafetensorsError(
      'oversized',
      `The file is ${bytes.length} bytes, larger than the ${MAX_SAFETENSORS_BYTES}-byte (256 MiB) limit`,
    );
  }
  if (bytes.length < 8) {
    throw new SafetensorsError(
      'too-short',
      `The file is only ${bytes.length} bytes long; a safetensors file starts with an 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // a u64: as a BigInt, so that a huge (hostile) length is shown exactly, not as a rounded float
  const declared = view.getBigUint64(0, true);
  const available = bytes.length - 8;
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      'bad-header-length',
      `The header says it is ${declared} bytes long, more than the ${MAX_HEADER_BYTES}-byte limit; ` +
        `this is probably not a safetensors file (a PyTorch .pt/.pth file is a different format)`,
    );
  }
  const headerLen = Number(declared);
  if (headerLen > available) {
    throw new SafetensorsError(
      'bad-header-length',
      `The header says it is ${headerLen} bytes long but the file has only ${available} bytes after the length field`,
    );
  }

  let header: unknown;
  try {
    const text = new codecs.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen));
    header = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(
      'bad-header-json',
      `The ${headerLen}-byte header is not valid UTF-8 JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (!isPlainObject(header)) {
    const kind = header === null ? 'null' : Array.isArray(header) ? 'an array' : typeof header;
    throw new SafetensorsError(
      'bad-header-json',
      `The header must be a JSON object mapping tensor names to entries, but it is ${kind}`,
    );
  }

  stage.code = 'bad-entry';
  const metadata: Record<string, string> = {};
  if (METADATA_KEY in header) {
    const meta = header[METADATA_KEY];
    if (!isPlainObject(meta)) {
      throw new SafetensorsError('bad-metadata', `__metadata__ must be an object of strings, but it is ${JSON.stringify(meta)}`);
    }
    for (const [k, v] of Object.entries(meta)) {
      if (typeof v !== 'string') {
        throw new SafetensorsError(
          'bad-metadata',
          `__metadata__ values must be strings, but "${k}" is ${JSON.stringify(v)}`,
        );
      }
      setOwn(metadata, k, v);
    }
  }

  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name !== METADATA_KEY) entries.push(parseEntry(name, raw));
  }

  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  for (const e of entries) {
    if (e.end > dataLen) {
      throw new SafetensorsError(
        'truncated',
        `The file is truncated: tensor ${e.name} needs bytes up to ${e.end} of the data section but only ${dataLen} are present`,
      );
    }
  }

  // Empty tensors occupy no bytes and cannot overlap anything.
  const ranges = entries.filter((e) => e.end > e.begin).sort((a, b) => a.begin - b.begin || a.end - b.end);
  let last: Entry | undefined;
  for (const e of ranges) {
    if (last !== undefined && e.begin < last.end) {
      throw new SafetensorsError(
        'overlap',
        `Tensors ${last.name} (bytes ${last.begin}-${last.end}) and ${e.name} (bytes ${e.begin}-${e.end}) overlap in the data section`,
      );
    }
    if (last === undefined || e.end > last.end) last = e;
  }

  const tensors: Record<string, NamedTensor> = {};
  const dtypes: Record<string, SafetensorsDtype> = {};
  for (const e of entries) {
    setOwn(tensors, e.name, { shape: e.shape, data: decode(bytes, dataStart + e.begin, e.numel, e.dtype) });
    setOwn(dtypes, e.name, e.dtype);
  }
  return { tensors, metadata, dtypes };
}

/** Parse safetensors bytes, converting every tensor to float32; throws SafetensorsError on any malformed file. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  const stage: { code: SafetensorsErrorCode } = { code: 'bad-header-json' };
  try {
    return parse(bytes, stage);
  } catch (e) {
    if (e instanceof SafetensorsError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new SafetensorsError(
      stage.code,
      stage.code === 'bad-entry'
        ? `A tensor entry in the header could not be read (${detail})`
        : `The file could not be read as safetensors (${detail})`,
    );
  }
}

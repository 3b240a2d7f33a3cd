/**
 * A model in a link (Copy link): the bytes of the .safetensors export — the weights, with the settings, the seed
 * and the step in its metadata — compressed (zlib, by fflate) and written base64url into the address's fragment,
 * `#model=1.<data>`. The fragment never reaches a server, and the query beside it keeps the settings, so a link
 * whose model is refused still opens with them. Reading checks the version, the characters, the compressed size,
 * the size once inflated and zlib's Adler-32 checksum (fflate does not check it), so a link cut short or changed
 * is refused here; what survives goes through the same import as a file (worker/modelExchange.ts), which refuses
 * a model of the wrong shape.
 */
import { Unzlib, zlibSync } from 'fflate';
import { MAX_IMPORT_BYTES } from '../shared/protocol';

/** The fragment's key: `#model=…`. */
export const MODEL_LINK_KEY = 'model';
/** The version of the fragment's format this app writes and reads. */
export const MODEL_LINK_VERSION = 1;
/** The most compressed bytes a link carries (~64 kB, ~87,000 characters); a larger model's link has its settings only. */
export const MAX_LINK_COMPRESSED_BYTES = 64 * 1024;

/** What encoding a model for a link gives: its fragment, or that it is too large for one. */
export type ModelLinkEncoding =
  | { fragment: string; compressedBytes: number }
  | { tooLarge: true; compressedBytes: number; maxCompressedBytes: number };

/** What reading an address's fragment gives: the model's .safetensors bytes, a message saying why not, or nothing (no model in it). */
export type ModelLinkReading = { bytes: Uint8Array } | { error: string } | undefined;

/** The fragment (with its `#`) that carries `safetensors`, unless it compresses to more than `maxCompressedBytes`. */
export function encodeModelLink(safetensors: Uint8Array, maxCompressedBytes = MAX_LINK_COMPRESSED_BYTES): ModelLinkEncoding {
  const compressed = zlibSync(safetensors, { level: 9 });
  if (compressed.length > maxCompressedBytes) return { tooLarge: true, compressedBytes: compressed.length, maxCompressedBytes };
  return { fragment: `#${MODEL_LINK_KEY}=${MODEL_LINK_VERSION}.${toBase64Url(compressed)}`, compressedBytes: compressed.length };
}

/** What is said, after why, when a link's model is refused. */
const REFUSED = 'Starting with a fresh model and the link\'s settings instead.';

/** Reads the model an address's fragment carries; undefined when it carries none. */
export function decodeModelLink(hash: string, maxBytes = MAX_IMPORT_BYTES): ModelLinkReading {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(MODEL_LINK_KEY);
  if (value === null) return undefined;
  const cutOrChanged = (why: string) => ({ error: `The link's model could not be read: ${why}; the link looks cut short or changed. ${REFUSED}` });
  const parts = /^(\d{1,6})\.([A-Za-z0-9_-]*)$/.exec(value);
  if (!parts) return cutOrChanged('it is not a version number and base64url data');
  const version = Number(parts[1]);
  if (version !== MODEL_LINK_VERSION) {
    return { error: `The link's model is in link format ${version}, which this version of Unrolled does not read (it reads format ${MODEL_LINK_VERSION}). ${REFUSED}` };
  }
  const compressed = fromBase64Url(parts[2]);
  if (!compressed || compressed.length < 6) return cutOrChanged('its data is not whole base64url');
  if (compressed.length > MAX_LINK_COMPRESSED_BYTES) return cutOrChanged(`its data is ${compressed.length} bytes, more than any link Unrolled writes`);
  const inflated = inflateChecked(compressed, maxBytes);
  if ('error' in inflated) return cutOrChanged(inflated.error);
  return { bytes: inflated.bytes };
}

/** Inflates zlib data, stopping past `maxBytes`, and checks its Adler-32 checksum against what came out. */
function inflateChecked(compressed: Uint8Array, maxBytes: number): { bytes: Uint8Array } | { error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new RangeError(`it inflates to more than ${maxBytes} bytes`);
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    inflater.push(compressed, true);
  } catch (error) {
    return { error: error instanceof RangeError ? error.message : 'its compressed data is broken' };
  }
  if (!ended) return { error: 'its compressed data ends early' };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  const n = compressed.length;
  const stored = ((compressed[n - 4] << 24) | (compressed[n - 3] << 16) | (compressed[n - 2] << 8) | compressed[n - 1]) >>> 0;
  if (stored !== adler32(bytes)) return { error: 'its checksum does not match its data' };
  return { bytes };
}

/** Adler-32 (RFC 1950), the checksum at the end of zlib data. */
export function adler32(bytes: Uint8Array): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before b can overflow 2^32 (zlib's NMAX)
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** Bytes as base64url (RFC 4648 §5, no padding): safe in a fragment as it is. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url back to bytes; undefined for text that no encoding of whole bytes gives (a cut at a bad place, a stray character). */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

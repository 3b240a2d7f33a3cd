/**
 * The checks every upload of text passes before a task reads it, whatever its format: its size in bytes
 * (limits are stated in MB, JavaScript strings count UTF-16 units) and whether it is a binary file that was
 * decoded as text. Each task words its own refusal.
 */

/** Bytes of a string in UTF-8, as TextEncoder would write it (no TextEncoder in plain ES2022). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isHighSurrogate(code) && k + 1 < text.length && isLowSurrogate(text.charCodeAt(k + 1))) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      k++;
    } else bytes += 3; // the rest of the BMP; a lone surrogate is written as U+FFFD, also 3 bytes
  }
  return bytes;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code < 0xdc00;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code < 0xe000;
}

/** A text with more than this share of non-printable characters is a binary file. */
const MAX_NON_PRINTABLE_SHARE = 0.1;

/** Control characters other than tab, line feed and carriage return, and U+FFFD (what undecodable bytes become). */
function isNonPrintable(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code < 0xa0) || code === 0xfffd;
}

/** Why a decoded text is a binary file: it holds a NUL, or too many non-printable characters (UTF-16 units). */
export type BinarySign = { kind: 'nul' } | { kind: 'non-printable'; nonPrintable: number };

/** The sign that a decoded text is a binary file, or undefined when it reads as text. */
export function binarySign(text: string): BinarySign | undefined {
  // a NUL never appears in text, while a few stray control characters do
  if (text.includes('\0')) return { kind: 'nul' };
  let nonPrintable = 0;
  for (let k = 0; k < text.length; k++) if (isNonPrintable(text.charCodeAt(k))) nonPrintable++;
  return nonPrintable > MAX_NON_PRINTABLE_SHARE * text.length ? { kind: 'non-printable', nonPrintable } : undefined;
}

/**
 * Python literals of the values a notebook embeds: float32 numbers written short but exact (parsed back as
 * float32 they are the same bits), integer lists, strings, dicts, and base64 of raw bytes. No JavaScript value
 * reaches the Python text unchecked: a NaN or ∞ is refused here rather than written as `NaN`.
 */

/** The shortest decimal that reads back as the same float32 (at most 9 significant digits always do). */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} into a notebook: not a finite number`);
  const f = Math.fround(value);
  if (Object.is(f, -0) || f === 0) return '0.0';
  for (let digits = 6; digits < 9; digits++) {
    const text = Number(f.toPrecision(digits)).toString();
    if (Math.fround(Number(text)) === f) return pythonNumber(text);
  }
  return pythonNumber(Number(f.toPrecision(9)).toString());
}

/** A float64 written so that Python reads back the same double. */
export function float64Text(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} into a notebook: not a finite number`);
  return pythonNumber(String(value));
}

/** JavaScript's "1e-7" and "3" are Python numbers too; "3" becomes "3.0" so the value stays a float. */
function pythonNumber(text: string): string {
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A flat list of float32s: "[0.1, -2.0, …]". */
export function float32List(values: ArrayLike<number>): string {
  return `[${Array.from(values, float32Text).join(', ')}]`;
}

/** A flat list of integers. */
export function intList(values: ArrayLike<number>): string {
  return `[${Array.from(values, (v) => {
    if (!Number.isInteger(v)) throw new RangeError(`Cannot write ${v} into a notebook as an integer`);
    return String(v);
  }).join(', ')}]`;
}

/** A Python string literal, ASCII only: \\uXXXX for the rest of the BMP, \\UXXXXXXXX beyond it (Python does not pair surrogates). */
export function pyString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code === 0x0a) out += '\\n';
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/** A list of Python strings. */
export function stringList(texts: readonly string[]): string {
  return `[${texts.map(pyString).join(', ')}]`;
}

/** A dict of metric names to float64 numbers: {"mse": 0.0123}. */
export function numberDict(values: Record<string, number>): string {
  return `{${Object.entries(values).map(([key, v]) => `${pyString(key)}: ${float64Text(v)}`).join(', ')}}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of bytes; written out here because the worker has no Buffer and btoa wants strings. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k];
    const b = k + 1 < bytes.length ? bytes[k + 1] : 0;
    const c = k + 2 < bytes.length ? bytes[k + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += k + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += k + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

/** Long text cut into lines of `width` characters, for a Python string that spans many lines inside parentheses. */
export function wrapped(text: string, width = 100): string[] {
  const lines: string[] = [];
  for (let k = 0; k < text.length; k += width) lines.push(text.slice(k, k + width));
  return lines;
}

/** Labels of a log colour scale: powers of ten written as a person reads them (10⁻⁴), and few enough ticks to read. */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10 to a whole power: "10⁻⁴", "1" for 10⁰, "10" for 10¹. */
export function powerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${Array.from(String(exponent), (ch) => SUPERSCRIPT[ch] ?? ch).join('')}`;
}

/**
 * Ticks of a legend over the decades [lo, hi] (log10 units, whole numbers): both ends, and the middle decade
 * when the range spans at least two (so that three labels like "10⁻⁴³" fit a 120 px bar without touching).
 */
export function decadeTicks(lo: number, hi: number): Array<[number, string]> {
  const ticks: Array<[number, string]> = [[lo, powerOfTen(lo)]];
  if (hi - lo >= 2) {
    const middle = Math.round((lo + hi) / 2);
    ticks.push([middle, powerOfTen(middle)]);
  }
  if (hi > lo) ticks.push([hi, powerOfTen(hi)]);
  return ticks;
}

/**
 * A log axis's tick label: plain for 0.01 … 1000 ("0.01", "5", "200"), a power of ten beyond ("10⁻⁶", not
 * "0.000001"); a 1-2-5 tick beyond that range as "2×10⁻⁶".
 */
export function logTickLabel(value: number): string {
  const exponent = Math.floor(Math.log10(value) + 1e-9);
  if (exponent >= -2 && exponent <= 3) return String(Number(value.toPrecision(6)));
  const mantissa = Math.round(value / 10 ** exponent);
  return mantissa === 1 ? powerOfTen(exponent) : `${mantissa}×${powerOfTen(exponent)}`;
}

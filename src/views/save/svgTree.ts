/**
 * A saved picture as a plain tree of SVG elements, written out as XML text. The page's charts are read into this
 * tree (with their styles as presentation attributes), so what is saved is independent of the page's CSS and
 * can be built and checked in Node.
 */

/** An SVG element: its tag, attributes and children (elements or text). */
export interface SvgNode {
  tag: string;
  attrs?: Record<string, string | number | undefined>;
  children?: Array<SvgNode | string>;
}

/** The SVG namespace, declared on a file's root element. */
export const SVG_NS = 'http://www.w3.org/2000/svg';
/** The XLink namespace (for `xlink:href` in older SVG readers). */
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Text escaped for XML character data. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text escaped for an XML attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

/** Characters XML 1.0 forbids anywhere (control characters other than tab, newline, carriage return). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A node and its descendants as XML (attributes left out when undefined). */
export function toXml(node: SvgNode | string): string {
  if (typeof node === 'string') return escapeText(node.replace(FORBIDDEN, ''));
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value).replace(FORBIDDEN, ''))}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${children.map(toXml).join('')}</${node.tag}>`;
}

/** A whole SVG file: the XML declaration and a root <svg> of the given size with the namespaces declared. */
export function svgFile(root: SvgNode): string {
  const attrs = { xmlns: SVG_NS, 'xmlns:xlink': XLINK_NS, ...root.attrs };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml({ ...root, tag: 'svg', attrs })}\n`;
}

/** Rounds a coordinate to 0.01 px, so a file does not carry float noise ("12.000000001"). */
export function px(value: number): number {
  return Math.round(value * 100) / 100;
}

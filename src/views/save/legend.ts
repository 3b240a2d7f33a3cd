/**
 * A chart's legend, from the page's HTML legend (text and colour swatches) to SVG: read into tokens, then laid
 * out in rows that wrap at the picture's width. Reading needs the page; laying out does not.
 */
import { px, type SvgNode } from './svgTree';
import type { ReadStyle } from './inlineStyles';

/** A colour swatch as the page draws it: a filled bar, a gradient, or a (dashed) line. */
export interface Swatch {
  width: number;
  height: number;
  fill?: string;
  /** Colours of a left-to-right gradient. */
  gradient?: string[];
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
}

/** Text, a swatch, or the start of a new legend item (where a row may wrap). */
export type LegendToken = { kind: 'text'; text: string } | { kind: 'swatch'; swatch: Swatch } | { kind: 'item' };

/** Unicode subscripts, so that h<sub>t</sub> is saved as hₜ rather than ht. */
const SUBSCRIPTS: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ',
  u: 'ᵤ', v: 'ᵥ', x: 'ₓ', '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
};

/** A subscript in Unicode where every character has one ("t" → "ₜ"), else "_{…}". */
export function subscript(text: string): string {
  const chars = Array.from(text);
  return chars.every((c) => c in SUBSCRIPTS) ? chars.map((c) => SUBSCRIPTS[c]).join('') : `_{${text}}`;
}

/** An element's text with its <sub>s as Unicode subscripts and runs of white space as one space. */
export function flatText(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  const inner = Array.from(node.childNodes).map(flatText).join('');
  return (node as Element).tagName?.toLowerCase() === 'sub' ? subscript(inner) : inner;
}

/** The colours in a CSS gradient as the browser computes it ("linear-gradient(to right, rgb(68, 1, 84), …)"). */
export function gradientColors(backgroundImage: string): string[] {
  return backgroundImage.match(/(?:rgba?|color)\([^()]*\)|#[0-9a-f]{3,8}\b/gi) ?? [];
}

/** Whether a computed colour paints nothing. */
function transparent(color: string): boolean {
  return !color || color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color.replace(/\s+/g, ' '));
}

/** A swatch element's look, from its computed style and size. */
export function readSwatch(element: Element, readStyle: ReadStyle): Swatch {
  const style = readStyle(element);
  const box = element.getBoundingClientRect();
  const width = Math.max(8, box.width || 14);
  const height = box.height || 4;
  const gradient = gradientColors(style.getPropertyValue('background-image'));
  if (gradient.length >= 2) return { width, height: Math.max(4, height), gradient };
  const borderWidth = parseFloat(style.getPropertyValue('border-top-width')) || 0;
  const borderStyle = style.getPropertyValue('border-top-style').trim();
  const background = style.getPropertyValue('background-color').trim();
  if (borderWidth > 0 && borderStyle !== 'none' && transparent(background)) {
    const dash = borderStyle === 'dashed' ? '5 3' : borderStyle === 'dotted' ? '2 3' : undefined;
    return { width, height: borderWidth, stroke: style.getPropertyValue('border-top-color').trim(), strokeWidth: borderWidth, dash };
  }
  return { width, height: Math.max(3, height), fill: transparent(background) ? style.getPropertyValue('color').trim() : background };
}

/** Whether an element is one of the legend's swatches (the page's `swatch…` classes). */
function isSwatch(element: Element): boolean {
  return Array.from(element.classList).some((name) => name === 'swatch' || name.startsWith('swatch-line'));
}

/** The legend's tokens in reading order: each `legend-item` starts an item; swatches and text as they come. */
export function readLegend(legend: Element, readStyle: ReadStyle = (e) => getComputedStyle(e)): LegendToken[] {
  const tokens: LegendToken[] = [];
  // text runs that meet (h, ₜ, ‖) are one token: no gap is laid out between them
  const pushText = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') last.text += text;
    else tokens.push({ kind: 'text', text });
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ');
      if (text) pushText(text);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (readStyle(element).getPropertyValue('display').trim() === 'none') return;
    if (isSwatch(element)) {
      tokens.push({ kind: 'swatch', swatch: readSwatch(element, readStyle) });
      return;
    }
    if (element.classList.contains('legend-item')) tokens.push({ kind: 'item' });
    if (element.tagName.toLowerCase() === 'sub') {
      pushText(subscript(element.textContent ?? ''));
      return;
    }
    element.childNodes.forEach(walk);
  };
  legend.childNodes.forEach(walk);
  return tokens;
}

/** Measures a text's width in px at a font size (canvas measureText in the page, an estimate in Node). */
export type MeasureText = (text: string, fontSize: number) => number;

/** A rough width: 0.56 em a character (what system-ui averages over these labels). */
export const estimateWidth: MeasureText = (text, fontSize) => Array.from(text).length * fontSize * 0.56;

/** Legend rows laid out from `top`, `left`, wrapping items at `maxWidth`; returns the nodes and the height used. */
export function layoutLegend(
  tokens: LegendToken[],
  { left, top, maxWidth, fontSize = 12, color, measure = estimateWidth }: { left: number; top: number; maxWidth: number; fontSize?: number; color: string; measure?: MeasureText },
): { nodes: SvgNode[]; height: number } {
  // group into items (each kept on one row when it fits)
  const items: LegendToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'item') items.push([]);
    else if (token.kind === 'swatch' || token.text.trim()) items[items.length - 1].push(token);
  }
  const rowHeight = fontSize + 8;
  const gap = 4;
  const itemGap = 14;
  const width = (token: LegendToken) => (token.kind === 'text' ? measure(token.text.trim(), fontSize) : token.kind === 'swatch' ? token.swatch.width : 0);
  const nodes: SvgNode[] = [];
  let x = left;
  let row = 0;
  let gradients = 0;
  for (const item of items.filter((i) => i.length)) {
    const itemWidth = item.reduce((sum, t) => sum + width(t) + gap, 0);
    if (x > left && x + itemWidth > left + maxWidth) {
      row++;
      x = left;
    }
    const middle = top + row * rowHeight + rowHeight / 2;
    for (const token of item) {
      if (token.kind === 'text') {
        const text = token.text.trim();
        nodes.push({ tag: 'text', attrs: { x: px(x), y: px(middle + fontSize * 0.35), 'font-size': fontSize, fill: color }, children: [text] });
      } else if (token.kind === 'swatch') {
        nodes.push(...swatchNodes(token.swatch, x, middle, `legend-gradient-${gradients}`));
        if (token.swatch.gradient) gradients++;
      }
      x += width(token) + gap;
    }
    x += itemGap - gap;
  }
  return { nodes, height: items.some((i) => i.length) ? (row + 1) * rowHeight : 0 };
}

/** A swatch's SVG at x, centred on y (a gradient brings its own <linearGradient> with the given id). */
function swatchNodes(swatch: Swatch, x: number, y: number, id: string): SvgNode[] {
  if (swatch.stroke) {
    return [{ tag: 'line', attrs: { x1: px(x), x2: px(x + swatch.width), y1: px(y), y2: px(y), stroke: swatch.stroke, 'stroke-width': swatch.strokeWidth, 'stroke-dasharray': swatch.dash } }];
  }
  const rect = { x: px(x), y: px(y - swatch.height / 2), width: px(swatch.width), height: px(swatch.height), rx: 1 };
  if (!swatch.gradient) return [{ tag: 'rect', attrs: { ...rect, fill: swatch.fill } }];
  const stops = swatch.gradient.map((color, k, all) => ({ tag: 'stop', attrs: { offset: all.length > 1 ? px(k / (all.length - 1)) : 0, 'stop-color': color } }));
  return [
    { tag: 'defs', children: [{ tag: 'linearGradient', attrs: { id, x1: 0, x2: 1, y1: 0, y2: 0 }, children: stops }] },
    { tag: 'rect', attrs: { ...rect, fill: `url(#${id})` } },
  ];
}

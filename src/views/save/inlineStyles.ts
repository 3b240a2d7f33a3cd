/**
 * Reads a live <svg> of the page into a standalone SvgNode tree. The page styles its charts with CSS (classes and
 * CSS variables such as var(--c-blue)) that a saved file does not carry, so each element's computed style — the
 * browser has already resolved the variables, the cascade and currentColor — is written onto it as presentation
 * attributes (fill="rgb(0, 114, 178)"), never as style attributes (a strict CSP or a viewer may ignore those).
 */
import type { SvgNode } from './svgTree';

/** The part of a computed style this module reads (a CSSStyleDeclaration, or a fake in tests). */
export interface StyleSource {
  getPropertyValue(name: string): string;
}

/** Reads an element's computed style: getComputedStyle in the page. */
export type ReadStyle = (element: Element) => StyleSource;

/** SVG properties that inherit: written on an element only where its value differs from its parent's. */
export const INHERITED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'image-rendering',
] as const;

/** Properties that do not inherit, with the value that needs no attribute. */
const OWN_PROPERTIES: Record<string, string> = { opacity: '1' };

/** Properties written from the computed style: the page's own attribute of the same name is left out (it may say var(…)). */
const STYLED = new Set<string>([...INHERITED_PROPERTIES, ...Object.keys(OWN_PROPERTIES)]);

/** Attributes of the page's element that mean nothing (or something wrong) in a file: styling hooks and ARIA. */
function keepAttribute(name: string): boolean {
  return name !== 'class' && name !== 'style' && name !== 'role' && name !== 'tabindex' && !name.startsWith('aria-') && !name.startsWith('data-');
}

/**
 * A computed value as an attribute value: lengths without "px" where SVG takes plain numbers
 * ("5px, 3px" → "5 3", "2px" → "2"), everything else as the browser wrote it.
 */
export function attributeValue(property: string, value: string): string {
  const trimmed = value.trim();
  if (property === 'stroke-dasharray' && trimmed !== 'none') return trimmed.replace(/px/g, '').split(/[\s,]+/).filter(Boolean).join(' ');
  if (property === 'stroke-width') return trimmed.replace(/px$/, '');
  return trimmed;
}

/** Whether a node is an element (nodeType 1) or text (3): the DOM's constants, without needing `Node` in Node. */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The element and its descendants as a tree with their computed styles as attributes; undefined for an element
 * that is not displayed. `inherited` is the parent's computed values (none for the root: it writes them all).
 */
export function captureSvg(element: Element, readStyle: ReadStyle = (e) => getComputedStyle(e), inherited?: Record<string, string>): SvgNode | undefined {
  const style = readStyle(element);
  if (style.getPropertyValue('display').trim() === 'none') return undefined;
  const attrs: Record<string, string> = {};
  for (const { name, value } of Array.from(element.attributes)) {
    if (!keepAttribute(name) || STYLED.has(name)) continue;
    // an attribute the page wrote as a variable (stop-color="var(--c-blue)") gets the value it resolves to
    attrs[name] = value.includes('var(') ? attributeValue(name, style.getPropertyValue(name)) : value;
  }
  const values: Record<string, string> = {};
  for (const property of INHERITED_PROPERTIES) {
    const value = style.getPropertyValue(property).trim();
    values[property] = value;
    if (value && (!inherited || inherited[property] !== value)) attrs[property] = attributeValue(property, value);
  }
  for (const [property, neutral] of Object.entries(OWN_PROPERTIES)) {
    const value = style.getPropertyValue(property).trim();
    if (value && value !== neutral) attrs[property] = attributeValue(property, value);
  }
  const children: Array<SvgNode | string> = [];
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      const text = child.textContent ?? '';
      if (text.trim()) children.push(text);
    } else if (child.nodeType === ELEMENT_NODE) {
      const node = captureSvg(child as Element, readStyle, values);
      if (node) children.push(node);
    }
  }
  return { tag: element.tagName, attrs, children };
}

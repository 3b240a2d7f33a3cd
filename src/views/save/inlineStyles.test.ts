import { describe, expect, it } from 'vitest';
import { attributeValue, captureSvg, INHERITED_PROPERTIES, type StyleSource } from './inlineStyles';
import { toXml } from './svgTree';

/**
 * A tiny stand-in for the page: elements with attributes, children and the CSS declared on them (which may name
 * CSS variables), and a getComputedStyle that resolves the variables and inherits as a browser does. Node has no
 * DOM; what captureSvg must do is take the computed values, never the declared ones.
 */
interface FakeElement {
  nodeType: 1;
  tagName: string;
  attributes: Array<{ name: string; value: string }>;
  childNodes: Array<FakeElement | { nodeType: 3; textContent: string }>;
  css: Record<string, string>;
  parent?: FakeElement;
}

function el(tagName: string, attrs: Record<string, string>, css: Record<string, string>, children: FakeElement['childNodes'] = []): FakeElement {
  const element: FakeElement = { nodeType: 1, tagName, attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })), childNodes: children, css };
  for (const child of children) if (child.nodeType === 1) child.parent = element;
  return element;
}
const text = (textContent: string) => ({ nodeType: 3 as const, textContent });

const VARIABLES: Record<string, string> = { '--c-blue': 'rgb(0, 114, 178)', '--muted': 'rgb(91, 101, 117)' };
const INITIAL: Record<string, string> = { fill: 'rgb(0, 0, 0)', stroke: 'none', 'font-size': '16px', display: 'inline', opacity: '1' };

function computed(element: FakeElement, property: string): string {
  const declared = element.css[property];
  if (declared !== undefined) return declared.replace(/var\((--[\w-]+)\)/g, (_, name: string) => VARIABLES[name]);
  if ((INHERITED_PROPERTIES as readonly string[]).includes(property) && element.parent) return computed(element.parent, property);
  return INITIAL[property] ?? '';
}
const readStyle = (element: Element): StyleSource => ({ getPropertyValue: (property) => computed(element as unknown as FakeElement, property) });

function chart() {
  return el('svg', { viewBox: '0 0 520 240', role: 'img', 'aria-label': 'Loss over 30 steps', class: 'chart' }, { 'font-size': '11px', fill: 'var(--muted)' }, [
    el('path', { d: 'M0,0L10,10', class: 'line', stroke: 'var(--c-blue)', style: 'stroke: var(--c-blue)' }, { stroke: 'var(--c-blue)', 'stroke-dasharray': '5px, 3px', fill: 'none' }),
    el('g', { class: 'axis', 'aria-hidden': 'true' }, {}, [el('text', { x: '3', 'data-k': '1' }, { 'text-anchor': 'end' }, [text('0.1')])]),
    el('rect', { class: 'hidden', width: '5' }, { display: 'none' }),
    el('circle', { r: '3', opacity: '0.5' }, { opacity: '0.5' }),
    // the page's own attribute names a variable, and the value equals the parent's: nothing of it may stay
    el('g', { stroke: 'var(--c-blue)' }, { stroke: 'var(--c-blue)' }, [el('line', { stroke: 'var(--c-blue)', x2: '4' }, { stroke: 'var(--c-blue)' })]),
  ]);
}

describe('captureSvg', () => {
  const node = captureSvg(chart() as unknown as Element, readStyle)!;
  const [path, axis, circle] = node.children as Array<{ tag: string; attrs: Record<string, string>; children: unknown[] }>;

  it('writes the computed value of each style, with CSS variables resolved, as presentation attributes', () => {
    expect(path.attrs.stroke).toBe('rgb(0, 114, 178)');
    expect(path.attrs.fill).toBe('none');
    expect(path.attrs['stroke-dasharray']).toBe('5 3');
    expect(node.attrs).toMatchObject({ fill: 'rgb(91, 101, 117)', 'font-size': '11px', viewBox: '0 0 520 240' });
    expect(toXml(node)).not.toContain('var(');
  });

  it('leaves out classes, style attributes, ARIA and data attributes, and elements that are not displayed', () => {
    const xml = toXml(node);
    for (const gone of ['class=', 'style=', 'aria-', 'data-k', 'role=']) expect(xml).not.toContain(gone);
    expect(node.children).toHaveLength(4);
    expect(circle.attrs.opacity).toBe('0.5');
  });

  it('drops the page’s own attribute of a styled property, so an inherited var(…) cannot stay in the file', () => {
    const group = node.children![3] as { attrs: Record<string, string>; children: Array<{ attrs: Record<string, string> }> };
    expect(group.attrs.stroke).toBe('rgb(0, 114, 178)');
    expect(group.children[0].attrs).toEqual({ x2: '4' });
  });

  it('writes an inherited value only where it changes, and keeps text', () => {
    expect(axis.attrs.fill).toBeUndefined();
    const label = axis.children[0] as { attrs: Record<string, string>; children: string[] };
    expect(label.attrs).toEqual({ x: '3', 'text-anchor': 'end' });
    expect(label.children).toEqual(['0.1']);
  });
});

describe('attributeValue', () => {
  it('writes lengths as SVG numbers', () => {
    expect(attributeValue('stroke-width', '1.5px')).toBe('1.5');
    expect(attributeValue('stroke-dasharray', 'none')).toBe('none');
    expect(attributeValue('fill', ' rgb(1, 2, 3) ')).toBe('rgb(1, 2, 3)');
  });
});

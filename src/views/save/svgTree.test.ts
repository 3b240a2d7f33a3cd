import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, px, svgFile, toXml } from './svgTree';

describe('toXml', () => {
  it('escapes text and attribute values, so a label like "a < b & c" cannot break the file', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('say "hi"\nthere')).toBe('say &quot;hi&quot;&#10;there');
    expect(toXml({ tag: 'text', attrs: { x: 1, 'aria-x': undefined, title: 'x "y"' }, children: ['<b>'] })).toBe('<text x="1" title="x &quot;y&quot;">&lt;b&gt;</text>');
  });

  it('writes empty elements self-closed and drops characters XML forbids', () => {
    expect(toXml({ tag: 'rect', attrs: { width: 2 } })).toBe('<rect width="2"/>');
    expect(toXml({ tag: 'text', children: ['a\u0001b'] })).toBe('<text>ab</text>');
  });
});

describe('svgFile', () => {
  it('declares XML and the SVG namespace on the root', () => {
    const file = svgFile({ tag: 'g', attrs: { width: 10 }, children: [{ tag: 'title', children: ['Loss'] }] });
    expect(file.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(file).toContain('<title>Loss</title></svg>');
  });
});

describe('px', () => {
  it('rounds to hundredths', () => {
    expect(px(12.000000001)).toBe(12);
    expect(px(1 / 3)).toBe(0.33);
  });
});

import { describe, expect, it } from 'vitest';
import { heatmapPicture } from './heatmapPicture';
import { estimateWidth, gradientColors, layoutLegend, subscript, type LegendToken } from './legend';
import { composePicture, fileSlug, pictureSvg } from './picture';
import type { SvgNode } from './svgTree';

const swatch = (fill: string): LegendToken => ({ kind: 'swatch', swatch: { width: 14, height: 4, fill } });

describe('layoutLegend', () => {
  const tokens: LegendToken[] = ['loss (raw)', 'loss (smoothed)', 'held-out MSE'].flatMap((name, k): LegendToken[] => [{ kind: 'item' }, swatch(`rgb(${k}, 0, 0)`), { kind: 'text', text: ` ${name}` }]);

  it('puts the items on one row when they fit, each swatch before its name', () => {
    const { nodes, height } = layoutLegend(tokens, { left: 0, top: 0, maxWidth: 500, color: 'grey' });
    expect(height).toBe(20);
    expect(nodes.map((n) => n.tag)).toEqual(['rect', 'text', 'rect', 'text', 'rect', 'text']);
    expect(nodes[1].children).toEqual(['loss (raw)']);
    expect(Number(nodes[2].attrs!.x)).toBeGreaterThan(Number(nodes[1].attrs!.x) + estimateWidth('loss (raw)', 12));
  });

  it('wraps an item that does not fit onto a new row', () => {
    const { nodes, height } = layoutLegend(tokens, { left: 0, top: 0, maxWidth: 150, color: 'grey' });
    expect(height).toBe(60);
    const rows = new Set(nodes.filter((n) => n.tag === 'text').map((n) => n.attrs!.y));
    expect(rows.size).toBe(3);
  });

  it('draws a gradient swatch with its colours as stops, a dashed line swatch as a dashed line', () => {
    const { nodes } = layoutLegend(
      [{ kind: 'swatch', swatch: { width: 40, height: 4, gradient: ['rgb(68, 1, 84)', 'rgb(253, 231, 37)'] } }, { kind: 'swatch', swatch: { width: 20, height: 2, stroke: 'red', strokeWidth: 2, dash: '5 3' } }],
      { left: 0, top: 0, maxWidth: 300, color: 'grey' },
    );
    const xml = pictureSvg({ title: 't', width: 1, height: 1, root: { tag: 'svg', children: nodes } });
    expect(xml).toContain('<stop offset="0" stop-color="rgb(68, 1, 84)"/><stop offset="1" stop-color="rgb(253, 231, 37)"/>');
    expect(xml).toContain('fill="url(#legend-gradient-0)"');
    expect(xml).toMatch(/<line [^>]*stroke="red" stroke-width="2" stroke-dasharray="5 3"/);
  });
});

describe('legend helpers', () => {
  it('writes subscripts in Unicode where every character has one', () => {
    expect(subscript('t')).toBe('ₜ');
    expect(subscript('t-1')).toBe('ₜ₋₁');
    expect(subscript('hf')).toBe('_{hf}');
  });

  it('reads the colours of a computed gradient', () => {
    expect(gradientColors('linear-gradient(to right, rgb(68, 1, 84), rgb(33, 145, 140), rgb(253, 231, 37))')).toEqual(['rgb(68, 1, 84)', 'rgb(33, 145, 140)', 'rgb(253, 231, 37)']);
  });
});

describe('composePicture', () => {
  const body: SvgNode = { tag: 'svg', attrs: { viewBox: '0 0 520 240' }, children: [{ tag: 'path', attrs: { d: 'M0,0' } }] };
  const picture = composePicture({ title: 'Loss', description: 'Training loss over 30 steps', legend: [{ kind: 'item' }, swatch('blue'), { kind: 'text', text: 'loss' }], body, width: 520, height: 240 });
  const xml = pictureSvg(picture);

  it('names the file with the chart’s title and describes it', () => {
    expect(xml).toContain('<title>Loss</title><desc>Training loss over 30 steps</desc>');
    expect(xml).toMatch(/<text [^>]*font-size="16" font-weight="600"[^>]*>Loss<\/text>/);
  });

  it('places the drawing under the title and legend, at its own size, inside a picture of the total size', () => {
    expect(xml).toContain('<svg viewBox="0 0 520 240" x="12" y="60" width="520" height="240"><path d="M0,0"/></svg>');
    expect(picture.width).toBe(544);
    expect(picture.height).toBe(60 + 240 + 12);
    expect(xml).toContain(`width="544" height="312" viewBox="0 0 544 312"`);
  });
});

describe('fileSlug', () => {
  it('makes a file name of a chart’s title', () => {
    expect(fileSlug('Loss, A and B')).toBe('loss-a-and-b');
    expect(fileSlug('‖∂L/∂hₜ‖ over training')).toBe('dl-dht-over-training');
    expect(fileSlug('Largest singular value σₘₐₓ(Wₕₕ)')).toBe('largest-singular-value-sigmamax-whh');
    expect(fileSlug('‖‖')).toBe('chart');
  });
});

describe('heatmapPicture', () => {
  it('embeds the canvas’s image unsmoothed, names the axes and their ends, and draws the colour scale with its ticks', () => {
    const xml = pictureSvg(
      heatmapPicture({
        title: 'forget gate f',
        description: 'forget gate f of layer 0: 16 units over 20 time steps',
        imageHref: 'data:image/png;base64,AAAA',
        rows: 16,
        cols: 20,
        xLabel: 'time step t →',
        yLabel: 'unit',
        colNames: ['t=1', 't=20'],
        rowNames: ['unit 0', 'unit 15'],
        scale: { domain: [0, 1], color: (v) => `rgb(${Math.round(v * 255)}, 0, 0)`, ticks: [[0, '0'], [0.5, '0.5'], [1, '1']] },
        mapWidth: 400,
        mapHeight: 100,
      }),
    );
    expect(xml).toContain('<title>forget gate f</title>');
    expect(xml).toMatch(/<image [^>]*preserveAspectRatio="none" image-rendering="pixelated" href="data:image\/png;base64,AAAA"/);
    for (const text of ['t=1', 't=20', 'unit 0', 'unit 15', 'time step t →', '>unit<', '>0.5<']) expect(xml).toContain(text.startsWith('>') ? text : `>${text}<`);
    expect(xml.match(/<stop /g)).toHaveLength(11);
    expect(xml).toContain('stop-color="rgb(255, 0, 0)"');
  });
});

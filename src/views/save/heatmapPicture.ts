/**
 * A heatmap as a picture. The page paints a heatmap on a canvas, one pixel per cell; the picture embeds that
 * canvas as a PNG image (a data: URL, so the file stands alone and an offscreen canvas stays untainted), scaled
 * up without smoothing, with the axes' names, the first and last row and column, and the colour scale's bar.
 */
import type { HeatScale } from '../Heatmap';
import { composePicture, LIGHT_COLORS, type Picture, type PictureColors } from './picture';
import { px, type SvgNode } from './svgTree';

/** What a heatmap picture shows. */
export interface HeatmapPictureParts {
  title: string;
  description: string;
  /** The canvas's cells as an image (a data: URL). */
  imageHref: string;
  rows: number;
  cols: number;
  xLabel: string;
  yLabel: string;
  /** Names of the first and last column and row ("t=1", "t=20"; "unit 0", "unit 31"). */
  colNames: [string, string];
  rowNames: [string, string];
  scale: HeatScale;
  /** The map's size on the page in px (the picture keeps its shape). */
  mapWidth: number;
  mapHeight: number;
  colors?: PictureColors;
}

const WIDTH = 480;
const M = { top: 6, right: 12, bottom: 64, left: 64 };
const LEGEND_WIDTH = 160;

/** The heatmap picture. */
export function heatmapPicture(parts: HeatmapPictureParts): Picture {
  const { title, description, imageHref, xLabel, yLabel, colNames, rowNames, scale, colors = LIGHT_COLORS } = parts;
  const mapWidth = WIDTH - M.left - M.right;
  const mapHeight = px(Math.min(360, Math.max(60, (mapWidth * parts.mapHeight) / Math.max(1, parts.mapWidth))));
  const height = M.top + mapHeight + M.bottom;
  const bottom = M.top + mapHeight;
  const small = { 'font-size': 11, fill: colors.muted };
  const [lo, hi] = scale.domain;
  const stops = Array.from({ length: 11 }, (_, k): SvgNode => ({ tag: 'stop', attrs: { offset: k / 10, 'stop-color': scale.color(lo + ((hi - lo) * k) / 10) } }));
  const legendLeft = WIDTH - M.right - LEGEND_WIDTH;
  const legendTop = bottom + 34;
  const ticks = scale.ticks ?? [
    [lo, shortNumber(lo)],
    [hi, shortNumber(hi)],
  ];
  const body: SvgNode = {
    tag: 'svg',
    attrs: { viewBox: `0 0 ${WIDTH} ${px(height)}` },
    children: [
      { tag: 'defs', children: [{ tag: 'linearGradient', attrs: { id: 'heatmap-scale', x1: 0, x2: 1, y1: 0, y2: 0 }, children: stops }] },
      {
        tag: 'image',
        attrs: { x: M.left, y: M.top, width: mapWidth, height: mapHeight, preserveAspectRatio: 'none', 'image-rendering': 'pixelated', href: imageHref, 'xlink:href': imageHref },
      },
      { tag: 'rect', attrs: { x: M.left, y: M.top, width: mapWidth, height: mapHeight, fill: 'none', stroke: colors.muted, 'stroke-width': 0.5 } },
      // the first and last column under the map, the first and last row beside it
      { tag: 'text', attrs: { x: M.left, y: bottom + 13, ...small }, children: [colNames[0]] },
      { tag: 'text', attrs: { x: M.left + mapWidth, y: bottom + 13, 'text-anchor': 'end', ...small }, children: [colNames[1]] },
      { tag: 'text', attrs: { x: M.left - 4, y: M.top + 9, 'text-anchor': 'end', ...small }, children: [rowNames[0]] },
      { tag: 'text', attrs: { x: M.left - 4, y: bottom - 2, 'text-anchor': 'end', ...small }, children: [rowNames[1]] },
      { tag: 'text', attrs: { x: M.left, y: bottom + 30, 'font-size': 12, fill: colors.ink }, children: [xLabel] },
      {
        tag: 'text',
        attrs: { transform: `translate(${M.left - 48},${px(M.top + mapHeight / 2)}) rotate(-90)`, 'text-anchor': 'middle', 'font-size': 12, fill: colors.ink },
        children: [yLabel],
      },
      // the colour scale
      { tag: 'rect', attrs: { x: legendLeft, y: legendTop, width: LEGEND_WIDTH, height: 9, rx: 2, fill: 'url(#heatmap-scale)', stroke: colors.muted, 'stroke-width': 0.5 } },
      ...ticks.map(([value, text], k): SvgNode => ({
        tag: 'text',
        attrs: {
          x: px(legendLeft + ((value - lo) / (hi - lo || 1)) * LEGEND_WIDTH),
          y: legendTop + 21,
          'text-anchor': k === 0 ? 'start' : k === ticks.length - 1 ? 'end' : 'middle',
          'font-size': 10,
          fill: colors.muted,
        },
        children: [text],
      })),
    ],
  };
  return composePicture({ title, description, body, width: WIDTH, height: px(height), colors });
}

/** Three significant digits ("0.00123", "1.5e+4" stays as toPrecision writes it). */
function shortNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/**
 * A picture to save: a chart's own drawing under its title and legend, on its background, as one SVG tree with
 * a size. Every saved chart is made of these parts, whether its drawing came from the page's SVG, a heatmap's
 * canvas, or the equations' TeX.
 */
import { layoutLegend, estimateWidth, type LegendToken, type MeasureText } from './legend';
import { px, svgFile, type SvgNode } from './svgTree';

/** A standalone picture: its SVG tree (root <svg>) and size in CSS px. */
export interface Picture {
  /** The chart's name, also the file's name. */
  title: string;
  width: number;
  height: number;
  root: SvgNode;
}

/** The colours a picture is drawn in (the page's, so that a dark page saves a dark picture). */
export interface PictureColors {
  background: string;
  ink: string;
  muted: string;
}

/** Light colours, for pictures built without the page. */
export const LIGHT_COLORS: PictureColors = { background: '#ffffff', ink: '#1d2430', muted: '#5b6575' };

/** The fonts a picture names: the page's own stack, so the file looks the same wherever these are installed. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** What goes into a picture. */
export interface PictureParts {
  title: string;
  /** What the chart shows in words (its accessible name): the file's <desc>. */
  description?: string;
  legend?: LegendToken[];
  /** The drawing, in its own coordinates: placed as a nested <svg> of `width` × `height`. */
  body: SvgNode;
  width: number;
  height: number;
  colors?: PictureColors;
  measure?: MeasureText;
}

const PAD = 12;
const TITLE_SIZE = 16;

/** Title on top, the legend under it, then the drawing; a background rectangle behind it all. */
export function composePicture({ title, description, legend = [], body, width, height, colors = LIGHT_COLORS, measure = estimateWidth }: PictureParts): Picture {
  const innerWidth = Math.max(width, 200);
  const titleBaseline = PAD + TITLE_SIZE;
  const legendTop = titleBaseline + 8;
  const laidOut = layoutLegend(legend, { left: PAD, top: legendTop, maxWidth: innerWidth, color: colors.muted, measure });
  const bodyTop = legendTop + laidOut.height + 4;
  const total = { width: px(innerWidth + 2 * PAD), height: px(bodyTop + height + PAD) };
  const nested: SvgNode = { ...body, tag: 'svg', attrs: { ...body.attrs, x: PAD, y: px(bodyTop), width: px(width), height: px(height), viewBox: body.attrs?.viewBox ?? `0 0 ${px(width)} ${px(height)}` } };
  const root: SvgNode = {
    tag: 'svg',
    attrs: { width: total.width, height: total.height, viewBox: `0 0 ${total.width} ${total.height}`, 'font-family': FONT_FAMILY },
    children: [
      { tag: 'title', children: [title] },
      ...(description ? [{ tag: 'desc', children: [description] }] : []),
      { tag: 'rect', attrs: { width: '100%', height: '100%', fill: colors.background } },
      { tag: 'text', attrs: { x: PAD, y: titleBaseline, 'font-size': TITLE_SIZE, 'font-weight': 600, fill: colors.ink }, children: [title] },
      ...laidOut.nodes,
      nested,
    ],
  };
  return { title, width: total.width, height: total.height, root };
}

/** The picture as the text of an .svg file. */
export function pictureSvg(picture: Picture): string {
  return svgFile(picture.root);
}

/** A file name for a chart: its title in lower case, letters and digits joined by hyphens ("Loss, A and B" → "loss-a-and-b", "‖∂L/∂hₜ‖ over training" → "dl-dht-over-training"). */
export function fileSlug(title: string): string {
  const slug = title
    .replace(/∂/g, 'd')
    .replace(/σ/g, 'sigma')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'chart';
}

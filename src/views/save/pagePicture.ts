/**
 * Pictures of the page's charts, read from the live page: a chart's <svg> with its computed styles, its legend,
 * and the page's colours; a heatmap's canvas. The pure parts (layout, XML) live in picture.ts and its siblings.
 */
import type { EquationLine } from '../Equations';
import type { HeatmapProps } from '../Heatmap';
import { GATE_COLORS, GATE_LABELS } from '../palette';
import { equationsPicture } from './equationsPicture';
import { heatmapPicture } from './heatmapPicture';
import { captureSvg } from './inlineStyles';
import { readLegend, type MeasureText } from './legend';
import { composePicture, FONT_FAMILY, LIGHT_COLORS, type Picture, type PictureColors } from './picture';

/** Whether a computed colour is see-through. */
function seeThrough(color: string): boolean {
  return !color || color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color);
}

/** The colours around an element: the first opaque background up its ancestors, its text colour, the page's muted ink. */
export function pageColors(element: Element): PictureColors {
  let background = '';
  for (let node: Element | null = element; node && seeThrough(background); node = node.parentElement) background = getComputedStyle(node).backgroundColor;
  const ink = getComputedStyle(element).color || LIGHT_COLORS.ink;
  const muted = getComputedStyle(document.documentElement).getPropertyValue('--muted').trim() || ink;
  return { background: seeThrough(background) ? LIGHT_COLORS.background : background, ink, muted };
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Text widths as the browser lays them out, in the pictures' font. */
export const measureText: MeasureText = (text, fontSize) => {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return Array.from(text).length * fontSize * 0.56;
  measureContext.font = `${fontSize}px ${FONT_FAMILY}`;
  return measureContext.measureText(text).width;
};

/** The width and height of an <svg>'s viewBox (its drawing's own coordinates), else its size on the page. */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return { width: rect.width || 300, height: rect.height || 150 };
}

/** The first element matching `selector` that belongs to `figure` itself, not to a figure nested in it. */
function own(figure: Element, selector: string): Element | undefined {
  return Array.from(figure.querySelectorAll(selector)).find((element) => element.parentElement?.closest('figure') === figure);
}

/**
 * The picture of the chart in `figure` (a <figure> whose first <svg role="img"> is the drawing, with a `.legend`
 * in it or none): the drawing with its styles inlined, under the title and the legend, in the page's colours.
 */
export function figurePicture(figure: Element, title: string): Picture {
  const svg = own(figure, 'svg[role="img"]') as SVGSVGElement | undefined;
  if (!svg) throw new Error(`The chart “${title}” has nothing drawn to save yet.`);
  const body = captureSvg(svg);
  if (!body) throw new Error(`The chart “${title}” is hidden, so there is nothing to save.`);
  const legendElement = own(figure, '.legend');
  return composePicture({
    title,
    description: svg.getAttribute('aria-label') ?? undefined,
    legend: legendElement ? readLegend(legendElement) : [],
    body,
    ...svgSize(svg),
    colors: pageColors(figure),
    measure: measureText,
  });
}

/** The picture of a heatmap: its props, and the canvas it painted (one pixel per cell). */
export function heatmapPictureOf(title: string, props: HeatmapProps, canvas: HTMLCanvasElement | null): Picture {
  if (!canvas || props.rows === 0 || props.cols === 0) throw new Error(`The heatmap “${title}” has nothing drawn to save yet.`);
  const colName = (c: number) => (props.colName ? props.colName(c) : String(c));
  const rowName = (r: number) => (props.rowName ? props.rowName(r) : String(r));
  const rect = canvas.getBoundingClientRect();
  return heatmapPicture({
    title,
    description: props.label,
    imageHref: canvas.toDataURL('image/png'),
    rows: props.rows,
    cols: props.cols,
    xLabel: props.xLabel,
    yLabel: props.yLabel,
    colNames: [colName(0), colName(props.cols - 1)],
    rowNames: [rowName(0), rowName(props.rows - 1)],
    scale: props.scale,
    mapWidth: rect.width || props.cols,
    mapHeight: rect.height || props.rows,
    colors: pageColors(canvas.closest('figure') ?? canvas),
  });
}

/** A CSS colour as the page resolves it inside `within` ("var(--c-blue)" → "rgb(0, 114, 178)"): a file has no variables. */
export function resolveColor(color: string, within: Element): string {
  if (!color.includes('var(')) return color;
  const probe = document.createElement('span');
  probe.style.color = color;
  within.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || color;
}

/** The picture of a cell's equations, in the page's colours (each gate's own, resolved). */
export function equationsPictureOf(anchor: HTMLElement, title: string, lines: readonly EquationLine[]): Picture {
  const container = anchor.closest('section') ?? anchor;
  const gateColors = Object.fromEntries(lines.map(({ name }) => [name, resolveColor(GATE_COLORS[name] ?? 'currentColor', container)]));
  const description = lines.map(({ name, words }) => `${GATE_LABELS[name] ?? name}: ${words}`).join('; ');
  return equationsPicture({ title, description, lines, gateColors, gateLabels: GATE_LABELS, colors: pageColors(container) });
}

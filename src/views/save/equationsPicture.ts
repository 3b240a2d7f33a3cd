/**
 * The cell's equations as a picture. On the page KaTeX typesets them as HTML with its own fonts, which an SVG
 * file cannot carry without embedding HTML (a foreignObject, which many viewers and slide tools drop). So the
 * picture writes each equation as plain SVG text in Unicode (iₜ = σ(Wᵢᵢ xₜ + bᵢᵢ + Wₕᵢ hₜ₋₁ + bₕᵢ)), in its
 * gate's colour, with the exact LaTeX under it for anyone who typesets slides in LaTeX.
 */
import type { EquationLine } from '../Equations';
import { subscript } from './legend';
import { composePicture, LIGHT_COLORS, type Picture, type PictureColors } from './picture';
import { px, type SvgNode } from './svgTree';

/** TeX commands these equations use, as Unicode. */
const SYMBOLS: Record<string, string> = {
  sigma: 'σ',
  tanh: 'tanh',
  odot: '⊙',
  max: 'max',
  left: '',
  right: '',
  ',': ' ',
};

/** Reads a TeX group "{…}" or a single character starting at `k`: its text and where it ends. */
function group(tex: string, k: number): [string, number] {
  if (tex[k] !== '{') return [tex[k] ?? '', k + 1];
  let depth = 0;
  for (let j = k; j < tex.length; j++) {
    if (tex[j] === '{') depth++;
    else if (tex[j] === '}' && --depth === 0) return [tex.slice(k + 1, j), j + 1];
  }
  return [tex.slice(k + 1), tex.length];
}

/**
 * The TeX of an equation as Unicode text: subscripts as subscript characters, \sigma as σ, \odot as ⊙,
 * \operatorname{ReLU} as ReLU, \tilde{h} as h̃, \left( as (. Covers the constructs of Equations.tsx.
 */
export function texToUnicode(tex: string): string {
  let out = '';
  for (let k = 0; k < tex.length; ) {
    const c = tex[k];
    if (c === '\\') {
      const name = /^[a-zA-Z]+/.exec(tex.slice(k + 1))?.[0] ?? tex[k + 1] ?? '';
      k += 1 + name.length;
      if (name === 'operatorname' || name === 'mathrm') {
        const [text, end] = group(tex, k);
        out += text;
        k = end;
      } else if (name === 'tilde') {
        const [text, end] = group(tex, k);
        out += `${texToUnicode(text)}\u0303`;
        k = end;
      } else {
        out += SYMBOLS[name] ?? name;
      }
    } else if (c === '_' || c === '^') {
      const [text, end] = group(tex, k + 1);
      const inner = texToUnicode(text).replace(/\s+/g, '');
      out += c === '_' ? subscript(inner) : `^${inner}`;
      k = end;
    } else if (c === '{' || c === '}') {
      k++;
    } else {
      out += c === '-' ? '−' : c;
      k++;
    }
  }
  return out.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();
}

const WIDTH = 640;
const LINE_HEIGHT = 50;

/** The equations picture: one line per gate or state, named and coloured as on the page. */
export function equationsPicture({
  title,
  description,
  lines,
  gateColors,
  gateLabels,
  colors = LIGHT_COLORS,
}: {
  title: string;
  description?: string;
  lines: readonly EquationLine[];
  gateColors: Record<string, string>;
  gateLabels: Record<string, string>;
  colors?: PictureColors;
}): Picture {
  const rows = lines.flatMap(({ name, tex }, k): SvgNode[] => {
    const y = 24 + k * LINE_HEIGHT;
    const color = gateColors[name] ?? colors.ink;
    return [
      { tag: 'rect', attrs: { x: 0, y: y - 12, width: 4, height: 34, rx: 2, fill: color } },
      { tag: 'text', attrs: { x: 14, y, 'font-size': 17, fill: colors.ink, 'font-family': "'Cambria Math', 'STIX Two Math', 'Latin Modern Math', serif" }, children: [texToUnicode(tex)] },
      { tag: 'text', attrs: { x: WIDTH, y, 'font-size': 12, fill: color, 'text-anchor': 'end' }, children: [gateLabels[name] ?? name] },
      { tag: 'text', attrs: { x: 14, y: y + 17, 'font-size': 10.5, fill: colors.muted, 'font-family': "ui-monospace, 'SFMono-Regular', Menlo, monospace" }, children: [tex] },
    ];
  });
  const height = px(LINE_HEIGHT * lines.length + 4);
  const body: SvgNode = { tag: 'svg', attrs: { viewBox: `0 0 ${WIDTH} ${height}` }, children: rows };
  return composePicture({ title, description, body, width: WIDTH, height, colors });
}

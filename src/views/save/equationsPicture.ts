/**
 * The cell's equations as a picture. On the page KaTeX typesets them as HTML with its own fonts, which an SVG
 * file cannot carry without embedding HTML (a foreignObject, which many viewers and slide tools drop). So the
 * picture writes each equation as plain SVG text (i_t = σ(W_ii x_t + b_ii + W_hi h_t−1 + b_hi) with the subscripts
 * lowered as <tspan>s), in its gate's colour, with the exact LaTeX under it for anyone who typesets slides in LaTeX.
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

/** A run of an equation's text: plain, or lowered as a subscript, or raised as a superscript. */
export interface TexRun {
  text: string;
  shift?: 'sub' | 'sup';
}

/**
 * The TeX of an equation as runs of text: \sigma as σ, \odot as ⊙, \operatorname{ReLU} as ReLU, \tilde{h} as h̃,
 * \left( as (, and each _{…} or ^{…} as a run of its own. Covers the constructs of Equations.tsx.
 */
export function texRuns(tex: string): TexRun[] {
  const runs: TexRun[] = [];
  const push = (text: string, shift?: TexRun['shift']) => {
    const last = runs[runs.length - 1];
    if (last && last.shift === shift) last.text += text;
    else runs.push({ text, shift });
  };
  for (let k = 0; k < tex.length; ) {
    const c = tex[k];
    if (c === '\\') {
      const name = /^[a-zA-Z]+/.exec(tex.slice(k + 1))?.[0] ?? tex[k + 1] ?? '';
      k += 1 + name.length;
      if (name === 'operatorname' || name === 'mathrm') {
        const [text, end] = group(tex, k);
        push(text);
        k = end;
      } else if (name === 'tilde') {
        const [text, end] = group(tex, k);
        push(`${plain(text)}\u0303`);
        k = end;
      } else {
        push(SYMBOLS[name] ?? name);
      }
    } else if (c === '_' || c === '^') {
      const [text, end] = group(tex, k + 1);
      push(plain(text).replace(/\s+/g, ''), c === '_' ? 'sub' : 'sup');
      k = end;
    } else if (c === '{' || c === '}') {
      k++;
    } else {
      push(c === '-' ? '−' : c);
      k++;
    }
  }
  return runs
    .map((run) => (run.shift ? run : { text: run.text.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')') }))
    .filter((run) => run.text !== '');
}

/** A TeX fragment's runs as one line of text (a fragment inside a subscript). */
function plain(tex: string): string {
  return texRuns(tex)
    .map((run) => run.text)
    .join('');
}

/** The TeX of an equation as Unicode text: subscripts as subscript characters where they all have one (hₜ₋₁), else _{…}. */
export function texToUnicode(tex: string): string {
  return texRuns(tex)
    .map((run) => (run.shift === 'sub' ? subscript(run.text) : run.shift === 'sup' ? `^${run.text}` : run.text))
    .join('')
    .trim();
}

/** An equation's runs as SVG <tspan>s, subscripts lowered and smaller (so every letter has one, f and g too). */
function runNodes(runs: TexRun[], fontSize: number): SvgNode[] {
  const shift = fontSize * 0.3;
  let offset = 0;
  return runs.map((run) => {
    const target = run.shift === 'sub' ? shift : run.shift === 'sup' ? -shift * 1.3 : 0;
    const dy = target - offset;
    offset = target;
    return { tag: 'tspan', attrs: { dy: dy ? px(dy) : undefined, 'font-size': run.shift ? px(fontSize * 0.7) : undefined }, children: [run.text] };
  });
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
      { tag: 'text', attrs: { x: 14, y, 'font-size': 17, fill: colors.ink, 'font-family': "'Cambria Math', 'STIX Two Math', 'Latin Modern Math', serif" }, children: runNodes(texRuns(tex), 17) },
      { tag: 'text', attrs: { x: WIDTH, y, 'font-size': 12, fill: color, 'text-anchor': 'end' }, children: [gateLabels[name] ?? name] },
      { tag: 'text', attrs: { x: 14, y: y + 17, 'font-size': 10.5, fill: colors.muted, 'font-family': "ui-monospace, 'SFMono-Regular', Menlo, monospace" }, children: [tex] },
    ];
  });
  const height = px(LINE_HEIGHT * lines.length + 4);
  const body: SvgNode = { tag: 'svg', attrs: { viewBox: `0 0 ${WIDTH} ${height}` }, children: rows };
  return composePicture({ title, description, body, width: WIDTH, height, colors });
}

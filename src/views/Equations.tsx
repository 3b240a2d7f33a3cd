/**
 * The cell's equations, exactly as PyTorch (and so this app) computes them, one focusable line per gate or state.
 * Pointing at a line names its gate (so the heatmaps can highlight it); a highlighted line shows the value
 * under the pointer beside it. KaTeX typesets the constant TeX strings from an effect.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import 'katex/dist/katex.min.css';
import { CELL_LABELS } from '../shared/config';
import type { CellKind } from '../shared/spec';
import { formatCell } from './Heatmap';
import { GATE_COLORS, GATE_LABELS } from './palette';
import './equations.css';
import { equationsPictureOf } from './save/pagePicture';
import { SaveMenu } from './save/SaveMenu';

/** A gate value under the pointer: which gate, time step, hidden unit, and its value. */
export interface GateReading {
  name: string;
  t: number;
  unit: number;
  value: number;
}

/** What the equations panel shows and whom it tells about hovers. */
export interface EquationsProps {
  cell: CellKind;
  /** Gate/state name to highlight: LSTM i f g o c h; GRU r z n h; RNN a h. */
  highlight?: string;
  /** The hovered value, shown beside the highlighted equation, e.g. "f at t = 5, unit 2: 0.731". */
  reading?: GateReading;
  /** Called with a gate name when the learner hovers or focuses an equation line, undefined on leave/blur. */
  onHover?: (name: string | undefined) => void;
}

/** One equation: the gate or state it defines, its TeX, and its right-hand side in words (for screen readers). */
export interface EquationLine {
  name: string;
  tex: string;
  words: string;
}

/** The affine map of a gate k from input and previous hidden state, PyTorch's names: W_ik x_t + b_ik + W_hk h_{t−1} + b_hk. */
function affine(k: string): { tex: string; words: string } {
  return {
    tex: `W_{i${k}}\\, x_t + b_{i${k}} + W_{h${k}}\\, h_{t-1} + b_{h${k}}`,
    words: `W_i${k} x_t plus b_i${k} plus W_h${k} h_{t-1} plus b_h${k}`,
  };
}

/** A gate squashed by a sigmoid or tanh of its affine map: i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi). */
function squashed(name: string, squash: 'sigma' | 'tanh'): EquationLine {
  const { tex, words } = affine(name);
  return { name, tex: `${name}_t = \\${squash}\\left(${tex}\\right)`, words: `${squash} of ${words}` };
}

/** The RNN's pre-activation, the same for both non-linearities (PyTorch's nn.RNN). */
const RNN_PRE_ACTIVATION: EquationLine = {
  name: 'a',
  tex: 'a_t = W_{ih}\\, x_t + b_{ih} + W_{hh}\\, h_{t-1} + b_{hh}',
  words: 'W_ih x_t plus b_ih plus W_hh h_{t-1} plus b_hh',
};

/** Every cell's equations, in PyTorch's order and notation (nn.RNN, nn.LSTM, nn.GRU). */
export const EQUATION_LINES: Record<CellKind, readonly EquationLine[]> = {
  lstm: [
    squashed('i', 'sigma'),
    squashed('f', 'sigma'),
    squashed('g', 'tanh'),
    squashed('o', 'sigma'),
    {
      name: 'c',
      tex: 'c_t = f_t \\odot c_{t-1} + i_t \\odot g_t',
      words: 'f_t element-wise times c_{t-1} plus i_t element-wise times g_t',
    },
    { name: 'h', tex: 'h_t = o_t \\odot \\tanh(c_t)', words: 'o_t element-wise times tanh of c_t' },
  ],
  gru: [
    squashed('r', 'sigma'),
    squashed('z', 'sigma'),
    {
      name: 'n',
      tex: 'n_t = \\tanh\\left(W_{in}\\, x_t + b_{in} + r_t \\odot \\left(W_{hn}\\, h_{t-1} + b_{hn}\\right)\\right)',
      words: 'tanh of W_in x_t plus b_in plus r_t element-wise times the sum W_hn h_{t-1} plus b_hn',
    },
    {
      name: 'h',
      tex: 'h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}',
      words: 'one minus z_t, element-wise times n_t, plus z_t element-wise times h_{t-1}',
    },
  ],
  'rnn-tanh': [RNN_PRE_ACTIVATION, { name: 'h', tex: 'h_t = \\tanh(a_t)', words: 'tanh of a_t' }],
  'rnn-relu': [
    RNN_PRE_ACTIVATION,
    { name: 'h', tex: 'h_t = \\operatorname{ReLU}(a_t) = \\max(0, a_t)', words: 'ReLU of a_t, the larger of 0 and a_t' },
  ],
};

/** The reading beside a highlighted line: "f at t = 5, unit 2: 0.731" (three significant digits, as in the tooltips). */
export function readingText(reading: GateReading): string {
  return `${reading.name} at t = ${reading.t}, unit ${reading.unit}: ${formatCell(reading.value)}`;
}

/** KaTeX options: never throw on a typo (show it in red instead), and keep MathML for screen readers. */
const KATEX_OPTIONS = { throwOnError: false, output: 'htmlAndMathml' } as const;

/** KaTeX, loaded on first use so that it stays out of the page's first JavaScript. */
let katexModule: Promise<typeof import('katex')> | undefined;
function loadKatex() {
  katexModule ??= import('katex');
  return katexModule;
}

/** A TeX formula typeset by KaTeX into an element React leaves empty. `tex` is always one of this file's constants. */
function Tex({ tex, className }: { tex: string; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let live = true;
    void loadKatex().then(({ default: katex }) => {
      if (live && ref.current) katex.render(tex, ref.current, KATEX_OPTIONS);
    });
    return () => {
      live = false;
    };
  }, [tex]);
  return <span ref={ref} className={className} />;
}

/** The equations of one cell, with the highlighted gate's line tinted and its reading beside it. */
export function Equations({ cell, highlight, reading, onHover }: EquationsProps) {
  const lines = EQUATION_LINES[cell];
  return (
    <section className="panel equations" aria-label={`Equations of the ${CELL_LABELS[cell]} cell`}>
      <SaveMenu name={`Equations of the ${CELL_LABELS[cell]} cell`} className="save-menu-float" picture={(anchor) => equationsPictureOf(anchor, `Equations of the ${CELL_LABELS[cell]} cell`, lines)} />
      <h2>Equations</h2>
      <ul className="equation-lines">
        {lines.map(({ name, tex, words }) => {
          const highlighted = name === highlight;
          const color = GATE_COLORS[name] ?? 'currentColor';
          return (
            <li
              key={name}
              data-gate={name}
              className={highlighted ? 'equation-line equation-highlight' : 'equation-line'}
              style={{ '--gate-color': color } as CSSProperties}
              tabIndex={0}
              aria-label={`${GATE_LABELS[name]}: ${words}`}
              onMouseEnter={() => onHover?.(name)}
              onMouseLeave={() => onHover?.(undefined)}
              onFocus={() => onHover?.(name)}
              onBlur={() => onHover?.(undefined)}
            >
              <span className="equation-marker" aria-hidden="true" />
              <Tex tex={tex} className="equation-tex" />
              <span className="equation-label">{GATE_LABELS[name]}</span>
              {highlighted && reading?.name === name && <span className="equation-reading">{readingText(reading)}</span>}
            </li>
          );
        })}
      </ul>
      <CellNote cell={cell} />
      <p className="equation-note">
        ⊙ is the element-wise product; σ is the logistic sigmoid, <Tex tex="\sigma(x) = 1 / (1 + e^{-x})" />.
      </p>
    </section>
  );
}

/** What the lesson calls things differently from PyTorch, for the cells where it does. */
function CellNote({ cell }: { cell: CellKind }) {
  if (cell === 'lstm') {
    return (
      <p className="equation-note">
        g<sub>t</sub> is the lesson’s candidate <Tex tex="\tilde{C}_t" />, and c<sub>t</sub> its cell state <Tex tex="C_t" />.
      </p>
    );
  }
  if (cell === 'gru') {
    return (
      <p className="equation-note">
        PyTorch’s convention. The lesson writes <Tex tex="h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t" />: its z is
        PyTorch’s 1 − z. n<sub>t</sub> is the lesson’s <Tex tex="\tilde{h}_t" />.
      </p>
    );
  }
  return (
    <p className="equation-note">
      The lesson writes <Tex tex="h_t = f(W_{xh}\, x_t + W_{hh}\, h_{t-1} + b_h)" />; PyTorch keeps two biases, b<sub>ih</sub> and
      b<sub>hh</sub>, whose sum plays the role of b<sub>h</sub>.
    </p>
  );
}

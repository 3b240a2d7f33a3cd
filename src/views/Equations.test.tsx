import { describe, expect, it, vi } from 'vitest';
import katex from 'katex';
import { renderToStaticMarkup } from 'react-dom/server';
import { CELL_KINDS } from '../shared/spec';
import { EQUATION_LINES, Equations, readingText } from './Equations';

const GATE_ORDER = { lstm: 'ifgoch', gru: 'rznh', 'rnn-tanh': 'ah', 'rnn-relu': 'ah' } as const;

describe('EQUATION_LINES', () => {
  it('lists every cell’s gates and states in PyTorch’s order', () => {
    for (const cell of CELL_KINDS) expect(EQUATION_LINES[cell].map((line) => line.name).join('')).toBe(GATE_ORDER[cell]);
  });

  it('typesets every line without a KaTeX error', () => {
    for (const cell of CELL_KINDS) {
      for (const { name, tex } of EQUATION_LINES[cell]) {
        const html = katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' });
        expect(html, `${cell} ${name}`).not.toContain('katex-error');
        expect(() => katex.renderToString(tex, { throwOnError: true }), `${cell} ${name}`).not.toThrow();
      }
    }
  });

  it('uses ReLU for the ReLU RNN and tanh for the tanh RNN', () => {
    const reluH = EQUATION_LINES['rnn-relu'].find((line) => line.name === 'h')!;
    const tanhH = EQUATION_LINES['rnn-tanh'].find((line) => line.name === 'h')!;
    expect(reluH.tex).toContain('ReLU');
    expect(reluH.words).toContain('ReLU');
    expect(tanhH.tex).toContain('\\tanh');
    expect(tanhH.tex).not.toContain('ReLU');
  });

  it('writes the GRU update in PyTorch’s convention, with the reset gate inside the candidate', () => {
    const gru = Object.fromEntries(EQUATION_LINES.gru.map((line) => [line.name, line.tex]));
    expect(gru.h).toBe('h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}');
    expect(gru.n).toContain('r_t \\odot \\left(W_{hn}\\, h_{t-1} + b_{hn}\\right)');
  });

  it('names the forget gate’s weights in words', () => {
    const f = EQUATION_LINES.lstm.find((line) => line.name === 'f')!;
    expect(f.words).toBe('sigma of W_if x_t plus b_if plus W_hf h_{t-1} plus b_hf');
  });
});

describe('Equations', () => {
  it('tags each line with its gate, is focusable, and names the cell', () => {
    const html = renderToStaticMarkup(<Equations cell="lstm" />);
    expect(html).toContain('aria-label="Equations of the LSTM cell"');
    expect(html).toContain('>Equations</h2>');
    for (const name of 'ifgoch') expect(html).toContain(`data-gate="${name}"`);
    expect(html.match(/tabindex="0"/g)).toHaveLength(6);
    expect(html).toContain('aria-label="forget gate f: sigma of W_if x_t plus b_if plus W_hf h_{t-1} plus b_hf"');
    expect(html).toContain('candidate');
    expect(html).not.toContain('equation-highlight');
  });

  it('names every cell in words', () => {
    expect(renderToStaticMarkup(<Equations cell="gru" />)).toContain('aria-label="Equations of the GRU cell"');
    expect(renderToStaticMarkup(<Equations cell="rnn-tanh" />)).toContain('aria-label="Equations of the RNN (tanh) cell"');
    expect(renderToStaticMarkup(<Equations cell="rnn-relu" />)).toContain('aria-label="Equations of the RNN (ReLU) cell"');
  });

  it('explains the GRU convention against the lesson’s', () => {
    const html = renderToStaticMarkup(<Equations cell="gru" />);
    expect(html).toContain('PyTorch’s convention.');
    expect(html).toContain('its z is PyTorch’s 1 − z.');
    expect(html).toContain('element-wise product');
    expect(html).toContain('logistic sigmoid');
  });

  it('highlights the hovered gate’s line and shows its reading to three significant digits', () => {
    const reading = { name: 'f', t: 5, unit: 2, value: 0.73079 };
    const html = renderToStaticMarkup(<Equations cell="lstm" highlight="f" reading={reading} />);
    const highlighted = html.match(/<li[^>]*equation-highlight[^>]*>/g) ?? [];
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0]).toContain('data-gate="f"');
    expect(html).toContain('f at t = 5, unit 2: 0.731');
    expect(readingText(reading)).toBe('f at t = 5, unit 2: 0.731');
  });

  it('shows no reading when it is for another gate than the highlighted one', () => {
    const html = renderToStaticMarkup(<Equations cell="lstm" highlight="i" reading={{ name: 'f', t: 5, unit: 2, value: 0.73079 }} />);
    expect(html).toContain('equation-highlight');
    expect(html).not.toContain('0.731');
  });

  it('accepts an onHover callback without calling it while rendering', () => {
    const onHover = vi.fn();
    renderToStaticMarkup(<Equations cell="gru" highlight="z" onHover={onHover} />);
    expect(onHover).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../shared/spec';
import { EQUATION_LINES } from '../Equations';
import { equationsPicture, texRuns, texToUnicode } from './equationsPicture';
import { pictureSvg } from './picture';

describe('texToUnicode', () => {
  it('writes the equations as a reader would say them', () => {
    expect(texToUnicode(EQUATION_LINES.lstm[0].tex)).toBe('iₜ = σ(Wᵢᵢ xₜ + bᵢᵢ + Wₕᵢ hₜ₋₁ + bₕᵢ)');
    expect(texToUnicode(EQUATION_LINES.lstm[4].tex)).toBe('cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ');
    expect(texToUnicode(EQUATION_LINES['rnn-relu'][1].tex)).toBe('hₜ = ReLU(aₜ) = max(0, aₜ)');
    expect(texToUnicode('\\tilde{C}_t')).toBe('C\u0303ₜ');
    expect(texToUnicode('\\sigma(x) = 1 / (1 + e^{-x})')).toBe('σ(x) = 1 / (1 + e^−x)');
  });

  it('keeps a subscript with no Unicode form as a run of its own (W_if), lowered in the picture', () => {
    const runs = texRuns(EQUATION_LINES.lstm[1].tex);
    expect(runs.slice(0, 4)).toEqual([{ text: 'f' }, { text: 't', shift: 'sub' }, { text: ' = σ(W' }, { text: 'if', shift: 'sub' }]);
  });

  it('leaves no TeX behind in any cell’s equations', () => {
    for (const cell of CELL_KINDS) {
      for (const { tex } of EQUATION_LINES[cell]) {
        const text = texRuns(tex).map((run) => run.text).join('');
        expect(text, tex).not.toMatch(/[\\{}_^]|left|right/);
      }
    }
  });
});

describe('equationsPicture', () => {
  it('has the title, a line per equation with its gate’s name and colour, and the LaTeX', () => {
    const lines = EQUATION_LINES.gru;
    const svg = pictureSvg(
      equationsPicture({ title: 'Equations of the GRU cell', lines, gateColors: { r: 'rgb(1, 2, 3)' }, gateLabels: { r: 'reset gate r', z: 'update gate z', n: 'candidate n', h: 'hidden state h' } }),
    );
    expect(svg).toContain('<title>Equations of the GRU cell</title>');
    for (const label of ['reset gate r', 'update gate z', 'candidate n', 'hidden state h']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('fill="rgb(1, 2, 3)"');
    expect(svg).toContain('h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}');
    expect(svg).toContain('<tspan dy="5.1" font-size="11.9">t</tspan>');
  });
});

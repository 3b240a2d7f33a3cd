import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { UnrolledView } from './UnrolledView';

const inputs = Array.from({ length: 41 }, (_, t) => (t === 0 ? '▸C' : 'AB'[t % 2]));
const render = (steps: number) =>
  renderToStaticMarkup(<UnrolledView cell="rnn-tanh" numLayers={1} bidirectional={false} steps={steps} readout="last" inputs={inputs.slice(0, steps)} animateKey={1} />);

describe('UnrolledView', () => {
  it('is one image with its name, and a group of step targets of which the last is the tab stop', () => {
    const html = render(41);
    expect(html).toContain('role="img" aria-label="RNN (tanh) unrolled over 41 time steps, 1 layer;');
    expect(html).toContain('role="group" aria-label="Time steps: use the arrow keys to move between them"');
    const targets = [...html.matchAll(/<rect data-column="(\d+)"[^>]*tabindex="(-?\d)" aria-label="([^"]*)"/g)];
    expect(targets.length).toBeGreaterThan(2);
    expect(targets[0].slice(1)).toEqual(['0', '-1', 'Time step 1, input ▸C']);
    expect(targets.at(-1)!.slice(1)).toEqual(['40', '0', 'Time step 41, input A']);
    expect(targets.filter((m) => m[2] === '0')).toHaveLength(1);
  });

  it('hints at the readout until a step is pointed at, and plays no animation on the first render', () => {
    const html = render(5);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('Point at a column (or Tab to the diagram and use ← →) to read that step’s values.');
    expect(html).not.toContain('unrolled-pass');
  });

  it('puts numbers on the gradient strip’s colour scale: the smallest and largest ‖∂L/∂h_t‖, log scale', () => {
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const html = renderToStaticMarkup(
      <UnrolledView cell="rnn-tanh" numLayers={1} bidirectional={false} steps={3} readout="last" inputs={['a', 'b', 'c']} hiddenNorms={[[0.5, 1.25, 2]]} gradNorms={[[1e-5, 0, 0.341]]} />,
    );
    expect(text(html)).toContain('strip ‖∂L/∂h t ‖, log scale: 1.00e-5 0.341');
    expect(text(html)).toContain('shade ‖h t ‖: 0 2.00');
    expect(text(render(3))).toContain('strip ‖∂L/∂h t ‖, log scale: after a Step');
  });
});

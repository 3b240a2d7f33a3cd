import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CellKind } from '../shared/spec';
import { createAppStore } from '../state/store';
import { createFakeTrainer, fakeFrame, fakeRunInfo } from '../test/fakeTrainer';
import { GatePanel, gateHeatScale } from './GatePanel';
import { StoreContext } from './storeContext';

/** The gate panel of a one-layer vanilla RNN (H = 2, T = 3) whose a and h take these values (t-major, 6 each). */
function render(cell: CellKind, a: number[], h: number[]): string {
  const store = createAppStore(() => createFakeTrainer().worker);
  const runInfo = { ...fakeRunInfo(1), cell, recordedNames: ['a', 'h'], gateBlocks: 1, gateBlockNames: ['h'] };
  store.setState({ runInfo, frame: fakeFrame(1, 5, { gates: Float32Array.from([...a, ...h]) }) });
  // a server render reads the store's initial state: make it this one
  return renderToStaticMarkup(<StoreContext.Provider value={{ ...store, getInitialState: store.getState }}>{<GatePanel />}</StoreContext.Provider>);
}

/** The legend tick labels of the heatmap titled `title`. */
function legendTicks(html: string, title: string): string[] {
  const figure = html.split('<figure').find((f) => f.includes(`>${title}</span>`)) ?? '';
  const ticks = figure.split('class="color-legend-ticks">')[1]?.split('</span></span>')[0] ?? '';
  return ticks.split(/<[^>]+>/).filter(Boolean);
}

const A = [-3, 2.5, -1, 0.5, 1.5, -2];

describe('the hidden-state colour legend', () => {
  it('runs from 0 to the largest h for a ReLU RNN, whose h is never negative', () => {
    const html = render('rnn-relu', A, A.map((v) => Math.max(0, v)));
    expect(legendTicks(html, 'hidden state h')).toEqual(['0', '4.00']);
    expect(html).toContain('h = ReLU(a) is never negative');
  });

  it('stays symmetric for tanh, and for a ReLU’s pre-activation a', () => {
    const html = render('rnn-tanh', A, A.map(Math.tanh));
    expect(legendTicks(html, 'hidden state h')).toEqual(['-1.00', '0', '1.00']);
    expect(legendTicks(render('rnn-relu', A, A.map((v) => Math.max(0, v))), 'pre-activation a')).toEqual(['-4.00', '0', '4.00']);
  });

  it('colours a ReLU’s 0 as tanh colours 0, and its largest h as tanh colours the same positive value', () => {
    const relu = gateHeatScale('h', 'rnn-relu', 4);
    const symmetric = gateHeatScale('h', 'rnn-tanh', 4);
    expect(relu.domain).toEqual([0, 4]);
    expect(relu.color(0)).toBe(symmetric.color(0));
    expect(relu.color(4)).toBe(symmetric.color(4));
    expect(gateHeatScale('c', 'lstm', 2).domain).toEqual([-2, 2]);
  });
});

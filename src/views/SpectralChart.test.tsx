import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CellKind } from '../shared/spec';
import { createAppStore } from '../state/store';
import { createFakeTrainer, fakeRunInfo } from '../test/fakeTrainer';
import { SpectralChart } from './SpectralChart';
import { StoreContext } from './storeContext';

/** The explanation under the σ_max chart of a run of this cell, tags dropped. */
function explanation(cell: CellKind): string {
  const store = createAppStore(() => createFakeTrainer().worker);
  store.setState({ runInfo: { ...fakeRunInfo(1), cell } });
  // a server render reads the store's initial state: make it this one
  const html = renderToStaticMarkup(<StoreContext.Provider value={{ ...store, getInitialState: store.getState }}>{<SpectralChart />}</StoreContext.Provider>);
  const paragraph = /<p class="explain">(.*?)<\/p>/s.exec(html)?.[1] ?? '';
  return paragraph.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');
}

describe('the σ_max explanation', () => {
  it('for a vanilla RNN: σ_max(W_hh) bounds the growth per step, since the slope is at most 1', () => {
    const tanh = explanation('rnn-tanh');
    expect(tanh).toContain('multiplies ∂L/∂h by Whhᵀ');
    expect(tanh).toContain('tanh′ ≤ 1');
    expect(tanh).toContain('below 1 it shrinks at least geometrically');
    expect(explanation('rnn-relu')).toContain('ReLU′ is 0 or 1');
  });

  it('for an LSTM: the gradient along c is scaled by the forget gate, not by W_hh', () => {
    const lstm = explanation('lstm');
    expect(lstm).toContain('ct = ft ⊙ ct−1 + it ⊙ gt');
    expect(lstm).toContain('scales it by the forget gate ft, not by Whh');
    expect(lstm).not.toContain('multiplies ∂L/∂h by Whhᵀ');
  });

  it('for a GRU: the z-weighted path is scaled by the update gate, not by W_hh', () => {
    const gru = explanation('gru');
    expect(gru).toContain('ht = (1 − zt) ⊙ nt + zt ⊙ ht−1');
    expect(gru).toContain('by the update gate zt, not by Whh');
    expect(gru).not.toContain('multiplies ∂L/∂h by Whhᵀ');
  });
});

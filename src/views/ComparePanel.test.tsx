import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import type { RunInfo } from '../shared/protocol';
import { createCompareStore, type CompareRun } from '../state/compare';
import { StepHistory } from '../state/history';
import { createAppStore } from '../state/store';
import { createFakeTrainer, fakeFrame, fakeRunInfo } from '../test/fakeTrainer';
import { CompareContext, ComparePanel, compareLossLabel } from './ComparePanel';
import { StoreContext } from './storeContext';

/** One side of a comparison that has trained three steps on a task whose loss is `lossLabel`. */
function run(label: string, lossLabel: string): CompareRun {
  const losses = new StepHistory(1);
  losses.append(1, [0.9, 0.5, 0.3]);
  const runInfo: RunInfo = { ...fakeRunInfo(1), lossLabel };
  return { label, config: defaultConfig(), runInfo, losses, done: false };
}

/** The compare panel's markup over these two runs. */
function render(a: CompareRun, b: CompareRun): string {
  const app = createAppStore(() => createFakeTrainer().worker);
  const compare = createCompareStore(() => createFakeTrainer().worker);
  compare.setState({ runs: [a, b], status: 'done' });
  // a server render reads the stores' initial states: make them these
  return renderToStaticMarkup(
    <StoreContext.Provider value={{ ...app, getInitialState: app.getState }}>
      <CompareContext.Provider value={{ ...compare, getInitialState: compare.getState }}>
        <ComparePanel />
      </CompareContext.Provider>
    </StoreContext.Provider>,
  );
}

describe('the compare chart’s loss label', () => {
  it('names the loss the runs measure: cross-entropy on a classification task, not MSE', () => {
    const html = render(run('A: current settings', 'cross-entropy'), run('B: cell lstm', 'cross-entropy'));
    expect(html).toContain('loss (cross-entropy)');
    expect(html).not.toContain('MSE');
  });

  it('says MSE on a regression task', () => {
    expect(render(run('A: current settings', 'MSE'), run('B: cell gru', 'MSE'))).toContain('loss (MSE)');
  });

  it('names both losses, and says the curves differ in units, when the runs measure different ones', () => {
    const html = render(run('A: current settings', 'MSE'), run('B: cell gru', 'MSE of the changes'));
    expect(html).toContain('loss (A: MSE, B: MSE of the changes)');
    expect(html).toContain('A and B measure different losses (MSE, MSE of the changes): their curves are not in the same units.');
  });

  it('says only "loss" before either run has said what it measures', () => {
    const { runInfo: _, ...a } = run('A', 'MSE');
    expect(compareLossLabel([a, a])).toBe('loss');
  });

  it('draws both runs’ ‖∂L/∂h_t‖ profiles in one full-size chart, not two half-size ones', () => {
    const a = { ...run('A: current settings', 'MSE'), frame: fakeFrame(1, 3) };
    const b = { ...run('B: cell gru', 'MSE'), frame: fakeFrame(1, 3) };
    const html = render(a, b);
    expect(html.match(/role="img"/g)).toHaveLength(2);
    expect(html).toContain('Gradient norm per time step of the top layer at the latest step: A: current settings, 0.100 at t = 1 and 0.300 at t = 3; B: cell gru, 0.100 at t = 1');
  });
});

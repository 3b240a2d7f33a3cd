import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { startingConfig, type TrainConfig } from '../shared/config';
import { estimateCost, formatBytes, formatSeconds, secondsPerStep } from '../shared/cost';
import type { BackendInfo } from '../shared/protocol';
import { createAppStore } from '../state/store';
import { createFakeTrainer } from '../test/fakeTrainer';
import { CostEstimate } from './CostEstimate';
import { StoreContext } from './storeContext';

/** Renders the estimate over a store holding this config (and backend). */
function render(config: TrainConfig, backend?: BackendInfo): string {
  const store = createAppStore(() => createFakeTrainer().worker, { config });
  store.setState({ config, backend });
  // a server render reads the store's initial state: make it this one
  return renderToStaticMarkup(
    <StoreContext.Provider value={{ ...store, getInitialState: store.getState }}>
      <CostEstimate />
    </StoreContext.Provider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('CostEstimate', () => {
  it("shows the settings' memory and time a step, with the largest parts and the allowance in its name", () => {
    const config = startingConfig({ task: 'chargen' });
    const estimate = estimateCost(config);
    const html = render(config);
    expect(text(html)).toBe(`Cost ≈ ${formatBytes(estimate.memoryBytes)}, ≈ ${formatSeconds(secondsPerStep(estimate))} a step`);
    expect(html).toMatch(/aria-label="Estimated cost of these settings: about [\d.]+ MB of memory \(largest parts: [^)]*; this app allows 1 GB\) and about [\d.]+ m?s a training step on WASM — a rough estimate\."/);
  });

  it('names the allowance when the settings come near it, and times the step on the backend the worker runs', () => {
    const config = startingConfig({ task: 'chargen' }, { hiddenSize: 128, sequenceLength: 64, batchSize: 512 });
    const html = render(config, { backend: 'cpu', label: 'CPU', note: '' });
    expect(text(html)).toMatch(/^Cost ≈ \d+ MB of the 1 GB allowed, ≈ [\d.]+ s a step$/);
    expect(html).toContain('a training step on CPU');
    expect(html).toContain('data-heavy="true"');
  });
});

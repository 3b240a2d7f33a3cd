/** Importing a model whose network, with the current settings, would not fit in memory (shared/cost.ts). */
import { describe, expect, it } from 'vitest';
import { initParams } from '../core/model';
import { encodeModel } from '../io/modelFile';
import { startingConfig } from '../shared/config';
import { costRefusal } from '../shared/cost';
import type { ModelSpec } from '../shared/spec';
import { decodeImport } from './modelExchange';

describe('import: a network too large for the current settings', () => {
  it('lowers the batch size until it fits, and says so with the estimate', () => {
    // the current run is small, but reads long sequences in big batches
    const current = startingConfig({ task: 'sine' }, { batchSize: 512, sequenceLength: 200 });
    expect(costRefusal(current)).toBeUndefined();
    const spec: ModelSpec = { rnn: { cell: 'lstm', inputSize: 1, hiddenSize: 128, numLayers: 2, bidirectional: true, dropout: 0 }, outputSize: 1, readout: 'last' };
    const bytes = encodeModel(spec, initParams(spec, 1), { task: 'sine' });
    const result = decodeImport(bytes, current);
    expect(result.config).toMatchObject({ hiddenSize: 128, numLayers: 2, bidirectional: true, sequenceLength: 200 });
    expect(result.config.batchSize).toBeLessThan(512);
    expect(costRefusal(result.config)).toBeUndefined();
    expect(result.notes).toContainEqual(expect.stringMatching(new RegExp(`^These settings need ≈ [\\d.]+ GB of memory to train: .*; lower the batch size, sequence length or hidden size\\. Using batch size ${result.config.batchSize}\\.$`)));
  });
});

/** A link to settings too large to train (shared/cost.ts) opens on settings that fit, with a notice that says why. */
import { describe, expect, it } from 'vitest';
import { startingConfig } from '../shared/config';
import { costRefusal } from '../shared/cost';
import { decodeUrlState } from './urlState';

describe('URL state: settings too large to train', () => {
  it("lowers the link's batch size until the settings fit, keeps its other values, and says so with the estimate", () => {
    const { config, notices } = decodeUrlState('?task=chargen&hidden=256&layers=4&bidirectional=true&seq-len=200&batch=512');
    expect(config).toEqual({ ...startingConfig({ task: 'chargen' }), hiddenSize: 256, numLayers: 4, bidirectional: true, sequenceLength: 200, batchSize: 8 });
    expect(costRefusal(config)).toBeUndefined();
    expect(notices).toEqual([
      expect.stringMatching(
        /^The link's settings do not go together\. These settings need ≈ [\d.]+ GB of memory to train: over the 4 GB a WebAssembly memory can hold, and the 1 GB this app allows; lower the batch size, sequence length or hidden size\. Using batch size 8\.$/,
      ),
    ]);
  });

  it('leaves a link that fits as it is', () => {
    const { config, notices } = decodeUrlState('?task=chargen&batch=64');
    expect(notices).toEqual([]);
    expect(config.batchSize).toBe(64);
  });
});

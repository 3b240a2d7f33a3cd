import { describe, expect, it } from 'vitest';
import { TASK_IDS, configConflict, startingConfig, withChanges, type TrainConfig } from './config';
import { PRESETS } from './presets';
import { MEMORY_BUDGET_BYTES, costRefusal, estimateCost, fittingChanges, formatBytes, formatSeconds, secondsPerStep, taskSizes } from './cost';

/** The settings of issue #17's report: the largest the controls allow, on character generation. */
const LARGEST: Partial<TrainConfig> = { hiddenSize: 256, numLayers: 4, bidirectional: true, sequenceLength: 200, batchSize: 512 };

describe('cost estimate', () => {
  it('fits every task with its own defaults and every preset, well under the budget', () => {
    for (const task of TASK_IDS) expect(estimateCost(startingConfig({ task })).memoryBytes, task).toBeLessThan(MEMORY_BUDGET_BYTES / 4);
    for (const [name, preset] of Object.entries(PRESETS)) expect(costRefusal(startingConfig({}, preset.settings)), name).toBeUndefined();
  });

  it('grows with every size: batch, steps, hidden units, layers, directions', () => {
    const base = startingConfig({ task: 'chargen' });
    const bytes = (over: Partial<TrainConfig>) => estimateCost({ ...base, ...over }).memoryBytes;
    for (const over of [{ batchSize: 32 }, { sequenceLength: 200 }, { hiddenSize: 256 }, { numLayers: 2 }, { bidirectional: true }]) expect(bytes(over), JSON.stringify(over)).toBeGreaterThan(bytes({}));
    // activations are linear in the batch: doubling it less than doubles the whole (weights, base stay)
    expect(bytes({ batchSize: 64 }) / bytes({ batchSize: 32 })).toBeGreaterThan(1.5);
    expect(bytes({ batchSize: 64 }) / bytes({ batchSize: 32 })).toBeLessThan(2);
    // the parts add up
    const estimate = estimateCost(base);
    expect(estimate.parts.reduce((sum, part) => sum + part.bytes, 0)).toBe(estimate.memoryBytes);
  });

  it('takes the largest vocabulary when the learner trains on their own text', () => {
    const config = startingConfig({ task: 'chargen' });
    expect(taskSizes(config, true).vocabSize).toBeGreaterThan(taskSizes(config).vocabSize!);
    expect(estimateCost(config, taskSizes(config, true)).memoryBytes).toBeGreaterThan(estimateCost(config).memoryBytes);
  });

  it('gives a time a step that grows with the work, slower on CPU and WebGL than on WASM', () => {
    const small = estimateCost(startingConfig({ task: 'sine' }));
    const large = estimateCost(startingConfig({ task: 'chargen' }, { hiddenSize: 256, batchSize: 64 }));
    expect(secondsPerStep(small)).toBeGreaterThan(0.002);
    expect(secondsPerStep(small)).toBeLessThan(0.1);
    expect(secondsPerStep(large)).toBeGreaterThan(10 * secondsPerStep(small));
    expect(secondsPerStep(large, 'cpu')).toBeGreaterThan(secondsPerStep(large, 'wasm'));
    expect(secondsPerStep(large, 'webgl')).toBeGreaterThan(secondsPerStep(large, 'wasm'));
  });

  it('writes sizes and durations as a learner reads them', () => {
    expect(formatBytes(180 * 2 ** 20)).toBe('180 MB');
    expect(formatBytes(5.23 * 2 ** 30)).toBe('5.2 GB');
    expect(formatBytes(2 ** 30)).toBe('1 GB');
    expect(formatBytes(850 * 1024)).toBe('850 kB');
    expect(formatSeconds(0.012)).toBe('12 ms');
    expect(formatSeconds(0.43)).toBe('0.4 s');
    expect(formatSeconds(3.2)).toBe('3.2 s');
    expect(formatSeconds(578)).toBe('578 s');
  });
});

describe('refusing what cannot fit', () => {
  it('refuses the largest settings with the estimate, the limits it passes, and what to lower', () => {
    const largest = startingConfig({ task: 'chargen' }, LARGEST);
    const message = costRefusal(largest)!;
    expect(message).toMatch(/^These settings need ≈ \d+ GB of memory to train: over the 4 GB a WebAssembly memory can hold, and the 1 GB this app allows; lower the batch size, sequence length or hidden size\.$/);
    expect(message).toContain(`≈ ${formatBytes(estimateCost(largest).memoryBytes)}`);
    // the encoder–decoder has digits instead of a sequence length
    expect(costRefusal(startingConfig({ task: 'reverse' }, { ...LARGEST, bidirectional: false, reverseDigits: 12 }))).toMatch(/lower the batch size, digits or hidden size/);
  });

  it('refuses it in the config validation every change goes through (the UI, the CLI, a loaded file), changing nothing', () => {
    const before = startingConfig({ task: 'chargen' });
    // the batch alone is fine; with the task's sizes it is not
    expect(withChanges(before, { batchSize: 64 })).toHaveProperty('config');
    const refused = withChanges(before, { batchSize: 512 });
    expect(refused).toEqual({ error: expect.stringMatching(/^These settings need ≈ [\d.]+ GB of memory to train: over the 1 GB this app allows; lower the batch size/) });
    expect(before.batchSize).toBe(16);
    expect(withChanges(startingConfig({ task: 'chargen' }), LARGEST)).toHaveProperty('error');
  });

  it("resolves a link's too-large settings by lowering the batch size until they fit, then the rest", () => {
    const largest = startingConfig({ task: 'chargen' }, LARGEST);
    const changes = fittingChanges(largest);
    expect(Object.keys(changes)).toEqual(['batchSize']);
    expect(costRefusal({ ...largest, ...changes })).toBeUndefined();
    // a twice larger batch would not fit: the batch was lowered no further than needed (halving)
    expect(costRefusal({ ...largest, batchSize: changes.batchSize! * 2 })).toBeDefined();
    // resolved together with the other conflicts (reverse digits reads one way), each on the config before it resolved
    const reverse = startingConfig({ task: 'reverse' }, { ...LARGEST, reverseDigits: 12 });
    const conflict = configConflict(reverse)!;
    expect(conflict.resolve.bidirectional).toBe(false);
    expect(costRefusal({ ...reverse, ...conflict.resolve })).toBeUndefined();
  });
});

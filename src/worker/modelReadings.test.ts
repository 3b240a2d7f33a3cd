import { describe, expect, it } from 'vitest';
import { pca2 } from '../core/linalg';
import { Trainer } from '../core/trainer';
import { defaultConfig } from '../shared/config';
import { TASKS } from '../tasks/registry';
import { projectHidden } from './modelReadings';

describe('projectHidden', () => {
  it("projects the top layer's forward h_t trajectory, whatever the other gates hold", () => {
    const config = { ...defaultConfig(), hiddenSize: 3, sequenceLength: 5, batchSize: 2, numLayers: 2, bidirectional: true };
    const trainer = new Trainer(config, TASKS[config.task](config, {}));
    const { layerDirs, recordedNames } = trainer;
    const steps = 5;
    const block = steps * 3;
    // every (layerDir, gate) block holds a different constant, except top-forward h: a trajectory
    const gates = new Float32Array(layerDirs * recordedNames.length * block);
    for (let b = 0; b < layerDirs * recordedNames.length; b++) gates.fill(b + 1, b * block, (b + 1) * block);
    const trajectory = Float32Array.from({ length: block }, (_, k) => Math.sin(k * 0.7) + (k % 3));
    const topForward = 2; // layer 1, forward: (layer · 2 directions + 0)
    gates.set(trajectory, (topForward * recordedNames.length + recordedNames.indexOf('h')) * block);
    expect(projectHidden(trainer, gates)).toEqual(pca2(trajectory, steps, 3));
    trainer.dispose();
  });
});

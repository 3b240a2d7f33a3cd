import { describe, expect, it } from 'vitest';
import { defaultConfig, type TrainConfig } from '../shared/config';
import { withSettingsAdded } from './savedRuns';

describe('a run saved before a setting existed', () => {
  it('gets that setting at its default (recurrentInit: PyTorch’s), keeping every saved value', () => {
    const { recurrentInit: _, ...before } = { ...defaultConfig(), cell: 'gru' as const, recurrentInitGain: 1.5 };
    expect(withSettingsAdded(before as TrainConfig)).toEqual({ ...defaultConfig(), cell: 'gru', recurrentInitGain: 1.5, recurrentInit: 'default' });
    const orthogonal: TrainConfig = { ...defaultConfig(), recurrentInit: 'orthogonal' };
    expect(withSettingsAdded(orthogonal)).toEqual(orthogonal);
  });
});

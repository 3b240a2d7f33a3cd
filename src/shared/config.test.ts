import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, LIVE_SETTINGS, configConflict, defaultConfig, fieldAppliesTo, isLiveSetting, withChanges } from './config';

describe('config', () => {
  it('refuses a change that makes settings clash, naming the fix, and leaves the config as it was', () => {
    const config = { ...defaultConfig(), bidirectional: true };
    const result = withChanges(config, { task: 'reverse' });
    expect(result).toEqual({ error: expect.stringMatching(/turn Bidirectional off/) });
    expect(config.task).toBe('sine');
    expect(withChanges({ ...defaultConfig(), task: 'reverse' }, { bidirectional: true })).toHaveProperty('error');
    // together, the fix and the change are fine
    expect(withChanges(config, { task: 'reverse', bidirectional: false })).toEqual({ config: { ...config, task: 'reverse', bidirectional: false } });
    expect(configConflict(defaultConfig())).toBeUndefined();
  });

  it('shows task-only settings for their tasks only', () => {
    expect(fieldAppliesTo(CONFIG_FIELDS.reverseDigits, 'reverse')).toBe(true);
    expect(fieldAppliesTo(CONFIG_FIELDS.reverseDigits, 'sine')).toBe(false);
    expect(fieldAppliesTo(CONFIG_FIELDS.sequenceLength, 'reverse')).toBe(false);
    expect(fieldAppliesTo(CONFIG_FIELDS.sinePeriod, 'sine')).toBe(true);
    expect(fieldAppliesTo(CONFIG_FIELDS.hiddenSize, 'reverse')).toBe(true);
  });

  it('names the live settings (changed in place) once; every other setting rebuilds the model', () => {
    expect(LIVE_SETTINGS).toEqual(['learningRate', 'clipMode', 'clipThreshold']);
    for (const key of LIVE_SETTINGS) expect(CONFIG_FIELDS[key]).toBeDefined();
    expect(isLiveSetting('clipThreshold')).toBe(true);
    expect(isLiveSetting('hiddenSize')).toBe(false);
  });
});

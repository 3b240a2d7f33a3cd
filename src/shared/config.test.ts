import { describe, expect, it } from 'vitest';
import {
  CONFIG_FIELDS,
  LIVE_SETTINGS,
  TASK_IDS,
  changesForChoice,
  configConflict,
  defaultConfig,
  defaultConfigFor,
  fieldAppliesTo,
  isLiveSetting,
  ownDefault,
  startingConfig,
  withChanges,
} from './config';
import { PRESETS } from './presets';
import { overrideTaskDefaults, withExampleTaskDefaults } from '../test/taskDefaults';

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

  it('gives every task the table defaults where it declares none of its own', () => {
    const restore = overrideTaskDefaults({});
    for (const task of TASK_IDS) expect(defaultConfigFor(task)).toEqual({ ...defaultConfig(), task });
    restore();
  });
});

describe('per-task defaults', () => {
  withExampleTaskDefaults();

  it("looks a task's defaults up over the table's, and a sentiment source's over the task's", () => {
    expect(defaultConfig()).toMatchObject({ task: 'sine', hiddenSize: 16, sequenceLength: 20, learningRate: 0.01 });
    expect(defaultConfigFor('chargen')).toEqual({ ...defaultConfig(), task: 'chargen', hiddenSize: 64, sequenceLength: 48, learningRate: 0.003 });
    expect(defaultConfigFor('sentiment')).toEqual({ ...defaultConfig(), task: 'sentiment' });
    expect(defaultConfigFor('sentiment', 'reviews')).toEqual({ ...defaultConfig(), task: 'sentiment', sentimentSource: 'reviews', hiddenSize: 24 });
    // chargen reads no reviews, so that source's defaults do not reach it
    expect(defaultConfigFor('chargen', 'reviews').hiddenSize).toBe(64);
  });

  it("starts a preset's settings from its task's defaults, or from the chosen task's", () => {
    expect(startingConfig({ task: 'chargen' })).toEqual(defaultConfigFor('chargen'));
    expect(startingConfig({}, PRESETS.explode.settings)).toEqual({ ...defaultConfig(), ...PRESETS.explode.settings });
    const explodeOnChargen = startingConfig({ task: 'chargen' }, PRESETS.explode.settings);
    expect(explodeOnChargen).toMatchObject({ task: 'chargen', hiddenSize: 32, learningRate: 2, sequenceLength: 20 });
  });

  it('a new task brings its defaults, except for settings the learner touched or that differ from the old defaults', () => {
    const sine = defaultConfig();
    expect(changesForChoice(sine, { task: 'chargen' })).toEqual({ task: 'chargen', hiddenSize: 64, sequenceLength: 48, learningRate: 0.003 });
    expect(changesForChoice(sine, { task: 'chargen' }, ['hiddenSize'])).toEqual({ task: 'chargen', sequenceLength: 48, learningRate: 0.003 });
    expect(changesForChoice({ ...sine, sequenceLength: 30 }, { task: 'chargen' })).toEqual({ task: 'chargen', hiddenSize: 64, learningRate: 0.003 });
    // and back: chargen's defaults give way to sine's
    expect(changesForChoice(defaultConfigFor('chargen'), { task: 'sine' })).toEqual({ task: 'sine', hiddenSize: 16, sequenceLength: 20, learningRate: 0.01 });
    // a source of reviews brings its own
    expect(changesForChoice({ ...sine, task: 'sentiment' }, { sentimentSource: 'reviews' })).toEqual({ sentimentSource: 'reviews', hiddenSize: 24 });
  });

  it("names whose default a value is, only where a task sets it apart", () => {
    expect(ownDefault('hiddenSize', { task: 'chargen', sentimentSource: 'generated' })).toEqual({ value: 64, of: 'Character generation' });
    expect(ownDefault('hiddenSize', { task: 'sine', sentimentSource: 'generated' })).toBeUndefined();
    expect(ownDefault('hiddenSize', { task: 'sentiment', sentimentSource: 'reviews' })).toEqual({ value: 24, of: 'Sentiment, real reviews' });
    expect(ownDefault('task', { task: 'chargen', sentimentSource: 'generated' })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultConfigFor } from '../shared/config';
import { withExampleTaskDefaults } from '../test/taskDefaults';
import { baselinesJson, parseTrainArgs, trainHelp } from './train';

describe("train's JSON summary", () => {
  it('puts the baselines under `baselines`, and those in another metric under baselines<Metric>', () => {
    const json = baselinesJson({ baselines: { mean: 7.6, persistence: 0.02 }, baselinesIn: { rmsePpm: { mean: 27.5, persistence: 1.4 } } });
    expect(json).toEqual({ baselines: { mean: 7.6, persistence: 0.02 }, baselinesRmsePpm: { mean: 27.5, persistence: 1.4 } });
  });

  it('adds nothing for a task without baselines', () => {
    expect(baselinesJson({})).toEqual({});
  });
});

describe("train's flags", () => {
  it('parses a task and flags over the defaults, and a preset under the flags', () => {
    expect(parseTrainArgs([]).config).toEqual(defaultConfig());
    expect(parseTrainArgs(['--task', 'memory', '--hidden', '8', '--bidirectional']).config).toEqual({ ...defaultConfigFor('memory'), hiddenSize: 8, bidirectional: true });
    expect(parseTrainArgs(['--preset', 'explode', '--clip', '0.5']).config).toMatchObject({ cell: 'rnn-relu', clipMode: 'norm', clipThreshold: 0.5 });
    expect(() => parseTrainArgs(['--task', 'translation'])).toThrow(/Task must be one of/);
    expect(trainHelp()).toContain('Layers (default 1)');
    expect(trainHelp()).toContain(`Hidden size (default ${defaultConfig().hiddenSize}`);
  });

  describe('with tasks that have defaults of their own', () => {
    withExampleTaskDefaults();

    it("--task chargen uses chargen's defaults, explicit flags win", () => {
      expect(parseTrainArgs(['--task', 'chargen']).config).toEqual(defaultConfigFor('chargen'));
      expect(parseTrainArgs(['--task', 'chargen', '--hidden', '16', '--lr', '0.03']).config).toEqual({ ...defaultConfigFor('chargen'), hiddenSize: 16, learningRate: 0.03 });
      expect(parseTrainArgs(['--task', 'sentiment', '--reviews', 'reviews']).config).toEqual(defaultConfigFor('sentiment', 'reviews'));
      expect(parseTrainArgs(['--task', 'sine']).config).toEqual(defaultConfig());
    });

    it("a preset's settings go on top of its task's defaults, flags over both", () => {
      const config = parseTrainArgs(['--preset', 'explode', '--task', 'chargen', '--lr', '0.5']).config;
      expect(config).toMatchObject({ task: 'chargen', cell: 'rnn-relu', hiddenSize: 32, sequenceLength: 20, learningRate: 0.5 });
    });

    it('--help shows the per-task defaults where they differ', () => {
      const help = trainHelp();
      expect(help).toContain('Hidden size (default 16; sentiment --reviews reviews 24; chargen 64)');
      expect(help).toContain('Sequence length (default 20; chargen 48)');
      expect(help).toContain('Layers (default 1)');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultConfigFor } from '../shared/config';
import { withExampleTaskDefaults } from '../test/taskDefaults';
import { backendFromUrl, decodeUrlState, encodeUrlState, withSpeed } from './urlState';

describe('URL state', () => {
  it('round-trips every kind of setting, writing only what differs from the defaults', () => {
    const config = { ...defaultConfig(), cell: 'gru' as const, hiddenSize: 48, bidirectional: true, learningRate: 0.003, clipMode: 'norm' as const, clipThreshold: 0.5, seed: 42 };
    const search = encodeUrlState(config);
    expect(search).toBe('?cell=gru&hidden=48&bidirectional=true&lr=0.003&clip-mode=norm&clip=0.5&seed=42');
    expect(decodeUrlState(search)).toEqual({ config, preset: undefined, notices: [] });
    expect(encodeUrlState(defaultConfig())).toBe('');
  });

  it('carries W_hh\'s initialisation as ?init= (issue #16), and refuses an unknown one with a notice', () => {
    const config = { ...defaultConfig(), cell: 'rnn-relu' as const, recurrentInit: 'identity' as const };
    expect(encodeUrlState(config)).toBe('?cell=rnn-relu&init=identity');
    expect(decodeUrlState('?init=orthogonal&init-gain=0.5').config).toEqual({ ...defaultConfig(), recurrentInit: 'orthogonal', recurrentInitGain: 0.5 });
    expect(decodeUrlState('?cell=rnn-relu&init=identity').config).toEqual(config);
    expect(decodeUrlState('?init=xavier').notices).toEqual(['The link\'s w_hh init "xavier" is not valid (one of default, orthogonal, identity); using default.']);
  });

  it('starts from a preset and keeps changes made after it', () => {
    const { config, preset } = decodeUrlState('?preset=explode');
    expect(preset).toBe('explode');
    expect(config).toMatchObject({ cell: 'rnn-relu', learningRate: 2, clipMode: 'off' });
    const changed = { ...config, clipMode: 'norm' as const };
    const search = encodeUrlState(changed, 'explode');
    expect(search).toBe('?preset=explode&clip-mode=norm');
    expect(decodeUrlState(search).config).toEqual(changed);
  });

  it('falls back to the default for each tampered value, with a notice, keeping the valid ones', () => {
    const { config, notices } = decodeUrlState('?cell=transformer&hidden=99999&lr=abc&layers=1.5&bidirectional=maybe&seed=7&preset=zzz&unknown=1');
    expect(config).toEqual({ ...defaultConfig(), seed: 7 });
    expect(notices).toEqual([
      'The link\'s preset "zzz" is unknown; using the defaults.',
      'The link\'s cell "transformer" is not valid (one of lstm, gru, rnn-tanh, rnn-relu); using lstm.',
      'The link\'s hidden size "99999" is not valid (a whole number from 1 to 256); using 16.',
      'The link\'s layers "1.5" is not valid (a whole number from 1 to 4); using 1.',
      'The link\'s bidirectional "maybe" is not valid (true or false); using false.',
      'The link\'s learning rate "abc" is not valid (a number from 0.000001 to 10); using 0.01.',
    ]);
  });

  it('refuses empty, infinite and script-like values and shortens long ones', () => {
    const long = 'x'.repeat(500);
    const { config, notices } = decodeUrlState(`?hidden=&lr=Infinity&seed=${long}&task=<script>`);
    expect(config).toEqual(defaultConfig());
    expect(notices).toHaveLength(4);
    expect(notices.join(' ')).toContain(`"${'x'.repeat(40)}…"`);
  });

  it('resolves settings that cannot go together (a bidirectional encoder–decoder) with a notice', () => {
    const { config, notices } = decodeUrlState('?task=reverse&bidirectional=true&digits=6');
    expect(config).toEqual({ ...defaultConfig(), task: 'reverse', reverseDigits: 6, bidirectional: false });
    expect(notices).toEqual([expect.stringMatching(/^The link's settings do not go together\. .*turn Bidirectional off.* Using bidirectional false\.$/)]);
  });

  it('reads the backend the link asks for, and auto for none or an unknown one', () => {
    expect(backendFromUrl('?backend=wasm&cell=gru')).toBe('wasm');
    expect(backendFromUrl('?cell=gru')).toBe('auto');
    expect(backendFromUrl('?backend=tpu')).toBe('auto');
  });
});

describe('URL state: each task brings its own defaults', () => {
  withExampleTaskDefaults();

  it("?task=chargen alone gives chargen's defaults, explicit values win, and the address omits the task's defaults", () => {
    expect(decodeUrlState('?task=chargen')).toEqual({ config: defaultConfigFor('chargen'), preset: undefined, notices: [] });
    expect(encodeUrlState(defaultConfigFor('chargen'))).toBe('?task=chargen');
    const config = { ...defaultConfigFor('chargen'), hiddenSize: 16, cell: 'gru' as const };
    const search = encodeUrlState(config);
    expect(search).toBe('?task=chargen&cell=gru&hidden=16');
    expect(decodeUrlState(search).config).toEqual(config);
    // the order of the parameters does not matter
    expect(decodeUrlState('?hidden=16&cell=gru&task=chargen').config).toEqual(config);
  });

  it('round-trips a source of reviews with its own defaults, and a preset on another task', () => {
    const reviews = { ...defaultConfigFor('sentiment', 'reviews'), seed: 3 };
    expect(encodeUrlState(reviews)).toBe('?task=sentiment&seed=3&reviews=reviews');
    expect(decodeUrlState('?task=sentiment&reviews=reviews&seed=3').config).toEqual(reviews);
    const { config } = decodeUrlState('?preset=explode&task=chargen');
    expect(config).toMatchObject({ task: 'chargen', hiddenSize: 32, learningRate: 2, sequenceLength: 20 });
    expect(encodeUrlState(config, 'explode')).toBe('?preset=explode&task=chargen');
  });

  it("a refused value falls back to the link's task's default", () => {
    const { config, notices } = decodeUrlState('?task=chargen&hidden=9999');
    expect(config).toEqual(defaultConfigFor('chargen'));
    expect(notices).toEqual(['The link\'s hidden size "9999" is not valid (a whole number from 1 to 256); using 64.']);
    expect(decodeUrlState('?task=zzz&hidden=20').config).toEqual({ ...defaultConfig(), hiddenSize: 20 });
  });

  it('reads the training speed (slow motion) apart from the config, and falls back to full speed with a notice', () => {
    expect(decodeUrlState('?speed=5&cell=gru')).toEqual({ config: { ...defaultConfig(), cell: 'gru' }, preset: undefined, speed: 5, notices: [] });
    expect(decodeUrlState('?speed=full').speed).toBe('full');
    expect(decodeUrlState('').speed).toBeUndefined();
    for (const tampered of ['fast', '3', '-1', '']) {
      const { speed, notices, config } = decodeUrlState(`?speed=${tampered}`);
      expect(speed).toBeUndefined();
      expect(config).toEqual(defaultConfig());
      expect(notices).toEqual([`The link's speed "${tampered}" is not valid (one of 1, 5, 20, full); using full speed.`]);
    }
    // written beside the other keys, and left out at full speed
    expect(withSpeed('?cell=gru&backend=wasm', 1)).toBe('?cell=gru&backend=wasm&speed=1');
    expect(withSpeed('?speed=1&cell=gru', 20)).toBe('?speed=20&cell=gru');
    expect(withSpeed('?speed=1', 'full')).toBe('');
  });
});

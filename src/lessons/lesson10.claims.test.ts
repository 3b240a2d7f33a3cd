/**
 * Lesson 10 (PyTorch) tells the truth about its own set-up: every shape its cards state is checked against the
 * trainer the lesson's settings build (its variables by PyTorch name, its layers·directions, its ‖∂L/∂h_t‖ rows)
 * and against the PyTorch code the Keep and share panel shows for those settings (src/shared/pytorchCode.ts):
 * nn.LSTM with batch_first, output (B, T, 2H) into the head, h_n (layers·2, B, H), weight_ih_l0 (4H, I),
 * weight_ih_l1 (4H, 2H), `_reverse` for the backward direction, dropout written only between layers.
 */
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import type { TrainConfig } from '../shared/config';
import { pytorchCode } from '../shared/pytorchCode';
import type { Task } from '../tasks/task';
import { lessonConfig, settingsAt } from './index';
import { dropoutLine, lesson10 } from './lesson10Pytorch';

/** The config a learner has at the part of lesson 10 with this title. */
function configAt(title: string): TrainConfig {
  const index = lesson10.parts.findIndex((part) => part.title === title);
  expect(index).toBeGreaterThanOrEqual(0);
  return lessonConfig(lesson10, settingsAt(lesson10, index));
}

async function trainerFor(config: TrainConfig): Promise<Trainer<Task>> {
  return new Trainer(config, TASKS[config.task](config, await loadTaskData(config.task, readDataFile)));
}

/** The trainer's variables: name → shape. */
function shapes(trainer: Trainer<Task>): Record<string, number[]> {
  const variables = (trainer as unknown as { variables: Record<string, { shape: number[] }> }).variables;
  return Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, v.shape]));
}

/** The code the Keep and share panel shows for a config of the sine task. */
function code(config: TrainConfig): string {
  return pytorchCode(config, { inputSize: 1, outputSize: 1, readout: 'last', fileName: 'unrolled-model.safetensors' });
}

describe('lesson 10: the live model as PyTorch sees it', () => {
  it('set-up: nn.LSTM(input_size=1, hidden_size=16, num_layers=1, batch_first=True); output (B, 20, 16), h_n (1, B, 16); many-to-one reads out[:, -1]', async () => {
    const config = configAt('The live model is an nn.LSTM');
    expect(config).toMatchObject({ task: 'sine', cell: 'lstm', hiddenSize: 16, numLayers: 1, bidirectional: false, sequenceLength: 20 });
    const listing = code(config);
    for (const line of ['self.rnn = nn.LSTM(', 'input_size=1,', 'hidden_size=16,', 'num_layers=1,', 'batch_first=True,', 'dropout=0.0,', 'bidirectional=False,', 'out: (batch, time, 16)', 'self.head(out[:, -1])', 'y, (h_n, c_n) = model(x)']) {
      expect(listing).toContain(line);
    }
    const trainer = await trainerFor(config);
    try {
      expect(trainer.layerDirs).toBe(1);
      expect(shapes(trainer)['head.weight']).toEqual([1, 16]);
    } finally {
      trainer.dispose();
    }
  });

  it('two layers both ways: h_n has 4 rows (layers × directions), output is 2H = 32 wide, weight_ih_l1 is (64, 32), the backward weights end in _reverse', async () => {
    const config = configAt('What happened');
    expect(config).toMatchObject({ numLayers: 2, bidirectional: true, hiddenSize: 16 });
    const trainer = await trainerFor(config);
    try {
      // h_n's first dimension: one row per layer and direction, as the rows of ‖∂L/∂h_t‖
      expect(trainer.layerDirs).toBe(4);
      const stats = await trainer.trainStep(false);
      expect(stats.hiddenGradNorms.length).toBe(4 * 20);
      const rnn = Object.fromEntries(Object.entries(shapes(trainer)).filter(([name]) => name.startsWith('rnn.')));
      const layer = (l: number, input: number, suffix = '') => ({
        [`rnn.weight_ih_l${l}${suffix}`]: [64, input],
        [`rnn.weight_hh_l${l}${suffix}`]: [64, 16],
        [`rnn.bias_ih_l${l}${suffix}`]: [64],
        [`rnn.bias_hh_l${l}${suffix}`]: [64],
      });
      expect(rnn).toEqual({ ...layer(0, 1), ...layer(0, 1, '_reverse'), ...layer(1, 32), ...layer(1, 32, '_reverse') });
      // output, both directions side by side, feeds the head: 2H columns
      expect(shapes(trainer)['head.weight']).toEqual([1, 32]);
    } finally {
      trainer.dispose();
    }
    const listing = code(config);
    expect(listing).toContain('num_layers=2,');
    expect(listing).toContain('bidirectional=True,');
    expect(listing).toContain('out: (batch, time, 32)');
    expect(listing).toContain('nn.Linear(32, 1)');
    expect(listing).toContain('load_state_dict(load_file("unrolled-model.safetensors"), strict=True)');
  });

  it('dropout: 0.2 is written with two layers; with one layer the code writes dropout=0.0', () => {
    const two = configAt('Dropout between layers');
    expect(two).toMatchObject({ numLayers: 2 });
    expect(code({ ...two, dropout: 0.2 })).toContain('dropout=0.2,');
    expect(code({ ...two, dropout: 0.2, numLayers: 1 })).toContain('dropout=0.0,');
    // the card's line (shown where a phone's card covers the code) says what the code writes
    for (const config of [{ ...two, dropout: 0.2 }, { ...two, dropout: 0.2, numLayers: 1 }, { ...two, dropout: 0 }]) {
      const said = /dropout=([\d.]+)\.$/.exec(dropoutLine({ config }))![1];
      expect(code(config)).toContain(`dropout=${said},`);
    }
    expect(dropoutLine({ config: { ...two, dropout: 0.2 } })).toBe("The code's nn.LSTM( now says dropout=0.2.");
  });

  it('the cards name the code as it is written: out, state = self.rnn(x, state); bidirectional still reads out[:, -1]; the GRU question gives no answer away', () => {
    const text = JSON.stringify(lesson10.parts);
    expect(code(configAt('The live model is an nn.LSTM'))).toContain('out, state = self.rnn(x, state)');
    expect(text).toContain('out, state = self.rnn(x, state)');
    expect(configAt('The weights by name')).toMatchObject({ numLayers: 2, bidirectional: true });
    expect(code(configAt('The weights by name'))).toContain('self.head(out[:, -1])');
    expect(text).not.toContain('Three gates');
  });

  it('your turn: a GRU’s weight_ih_l0 has three gates of rows, (48, 1)', async () => {
    const trainer = await trainerFor({ ...configAt('Your turn'), cell: 'gru' });
    try {
      expect(shapes(trainer)['rnn.weight_ih_l0']).toEqual([48, 1]);
    } finally {
      trainer.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { diagramLabel, fittedHalfLabel, recurrentWeightName } from './diagramText';
import { layoutDiagram, VIEWBOX_WIDTH, type DiagramShape } from './unrolledLayout';

const label = (cell: 'lstm' | 'gru' | 'rnn-tanh', shape: DiagramShape) => diagramLabel(cell, shape, layoutDiagram(shape, VIEWBOX_WIDTH));

describe('diagramLabel', () => {
  it('names the cell, the steps, the layers and where the outputs are read', () => {
    expect(label('lstm', { numLayers: 1, bidirectional: false, steps: 20, readout: 'last' })).toBe(
      'LSTM unrolled over 20 time steps, 1 layer; the same weights at every step; one output, at the last step.',
    );
    expect(label('gru', { numLayers: 2, bidirectional: true, steps: 1, readout: 'all' })).toBe(
      'GRU unrolled over 1 time step, 2 layers, bidirectional; the same weights at every step; an output at every step.',
    );
  });

  it('tells an encoder–decoder’s halves and the folded steps', () => {
    expect(label('lstm', { numLayers: 1, bidirectional: false, steps: 8, readout: 'decoder', decoderSteps: 4 })).toBe(
      'LSTM unrolled over 8 time steps, 1 layer; an encoder over steps 1 to 4 (no outputs), whose final state starts a decoder over steps 5 to 8 with its own weights, shared across its steps; an output at every decoder step.',
    );
    expect(label('rnn-tanh', { numLayers: 1, bidirectional: false, steps: 41, readout: 'last' })).toMatch(/; steps 7 to 29 are folded into one gap column\.$/);
  });
});

describe('recurrentWeightName', () => {
  it('adds the layer (several layers), ← (backward direction) and dec (decoder) to hh', () => {
    expect(recurrentWeightName(0, 0, 1)).toBe('hh');
    expect(recurrentWeightName(1, 1, 2)).toBe('hh1←');
    expect(recurrentWeightName(0, 0, 1, true)).toBe('hh dec');
  });
});

describe('fittedHalfLabel', () => {
  it('keeps the sentence where it fits, shortens it to its first word, or drops it', () => {
    expect(fittedHalfLabel('encoder: reads the whole input', 400)).toBe('encoder: reads the whole input');
    expect(fittedHalfLabel('encoder: reads the whole input', 120)).toBe('encoder');
    expect(fittedHalfLabel('encoder: reads the whole input', 30)).toBe('');
  });
});

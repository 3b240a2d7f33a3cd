import { describe, expect, it } from 'vitest';
import type { HorizonPoint } from '../../shared/horizon';
import { overlapNote, overlaps } from './overlaps';

const point = (cell: HorizonPoint['cell'], lag: number, accuracy: number): HorizonPoint => ({ cell, lag, accuracy, stepsPerSecond: 100 });

describe('overlapping points of the accuracy curve', () => {
  it('finds the LSTM and GRU sharing 100% at every lag, and the tanh RNN on its own', () => {
    const points = [5, 10, 20, 40].flatMap((lag) => [point('rnn-tanh', lag, lag === 5 ? 1 : 0.3 - lag / 1000), point('lstm', lag, 1), point('gru', lag, 0.998)]);
    // lag 5: all three round to 100%
    expect(overlaps(points)).toEqual([
      { cells: ['RNN (tanh)', 'LSTM', 'GRU'], percent: 100, lags: [5] },
      { cells: ['LSTM', 'GRU'], percent: 100, lags: [10, 20, 40] },
    ]);
    expect(overlapNote(points)).toMatch(/^Where lines overlap: RNN \(tanh\), LSTM and GRU all at 100% at lag 5; LSTM and GRU both at 100% at lags 10, 20 and 40\./);
  });

  it('says nothing when no two cells share a point', () => {
    expect(overlapNote([point('lstm', 5, 1), point('gru', 5, 0.97), point('rnn-tanh', 5, 0.5)])).toBe('');
    expect(overlapNote([])).toBe('');
  });
});

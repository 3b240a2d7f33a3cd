import { describe, expect, it } from 'vitest';
import { bestRatio, formatTable, timeLoop, type BenchResult } from './measure';

/** A clock that only moves when a step advances it. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('timeLoop', () => {
  it('runs the warm-up untimed, then steps until the budget is spent, and reports steps/s', async () => {
    const clock = fakeClock();
    let calls = 0;
    const timing = await timeLoop(
      async () => {
        calls++;
        clock.advance(calls <= 3 ? 500 : 40); // slow warm-up steps must not count
      },
      3,
      1,
      clock.now,
    );
    expect(timing.steps).toBe(25); // 25 × 40 ms = 1000 ms
    expect(calls).toBe(28);
    expect(timing.elapsedMs).toBe(1000);
    expect(timing.stepsPerSecond).toBeCloseTo(25, 10);
  });

  it('takes at least one step even when one step outlasts the budget', async () => {
    const clock = fakeClock();
    const timing = await timeLoop(async () => clock.advance(3000), 0, 1, clock.now);
    expect(timing).toEqual({ steps: 1, elapsedMs: 3000, stepsPerSecond: 1000 / 3000 });
  });

  it('stops at the first step that reaches the budget', async () => {
    const clock = fakeClock();
    const timing = await timeLoop(async () => clock.advance(300), 0, 1, clock.now);
    expect(timing.steps).toBe(4); // 900 ms < 1000 ms, 1200 ms ≥ 1000 ms
    expect(timing.stepsPerSecond).toBeCloseTo(4 / 1.2, 10);
  });
});

describe('formatTable', () => {
  it('aligns columns under a header and a rule: numbers right, text left', () => {
    const table = formatTable([
      { backend: 'wasm', cell: 'lstm', 'steps/s': 41.2 },
      { backend: 'cpu', cell: 'rnn-tanh', 'steps/s': 9.75 },
    ]);
    expect(table.split('\n')).toEqual([
      'backend  cell      steps/s',
      '-------  --------  -------',
      'wasm     lstm         41.2',
      'cpu      rnn-tanh     9.75',
    ]);
  });

  it('right-aligns numbers formatted as text, keeping their digits', () => {
    const table = formatTable([{ name: 'a', rate: '4.30' }, { name: 'bb', rate: '32.60' }]);
    expect(table.split('\n')).toEqual(['name   rate', '----  -----', 'a      4.30', 'bb    32.60']);
  });

  it('takes columns in order of first appearance and leaves missing cells blank', () => {
    const table = formatTable([{ a: 'x' }, { a: 'yy', b: 3 }]);
    expect(table.split('\n')).toEqual(['a   b', '--  -', 'x', 'yy  3']);
  });
});

describe('bestRatio', () => {
  const result = (backend: string, cell: string, hidden: number, unrolled: number, layers: number): BenchResult => ({
    backend,
    cell,
    hidden,
    unrolledStepsPerSecond: unrolled,
    layersStepsPerSecond: layers,
  });

  it('divides the best Unrolled rate by the best tf.layers rate, each over the backends', () => {
    const { ratioByConfig } = bestRatio([
      result('wasm', 'lstm', 32, 40, 10),
      result('cpu', 'lstm', 32, 12, 20), // tf.layers is fastest on cpu here
    ]);
    expect(ratioByConfig).toEqual({ 'lstm-32': 2 });
  });

  it('summarises the configurations by their geometric mean', () => {
    const { ratio, ratioByConfig } = bestRatio([
      result('wasm', 'lstm', 32, 40, 10),
      result('wasm', 'gru', 32, 10, 10),
      result('wasm', 'gru', 64, 4, 16),
    ]);
    expect(ratioByConfig).toEqual({ 'lstm-32': 4, 'gru-32': 1, 'gru-64': 0.25 });
    expect(ratio).toBeCloseTo(1, 12);
  });

  it('gives NaN for no results', () => {
    expect(bestRatio([]).ratio).toBeNaN();
  });
});

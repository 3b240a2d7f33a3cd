import { describe, expect, it } from 'vitest';
import { bestRatio, checkBudgets, formatTable, sideBySideTable, timeLoop, timeToTargetCheck, type BenchResult } from './measure';
import type { TimeToTargetRow } from './targets';

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

describe('sideBySideTable', () => {
  const row = { backend: 'wasm', cell: 'lstm', hidden: 32, unrolledStepsPerSecond: 250, unrolledGatesStepsPerSecond: 190.44, layersStepsPerSecond: 25, ratio: 10 };

  it('has an op-by-op column where it was measured (Node), in its place, and none where it was not (bench.html)', () => {
    const header = (table: string) => table.split('\n')[0].split(/\s{2,}/);
    expect(header(sideBySideTable([{ ...row, unrolledOpsStepsPerSecond: 44.8 }]))).toEqual(['backend', 'cell', 'hidden', 'unrolled steps/s', 'unrolled+gates steps/s', 'op by op steps/s', 'tf.layers steps/s', 'ratio']);
    expect(sideBySideTable([{ ...row, unrolledOpsStepsPerSecond: 44.8 }]).split('\n')[2]).toMatch(/190\.4\s+44\.8\s+25\.0\s+10\.00$/);
    expect(header(sideBySideTable([row]))).toEqual(['backend', 'cell', 'hidden', 'unrolled steps/s', 'unrolled+gates steps/s', 'tf.layers steps/s', 'ratio']);
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

describe('checkBudgets', () => {
  const row = (backend: string, cell: string, hidden: number, ratio: number) => ({ backend, cell, hidden, ratio, unrolledStepsPerSecond: ratio * 10, layersStepsPerSecond: 10 });
  const browser = {
    rows: [
      { backend: 'wasm', firstStepMs: 950, firstStepAtOnceMs: 990, longTasks: 0, longestTaskMs: 0 },
      { backend: 'webgl', firstStepMs: 1900, firstStepAtOnceMs: 2400, longTasks: 0, longestTaskMs: 0 },
    ],
    sideBySide: [row('wasm', 'lstm', 32, 4.5)],
    initialJsGzipBytes: 121 * 1024,
  };
  const base = { tensorSteps: 10_000, learnerPauseMs: 3000 };

  it('passes every budget when every measurement is within it', () => {
    const checks = checkBudgets({ ...base, rows: [row('wasm', 'lstm', 32, 5), row('cpu', 'rnn-tanh', 64, 3)], tensors: { before: 6, after: 6 }, browser });
    expect(checks.map((c) => c.ok)).toEqual([true, true, true, true, true]);
    expect(checks[0].measured).toBe('lowest 3.00× (cpu rnn-tanh-64)');
    expect(checks[2].budget).toBe('first step < 2 s after Train (pressed 3 s after ready)');
    expect(checks[2].measured).toBe('wasm 950 ms, webgl 1900 ms (pressed at once: wasm 990 ms, webgl 2400 ms)');
  });

  it('fails the budget a single row or backend misses, and names it', () => {
    const checks = checkBudgets({
      ...base,
      rows: [row('wasm', 'lstm', 32, 5), row('wasm', 'rnn-tanh', 64, 2.96)],
      tensors: { before: 6, after: 7 },
      tensorSteps: 100,
      browser: {
        rows: [...browser.rows, { backend: 'cpu', firstStepMs: 2000, firstStepAtOnceMs: 2000, longTasks: 1, longestTaskMs: 73 }],
        sideBySide: [row('webgl', 'gru', 32, 1.5)],
        initialJsGzipBytes: 301 * 1024,
      },
    });
    expect(checks.map((c) => [c.budget, c.ok])).toEqual([
      ['Unrolled ≥ 3× tf.layers on the same backend', false],
      ['live tensors flat over 100 steps', false],
      ['first step < 2 s after Train (pressed 3 s after ready)', false],
      ['no main-thread task > 50 ms while training', false],
      ['initial JavaScript ≤ 300 kB gzip', false],
    ]);
    expect(checks[0].measured).toBe('below: wasm rnn-tanh-64 2.96×, browser webgl gru-32 1.50×');
    expect(checks[3].measured).toBe('1 long tasks, longest 73 ms');
  });

  it('leaves out what was not measured (Node only)', () => {
    expect(checkBudgets({ ...base, rows: [row('wasm', 'gru', 32, 4)], tensorSteps: 10 }).map((c) => c.budget)).toEqual(['Unrolled ≥ 3× tf.layers on the same backend']);
  });

  it('adds a row per task timed to its target, after the others, and only those when only they were measured', () => {
    const timeToTarget: TimeToTargetRow[] = [
      { task: 'memory', target: 'held-out accuracy ≥ 0.9', seconds: 21.4, reachedAtStep: 610, budgetSeconds: 90, lastStep: 610, lastMetrics: { accuracy: 0.93 } },
      { task: 'chargen', target: 'held-out ≤ 2.5 bits/char', seconds: null, reachedAtStep: null, budgetSeconds: 90, lastStep: 700, lastMetrics: { bitsPerChar: 2.64 } },
    ];
    const all = checkBudgets({ ...base, rows: [row('wasm', 'gru', 32, 4)], tensorSteps: 10, timeToTarget });
    expect(all.map((c) => [c.budget, c.ok])).toEqual([
      ['Unrolled ≥ 3× tf.layers on the same backend', true],
      ['memory: held-out accuracy ≥ 0.9, ≤ 90 s after Train (WASM)', true],
      ['chargen: held-out ≤ 2.5 bits/char, ≤ 90 s after Train (WASM)', false],
    ]);
    expect(checkBudgets({ ...base, rows: [], timeToTarget }).map((c) => c.budget)).toEqual([all[1].budget, all[2].budget]);
  });
});

describe('timeToTargetCheck', () => {
  const reached: TimeToTargetRow = { task: 'reverse', target: 'held-out exact-sequence accuracy ≥ 0.9', seconds: 47.25, reachedAtStep: 1500, budgetSeconds: 90, lastStep: 1500, lastMetrics: { accuracy: 0.92, digitAccuracy: 0.98 } };

  it('says when and at which step the target was met, with the reading that met it', () => {
    expect(timeToTargetCheck(reached)).toEqual({
      budget: 'reverse: held-out exact-sequence accuracy ≥ 0.9, ≤ 90 s after Train (WASM)',
      measured: '47.3 s (step 1500: exact-sequence accuracy 0.920)',
      ok: true,
    });
  });

  it('fails a target reached later than its own budget (a budget under 90 s)', () => {
    expect(timeToTargetCheck({ ...reached, budgetSeconds: 45 }).ok).toBe(false);
  });

  it('says "not reached" with the last reading, and why the run stopped early', () => {
    const missed = { ...reached, seconds: null, reachedAtStep: null, lastStep: 3100, lastMetrics: { accuracy: 0.71 } };
    expect(timeToTargetCheck(missed)).toMatchObject({ measured: 'not reached in 90 s (last: exact-sequence accuracy 0.710 at step 3100)', ok: false });
    expect(timeToTargetCheck({ ...missed, note: 'diverged at step 3120' }).measured).toBe('not reached in 90 s (last: exact-sequence accuracy 0.710 at step 3100); diverged at step 3120');
    expect(timeToTargetCheck({ ...missed, lastStep: null, lastMetrics: null }).measured).toBe('not reached in 90 s (last: no held-out evaluation)');
  });
});

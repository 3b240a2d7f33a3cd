import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { executionPlanFor } from '../core/kernels/executionPlan';
import type { RunState } from '../shared/protocol';
import { ModelWarmUp, WARM_UP_DELAY_MS, warmUpOnWebgl, type ScratchModel } from './warmUp';

/** A run stand-in: only its state matters to the warm-up. */
interface FakeRun {
  state: RunState;
}

/** A warm-up over fake runs whose scratch models log what happens to them. */
function warmUpOf(options: { warm?: boolean; failStep?: boolean } = {}) {
  const log: string[] = [];
  const current: { run: FakeRun | undefined } = { run: undefined };
  const queued: Array<Promise<void>> = [];
  const scratch: ScratchModel = {
    trainStep: async () => {
      log.push('step');
      if (options.failStep) throw new Error('no shader for that');
      return undefined as never;
    },
    evaluate: async () => (log.push('evaluate'), undefined as never),
    dispose: () => void log.push('dispose'),
  };
  const warmUps = new ModelWarmUp<FakeRun>({
    shouldWarmUp: () => options.warm ?? true,
    onWarmedUp: () => void log.push('warmed up'),
    scratchFor: () => scratch,
    currentRun: () => current.run,
    enqueue: (command) => void queued.push(command()),
  });
  /** Lets the delay pass and the queued warm-ups finish. */
  const settle = async () => {
    await vi.advanceTimersByTimeAsync(WARM_UP_DELAY_MS);
    await Promise.all(queued);
  };
  return { warmUps, log, current, settle };
}

describe('ModelWarmUp', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('warms up a new idle run once, WARM_UP_DELAY_MS after the refresh that follows it, and frees its scratch model', async () => {
    const { warmUps, log, current, settle } = warmUpOf();
    const run: FakeRun = (current.run = { state: 'idle' });
    warmUps.newRun(run);
    warmUps.afterRefresh();
    await vi.advanceTimersByTimeAsync(WARM_UP_DELAY_MS - 1);
    expect(log).toEqual([]);
    await settle();
    expect(log).toEqual(['step', 'evaluate', 'warmed up', 'dispose']);
    // the next refresh of the same run warms nothing up
    warmUps.afterRefresh();
    await settle();
    expect(log).toHaveLength(4);
  });

  it('skips a run that started training or was replaced meanwhile, and a model shouldWarmUp declines', async () => {
    const started = warmUpOf();
    const run: FakeRun = (started.current.run = { state: 'idle' });
    started.warmUps.newRun(run);
    started.warmUps.afterRefresh();
    run.state = 'running';
    await started.settle();
    expect(started.log).toEqual([]);

    const replaced = warmUpOf();
    replaced.warmUps.newRun((replaced.current.run = { state: 'idle' }));
    replaced.warmUps.afterRefresh();
    replaced.current.run = { state: 'idle' };
    await replaced.settle();
    expect(replaced.log).toEqual([]);

    const declined = warmUpOf({ warm: false });
    declined.warmUps.newRun((declined.current.run = { state: 'idle' }));
    declined.warmUps.afterRefresh();
    await declined.settle();
    expect(declined.log).toEqual([]);
  });

  it('costs nothing when it fails: no error, no "warmed up", the scratch model freed', async () => {
    const { warmUps, log, current, settle } = warmUpOf({ failStep: true });
    warmUps.newRun((current.run = { state: 'idle' }));
    warmUps.afterRefresh();
    await settle();
    expect(log).toEqual(['step', 'dispose']);
  });
});

describe('warmUpOnWebgl', () => {
  it('warms up on the WebGL plan init chose only', () => {
    expect(warmUpOnWebgl(executionPlanFor('webgl'))).toBe(true);
    expect(warmUpOnWebgl(executionPlanFor('wasm'))).toBe(false);
    expect(warmUpOnWebgl(undefined)).toBe(false);
  });
});

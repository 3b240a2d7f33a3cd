/** The horizon store over a fake worker: points land, the time left comes from the measured speed, Stop keeps what was measured. */
import { describe, expect, it } from 'vitest';
import { HORIZON_STEPS, HORIZON_TOTAL_STEPS, type HorizonMessage } from '../../shared/horizon';
import { createHorizonStore, fractionDone, stepsDone, type StartWorker } from './horizonStore';

function fakeWorker() {
  const log = { started: 0, terminated: 0, posted: [] as unknown[] };
  let current: ReturnType<StartWorker> | undefined;
  const start: StartWorker = () => {
    log.started++;
    current = { onmessage: null, postMessage: (m: unknown) => log.posted.push(m), terminate: () => void log.terminated++ } as ReturnType<StartWorker>;
    return current;
  };
  const send = (data: HorizonMessage) => current!.onmessage!({ data } as MessageEvent<HorizonMessage>);
  return { start, send, log };
}

describe('horizon store', () => {
  it('collects points and estimates the time left from the speed so far', () => {
    const { start, send, log } = fakeWorker();
    let clock = 0;
    const store = createHorizonStore(start, () => clock);
    store.getState().start();
    expect(log.posted).toEqual([{ kind: 'start' }]);
    expect(store.getState().status).toBe('running');
    clock = 1000;
    send({ kind: 'progress', run: { cell: 'rnn-tanh', lag: 5 }, step: 100, stepsPerSecond: 100 });
    // 100 steps in 1 s: the rest of the plan at 100 steps/s
    expect(store.getState().secondsLeft).toBeCloseTo((HORIZON_TOTAL_STEPS - 100) / 100, 6);
    send({ kind: 'point', point: { cell: 'rnn-tanh', lag: 5, accuracy: 1, stepsPerSecond: 100 } });
    expect(stepsDone(store.getState())).toBe(HORIZON_STEPS);
    expect(fractionDone(store.getState())).toBeCloseTo(HORIZON_STEPS / HORIZON_TOTAL_STEPS, 9);
    send({ kind: 'done' });
    expect(store.getState().status).toBe('done');
    expect(log.terminated).toBe(1);
  });

  it('Stop ends the worker and keeps the points measured; nothing is filled in', () => {
    const { start, send, log } = fakeWorker();
    const store = createHorizonStore(start, () => 0);
    store.getState().start();
    send({ kind: 'point', point: { cell: 'lstm', lag: 5, accuracy: 0.99, stepsPerSecond: 80 } });
    store.getState().stop();
    expect(store.getState().status).toBe('stopped');
    expect(store.getState().points).toHaveLength(1);
    expect(log.terminated).toBe(1);
  });

  it('says what failed', () => {
    const { start, send } = fakeWorker();
    const store = createHorizonStore(start, () => 0);
    store.getState().start();
    send({ kind: 'error', message: 'WASM could not start' });
    expect(store.getState()).toMatchObject({ status: 'error', error: 'WASM could not start' });
  });
});

import { describe, expect, it } from 'vitest';
import { fakeFrame, startWithFakeTrainer } from '../test/fakeTrainer';

describe('telemetry slice', () => {
  it('ignores a frame of a run that was since rebuilt, and takes the new run’s', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    await store.getState().reset();
    expect(store.getState().runInfo?.runId).toBe(2);
    const versionBefore = store.getState().historyVersion;

    expect(store.getState().receiveFrame(fakeFrame(1, 5))).toBe(false);
    await trainer.send(fakeFrame(1, 6));
    const stale = store.getState();
    expect(stale.framesReceived).toBe(0);
    expect(stale.frame).toBeUndefined();
    expect(stale.stepHistory.length).toBe(0);
    expect(stale.historyVersion).toBe(versionBefore);

    await trainer.send(fakeFrame(2, 1));
    expect(store.getState().framesReceived).toBe(1);
    expect(store.getState().frame?.step).toBe(1);
  });

  it('appends every step’s loss and gradient norms, and each frame’s metrics, σ_max and gradient profile', async () => {
    const { store } = await startWithFakeTrainer();
    const { receiveFrame } = store.getState();
    receiveFrame(fakeFrame(1, 3, { metrics: { mse: 0.5, baselineMse: 1 }, recurrentSigma: new Float32Array([1, 2, 3, 4]) }, 3));
    receiveFrame(fakeFrame(1, 5, { metrics: { mse: 0.25, baselineMse: 1 } }, 2));
    const s = store.getState();
    expect(s.stepHistory.points(0).map(([step]) => step)).toEqual([1, 2, 3, 4, 5]);
    expect(s.stepHistory.points(0)[1][1]).toBeCloseTo(1 / 2);
    expect(s.stepHistory.points(1)[0][1]).toBe(2);
    expect(s.stepHistory.points(2)[0][1]).toBe(1);
    expect(s.initialLoss).toBe(1);
    expect(s.metricNames).toEqual(['mse', 'baselineMse']);
    expect(s.metricHistory.samples.map((m) => [m.step, ...m.values])).toEqual([
      [3, 0.5, 1],
      [5, 0.25, 1],
    ]);
    expect(s.metrics).toEqual({ mse: 0.25, baselineMse: 1 });
    // the σ_max of the first frame stays until a frame brings new ones
    expect(s.sigmaHistory.samples.map((m) => m.step)).toEqual([3]);
    expect(Array.from(s.recurrentSigma ?? [])).toEqual([1, 2, 3, 4]);
    expect(s.gradProfileHistory.samples.map((m) => m.step)).toEqual([3, 5]);
    expect(s.framesReceived).toBe(2);
    expect(s.status).toBe('running');
  });

  it("keeps the latest held-out trace, the baselines' forecasts with it, through frames without one", async () => {
    const { store } = await startWithFakeTrainer();
    const { receiveFrame } = store.getState();
    const trace = { truth: Float32Array.of(1, 2), prediction: Float32Array.of(1, 3), baselines: { persistence: Float32Array.of(0, 1) } };
    receiveFrame(fakeFrame(1, 1, { trace, metrics: { mse: 0.5, skillVsPersistence: 0.5 } }));
    receiveFrame(fakeFrame(1, 2));
    expect(Array.from(store.getState().trace?.baselines?.persistence ?? [])).toEqual([0, 1]);
    expect(store.getState().metrics?.skillVsPersistence).toBe(0.5);
  });

    it('keeps the last gates through frames without them, and forgets later steps after a rewind', async () => {
    const { store } = await startWithFakeTrainer();
    const { receiveFrame } = store.getState();
    const gates = new Float32Array([0.5]);
    receiveFrame(fakeFrame(1, 4, { gates }, 4));
    receiveFrame(fakeFrame(1, 6, {}, 2));
    expect(store.getState().frame?.gates).toBe(gates);

    receiveFrame(fakeFrame(1, 2, { state: 'paused' }, 0));
    const s = store.getState();
    expect(s.frame?.step).toBe(2);
    expect(s.frame?.gates).toBeUndefined();
    expect(s.stepHistory.points(0).map(([step]) => step)).toEqual([1, 2]);
    expect(s.gradProfileHistory.samples.map((m) => m.step)).toEqual([2]);
  });

  it('takes the worker’s running and diverged, but never over an error the page shows', async () => {
    const { store } = await startWithFakeTrainer();
    const divergence = { step: 2, quantity: 'loss' as const, value: Infinity, how: 'became +∞', message: 'Diverged at step 2: the loss became +∞.' };
    store.getState().receiveFrame(fakeFrame(1, 2, { state: 'diverged', divergence }));
    expect(store.getState().status).toBe('diverged');
    expect(store.getState().divergence).toEqual(divergence);

    store.setState({ status: 'error', error: 'the trainer stopped' });
    store.getState().receiveFrame(fakeFrame(1, 3));
    expect(store.getState().status).toBe('error');
  });

  it('clears the telemetry when a new run begins', async () => {
    const { store } = await startWithFakeTrainer();
    store.getState().receiveFrame(fakeFrame(1, 3, { hiddenPca: { coords: new Float32Array(6), explained: [0.9, 0.1] } }, 3));
    await store.getState().reset();
    const s = store.getState();
    expect(s.frame).toBeUndefined();
    expect(s.hiddenPca).toBeUndefined();
    expect(s.initialLoss).toBeUndefined();
    expect(s.stepHistory.length).toBe(0);
    expect(s.gradProfileHistory.samples).toEqual([]);
    expect(s.status).toBe('idle');
  });

  it('keeps the milestone samples of the run by step: once each, none past a rewind, none from an older run', async () => {
    const { store } = await startWithFakeTrainer();
    const { receiveFrame } = store.getState();
    const sample = (step: number, text = `text at ${step}`) => ({ step, seed: 'The sea ', temperature: 0.8, text });
    receiveFrame(fakeFrame(1, 1, { sample: sample(0) }));
    // the sample of step 100 comes with a frame that covers steps 95–104
    receiveFrame(fakeFrame(1, 104, { sample: sample(100) }, 10));
    receiveFrame(fakeFrame(1, 110));
    expect(store.getState().samples.map((s) => s.step)).toEqual([0, 100]);
    const before = store.getState().samples;
    receiveFrame(fakeFrame(1, 111));
    expect(store.getState().samples).toBe(before);

    // rewound to step 90: the step-100 sample was written by weights the rewind undid
    receiveFrame(fakeFrame(1, 90, { state: 'paused' }, 0));
    expect(store.getState().samples.map((s) => s.step)).toEqual([0]);
    // written again when training passes step 100, and a repeat replaces rather than doubles it
    receiveFrame(fakeFrame(1, 101, { sample: sample(100, 'again') }, 11));
    receiveFrame(fakeFrame(1, 102, { sample: sample(100, 'again') }));
    expect(store.getState().samples).toEqual([sample(0), sample(100, 'again')]);

    await store.getState().reset();
    expect(store.getState().samples).toEqual([]);
    receiveFrame(fakeFrame(1, 103, { sample: sample(100) }));
    expect(store.getState().samples).toEqual([]);
  });
});

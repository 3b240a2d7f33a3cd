import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { createFakeTrainer, fakeFrame, startWithFakeTrainer } from '../test/fakeTrainer';
import { createAppStore } from './store';

describe('run slice', () => {
  it('starts the worker once on the backend asked for, and builds the first run', async () => {
    const trainer = createFakeTrainer();
    let backendAsked: string | undefined;
    trainer.api.init = async (preferred) => {
      backendAsked = preferred;
      return { backend: 'cpu', label: 'CPU', note: 'WebGL is not available in this browser' };
    };
    let connections = 0;
    const connect = () => {
      connections++;
      return trainer.worker;
    };
    const store = createAppStore(connect, { config: defaultConfig(), backend: 'webgl' });
    expect(store.getState().status).toBe('starting');
    await store.getState().start();
    await store.getState().start();
    expect(connections).toBe(1);
    expect(backendAsked).toBe('webgl');
    expect(store.getState()).toMatchObject({ status: 'idle', backend: { label: 'CPU' }, runInfo: { runId: 1 } });
  });

  it('shows a worker that fails to start as an error the learner can read', async () => {
    const trainer = createFakeTrainer();
    trainer.api.init = async () => {
      throw 'no backend could start';
    };
    const store = createAppStore(() => trainer.worker, { config: defaultConfig() });
    await store.getState().start();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'no backend could start' });
  });

  it('trains, pauses, and steps (each Step plays the animation once)', async () => {
    const { store } = await startWithFakeTrainer();
    await store.getState().train();
    expect(store.getState().status).toBe('running');
    await store.getState().step();
    expect(store.getState().stepAnimation).toBe(0);
    await store.getState().pause();
    expect(store.getState().status).toBe('paused');
    await store.getState().step();
    expect(store.getState()).toMatchObject({ status: 'paused', stepAnimation: 1 });
  });

  it('rewinds a diverged run to its last finite checkpoint, or says why it cannot', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    const divergence = { step: 9, quantity: 'gradient norm' as const, value: NaN, how: 'became NaN', message: 'Diverged at step 9: the gradient norm became NaN.' };
    store.getState().receiveFrame(fakeFrame(1, 9, { state: 'diverged', divergence }));
    trainer.api.rewind = async () => ({ step: 5 });
    await store.getState().rewind();
    expect(store.getState()).toMatchObject({ status: 'paused', divergence: undefined, notice: 'Rewound to step 5, the last finite checkpoint.' });

    trainer.api.rewind = async () => ({ error: 'There is no finite checkpoint yet.' });
    await store.getState().rewind();
    expect(store.getState().notice).toBe('There is no finite checkpoint yet.');
  });

  it('sends the speed of the link to the worker when it starts, and changes speed live without rebuilding the run', async () => {
    const asked: Array<number | undefined> = [];
    const changes: unknown[] = [];
    const trainer = createFakeTrainer();
    trainer.api.setSpeed = async (stepsPerSecond) => void asked.push(stepsPerSecond);
    const store = createAppStore(() => trainer.worker, { config: defaultConfig(), speed: 5, onSpeedChange: (speed) => changes.push(speed) });
    expect(store.getState().speed).toBe(5);
    await store.getState().start();
    expect(asked).toEqual([5]);
    await store.getState().train();
    const configures = trainer.calls.filter((name) => name === 'configure').length;

    await store.getState().setSpeed(1);
    await store.getState().setSpeed('full');
    // the same speed again changes nothing
    await store.getState().setSpeed('full');
    expect(asked).toEqual([5, 1, undefined]);
    expect(changes).toEqual([1, 'full']);
    // the run goes on: same run, still training, no new model
    expect(store.getState()).toMatchObject({ speed: 'full', status: 'running', runInfo: { runId: 1 } });
    expect(trainer.calls.filter((name) => name === 'configure').length).toBe(configures);
  });

  it('starts at full speed when the link names none', async () => {
    const { store, trainer } = await startWithFakeTrainer();
    expect(store.getState().speed).toBe('full');
    expect(trainer.calls).toContain('setSpeed');
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { Trainer } from '../core/trainer';
import { defaultConfig, type TrainConfig } from '../shared/config';
import type { SamplePlan } from '../shared/milestoneSamples';
import type { TelemetryFrame } from '../shared/protocol';
import { loadTaskData, TASKS } from '../tasks/registry';
import type { TaskData } from '../tasks/task';
import { writeSample } from './milestoneSamples';
import { CHECKPOINT_EVERY, RunSession } from './runSession';

let chargenData: TaskData = {};
beforeAll(async () => {
  chargenData = await loadTaskData('chargen', readDataFile);
}, 60_000);

/** A session over a small model of `changes`, with its first checkpoint kept (as the service does). */
async function sessionOf(changes: Partial<TrainConfig> = {}, startStep = 0): Promise<RunSession> {
  const config = { ...defaultConfig(), hiddenSize: 4, sequenceLength: 5, batchSize: 4, ...changes };
  const session = new RunSession(3, new Trainer(config, TASKS[config.task](config, {})), startStep);
  await session.checkpoint();
  return session;
}

/** A small character-generation session that writes samples by `plan` (short ones, at early steps). */
async function chargenSession(plan: SamplePlan): Promise<RunSession> {
  const config = { ...defaultConfig(), task: 'chargen' as const, hiddenSize: 8, sequenceLength: 8, batchSize: 4, learningRate: 0.05 };
  const session = new RunSession(5, new Trainer(config, TASKS.chargen(config, chargenData)), 0, plan);
  await session.checkpoint();
  return session;
}

/** The samples of the next frames, until a frame has none. */
async function samplesOfNextFrames(session: RunSession): Promise<NonNullable<TelemetryFrame['sample']>[]> {
  const samples: NonNullable<TelemetryFrame['sample']>[] = [];
  for (let frame = await session.nextFrame(false); frame?.sample; frame = await session.nextFrame(false)) samples.push(frame.sample);
  return samples;
}

const plan: SamplePlan = { steps: [0, 3, 5, 12], seed: 'The ', temperature: 0.8, length: 24 };

describe('RunSession', () => {
  it('keeps a checkpoint every few steps and reports every step since the last frame in one frame', async () => {
    const session = await sessionOf();
    for (let k = 0; k < CHECKPOINT_EVERY + 2; k++) await session.step(false);
    const frame = (await session.nextFrame(false))!;
    expect(frame).toMatchObject({ runId: 3, state: 'idle', step: 12, firstStep: 1, checkpointSteps: [0, 10] });
    expect(frame.losses).toHaveLength(12);
    expect(frame.loss).toBe(frame.losses[11]);
    session.dispose();
  });

  it('starts from idle or paused only, pauses only while running, and steps by hand only when not running', async () => {
    const session = await sessionOf();
    session.pause();
    expect(session.state).toBe('idle');
    expect(session.start()).toBe(true);
    expect(session.state).toBe('running');
    expect(session.start()).toBe(false);
    expect(await session.stepOnce()).toBe(false);
    expect(session.trainer.step).toBe(0);
    session.pause();
    expect(session.state).toBe('paused');
    expect(await session.stepOnce()).toBe(true);
    expect(session).toMatchObject({ state: 'paused', trainer: { step: 1 } });
    expect(session.start()).toBe(true);
    session.dispose();
  });

  it('rewinds to the newest checkpoint: the same data stream, the same losses again', async () => {
    const session = await sessionOf();
    for (let k = 0; k < 12; k++) await session.step(false);
    const firstTime = Array.from((await session.nextFrame(false))!.losses.subarray(10));
    expect(await session.rewind()).toBe(10);
    const rewound = (await session.nextFrame(false))!;
    expect(rewound).toMatchObject({ state: 'paused', step: 10, firstStep: 11, loss: NaN, checkpointSteps: [0, 10] });
    await session.step(false);
    await session.step(false);
    expect(Array.from((await session.nextFrame(false))!.losses)).toEqual(firstTime);
    session.dispose();
  });

  it('stops at the step that diverged and says what blew up', async () => {
    const session = await sessionOf({ cell: 'rnn-relu', hiddenSize: 32, sequenceLength: 20, batchSize: 32, optimizer: 'sgd', learningRate: 2 });
    for (let k = 0; k < 200 && session.state !== 'diverged'; k++) await session.step(false);
    expect(session.state).toBe('diverged');
    expect(session.divergence!.step).toBe(session.trainer.step);
    // a diverged run neither trains on nor steps until it is rewound
    expect(session.start()).toBe(false);
    expect(await session.stepOnce()).toBe(false);
    const frame = (await session.nextFrame(true))!;
    expect(frame.divergence).toEqual(session.divergence);
    // a diverged state is nothing to keep
    expect(frame.trainerState).toBeUndefined();
    session.dispose();
  });

  it('a frame carries the state of its own step, once: what the page keeps to save as it is left', async () => {
    const session = await sessionOf();
    session.start();
    for (let k = 0; k < 3; k++) await session.step(false);
    const frame = (await session.nextFrame(false))!;
    const state = await session.trainer.state();
    expect(frame.trainerState).toMatchObject({ step: 3, batchRngState: state.batchRngState, dropoutRngState: state.dropoutRngState });
    expect(frame.trainerState!.weights).toEqual(state.weights);
    expect(frame.trainerState!.optimizer).toEqual(state.optimizer);
    // a frame with no new step does not send it again
    expect((await session.nextFrame(false))!.trainerState).toBeUndefined();
    session.dispose();
  });

  it('applies a clipping change from the next step on', async () => {
    const session = await sessionOf();
    session.applyLive({ clipMode: 'norm', clipThreshold: 1e-3 });
    await session.step(true);
    const frame = (await session.nextFrame(true))!;
    expect(frame.gradNormBefore).toBeGreaterThan(1e-3);
    expect(frame.gradNormAfter).toBeCloseTo(1e-3, 6);
    expect(frame.gates).toBeDefined();
    expect(frame.hiddenPca).toBeDefined();
    session.dispose();
  });

  it('starts at a given step, and frees all its tensors when disposed, even with a frame under way', async () => {
    const before = tf.memory().numTensors;
    const session = await sessionOf({}, 40);
    await session.step(false);
    expect(session.trainer.step).toBe(41);
    const pending = session.nextFrame(true);
    session.dispose();
    expect(await pending).toBeUndefined();
    expect(session.state).toBe('idle');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes each milestone’s sample with the model at that step, though one frame covers them all', async () => {
    const session = await chargenSession(plan);
    for (let k = 0; k < 6; k++) await session.step(false);
    const samples = await samplesOfNextFrames(session);
    expect(samples.map((s) => s.step)).toEqual([0, 3, 5]);
    expect(samples[1]).toMatchObject({ seed: 'The ', temperature: 0.8 });
    expect(samples[1].text).toHaveLength(24);
    // the step-3 sample is the model's at step 3 (the same seeded draw from a twin run stopped there), not at 6
    const twin = await chargenSession({ ...plan, steps: [] });
    for (let k = 0; k < 3; k++) await twin.step(false);
    const atThree = await writeSample(plan, twin.trainer.task.tryIt!, (batch) => twin.trainer.predict(batch), 3);
    expect(samples[1].text).toBe(atThree!.text);
    expect(samples[2].text).not.toBe(samples[1].text);
    session.dispose();
    twin.dispose();
  });

  it('forgets the samples after the step it rewinds to and writes them again; pausing and resuming writes none twice', async () => {
    const session = await chargenSession(plan);
    for (let k = 0; k < 13; k++) await session.step(false);
    expect(await session.rewind()).toBe(10);
    // step 12's sample was written by a model the rewind undid: it never goes out
    expect((await samplesOfNextFrames(session)).map((s) => s.step)).toEqual([0, 3, 5]);
    session.start();
    session.pause();
    session.start();
    for (let k = 0; k < 2; k++) await session.step(false);
    session.pause();
    session.start();
    for (let k = 0; k < 3; k++) await session.step(false);
    expect((await samplesOfNextFrames(session)).map((s) => s.step)).toEqual([12]);
    session.dispose();
  });
});

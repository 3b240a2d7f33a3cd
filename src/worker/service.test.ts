import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { defaultConfig } from '../shared/config';
import { SAMPLE_PLANS } from '../shared/milestoneSamples';
import type { TelemetryFrame } from '../shared/protocol';
import { CHECKPOINTS_KEPT } from './runSession';
import { executionPlanFor, type ExecutionPlan } from '../core/kernels/executionPlan';
import { createTrainerService } from './service';

const backend = async () => ({ info: { backend: 'wasm' as const, label: 'WASM', note: '' }, plan: executionPlanFor('wasm') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('trainer service', () => {
  it('answers pause and step only after the page applied their frame (its port may be slower than the reply)', async () => {
    const service = createTrainerService(backend);
    const applied: number[] = [];
    // a page that applies each frame 40 ms after it arrives, as a busy main thread would
    service.subscribe((frame) => sleep(40).then(() => void applied.push(frame.step)));
    await service.configure({ ...defaultConfig(), hiddenSize: 4, sequenceLength: 6, batchSize: 4 });
    await service.stepOnce();
    expect(applied.at(-1)).toBe(1);
    await service.run();
    await sleep(200);
    await service.pause();
    const last = applied.at(-1)!;
    expect(last).toBeGreaterThan(1);
    await sleep(200);
    // nothing newer arrived after pause answered
    expect(applied.at(-1)).toBe(last);
    service.close();
  });

  it('configures, steps once with gates, runs with flow control, pauses and resets', async () => {
    const service = createTrainerService(backend);
    const frames: TelemetryFrame[] = [];
    let unacked = 0;
    let maxUnacked = 0;
    service.subscribe((frame) => {
      frames.push(frame);
      unacked++;
      maxUnacked = Math.max(maxUnacked, unacked);
      // a slow page: acknowledges 50 ms later
      return sleep(50).then(() => void unacked--);
    });
    const config = { ...defaultConfig(), hiddenSize: 4, sequenceLength: 6, batchSize: 4 };
    const info = await service.configure(config);
    await service.refresh();
    expect(info.recordedNames).toEqual(['i', 'f', 'g', 'o', 'c', 'h']);
    expect(frames.at(-1)).toMatchObject({ runId: info.runId, step: 0 });
    expect(frames.at(-1)!.trace!.truth.length).toBeGreaterThan(0);

    await sleep(60);
    await service.stepOnce();
    const stepped = frames.at(-1)!;
    expect(stepped.step).toBe(1);
    expect(Array.from(stepped.losses)).toHaveLength(1);
    expect(stepped.gates!.length).toBe(info.layerDirs * 6 * info.steps * info.hiddenSize);
    expect(stepped.hiddenGradNorms.length).toBe(info.layerDirs * info.steps);
    expect(Array.from(stepped.gradNormsBefore)).toEqual([stepped.gradNormBefore]);
    expect(stepped.hiddenPca!.coords.length).toBe(info.steps * 2);
    expect(stepped.hiddenPca!.explained[0]).toBeGreaterThan(0);
    expect(stepped.recurrentSigma!.length).toBe(info.layerDirs * 4);
    expect(info.gateBlockNames).toEqual(['i', 'f', 'g', 'o']);

    await sleep(60);
    const before = frames.length;
    await service.run();
    await sleep(800);
    await service.pause();
    const pausedFrame = frames.at(-1)!;
    expect(pausedFrame.state).toBe('paused');
    expect(frames.length).toBeGreaterThan(before + 2);
    // every step's loss arrives exactly once, in order, across coalesced frames
    const received = frames.slice(1).flatMap((f) => Array.from(f.losses, (_, k) => f.firstStep + k));
    expect(received).toEqual(Array.from({ length: pausedFrame.step }, (_, k) => k + 1));
    // flow control: never more than one frame in flight during the run (the paused frame may overlap one)
    expect(maxUnacked).toBeLessThanOrEqual(2);
    await sleep(300);
    expect(frames.at(-1)!.step).toBe(pausedFrame.step);

    // more steps: the live tensor count stays flat, once the checkpoint ring is full (on a busy machine the
    // run above may not have got that far)
    const ringFullAt = 10 * (CHECKPOINTS_KEPT - 1);
    const untilStep = Math.max(pausedFrame.step, ringFullAt) + 1;
    await service.run(untilStep);
    for (let k = 0; k < 200 && frames.at(-1)!.step < untilStep; k++) await sleep(20);
    expect(frames.at(-1)).toMatchObject({ state: 'paused', step: untilStep });
    const tensorsAtPause = frames.at(-1)!.numTensors;
    await service.run();
    await sleep(500);
    await service.pause();
    expect(frames.at(-1)!.numTensors).toBe(tensorsAtPause);

    const again = await service.configure(config);
    await service.refresh();
    expect(again.runId).toBe(info.runId + 1);
    expect(frames.at(-1)).toMatchObject({ runId: again.runId, step: 0 });
    service.close();
    expect(tf.memory().numTensors).toBeLessThan(tensorsAtPause);
  });

  it('runs commands one at a time: two quick configures do not interleave', async () => {
    const service = createTrainerService(backend);
    const frames: TelemetryFrame[] = [];
    service.subscribe((f) => void frames.push(f));
    const config = { ...defaultConfig(), hiddenSize: 4, sequenceLength: 5, batchSize: 4 };
    const [a, b] = await Promise.all([service.configure({ ...config, cell: 'gru' }), service.configure(config)]);
    expect(b.runId).toBe(a.runId + 1);
    await service.refresh();
    expect(frames.at(-1)).toMatchObject({ runId: b.runId, checkpointSteps: [0] });
    service.close();
  });

  it('runs until a given step and pauses by itself', async () => {
    const service = createTrainerService(backend);
    const frames: TelemetryFrame[] = [];
    service.subscribe((f) => void frames.push(f));
    await service.configure({ ...defaultConfig(), hiddenSize: 4, sequenceLength: 5, batchSize: 4 });
    await service.run(25);
    for (let k = 0; k < 100 && frames.at(-1)?.state !== 'paused'; k++) await sleep(20);
    expect(frames.at(-1)).toMatchObject({ state: 'paused', step: 25 });
    service.close();
  });

  it('applies learning-rate and clipping changes to the next step', async () => {
    const service = createTrainerService(backend);
    const frames: TelemetryFrame[] = [];
    service.subscribe((f) => void frames.push(f));
    await service.configure({ ...defaultConfig(), hiddenSize: 4, sequenceLength: 5, batchSize: 4 });
    await service.updateLive({ clipMode: 'norm', clipThreshold: 1e-3 });
    await service.stepOnce();
    const f = frames.at(-1)!;
    expect(f.gradNormBefore).toBeGreaterThan(1e-3);
    expect(f.gradNormAfter).toBeCloseTo(1e-3, 6);
    service.close();
  });
});

describe('milestone samples', () => {
  it('character generation sends the samples of steps 0 and 100 once each, through pause and resume, and a new run its own', async () => {
    expect(SAMPLE_PLANS.chargen?.steps.slice(0, 2)).toEqual([0, 100]);
    const service = createTrainerService(backend, readDataFile);
    const frames: TelemetryFrame[] = [];
    service.subscribe((f) => void frames.push(f));
    const config = { ...defaultConfig(), task: 'chargen' as const, hiddenSize: 8, sequenceLength: 8, batchSize: 4 };
    const info = await service.configure(config);
    await service.refresh();
    // the untrained model's sample is written as training starts, not with the run's first frame
    expect(frames.at(-1)!.sample).toBeUndefined();
    const runTo = async (step: number) => {
      await service.run(step);
      for (let k = 0; k < 500 && !(frames.at(-1)?.state === 'paused' && frames.at(-1)?.step === step); k++) await sleep(20);
      expect(frames.at(-1)).toMatchObject({ state: 'paused', step });
    };
    await runTo(60);
    await runTo(99);
    await runTo(130);
    await service.refresh();
    const samples = frames.filter((f) => f.runId === info.runId && f.sample).map((f) => f.sample!);
    expect(samples.map((s) => s.step)).toEqual([0, 100]);
    expect(samples[1]).toMatchObject({ seed: SAMPLE_PLANS.chargen!.seed, temperature: SAMPLE_PLANS.chargen!.temperature });
    expect(samples[1].text.length).toBe(SAMPLE_PLANS.chargen!.length);

    const next = await service.configure(config);
    await service.stepOnce();
    expect(frames.filter((f) => f.runId === next.runId && f.sample).map((f) => f.sample!.step)).toEqual([0]);
    service.close();
  });
});

describe('divergence', () => {
  it('stops at the step that blew up, refuses to train on, rewinds to a finite checkpoint, and trains on with clipping', async () => {
    const service = createTrainerService(backend);
    const frames: TelemetryFrame[] = [];
    service.subscribe((f) => void frames.push(f));
    const config = { ...defaultConfig(), cell: 'rnn-relu' as const, hiddenSize: 32, optimizer: 'sgd' as const, learningRate: 2 };
    await service.configure(config);
    await service.run();
    for (let k = 0; k < 100 && frames.at(-1)?.state !== 'diverged'; k++) await sleep(20);
    const diverged = frames.at(-1)!;
    expect(diverged.state).toBe('diverged');
    expect(diverged.divergence!.message).toMatch(/^Diverged at step \d+: the (loss|gradient norm) (became NaN|became \+∞|jumped past)/);
    expect(diverged.divergence!.step).toBe(diverged.step);
    expect(diverged.checkpointSteps).toEqual([0]);

    // no further training until rewound
    await service.run();
    await service.stepOnce();
    await sleep(50);
    expect(frames.at(-1)!.step).toBe(diverged.step);

    const rewound = await service.rewind();
    expect(rewound).toEqual({ step: 0 });
    expect(frames.at(-1)).toMatchObject({ state: 'paused', step: 0, divergence: undefined });
    expect(frames.at(-1)!.trace!.prediction.every(Number.isFinite)).toBe(true);

    await service.updateLive({ clipMode: 'norm', clipThreshold: 1 });
    await service.run();
    await sleep(700);
    await service.pause();
    const after = frames.at(-1)!;
    expect(after.state).toBe('paused');
    expect(after.step).toBeGreaterThan(diverged.step);
    expect(Number.isFinite(after.loss)).toBe(true);
    expect(after.checkpointSteps.at(-1)).toBe(Math.floor(after.step / 10) * 10);
    service.close();
  });
});

describe('the warm-up of a new model', () => {
  it('changes nothing about the run: the same losses with and without it, and no tensors left behind', async () => {
    const config = { ...defaultConfig(), hiddenSize: 5, sequenceLength: 6, batchSize: 4 };
    let warmedUp = 0;
    const run = async (warm: boolean): Promise<{ losses: number[]; tensors: number }> => {
      const service = createTrainerService(backend, undefined, { shouldWarmUp: () => warm, onWarmedUp: () => warmedUp++ });
      const seen: number[] = [];
      service.subscribe((frame) => void seen.push(frame.loss));
      const before = tf.memory().numTensors;
      await service.configure(config);
      await service.refresh(); // as the page does; this schedules the warm-up
      await sleep(400); // for it to start
      for (let k = 0; k < 3; k++) await service.stepOnce();
      const tensors = tf.memory().numTensors - before;
      service.close();
      return { losses: seen.filter((loss) => Number.isFinite(loss)), tensors };
    };
    const plain = await run(false);
    expect(warmedUp).toBe(0);
    const warmed = await run(true);
    expect(warmedUp).toBe(1);
    expect(plain.losses).toHaveLength(3);
    expect(warmed.losses).toEqual(plain.losses);
    expect(warmed.tensors).toBe(plain.tensors);
  });
});

describe('init', () => {
  it("hands 'auto' a builder of the learner's own model, with its task and data", async () => {
    let builder: ((plan: ExecutionPlan) => Promise<{ spec?: unknown; plan?: ExecutionPlan; dispose(): void }>) | undefined;
    const service = createTrainerService(async (_preferred, makeTrainer) => {
      builder = makeTrainer as typeof builder;
      return { info: { backend: 'wasm', label: 'WASM', note: '' }, plan: executionPlanFor('wasm') };
    });
    const config = { ...defaultConfig(), task: 'memory' as const, cell: 'gru' as const, hiddenSize: 7 };
    await service.init('auto', config);
    const timingPlan = { ...executionPlanFor('wasm'), productBlockRows: 123 };
    const trainer = (await builder!(timingPlan)) as unknown as { spec: { rnn: { cell: string; hiddenSize: number } }; plan: ExecutionPlan; dispose(): void };
    expect(trainer.spec.rnn).toMatchObject({ cell: 'gru', hiddenSize: 7 });
    // each backend is timed with its own plan
    expect(trainer.plan).toBe(timingPlan);
    trainer.dispose();
    service.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { StepStats } from '../shared/protocol';
import { FrameBuilder, frameTrace, frameTransferables, type FrameReadings } from './frameBuilder';

/** Step `step`'s statistics: its loss is the step number, so frames show which steps they hold. */
function stats(step: number, gates?: Float32Array): StepStats {
  return {
    step,
    loss: step,
    gradNormBefore: 10 * step,
    gradNormAfter: step,
    hiddenGradNorms: Float32Array.of(step, step),
    paramGradNorms: Float32Array.of(step),
    gates,
    elapsedMs: 1,
  };
}

function readings(step: number): FrameReadings {
  return { runId: 1, state: 'running', step, stepsPerSecond: 0, checkpointSteps: [], numTensors: 0 };
}

describe('FrameBuilder', () => {
  it('coalesces every step since the last frame into one frame, with the latest step and its recorded gates', () => {
    const builder = new FrameBuilder();
    const gates = Float32Array.of(7);
    builder.record(stats(1));
    builder.record(stats(2, gates));
    builder.record(stats(3)); // not recorded: the gates of step 2 are still the newest
    expect(builder.latestGates).toBe(gates);
    const frame = builder.build(readings(3));
    expect(frame).toMatchObject({ runId: 1, step: 3, firstStep: 1, loss: 3, gradNormBefore: 30, gradNormAfter: 3, gates });
    expect(Array.from(frame.losses)).toEqual([1, 2, 3]);
    expect(Array.from(frame.gradNormsBefore)).toEqual([10, 20, 30]);
    expect(Array.from(frame.gradNormsAfter)).toEqual([1, 2, 3]);
    expect(Array.from(frame.hiddenGradNorms)).toEqual([3, 3]);
  });

  it('starts the next frame after the frame it built: new steps only, the latest numbers kept, sent gates dropped', () => {
    const builder = new FrameBuilder();
    for (let step = 1; step <= 4; step++) builder.record(stats(step, Float32Array.of(step)));
    builder.build(readings(4));
    expect(builder.latestGates).toBeUndefined();

    const repeat = builder.build(readings(4));
    expect(repeat).toMatchObject({ firstStep: 5, loss: 4, gates: undefined });
    expect(repeat.losses).toHaveLength(0);

    builder.record(stats(5));
    builder.record(stats(6));
    const next = builder.build(readings(6));
    expect(next.firstStep).toBe(5);
    expect(Array.from(next.losses)).toEqual([5, 6]);
  });

  it('restarts at a step (a new run, a rewind): forgets the collected steps and the latest one', () => {
    const builder = new FrameBuilder(20);
    expect(builder.build(readings(20))).toMatchObject({ firstStep: 21, loss: NaN });
    builder.record(stats(21, Float32Array.of(1)));
    builder.record(stats(22));
    builder.restart(10);
    const frame = builder.build(readings(10));
    expect(frame).toMatchObject({ firstStep: 11, loss: NaN, gates: undefined });
    expect(frame.losses).toHaveLength(0);
    expect(frame.hiddenGradNorms).toHaveLength(0);
  });

  it("gives each frame buffers of its own, so transferring one frame's leaves the next intact", () => {
    const builder = new FrameBuilder();
    const step = stats(1, Float32Array.of(1, 2));
    builder.record(step);
    const first = builder.build(readings(1));
    const second = builder.build(readings(1));
    expect(first.hiddenGradNorms).not.toBe(step.hiddenGradNorms);
    expect(second.hiddenGradNorms.buffer).not.toBe(first.hiddenGradNorms.buffer);
    const withReadings = { ...first, recurrentSigma: Float32Array.of(1), trace: { truth: Float32Array.of(1), prediction: Float32Array.of(2) } };
    const buffers = frameTransferables(withReadings);
    // losses, two gradient norm series, ‖∂L/∂h_t‖, ‖∂L/∂θ‖, gates, σ_max, truth, prediction
    expect(buffers).toHaveLength(9);
    expect(new Set(buffers).size).toBe(9);
  });

  it("transfers the baselines' predictions with the trace's other arrays", () => {
    const frame = new FrameBuilder().build(readings(0));
    const trace = { truth: Float32Array.of(1), prediction: Float32Array.of(2), baselines: { persistence: Float32Array.of(3), seasonalNaive: Float32Array.of(4) } };
    const buffers = frameTransferables({ ...frame, trace });
    for (const values of [trace.truth, trace.prediction, trace.baselines.persistence, trace.baselines.seasonalNaive]) expect(buffers).toContain(values.buffer);
  });
});

describe('frameTrace', () => {
  it("copies the baselines' predictions (a task may return the same arrays each time), keeping their values", () => {
    const persistence = Float32Array.of(1, 2, 3);
    const trace = { truth: Float32Array.of(0), prediction: Float32Array.of(0), baselines: { persistence } };
    const sent = frameTrace(trace)!;
    expect(sent.baselines!.persistence).not.toBe(persistence);
    expect(sent.baselines!.persistence).toEqual(persistence);
    expect(sent.truth).toBe(trace.truth);
  });

  it('passes a trace without baselines (or none) through', () => {
    const trace = { truth: Float32Array.of(0), prediction: Float32Array.of(1) };
    expect(frameTrace(trace)).toBe(trace);
    expect(frameTrace(undefined)).toBeUndefined();
  });
});

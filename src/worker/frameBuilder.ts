/**
 * The frame builder: coalesces the steps taken between two telemetry frames (every step's loss and gradient
 * norms, the latest step's full numbers) and turns them, with the run's readings, into one frame. No tfjs.
 */
import type { HeldOutTrace, StepStats, TelemetryFrame, TrainerState } from '../shared/protocol';

/** The fields of a frame that report the steps since the previous frame. */
export type CoalescedSteps = Pick<
  TelemetryFrame,
  'firstStep' | 'losses' | 'gradNormsBefore' | 'gradNormsAfter' | 'loss' | 'gradNormBefore' | 'gradNormAfter' | 'hiddenGradNorms' | 'paramGradNorms' | 'gates'
>;

/** The rest of a frame: the run's state and the readings taken for this frame. */
export type FrameReadings = Omit<TelemetryFrame, keyof CoalescedSteps>;

/** Collects step statistics until the next frame is built; building a frame starts the next collection. */
export class FrameBuilder {
  private losses: number[] = [];
  private gradNormsBefore: number[] = [];
  private gradNormsAfter: number[] = [];
  /** The newest step's numbers; its gates are the newest recorded ones until a frame has carried them. */
  private latest: StepStats | undefined;
  /** The step number of losses[0]. */
  private firstStep = 1;

  /** A builder whose first frame starts after step `atStep` (0 for a fresh model). */
  constructor(atStep = 0) {
    this.restart(atStep);
  }

  /** Adds one finished step. */
  record(stats: StepStats): void {
    this.losses.push(stats.loss);
    this.gradNormsBefore.push(stats.gradNormBefore);
    this.gradNormsAfter.push(stats.gradNormAfter);
    // steps between frames record no gates: keep the last recorded ones
    this.latest = { ...stats, gates: stats.gates ?? this.latest?.gates };
  }

  /** Gates of the newest recorded step not yet sent, (layers·dirs, names, T, H) row-major. */
  get latestGates(): Float32Array | undefined {
    return this.latest?.gates;
  }

  /** Forgets everything, the latest step too: the run now stands at step `atStep` (a new run, a rewind). */
  restart(atStep: number): void {
    this.latest = undefined;
    this.clearSince(atStep);
  }

  /**
   * The frame of the steps since the last one, with `readings` (whose `step` is the model's step). The next
   * frame starts after that step; the latest step's numbers stay (a frame with no new step repeats them),
   * its gates, now sent, do not.
   */
  build(readings: FrameReadings): TelemetryFrame {
    const latest = this.latest;
    const frame: TelemetryFrame = {
      ...readings,
      firstStep: this.firstStep,
      losses: Float32Array.from(this.losses),
      gradNormsBefore: Float32Array.from(this.gradNormsBefore),
      gradNormsAfter: Float32Array.from(this.gradNormsAfter),
      loss: latest?.loss ?? NaN,
      gradNormBefore: latest?.gradNormBefore ?? NaN,
      gradNormAfter: latest?.gradNormAfter ?? NaN,
      // copies: the frame's buffers are transferred, and the latest step may be sent again
      hiddenGradNorms: latest ? Float32Array.from(latest.hiddenGradNorms) : new Float32Array(0),
      paramGradNorms: latest ? Float32Array.from(latest.paramGradNorms) : new Float32Array(0),
      gates: latest?.gates,
    };
    if (latest) latest.gates = undefined;
    this.clearSince(readings.step);
    return frame;
  }

  /** The one reset of the per-step buffers: the next frame starts after step `step`. */
  private clearSince(step: number): void {
    this.losses = [];
    this.gradNormsBefore = [];
    this.gradNormsAfter = [];
    this.firstStep = step + 1;
  }
}

/**
 * A task's trace as a frame carries it: the baselines' predictions copied, since a task may compute them once
 * and return the same arrays each time, and a frame's buffers are transferred (detached here). The truth and
 * the prediction are made fresh from each evaluation.
 */
export function frameTrace(trace: HeldOutTrace | undefined): HeldOutTrace | undefined {
  if (!trace?.baselines) return trace;
  return { ...trace, baselines: Object.fromEntries(Object.entries(trace.baselines).map(([name, values]) => [name, Float32Array.from(values)])) };
}

/** The buffers a frame can transfer rather than copy (each is the frame's own). */
export function frameTransferables(frame: TelemetryFrame): ArrayBuffer[] {
  const arrays = [
    frame.losses,
    frame.gradNormsBefore,
    frame.gradNormsAfter,
    frame.hiddenGradNorms,
    frame.paramGradNorms,
    frame.gates,
    frame.trace?.truth,
    frame.trace?.prediction,
    ...Object.values(frame.trace?.baselines ?? {}),
    frame.hiddenPca?.coords,
    frame.recurrentSigma,
    frame.jacobian?.singularValues,
    frame.jacobian?.productNorms,
    frame.jacobian?.slopeMean,
    frame.jacobian?.slopeMax,
    frame.connectivity?.values,
    frame.connectivity?.replacement,
    ...stateArrays(frame.trainerState),
  ];
  return arrays.filter((a): a is Float32Array => !!a).map((a) => a.buffer as ArrayBuffer);
}

/** A saved state's arrays (the weights and the optimizer's slots), to transfer it. */
export function stateArrays(state: TrainerState | undefined): Float32Array[] {
  return state ? [...Object.values(state.weights), ...state.optimizer.map((slot) => slot.data)] : [];
}

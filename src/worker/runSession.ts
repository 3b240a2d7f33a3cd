/**
 * A run session: one configured run's trainer and everything that lives and dies with it — its state, the ring
 * of finite checkpoints, divergence detection and rewind, live changes of learning rate and clipping, and the
 * frames that report it (coalesced steps plus throttled readings, and the milestone samples of tasks that write).
 */
import * as tf from '@tensorflow/tfjs-core';
import { nowMs } from '../core/clock';
import { CheckpointRing } from '../core/checkpointRing';
import { checkDivergence, lossBound } from '../core/divergence';
import { disposeSnapshot, type Trainer, type TrainerSnapshot } from '../core/trainer';
import type { LiveChanges } from '../shared/config';
import { samplePlanOf, type SamplePlan } from '../shared/milestoneSamples';
import type { Divergence, RunState, TelemetryFrame, TrainerState } from '../shared/protocol';
import type { Task } from '../tasks/task';
import { DeeperReadings } from './deeperReadings';
import { FrameBuilder, frameTrace, stateArrays } from './frameBuilder';
import { MilestoneSamples } from './milestoneSamples';
import { projectHidden, recurrentSigma } from './modelReadings';
import { RateMeter, Throttle } from './pacing';
import { StateCadence } from './stateCadence';

/** A checkpoint of the run is kept every this many steps (the newest few are kept). */
export const CHECKPOINT_EVERY = 10;
/** How many checkpoints the ring keeps. */
export const CHECKPOINTS_KEPT = 5;
/** Minimum time between PCA projections of the hidden trajectory. */
export const PCA_INTERVAL_MS = 250;
/** Minimum time between singular-value readings of W_hh. */
export const SIGMA_INTERVAL_MS = 500;

/** One run: its trainer, state, checkpoints and divergence watch, and the frames that report it. */
export class RunSession {
  private runState: RunState = 'idle';
  /** What blew up, while the state is 'diverged'. */
  divergence: Divergence | undefined;
  /** Training throughput (cleared whenever training starts). */
  readonly rate = new RateMeter();
  private readonly frames: FrameBuilder;
  private readonly checkpoints = new CheckpointRing<TrainerSnapshot>(CHECKPOINTS_KEPT, disposeSnapshot);
  /** A loss above this counts as divergence; set from the first step's loss. */
  private lossBound = Infinity;
  private readonly pcaThrottle = new Throttle(PCA_INTERVAL_MS);
  private readonly sigmaThrottle = new Throttle(SIGMA_INTERVAL_MS);
  private disposed = false;
  /** Text written at the task's milestone steps (character generation), waiting for a frame. */
  private readonly samples: MilestoneSamples;
  /** Which frames carry the run's whole state (the page keeps the latest to save as it is left). */
  private readonly stateCadence = new StateCadence();
  /** The probe's Jacobians and connectivity, read every frame or every k-th (issue #16). */
  private readonly deeper = new DeeperReadings();

  /**
   * Run `runId` over `trainer` (which the session now owns), starting after step `startStep`; it writes milestone
   * samples by `samplePlan` (by default its task's, where the task has one).
   */
  constructor(
    readonly runId: number,
    readonly trainer: Trainer<Task>,
    startStep = 0,
    samplePlan: SamplePlan | undefined = samplePlanOf(trainer.task.id),
  ) {
    trainer.step = startStep;
    this.frames = new FrameBuilder(startStep);
    this.samples = new MilestoneSamples(samplePlan, trainer.task.tryIt);
  }

  /** 'idle' until first trained, 'running' while started, 'paused' after, 'diverged' once a step blew up. */
  get state(): RunState {
    return this.runState;
  }

  /** Starts training from idle or paused, with a fresh throughput count; false when running already or diverged. */
  start(): boolean {
    if (this.runState === 'running' || this.runState === 'diverged') return false;
    this.runState = 'running';
    this.rate.clear();
    return true;
  }

  /** Stops training after the current step (the loop sees the state); a run that is not running stays as it is. */
  pause(): void {
    if (this.runState === 'running') this.runState = 'paused';
  }

  /**
   * One step by hand, with gates recorded, when the run is idle or paused: paused after it unless it diverged.
   * Returns whether it stepped (not while running or diverged).
   */
  async stepOnce(): Promise<boolean> {
    if (this.runState === 'running' || this.runState === 'diverged') return false;
    await this.step(true);
    // the step may have changed the state (TypeScript cannot see that through the await)
    if ((this.runState as RunState) !== 'diverged') this.runState = 'paused';
    return true;
  }

  /** One training step; when the loss or the gradient blows up the state becomes 'diverged'. */
  async step(record: boolean): Promise<void> {
    // the sample of the step the run starts from, when it is a milestone (step 0: the untrained model's), is
    // written as training starts rather than with the first frame, which should come at once
    await this.writeSampleIfDue();
    if (this.disposed) return;
    const stats = await this.trainer.trainStep(record);
    if (stats.step === 1) this.lossBound = lossBound(stats.loss);
    this.rate.tick(nowMs());
    this.frames.record(stats);
    this.divergence = checkDivergence(stats.step, stats.loss, stats.gradNormBefore, this.lossBound);
    if (this.divergence) this.runState = 'diverged';
    else {
      if (stats.step % CHECKPOINT_EVERY === 0) await this.checkpoint();
      // here, not when the frame is built: a frame may cover many steps, and the sample is the model's at this one
      await this.writeSampleIfDue();
    }
  }

  /** Writes the milestone sample of the model's current step when it is one not yet written. */
  private async writeSampleIfDue(): Promise<void> {
    const { trainer } = this;
    if (this.disposed || this.runState === 'diverged' || !this.samples.due(trainer.step)) return;
    await this.samples.reach(trainer.step, (batch) => trainer.predict(batch));
  }

  /** Keeps a checkpoint of the run when its weights are all finite. */
  async checkpoint(): Promise<void> {
    if (!(await this.trainer.weightsFinite())) return;
    const snapshot = await this.trainer.snapshot();
    // the session may have been closed while we waited
    if (this.disposed) disposeSnapshot(snapshot);
    else this.checkpoints.push(this.trainer.step, snapshot);
  }

  /**
   * Goes back to the newest finite checkpoint (weights, optimizer state, data stream), paused; returns its
   * step, or undefined when there is none.
   */
  async rewind(): Promise<number | undefined> {
    const target = this.checkpoints.latest();
    if (!target) return undefined;
    await this.trainer.restore(target.value);
    this.checkpoints.dropAfter(target.step);
    this.samples.forgetAfter(target.step);
    this.divergence = undefined;
    this.runState = 'paused';
    this.frames.restart(target.step);
    return target.step;
  }

  /** Puts the run in a saved state; that state is its only checkpoint. */
  async load(saved: TrainerState): Promise<void> {
    await this.trainer.setState(saved);
    this.frames.restart(saved.step);
    this.samples.clear();
    this.checkpoints.clear();
    await this.checkpoint();
  }

  /** Applies learning-rate and clipping changes from the next step on. */
  applyLive(changes: LiveChanges): void {
    if (changes.learningRate !== undefined) this.trainer.setLearningRate(changes.learningRate);
    if (changes.clipMode !== undefined) this.trainer.setClip({ mode: changes.clipMode });
    if (changes.clipThreshold !== undefined) this.trainer.setClip({ threshold: changes.clipThreshold });
  }

  /**
   * The frame of the steps since the last one. With `withEval` it carries a held-out evaluation and every
   * reading; otherwise the PCA and σ_max only when their intervals have passed. Undefined when the session
   * was closed meanwhile.
   */
  async nextFrame(withEval: boolean): Promise<TelemetryFrame | undefined> {
    const { trainer } = this;
    let metrics: Record<string, number> | undefined;
    let trace: TelemetryFrame['trace'];
    if (withEval) {
      const prediction = await trainer.predict(trainer.task.heldOut);
      if (this.disposed) return undefined;
      metrics = trainer.task.metrics(prediction);
      trace = frameTrace(trainer.task.trace?.(prediction));
    }
    const gates = this.frames.latestGates;
    const hiddenPca = gates && this.pcaThrottle.due(withEval) ? projectHidden(trainer, gates) : undefined;
    if (hiddenPca) this.pcaThrottle.done();
    let sigma: Float32Array | undefined;
    if (this.sigmaThrottle.due(withEval)) {
      sigma = await recurrentSigma(trainer);
      if (this.disposed) return undefined;
      this.sigmaThrottle.done();
    }
    const deeper = await this.deeper.read(trainer, { stepsPerSecond: this.state === 'running' ? this.rate.perSecond() : 0 });
    if (this.disposed) return undefined;
    const frame = this.frames.build({
      runId: this.runId,
      state: this.state,
      step: trainer.step,
      hiddenPca,
      recurrentSigma: sigma,
      ...deeper,
      stepsPerSecond: this.rate.perSecond(),
      metrics,
      trace,
      divergence: this.divergence,
      checkpointSteps: this.checkpoints.steps(),
      numTensors: tf.memory().numTensors,
      sample: this.samples.take(),
    });
    // the state of this very step, when cheap enough (stateCadence.ts); never a diverged one
    if (!this.divergence && this.stateCadence.due(frame.step, this.state === 'running', nowMs())) {
      const startedAt = nowMs();
      frame.trainerState = await trainer.state();
      if (this.disposed) return undefined;
      this.stateCadence.read(frame.step, stateArrays(frame.trainerState).reduce((bytes, array) => bytes + array.byteLength, 0), startedAt, nowMs());
    }
    return frame;
  }

  /** Frees the trainer and the checkpoints; the state becomes 'idle', so a loop over this session stops. */
  dispose(): void {
    this.disposed = true;
    this.runState = 'idle';
    this.checkpoints.clear();
    this.trainer.dispose();
  }
}

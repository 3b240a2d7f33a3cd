/**
 * A training run: the model's variables, its optimizer, the seeded batch stream and the instrumented step.
 * Shared by the worker and the CLI; it knows nothing of either.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backward, bptt, readGradients, type ClipConfig, type GradientReadout } from './bptt';
import type { TrainConfig } from '../shared/config';
import { activeExecutionPlan, type ExecutionPlan } from './kernels/executionPlan';
import { initParams, modelForward } from './model';
import { packRecords } from './network';
import { ArrayOptimizer, makeOptimizer, type RunOptimizer } from './optimizers';
import { Rng } from './rng';
import { nowMs } from './clock';
import { RECORDED_NAMES, directions, modelParamInfos, type ModelSpec, type ParamValues } from '../shared/spec';
import type { ArrayBatch, TrainingTask } from './trainingTask';
import type { StepStats, TrainerState } from '../shared/protocol';

let trainerCount = 0;

/** Everything needed to put a run back exactly where it was: weights, optimizer state, random streams. */
export interface TrainerSnapshot {
  step: number;
  weights: Record<string, tf.Tensor>;
  optimizer: Array<{ name: string; tensor: tf.Tensor }>;
  batchRngState: number;
  dropoutRngState: number;
}

/** Frees a snapshot's tensors. */
export function disposeSnapshot(snapshot: TrainerSnapshot): void {
  for (const name in snapshot.weights) snapshot.weights[name].dispose();
  for (const w of snapshot.optimizer) w.tensor.dispose();
}

/** Makes tensors of a batch's input (float features or int32 token ids) and target. */
export function batchTensors(batch: ArrayBatch): { input: tf.Tensor; target: tf.Tensor } {
  const dtype = batch.input instanceof Int32Array ? 'int32' : 'float32';
  const targetDtype = batch.target instanceof Int32Array ? 'int32' : 'float32';
  return { input: tf.tensor(batch.input, batch.inputShape, dtype), target: tf.tensor(batch.target, batch.targetShape, targetDtype) };
}

/** How a Trainer runs, beyond its config. */
export interface TrainerOptions {
  /**
   * The speed choices for the backend it trains on (fused layers, array optimizer, …). By default the active
   * backend's plan, WebGL assumed to have a GPU (for the CLI and tests); the worker passes the plan its backend
   * chooser made. This is the core's one default: below the Trainer every function takes the plan.
   */
  plan?: ExecutionPlan;
}

/** One training run over a task. Call `dispose()` when done: it frees the variables and the optimizer. */
export class Trainer<T extends TrainingTask = TrainingTask> {
  readonly spec: ModelSpec;
  readonly paramNames: string[];
  /** Names of the recorded gates and states, in the order of StepStats.gates' second axis. */
  readonly recordedNames: readonly string[];
  step = 0;
  /** How this run's steps execute; made for one backend, and a step on another is refused. */
  readonly plan: ExecutionPlan;
  private readonly variables: Record<string, tf.Variable> = {};
  private readonly prefix: string;
  private optimizer: RunOptimizer;
  private readonly batchRng: Rng;
  private readonly dropoutRng: Rng;
  private clip: ClipConfig;
  private learningRate: number;

  constructor(
    readonly config: TrainConfig,
    readonly task: T,
    weights?: ParamValues,
    options: TrainerOptions = {},
  ) {
    this.plan = options.plan ?? activeExecutionPlan();
    this.spec = task.modelSpec;
    this.prefix = `t${++trainerCount}/`;
    const rng = new Rng(config.seed);
    const initial = weights ?? initParams(this.spec, rng.seed(), config.recurrentInitGain, config.recurrentInit);
    this.batchRng = rng.fork();
    this.dropoutRng = rng.fork();
    this.paramNames = modelParamInfos(this.spec).map((p) => p.name);
    for (const { name, shape } of modelParamInfos(this.spec)) {
      this.variables[name] = tf.tidy(() => tf.variable(tf.tensor(initial[name], shape), true, this.prefix + name));
    }
    this.recordedNames = RECORDED_NAMES[this.spec.rnn.cell];
    this.learningRate = config.learningRate;
    this.optimizer = makeOptimizer(config.optimizer, config.learningRate, this.plan);
    this.clip = { mode: config.clipMode, threshold: config.clipThreshold };
  }

  /** Number of layer·direction rows in hiddenGradNorms and gates. */
  get layerDirs(): number {
    return this.spec.rnn.numLayers * directions(this.spec.rnn);
  }

  /**
   * Runs one step of BPTT and the optimizer. On a GPU the statistics are computed on the device and read back
   * in one transfer; where tensors live in CPU memory (CPU, WASM, software WebGL: the plan's arrayOptimizer)
   * the gradients are read back as they are and the statistics, clipping and update done in plain loops
   * (readGradients, ArrayOptimizer): fewer small ops.
   */
  async trainStep(record = false): Promise<StepStats> {
    this.checkBackend();
    const started = nowMs();
    const batch = this.task.trainBatch(this.batchRng, this.config.batchSize);
    const dropoutSeed = this.dropoutRng.seed();
    const [batchSize, steps] = batch.inputShape;
    const probeShape = { layerDirs: this.layerDirs, steps, batch: batchSize, hidden: this.spec.rnn.hiddenSize };
    const optimizer = this.optimizer;
    const plan = this.plan;
    let gatesTensor: tf.Tensor | undefined;
    let readout: GradientReadout | undefined;
    const packed = tf.tidy(() => {
      const { input, target } = batchTensors(batch);
      const lossFn = (params: Record<string, tf.Tensor>, probes: tf.Tensor3D[]) => {
        const out = modelForward(this.spec, params, input, { training: true, dropoutSeed, probes, record, plan });
        if (out.rnn.records) gatesTensor = tf.keep(packRecords(out.rnn.records, 0));
        return this.task.loss(out.prediction, target);
      };
      if (optimizer instanceof ArrayOptimizer) {
        readout = readGradients(backward(this.variables, probeShape, lossFn), probeShape, this.clip, plan);
        optimizer.applyGradientArrays(readout.names.map((name) => this.prefix + name), readout.grads);
        return undefined;
      }
      const result = bptt(this.variables, probeShape, lossFn, this.clip);
      const named: Record<string, tf.Tensor> = {};
      for (const name of result.names) named[this.prefix + name] = result.grads[name];
      optimizer.applyGradients(named);
      return tf.concat([
        tf.stack([result.loss, result.gradNormBefore, result.gradNormAfter]),
        result.paramGradNorms,
        tf.reshape(result.hiddenGradNorms, [-1]),
      ]);
    });
    let stats: Omit<StepStats, 'step' | 'gates' | 'elapsedMs'>;
    if (readout) {
      const { loss, gradNormBefore, gradNormAfter, paramGradNorms, hiddenGradNorms } = readout;
      stats = { loss, gradNormBefore, gradNormAfter, paramGradNorms, hiddenGradNorms };
    } else {
      const values = (await packed!.data()) as Float32Array;
      packed!.dispose();
      const p = this.paramNames.length;
      stats = { loss: values[0], gradNormBefore: values[1], gradNormAfter: values[2], paramGradNorms: values.slice(3, 3 + p), hiddenGradNorms: values.slice(3 + p) };
    }
    let gates: Float32Array | undefined;
    if (gatesTensor) {
      gates = Float32Array.from(await gatesTensor.data());
      gatesTensor.dispose();
    }
    this.step++;
    return { step: this.step, ...stats, gates, elapsedMs: nowMs() - started };
  }

  /** Predictions of the model (eval mode; an encoder–decoder's decoder reads its own outputs) for a batch, as a flat array. */
  async predict(batch: ArrayBatch): Promise<Float32Array> {
    this.checkBackend();
    const out = tf.tidy(() => modelForward(this.spec, this.variables, batchTensors(batch).input, { greedy: true, plan: this.plan }).prediction);
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  }

  /** The task's held-out metrics. */
  async evaluate(): Promise<Record<string, number>> {
    return this.task.metrics(await this.predict(this.task.heldOut));
  }

  /**
   * Refuses to run on a backend the plan was not made for: its choices (arrays reused once they became
   * tensors, views into WASM's memory) would be wrong there.
   */
  private checkBackend(): void {
    const active = tf.getBackend();
    if (active !== this.plan.backend) throw new Error(`This run was set up for the ${this.plan.backend} backend, but ${active} is active now: build the run again`);
  }

  /** Changes the learning rate from the next step on, keeping the optimizer's state. */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
    this.optimizer.setLearningRate(learningRate);
  }

  /** Whether every weight is finite (one number read back). */
  async weightsFinite(): Promise<boolean> {
    const all = tf.tidy(() => tf.all(tf.stack(this.paramNames.map((name) => tf.all(tf.isFinite(this.variables[name]))))));
    const ok = (await all.data())[0] === 1;
    all.dispose();
    return ok;
  }

  /** Copies the run's state (weights, optimizer slots, random streams); free it with disposeSnapshot. */
  async snapshot(): Promise<TrainerSnapshot> {
    const weights: Record<string, tf.Tensor> = {};
    for (const name of this.paramNames) weights[name] = tf.clone(this.variables[name]);
    const optimizer = await this.optimizer.getWeights();
    return { step: this.step, weights, optimizer, batchRngState: this.batchRng.state, dropoutRngState: this.dropoutRng.state };
  }

  /** The run's state as plain arrays (weights, optimizer slots, random streams, step). */
  async state(): Promise<TrainerState> {
    const snapshot = await this.snapshot();
    try {
      const weights: Record<string, Float32Array> = {};
      for (const name of this.paramNames) weights[name] = Float32Array.from(await snapshot.weights[name].data());
      const optimizer = await Promise.all(snapshot.optimizer.map(async (w) => ({ name: w.name, shape: w.tensor.shape, data: Float32Array.from(await w.tensor.data()) })));
      return { step: snapshot.step, weights, optimizer, batchRngState: snapshot.batchRngState, dropoutRngState: snapshot.dropoutRngState };
    } finally {
      disposeSnapshot(snapshot);
    }
  }

  /** Puts the run back to a saved state (the inverse of state()). */
  async setState(state: TrainerState): Promise<void> {
    const snapshot: TrainerSnapshot = {
      step: state.step,
      weights: Object.fromEntries(modelParamInfos(this.spec).map(({ name, shape }) => [name, tf.tensor(state.weights[name], shape)])),
      optimizer: state.optimizer.map((w) => ({ name: w.name, tensor: tf.tensor(w.data, w.shape) })),
      batchRngState: state.batchRngState,
      dropoutRngState: state.dropoutRngState,
    };
    try {
      await this.restore(snapshot);
    } finally {
      disposeSnapshot(snapshot);
    }
  }

  /** Puts the run back to a snapshot (which stays valid and can be restored again). */
  async restore(snapshot: TrainerSnapshot): Promise<void> {
    for (const name of this.paramNames) this.variables[name].assign(snapshot.weights[name]);
    // A fresh optimizer takes the saved slots; the old one is freed whole (setWeights would leak its slots).
    const optimizer = makeOptimizer(this.config.optimizer, this.learningRate, this.plan);
    await optimizer.setWeights(snapshot.optimizer);
    this.optimizer.dispose();
    this.optimizer = optimizer;
    this.step = snapshot.step;
    this.batchRng.state = snapshot.batchRngState;
    this.dropoutRng.state = snapshot.dropoutRngState;
  }

  /** Changes gradient clipping (mode, threshold or both) from the next step on. */
  setClip(changes: Partial<ClipConfig>): void {
    this.clip = { ...this.clip, ...changes };
  }

  /** The current weights by state_dict name. */
  async weights(): Promise<ParamValues> {
    const out: ParamValues = {};
    for (const name of this.paramNames) out[name] = Float32Array.from(await this.variables[name].data());
    return out;
  }

  /** W_hh of each layer·direction (row-major (G·H) × H), in layer·dirs order; then the decoder's layers, if any. */
  async recurrentWeights(): Promise<Float32Array[]> {
    const names = [...this.paramNames.filter((name) => name.startsWith('rnn.weight_hh_')), ...this.paramNames.filter((name) => name.startsWith('decoder.weight_hh_'))];
    return Promise.all(names.map(async (name) => Float32Array.from(await this.variables[name].data())));
  }

  /** Frees the variables and the optimizer's slots. */
  dispose(): void {
    for (const name in this.variables) this.variables[name].dispose();
    this.optimizer.dispose();
  }
}

/**
 * The trainer service: owns the model, the data and the loop, and streams telemetry frames with flow control
 * (at most one unacknowledged frame, at most 20 a second; steps in between are coalesced). A plain object so
 * Node tests can drive it; trainer.worker.ts exposes it over Comlink.
 */
import * as tf from '@tensorflow/tfjs-core';
import { transfer } from 'comlink';
import { nowMs } from '../core/clock';
import type { TrainConfig } from '../shared/config';
import { gateBlockSingularValues, pca2 } from '../core/linalg';
import { GATE_NAMES, directions, gateCount, type ParamValues } from '../shared/spec';
import { CheckpointRing, checkDivergence, lossBound } from '../core/divergence';
import { Trainer, disposeSnapshot, type TrainerSnapshot } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import { USER_DATA, type Task, type TaskData } from '../tasks/task';
import { decodeImport, encodeExport, type ImportResult } from './modelExchange';
import type { BackendInfo, BackendName, RunInfo, RunState, TelemetryFrame, TrainerApi, Divergence, StepStats } from '../shared/protocol';

/** Minimum time between frames: 20 a second (the page acknowledges each once painted, so it may be fewer). */
export const FRAME_INTERVAL_MS = 50;
/** How long a command waits for the page to apply its frame before it answers anyway. */
const SETTLE_MS = 1000;
/** How long after the page's first frame of a new model its warm-up starts (see warmUp). */
const WARM_UP_DELAY_MS = 300;
/** Minimum time between held-out evaluations while running. */
export const EVAL_INTERVAL_MS = 1000;
/** A checkpoint of the run is kept every this many steps (the newest few are kept). */
export const CHECKPOINT_EVERY = 10;
export const CHECKPOINTS_KEPT = 5;
/** Minimum time between PCA projections of the hidden trajectory. */
export const PCA_INTERVAL_MS = 250;
/** Minimum time between singular-value readings of W_hh. */
export const SIGMA_INTERVAL_MS = 500;

/** Steps per second over the last ~2 seconds of a run (a sliding window, so the first slow WebGL steps fade). */
export class RateMeter {
  private times: number[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** Records one finished step at time `now` (ms). */
  tick(now: number): void {
    this.times.push(now);
    while (this.times.length > 2 && now - this.times[0] > this.windowMs) this.times.shift();
  }

  /** Steps per second in the window; 0 until two steps were seen. */
  perSecond(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const span = this.times[n - 1] - this.times[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }

  /** Forgets everything (a new run or a resumed one). */
  clear(): void {
    this.times = [];
  }
}

/**
 * Lets queued messages (pause, step, acknowledgements) run between training steps: a MessageChannel round
 * trip avoids setTimeout's 4 ms clamp, and a real timer turn every ~25 ms keeps timers from starving
 * (Node runs port messages ahead of timers).
 */
function makeYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  // Structural type: the DOM's and Node's MessagePort typings differ, both support onmessage.
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => waiting.shift()?.();
  let lastTimerTurn = nowMs();
  return () =>
    new Promise<void>((resolve) => {
      if (nowMs() - lastTimerTurn > 25) {
        lastTimerTurn = nowMs();
        setTimeout(resolve, 0);
        return;
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/** Labels of the probe's inputs: tokens for tasks with a vocabulary, the value of 1-feature inputs, else "x_t". */
export function inputLabels(task: Task): string[] {
  if (task.probeLabels) return task.probeLabels;
  const [, steps, features] = task.probe.inputShape;
  let vocab: unknown;
  try {
    vocab = task.metadata.vocab ? JSON.parse(task.metadata.vocab) : undefined;
  } catch {
    vocab = undefined;
  }
  if (Array.isArray(vocab)) return Array.from(task.probe.input.subarray(0, steps), (id) => String(vocab[id] ?? '?'));
  if (features === 1) return Array.from(task.probe.input.subarray(0, steps), (v) => v.toFixed(2));
  return Array.from({ length: steps }, (_, t) => {
    // one-hot inputs: the index of the hot channel
    const row = Array.from(task.probe.input.subarray(t * features, (t + 1) * features));
    const hot = row.indexOf(Math.max(...row));
    return row[hot] === 1 && row.filter((v) => v !== 0).length === 1 ? `#${hot}` : `x${t + 1}`;
  });
}

/** PCA of the probe's top-layer, forward-direction h_t trajectory, from packed gates (layerDirs, names, T, H). */
export function projectHidden(trainer: Trainer, gates: Float32Array): TelemetryFrame['hiddenPca'] {
  const { numLayers, hiddenSize } = trainer.spec.rnn;
  const names = trainer.recordedNames.length;
  const steps = gates.length / (trainer.layerDirs * names * hiddenSize);
  const layerDir = (numLayers - 1) * directions(trainer.spec.rnn);
  const offset = ((layerDir * names + trainer.recordedNames.indexOf('h')) * steps) * hiddenSize;
  return pca2(gates.subarray(offset, offset + steps * hiddenSize), steps, hiddenSize);
}

/**
 * Whether a fresh model should be warmed up: on WebGL the first step compiles every shader it needs (2.9 s in
 * software rendering with layers op by op), so a throwaway copy takes one step while the learner is still
 * reading the page.
 */
const warmUpOnWebgl = (): boolean => tf.getBackend() === 'webgl';

/** How the service warms up new models (tests replace both). */
export interface WarmUpOptions {
  /** Whether each new model gets one throwaway step (by default on WebGL only). */
  shouldWarmUp?: () => boolean;
  /** Called after each warm-up that ran to its end. */
  onWarmedUp?: () => void;
}

/** Creates the service; `selectBackend` is the environment's way of choosing a tfjs backend. */
export function createTrainerService(
  selectBackend: (preferred?: BackendName | 'auto', makeTrainer?: () => Promise<Trainer>) => Promise<BackendInfo>,
  readDataFile: (file: string) => Promise<string> = () => Promise.reject(new Error('no data files here')),
  { shouldWarmUp = warmUpOnWebgl, onWarmedUp }: WarmUpOptions = {},
): TrainerApi & { close(): void } {
  const dataCache = new Map<string, Promise<string>>();
  const readCached = (file: string) => {
    if (!dataCache.has(file)) dataCache.set(file, readDataFile(file));
    return dataCache.get(file)!;
  };
  /** The learner's uploads, per task. */
  const userData = new Map<string, string>();
  /** Builds the task of a config with its data (shipped files and the learner's upload). */
  async function taskData(task: TrainConfig['task']): Promise<TaskData> {
    const data = await loadTaskData(task, readCached);
    const upload = userData.get(task);
    if (upload !== undefined) data[USER_DATA] = upload;
    return data;
  }
  async function buildTask(config: TrainConfig): Promise<Task> {
    return TASKS[config.task](config, await taskData(config.task));
  }
  let trainer: Trainer<Task> | undefined;
  let runId = 0;
  let state: RunState = 'idle';
  let loopDone: Promise<void> = Promise.resolve();
  let onFrame: ((frame: TelemetryFrame) => Promise<void> | void) | undefined;
  let awaitingAck = false;
  let lastFrameAt = -Infinity;
  let lastEvalAt = -Infinity;
  let losses: number[] = [];
  let gradNormsBefore: number[] = [];
  let gradNormsAfter: number[] = [];
  let lastPcaAt = -Infinity;
  let lastSigmaAt = -Infinity;
  let bound = Infinity;
  let stopAtStep = Infinity;
  let divergence: Divergence | undefined;
  const checkpoints = new CheckpointRing<TrainerSnapshot>(CHECKPOINTS_KEPT, disposeSnapshot);
  let firstStep = 1;
  let latest: StepStats | undefined;
  /** Whether the run's model still waits for its warm-up, due after the page's first refresh (see warmUp). */
  let warmUpPending = false;
  const rate = new RateMeter();
  const yieldToEvents = makeYield();

  /**
   * Sends the readings since the last frame. A command (pause, step, rewind, refresh) passes `settle`: it then
   * waits (up to SETTLE_MS) until the page has applied the frame, because the frame travels on the callback's
   * own port, which the command's reply could overtake: a paused page would show a step behind the model.
   */
  async function sendFrame(withEval: boolean, settle = false): Promise<void> {
    if (!trainer || !onFrame) return;
    const id = runId;
    let metrics: Record<string, number> | undefined;
    let trace: TelemetryFrame['trace'];
    if (withEval) {
      const prediction = await trainer.predict(trainer.task.heldOut);
      if (id !== runId) return;
      metrics = trainer.task.metrics(prediction);
      trace = trainer.task.trace?.(prediction);
      lastEvalAt = nowMs();
    }
    // Frames with an evaluation (pause, step, configure, about once a second) carry every reading.
    const forced = withEval;
    const hiddenPca = latest?.gates && (forced || nowMs() - lastPcaAt >= PCA_INTERVAL_MS) ? projectHidden(trainer, latest.gates) : undefined;
    if (hiddenPca) lastPcaAt = nowMs();
    let recurrentSigma: Float32Array | undefined;
    if (forced || nowMs() - lastSigmaAt >= SIGMA_INTERVAL_MS) {
      const blocks = gateCount(trainer.spec.rnn.cell);
      const hidden = trainer.spec.rnn.hiddenSize;
      recurrentSigma = Float32Array.from((await trainer.recurrentWeights()).flatMap((w) => gateBlockSingularValues(w, blocks, hidden)));
      if (id !== runId) return;
      lastSigmaAt = nowMs();
    }
    const frame: TelemetryFrame = {
      runId: id,
      state,
      step: trainer.step,
      firstStep,
      losses: Float32Array.from(losses),
      gradNormsBefore: Float32Array.from(gradNormsBefore),
      gradNormsAfter: Float32Array.from(gradNormsAfter),
      loss: latest?.loss ?? NaN,
      gradNormBefore: latest?.gradNormBefore ?? NaN,
      gradNormAfter: latest?.gradNormAfter ?? NaN,
      hiddenGradNorms: latest ? Float32Array.from(latest.hiddenGradNorms) : new Float32Array(0),
      paramGradNorms: latest ? Float32Array.from(latest.paramGradNorms) : new Float32Array(0),
      gates: latest?.gates,
      hiddenPca,
      recurrentSigma,
      stepsPerSecond: rate.perSecond(),
      metrics,
      trace,
      divergence,
      checkpointSteps: checkpoints.steps(),
      numTensors: tf.memory().numTensors,
    };
    if (latest) latest.gates = undefined;
    losses = [];
    gradNormsBefore = [];
    gradNormsAfter = [];
    firstStep = trainer.step + 1;
    lastFrameAt = nowMs();
    const buffers = [frame.losses, frame.gradNormsBefore, frame.gradNormsAfter, frame.hiddenGradNorms, frame.paramGradNorms, frame.gates, trace?.truth, trace?.prediction, hiddenPca?.coords, recurrentSigma]
      .filter((a): a is Float32Array => !!a)
      .map((a) => a.buffer as ArrayBuffer);
    awaitingAck = true;
    const ack = Promise.resolve(onFrame(transfer(frame, buffers))).finally(() => (awaitingAck = false));
    // (a hidden tab may not paint, so the page's acknowledgement may wait: never longer than SETTLE_MS)
    if (settle) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([ack, new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_MS)))]);
      clearTimeout(timer);
    }
  }

  /** Keeps a checkpoint of the run when its weights are all finite. */
  async function checkpoint(): Promise<void> {
    const owner = trainer;
    if (!owner || !(await owner.weightsFinite())) return;
    const snapshot = await owner.snapshot();
    // the run may have been replaced while we waited
    if (owner !== trainer) disposeSnapshot(snapshot);
    else checkpoints.push(owner.step, snapshot);
  }

  // Commands run one at a time, in the order they arrive: a configure never interleaves with another.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(command: () => Promise<T>): Promise<T> {
    const result = queue.then(command, command);
    queue = result.catch(() => undefined);
    return result;
  }

  /** One step; stops the run (state 'diverged') when the loss or gradient blows up. */
  async function doStep(record: boolean): Promise<void> {
    if (!trainer) return;
    const stats = await trainer.trainStep(record);
    if (stats.step === 1) bound = lossBound(stats.loss);
    rate.tick(nowMs());
    losses.push(stats.loss);
    gradNormsBefore.push(stats.gradNormBefore);
    gradNormsAfter.push(stats.gradNormAfter);
    const gates = stats.gates ?? latest?.gates;
    latest = { ...stats, gates };
    divergence = checkDivergence(stats.step, stats.loss, stats.gradNormBefore, bound);
    if (divergence) state = 'diverged';
    else if (stats.step % CHECKPOINT_EVERY === 0) await checkpoint();
  }

  async function loop(id: number): Promise<void> {
    rate.clear();
    while (state === 'running' && id === runId) {
      const frameDue = !awaitingAck && nowMs() - lastFrameAt >= FRAME_INTERVAL_MS;
      await doStep(frameDue);
      // doStep may have changed the state (TypeScript cannot see that through the await)
      if ((state as RunState) === 'diverged' && id === runId) {
        await sendFrame(true);
        break;
      }
      if (state !== 'running' || id !== runId) break;
      if (trainer && trainer.step >= stopAtStep) {
        state = 'paused';
        await sendFrame(true);
        break;
      }
      if (frameDue && !awaitingAck) await sendFrame(nowMs() - lastEvalAt >= EVAL_INTERVAL_MS);
      await yieldToEvents();
    }
  }

  async function stop(): Promise<void> {
    if (state === 'running') state = 'paused';
    await loopDone;
  }

  /** Replaces the run with a fresh one: new model (or the given weights, at the given step), data and id. */
  async function startRun(config: TrainConfig, weights?: ParamValues, atStep = 0): Promise<RunInfo> {
    await stop();
    checkpoints.clear();
    trainer?.dispose();
    trainer = undefined;
    runId++;
    divergence = undefined;
    bound = Infinity;
    state = 'idle';
    losses = [];
    gradNormsBefore = [];
    gradNormsAfter = [];
    lastPcaAt = -Infinity;
    lastSigmaAt = -Infinity;
    firstStep = atStep + 1;
    latest = undefined;
    rate.clear();
    const task = await buildTask(config);
    trainer = new Trainer(config, task, weights);
    trainer.step = atStep;
    const info: RunInfo = {
      runId,
      taskTitle: task.title,
      sequenceShape: task.shape,
      taskSummary: task.summary,
      lossLabel: task.lossLabel,
      hasTrace: !!task.trace,
      userData: task.userData,
      usingUserData: !!task.usingUserData,
      tryIt: task.tryIt && { label: task.tryIt.label, defaultInput: task.tryIt.defaultInput, options: task.tryIt.options },
      paramNames: trainer.paramNames,
      recordedNames: [...trainer.recordedNames],
      cell: task.modelSpec.rnn.cell,
      numLayers: task.modelSpec.rnn.numLayers,
      bidirectional: task.modelSpec.rnn.bidirectional,
      layerDirs: trainer.layerDirs,
      steps: task.probe.inputShape[1],
      decoderSteps: task.modelSpec.decoderSteps ?? 0,
      gateBlocks: gateCount(config.cell),
      gateBlockNames: GATE_NAMES[config.cell].length ? [...GATE_NAMES[config.cell]] : ['a'],
      readout: task.modelSpec.readout,
      inputSize: task.modelSpec.rnn.inputSize,
      outputSize: task.modelSpec.outputSize,
      vocabSize: task.modelSpec.vocabSize,
      startStep: atStep,
      hiddenSize: task.modelSpec.rnn.hiddenSize,
      probeInput: Float32Array.from(task.probe.input),
      probeLabels: inputLabels(task),
      trajectoryHint: task.trajectoryHint,
    };
    await checkpoint();
    warmUpPending = shouldWarmUp();
    return info;
  }

  /**
   * One training step of a throwaway model of the same shape (gates recorded too), then a prediction, so that
   * the backend compiles its programs now rather than on the learner's first step. Queued shortly after the
   * first refresh that follows a configure (the page has its first frame and shows "ready"), unless the run has
   * started or been replaced by then. It cannot be interrupted mid-step: a Train or a rebuild asked for during
   * it waits for it (the compiling it saves the first step). The run's weights and random streams are not
   * touched.
   */
  async function warmUp(id: number): Promise<void> {
    if (!trainer || id !== runId || state !== 'idle') return;
    const scratch = new Trainer(trainer.config, trainer.task);
    try {
      await scratch.trainStep(true);
      // a rebuild asked for meanwhile waits for no more than this one step
      if (id !== runId) return;
      await scratch.evaluate();
      onWarmedUp?.();
    } catch {
      // a warm-up that fails costs nothing: the real first step will report any real problem
    } finally {
      scratch.dispose();
    }
  }

  return {
    async init(preferred, config) {
      // 'auto' times the learner's own model on each backend (built with its data, then thrown away)
      return selectBackend(preferred, config && (async () => new Trainer(config, await buildTask(config))));
    },
    subscribe(callback) {
      onFrame = callback;
    },
    configure: (config: TrainConfig): Promise<RunInfo> => serial(() => startRun(config)),
    exportModel: (format, config) =>
      serial(async () => {
        if (!trainer) throw new Error('There is no model to export yet');
        const file = encodeExport({ config, spec: trainer.spec, weights: await trainer.weights(), step: trainer.step, taskMetadata: trainer.task.metadata }, format);
        return transfer(file, [file.bytes.buffer as ArrayBuffer]);
      }),
    setUserData: (config, text) =>
      serial(async () => {
        const previous = userData.get(config.task);
        if (text === undefined) userData.delete(config.task);
        else userData.set(config.task, text);
        try {
          await buildTask(config);
        } catch (error) {
          // refused: the task keeps the data it had, the run stays as it is
          if (previous === undefined) userData.delete(config.task);
          else userData.set(config.task, previous);
          return { error: (error as Error).message };
        }
        return { runInfo: await startRun(config) };
      }),
    tryIt: (input, options) =>
      serial(async () => {
        const runner = trainer;
        if (!runner?.task.tryIt) return { error: 'This task has no "try it" yet' };
        try {
          return await runner.task.tryIt.run(input, options, (batch) => runner.predict(batch));
        } catch (error) {
          return { error: (error as Error).message };
        }
      }),
    saveState: () =>
      serial(async () => {
        if (!trainer) throw new Error('There is no run to save yet');
        const saved = await trainer.state();
        const buffers = [...Object.values(saved.weights), ...saved.optimizer.map((w) => w.data)].map((a) => a.buffer as ArrayBuffer);
        return transfer(saved, buffers);
      }),
    loadState: (config, saved) =>
      serial(async () => {
        const info = await startRun(config);
        await trainer!.setState(saved);
        firstStep = saved.step + 1;
        info.startStep = saved.step;
        checkpoints.clear();
        await checkpoint();
        return info;
      }),
    importModel: (bytes, current) =>
      serial(async () => {
        let result: ImportResult;
        try {
          // every task's data, so that the file's own config can be checked against its task
          const dataByTask = new Map<string, TaskData>();
          for (const id of Object.keys(TASKS) as Array<TrainConfig['task']>) {
            dataByTask.set(id, await taskData(id).catch(() => ({})));
          }
          result = decodeImport(bytes, current, (config) => TASKS[config.task](config, dataByTask.get(config.task) ?? {}).modelSpec);
        } catch (error) {
          // the current run is untouched
          return { error: (error as Error).message };
        }
        const runInfo = await startRun(result.config, result.weights, result.step);
        return { config: result.config, runInfo, notes: result.notes };
      }),
    refresh: () =>
      serial(async () => {
        await sendFrame(true, true);
        // a moment later, so that the page renders its first frame before the compiling starts
        const id = runId;
        if (warmUpPending) setTimeout(() => void serial(() => warmUp(id)), WARM_UP_DELAY_MS);
        warmUpPending = false;
      }),
    // Queued behind any configure, so a Train pressed during a rebuild trains the new model.
    run: (untilStep) =>
      serial(async () => {
        if (!trainer || state === 'running' || state === 'diverged') return;
        state = 'running';
        stopAtStep = untilStep ?? Infinity;
        loopDone = loop(runId);
      }),
    pause: () =>
      serial(async () => {
        if (state !== 'running') return;
        await stop();
        await sendFrame(true, true);
      }),
    stepOnce: () =>
      serial(async () => {
        if (!trainer || state === 'running' || state === 'diverged') return;
        await doStep(true);
        if ((state as RunState) !== 'diverged') state = 'paused';
        await sendFrame(true, true);
      }),
    rewind: () => serial(async () => {
      await stop();
      const target = checkpoints.latest();
      if (!trainer || !target) return { error: 'There is no finite checkpoint to go back to: press Reset to start over.' };
      await trainer.restore(target.value);
      checkpoints.dropAfter(target.step);
      divergence = undefined;
      state = 'paused';
      latest = undefined;
      losses = [];
      gradNormsBefore = [];
      gradNormsAfter = [];
      firstStep = target.step + 1;
      await sendFrame(true, true);
      return { step: target.step };
    }),
    async updateLive(changes) {
      if (!trainer) return;
      if (changes.learningRate !== undefined) trainer.setLearningRate(changes.learningRate);
      if (changes.clipMode !== undefined) trainer.setClip({ mode: changes.clipMode });
      if (changes.clipThreshold !== undefined) trainer.setClip({ threshold: changes.clipThreshold });
    },
    close() {
      state = 'idle';
      checkpoints.clear();
      trainer?.dispose();
      trainer = undefined;
    },
  };
}

/**
 * The trainer service: the wiring between the page's commands and a run session. It runs the training loop,
 * keeps the flow control of telemetry frames (at most one unacknowledged, at most 20 a second; steps in
 * between are coalesced by the session's frame builder) and adapts it all to TrainerApi. A plain object so
 * Node tests can drive it; trainer.worker.ts exposes it over Comlink.
 */
import * as tf from '@tensorflow/tfjs-core';
import { transfer } from 'comlink';
import { Trainer } from '../core/trainer';
import type { ExecutionPlan } from '../core/kernels/executionPlan';
import type { TrainConfig } from '../shared/config';
import type { ParamValues } from '../shared/spec';
import type { BackendName, RunInfo, TelemetryFrame, TrainerApi } from '../shared/protocol';
import type { Task } from '../tasks/task';
import type { SelectedBackend } from './backend';
import { frameTransferables } from './frameBuilder';
import { decodeImport, encodeExport, type ImportResult } from './modelExchange';
import { Throttle, makeYield } from './pacing';
import { describeRun } from './runInfo';
import { RunSession } from './runSession';
import { TaskSource } from './taskSource';

/** Minimum time between frames: 20 a second (the page acknowledges each once painted, so it may be fewer). */
export const FRAME_INTERVAL_MS = 50;
/** How long a command waits for the page to apply its frame before it answers anyway. */
const SETTLE_MS = 1000;
/** How long after the page's first frame of a new model its warm-up starts (see warmUp). */
const WARM_UP_DELAY_MS = 300;
/** Minimum time between held-out evaluations while running. */
export const EVAL_INTERVAL_MS = 1000;

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

/** Runs commands one at a time, in the order they arrive, whether or not the previous one failed. */
function commandQueue(): <T>(command: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (command) => {
    const result = queue.then(command, command);
    queue = result.catch(() => undefined);
    return result;
  };
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * Creates the service; `selectBackend` is the environment's way of choosing a tfjs backend and the execution
 * plan that goes with it (fused layers or op by op, which kernels), which every trainer of the service gets.
 */
export function createTrainerService(
  selectBackend: (preferred?: BackendName | 'auto', makeTrainer?: (plan: ExecutionPlan) => Promise<Trainer>) => Promise<SelectedBackend>,
  readDataFile: (file: string) => Promise<string> = () => Promise.reject(new Error('no data files here')),
  { shouldWarmUp = warmUpOnWebgl, onWarmedUp }: WarmUpOptions = {},
): TrainerApi & { close(): void } {
  const tasks = new TaskSource(readDataFile);
  /** The current run; undefined before the first configure, after close, or when building one failed. */
  let session: RunSession | undefined;
  /** Runs configured so far: the next run's id is one more (a failed build uses up its id too). */
  let runCount = 0;
  let loopDone: Promise<void> = Promise.resolve();
  let stopAtStep = Infinity;
  let onFrame: ((frame: TelemetryFrame) => Promise<void> | void) | undefined;
  let awaitingAck = false;
  const frameThrottle = new Throttle(FRAME_INTERVAL_MS);
  const evalThrottle = new Throttle(EVAL_INTERVAL_MS);
  /** Whether the run's model still waits for its warm-up, due after the page's first refresh (see warmUp). */
  let warmUpPending = false;
  const yieldToEvents = makeYield();
  // Commands run one at a time, in the order they arrive: a configure never interleaves with another.
  const serial = commandQueue();

  /** The plan of the backend init chose; before init, trainers take the active backend's (see Trainer). */
  let plan: ExecutionPlan | undefined;

  /** The one place the service builds trainers: a run's, a warm-up's, and the model 'auto' times backends with. */
  function newTrainer(config: TrainConfig, task: Task, weights?: ParamValues, trainerPlan = plan): Trainer<Task> {
    return new Trainer(config, task, weights, { plan: trainerPlan });
  }

  /**
   * Sends the run's frame. A command (pause, step, rewind, refresh) passes `settle`: it then waits (up to
   * SETTLE_MS) until the page has applied the frame, because the frame travels on the callback's own port,
   * which the command's reply could overtake: a paused page would show a step behind the model.
   */
  async function sendFrame(withEval: boolean, settle = false): Promise<void> {
    const run = session;
    if (!run || !onFrame) return;
    // Frames with an evaluation (pause, step, configure, about once a second) carry every reading.
    const frame = await run.nextFrame(withEval);
    if (!frame || run !== session) return;
    if (withEval) evalThrottle.done();
    frameThrottle.done();
    awaitingAck = true;
    const ack = Promise.resolve(onFrame(transfer(frame, frameTransferables(frame)))).finally(() => (awaitingAck = false));
    // (a hidden tab may not paint, so the page's acknowledgement may wait: never longer than SETTLE_MS)
    if (settle) await settleWithin(ack, SETTLE_MS);
  }

  /** Trains `run` until it is paused, diverges, reaches stopAtStep or is replaced; a frame when one is due. */
  async function loop(run: RunSession): Promise<void> {
    run.rate.clear();
    while (run.state === 'running' && run === session) {
      const frameDue = !awaitingAck && frameThrottle.due();
      await run.step(frameDue);
      if (run !== session) break;
      // the step may have changed the state (TypeScript cannot see that through the await)
      if ((run.state as string) === 'diverged') {
        await sendFrame(true);
        break;
      }
      if (run.state !== 'running') break;
      if (run.trainer.step >= stopAtStep) {
        run.state = 'paused';
        await sendFrame(true);
        break;
      }
      if (frameDue && !awaitingAck) await sendFrame(evalThrottle.due());
      await yieldToEvents();
    }
  }

  async function stop(): Promise<void> {
    if (session?.state === 'running') session.state = 'paused';
    await loopDone;
  }

  /** Replaces the run with a fresh one: new model (or the given weights, at the given step), data and id. */
  async function startRun(config: TrainConfig, weights?: ParamValues, atStep = 0): Promise<RunInfo> {
    await stop();
    session?.dispose();
    session = undefined;
    const runId = ++runCount;
    const task = await tasks.build(config);
    const run = (session = new RunSession(runId, newTrainer(config, task, weights), atStep));
    const info = describeRun(runId, run.trainer, atStep);
    await run.checkpoint();
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
  async function warmUp(run: RunSession): Promise<void> {
    if (run !== session || run.state !== 'idle') return;
    const scratch = newTrainer(run.trainer.config, run.trainer.task);
    try {
      await scratch.trainStep(true);
      // a rebuild asked for meanwhile waits for no more than this one step
      if (run !== session) return;
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
      const selected = await selectBackend(preferred, config && (async (timingPlan) => newTrainer(config, await tasks.build(config), undefined, timingPlan)));
      plan = selected.plan;
      return selected.info;
    },
    subscribe(callback) {
      onFrame = callback;
    },
    configure: (config: TrainConfig): Promise<RunInfo> => serial(() => startRun(config)),
    exportModel: (format, config) =>
      serial(async () => {
        if (!session) throw new Error('There is no model to export yet');
        const { trainer } = session;
        const file = encodeExport({ config, spec: trainer.spec, weights: await trainer.weights(), step: trainer.step, taskMetadata: trainer.task.metadata }, format);
        return transfer(file, [file.bytes.buffer as ArrayBuffer]);
      }),
    setUserData: (config, text) =>
      serial(async () => {
        const error = await tasks.setUpload(config, text);
        // refused: the task keeps the data it had, the run stays as it is
        if (error !== undefined) return { error };
        return { runInfo: await startRun(config) };
      }),
    tryIt: (input, options) =>
      serial(async () => {
        const runner = session?.trainer;
        if (!runner?.task.tryIt) return { error: 'This task has no "try it" yet' };
        try {
          return await runner.task.tryIt.run(input, options, (batch) => runner.predict(batch));
        } catch (error) {
          return { error: (error as Error).message };
        }
      }),
    saveState: () =>
      serial(async () => {
        if (!session) throw new Error('There is no run to save yet');
        const saved = await session.trainer.state();
        const buffers = [...Object.values(saved.weights), ...saved.optimizer.map((w) => w.data)].map((a) => a.buffer as ArrayBuffer);
        return transfer(saved, buffers);
      }),
    loadState: (config, saved) =>
      serial(async () => {
        const info = await startRun(config);
        await session!.load(saved);
        info.startStep = saved.step;
        return info;
      }),
    importModel: (bytes, current) =>
      serial(async () => {
        let result: ImportResult;
        try {
          // every task's data, so that the file's own config can be checked against its task
          result = decodeImport(bytes, current, await tasks.modelSpecBuilder());
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
        const run = session;
        if (warmUpPending && run) setTimeout(() => void serial(() => warmUp(run)), WARM_UP_DELAY_MS);
        warmUpPending = false;
      }),
    // Queued behind any configure, so a Train pressed during a rebuild trains the new model.
    run: (untilStep) =>
      serial(async () => {
        if (!session || session.state === 'running' || session.state === 'diverged') return;
        session.state = 'running';
        stopAtStep = untilStep ?? Infinity;
        loopDone = loop(session);
      }),
    pause: () =>
      serial(async () => {
        if (session?.state !== 'running') return;
        await stop();
        await sendFrame(true, true);
      }),
    stepOnce: () =>
      serial(async () => {
        const run = session;
        if (!run || run.state === 'running' || run.state === 'diverged') return;
        await run.step(true);
        if ((run.state as string) !== 'diverged') run.state = 'paused';
        await sendFrame(true, true);
      }),
    rewind: () =>
      serial(async () => {
        await stop();
        const step = await session?.rewind();
        if (step === undefined) return { error: 'There is no finite checkpoint to go back to: press Reset to start over.' };
        await sendFrame(true, true);
        return { step };
      }),
    async updateLive(changes) {
      session?.applyLive(changes);
    },
    close() {
      session?.dispose();
      session = undefined;
    },
  };
}

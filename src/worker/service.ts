/**
 * The trainer service: the wiring between the page's commands and the current run. The run is a RunSession,
 * trained by a TrainingLoop, reported by a FrameSender (flow control of frames), and warmed up by a ModelWarmUp;
 * here they are adapted to TrainerApi. A plain object so Node tests can drive it; trainer.worker.ts exposes it
 * over Comlink.
 */
import { transfer } from 'comlink';
import { Trainer } from '../core/trainer';
import type { ExecutionPlan } from '../core/kernels/executionPlan';
import type { TrainConfig } from '../shared/config';
import type { ParamValues } from '../shared/spec';
import type { BackendName, RunInfo, TrainerApi } from '../shared/protocol';
import type { Task } from '../tasks/task';
import type { SelectedBackend } from './backend';
import { stateArrays } from './frameBuilder';
import { FrameSender } from './frameSender';
import { decodeImport, encodeExport, type ImportResult } from './modelExchange';
import { notebookFile } from '../io/notebook/runNotebook';
import { describeRun } from './runInfo';
import { RunSession } from './runSession';
import { TaskSource } from './taskSource';
import { TrainingLoop } from './trainingLoop';
import { runWhatIf, whatIfArrays } from './whatIf';
import { ModelWarmUp, warmUpOnWebgl, type WarmUpOptions } from './warmUp';

export type { WarmUpOptions } from './warmUp';

/** Runs commands one at a time, in the order they arrive, whether or not the previous one failed. */
function commandQueue(): <T>(command: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (command) => {
    const result = queue.then(command, command);
    queue = result.catch(() => undefined);
    return result;
  };
}

/**
 * Creates the service; `selectBackend` is the environment's way of choosing a tfjs backend and the execution
 * plan that goes with it (fused layers or op by op, which kernels), which every trainer of the service gets.
 */
export function createTrainerService(
  selectBackend: (preferred?: BackendName | 'auto', makeTrainer?: (plan: ExecutionPlan) => Promise<Trainer>) => Promise<SelectedBackend>,
  readDataFile: (file: string) => Promise<string> = () => Promise.reject(new Error('no data files here')),
  { shouldWarmUp, onWarmedUp }: WarmUpOptions = {},
): TrainerApi & { close(): void } {
  const tasks = new TaskSource(readDataFile);
  /** The current run; undefined before the first configure, after close, or when building one failed. */
  let session: RunSession | undefined;
  /** Runs configured so far: the next run's id is one more (a failed build uses up its id too). */
  let runCount = 0;
  /** The plan of the backend init chose; before init, trainers take the active backend's (see Trainer). */
  let plan: ExecutionPlan | undefined;
  const currentRun = (): RunSession | undefined => session;
  // Commands run one at a time, in the order they arrive: a configure never interleaves with another.
  const serial = commandQueue();
  const frames = new FrameSender(currentRun);
  const loop = new TrainingLoop(frames, currentRun);
  const warmUps = new ModelWarmUp<RunSession>({
    shouldWarmUp: shouldWarmUp ?? (() => warmUpOnWebgl(plan)),
    onWarmedUp,
    scratchFor: (run) => newTrainer(run.trainer.config, run.trainer.task),
    currentRun,
    enqueue: (command) => void serial(command),
  });

  /** The one place the service builds trainers: a run's, a warm-up's, and the model 'auto' times backends with. */
  function newTrainer(config: TrainConfig, task: Task, weights?: ParamValues, trainerPlan = plan): Trainer<Task> {
    return new Trainer(config, task, weights, { plan: trainerPlan });
  }

  /** Replaces the run with a fresh one: new model (or the given weights, at the given step), data and id. */
  async function startRun(config: TrainConfig, weights?: ParamValues, atStep = 0): Promise<RunInfo> {
    await loop.stop(session);
    session?.dispose();
    session = undefined;
    const runId = ++runCount;
    const task = await tasks.build(config);
    const run = (session = new RunSession(runId, newTrainer(config, task, weights), atStep));
    const info = describeRun(runId, run.trainer, atStep);
    await run.checkpoint();
    warmUps.newRun(run);
    return info;
  }

  return {
    async init(preferred, config) {
      // 'auto' times the learner's own model on each backend (built with its data, then thrown away)
      const selected = await selectBackend(preferred, config && (async (timingPlan) => newTrainer(config, await tasks.build(config), undefined, timingPlan)));
      plan = selected.plan;
      return selected.info;
    },
    subscribe(callback) {
      frames.subscribe(callback);
    },
    configure: (config: TrainConfig): Promise<RunInfo> => serial(() => startRun(config)),
    exportModel: (format, config) =>
      serial(async () => {
        if (!session) throw new Error('There is no model to export yet');
        const { trainer } = session;
        const file = encodeExport({ config, spec: trainer.spec, weights: await trainer.weights(), step: trainer.step, taskMetadata: trainer.task.metadata }, format);
        return transfer(file, [file.bytes.buffer as ArrayBuffer]);
      }),
    exportNotebook: (config) =>
      serial(async () => {
        if (!session) throw new Error('There is no model to export yet');
        const { trainer } = session;
        // the same .safetensors as exportModel's, embedded; the metrics are the app's for these very weights
        const weights = encodeExport({ config, spec: trainer.spec, weights: await trainer.weights(), step: trainer.step, taskMetadata: trainer.task.metadata }, 'safetensors');
        const file = notebookFile({ config, task: trainer.task, step: trainer.step, weights, appMetrics: await trainer.evaluate() });
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
        return transfer(saved, stateArrays(saved).map((a) => a.buffer as ArrayBuffer));
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
        await frames.send(true, true);
        warmUps.afterRefresh();
      }),
    // Queued behind any configure, so a Train pressed during a rebuild trains the new model.
    run: (untilStep) =>
      serial(async () => {
        if (session) loop.start(session, untilStep);
      }),
    pause: () =>
      serial(async () => {
        if (session?.state !== 'running') return;
        await loop.stop(session);
        await frames.send(true, true);
      }),
    stepOnce: () =>
      serial(async () => {
        if (await session?.stepOnce()) await frames.send(true, true);
      }),
    rewind: () =>
      serial(async () => {
        await loop.stop(session);
        const step = await session?.rewind();
        if (step === undefined) return { error: 'There is no finite checkpoint to go back to: press Reset to start over.' };
        await frames.send(true, true);
        return { step };
      }),
    // queued like try it; the loop may go on training meanwhile (runWhatIf reads one consistent copy of the weights)
    whatIf: (edit) =>
      serial(async () => {
        if (!session) return { error: 'There is no model yet: wait for the run to be ready.' };
        const result = await runWhatIf(session.trainer, session.runId, edit);
        return 'error' in result ? result : transfer(result, whatIfArrays(result));
      }),
    async updateLive(changes) {
      session?.applyLive(changes);
    },
    // not queued: a new speed applies from the next step, also to a loop that is training now
    async setSpeed(stepsPerSecond) {
      loop.setSpeed(stepsPerSecond);
    },
    close() {
      session?.dispose();
      session = undefined;
    },
  };
}

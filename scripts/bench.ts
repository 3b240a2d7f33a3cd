/**
 * Speed benchmark (Node): training steps/s of Unrolled's instrumented step, with and without recording the
 * gates, side by side with an equivalent tf.layers model, per backend (wasm, cpu), cell and hidden size; and
 * whether the live tensor count stays flat over many steps.
 *
 *   npm run bench [-- --json] [--seconds S] [--quick] [--node-only] [--time-to-target] [--tasks sine,co2,…]
 *   npm run bench -- --long-run MINUTES [--json]
 *
 * The table goes to stdout, progress to stderr; with --json the last line of stdout is one JSON object:
 * {"environment":"node","rows":[…],"ratio":…,"ratioByConfig":{…},"tensorsBefore":…,"tensorsAfter":…,"tensorsFlat":…}
 * where ratio = Unrolled ÷ tf.layers steps/s, each on its best backend (geometric mean over the configurations).
 *
 * Then the browser half (src/bench/browser.ts, skipped with --node-only): the built app in headless Chromium,
 * per backend — steps/s in the worker, time from Train to the first step, main-thread long tasks and slow
 * frames while training with every view open — and the page's first JavaScript (gzip). In the JSON: "browser".
 *
 * Then time to a good model (issue #14; src/bench/targets.ts): per task, the app at ?task=NAME (its own
 * defaults, the default cell, seed 1) on WASM, seconds from pressing Train to the first held-out evaluation that
 * meets the task's target, stopping there or at the budget (90 s). Up to 90 s a task, so --quick leaves it out;
 * --time-to-target runs only these rows (no Node half, no other browser rows), --tasks only the tasks named.
 * In the JSON: "timeToTarget": [{task, target, seconds (null: not reached), reachedAtStep, budgetSeconds,
 * lastStep, lastMetrics, note?}] and "timeToTargetOn": {backend, logicalCores}.
 *
 * Last, the budgets of issues #7 and #14, each measured and met or not (a table; in the JSON "budgets" and
 * "budgetsMet").
 *
 * --long-run MINUTES runs only the long run (issue #17; src/bench/longRun.ts): the app trains the default task
 * on WASM for that long, and the page's and the worker's memory is read every 5 minutes (every minute for runs
 * under 30) after a garbage collection, the first after a warm-up minute; flat means the last third of the
 * readings at most 10% above the first third (their largest, as the heap swings between collections). In the JSON: "longRun": {url, minutes, readings[{minute, step, pageBytes, workerBytes}], pageFlat,
 * workerFlat}. */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../src/cli/tfNode';
import { Trainer } from '../src/core/trainer';
import { sineTask } from '../src/tasks/sine';
import { BENCH_BATCH_SIZE, BENCH_LEARNING_RATE, BENCH_SEQUENCE_LENGTH, layersStepsPerSecond, type LayersCell } from '../src/bench/layersBaseline';
import { bestRatio, checkBudgets, formatTable, sideBySideTable, type SideBySideRow } from '../src/bench/measure';
import { benchConfig, unrolledStepsPerSecond } from '../src/bench/unrolledTiming';
import { FLAT_WITHIN, measureLongRun } from '../src/bench/longRun';
import { LEARNER_PAUSE_MS, measureBrowser, measureTimeToTarget, type BrowserBench, type TimeToTarget } from '../src/bench/browser';
import { TASK_TARGETS } from '../src/bench/targets';
import { UsageError } from '../src/cli/errors';
import type { TaskId } from '../src/shared/config';

const BACKENDS = ['wasm', 'cpu'] as const;
/** The model whose live tensor count is followed over many steps. */
const TENSOR_CHECK = { hidden: 8, batch: 8, steps: 10 };

/** One row of the result: a configuration on one backend. */
/** A Node row: the side-by-side row with the op-by-op rate measured too. */
type BenchRow = SideBySideRow & { unrolledOpsStepsPerSecond: number };

const USAGE = 'Usage: npm run bench [-- --json] [--seconds S] [--quick] [--node-only] [--time-to-target] [--tasks sine,co2,…] [--long-run MINUTES]';

/** What the command line asks for. */
interface BenchFlags {
  json: boolean;
  seconds: number;
  quick: boolean;
  nodeOnly: boolean;
  /** Only the time-to-target rows. */
  timeToTargetOnly: boolean;
  /** The tasks whose time to target is measured (none: not measured). */
  tasks: TaskId[];
  /** Only the long run (--long-run MINUTES): the page's and the worker's memory over that long. */
  longRunMinutes?: number;
}

function parseFlags(args: string[]): BenchFlags {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        seconds: { type: 'string' },
        quick: { type: 'boolean', default: false },
        'node-only': { type: 'boolean', default: false },
        'time-to-target': { type: 'boolean', default: false },
        tasks: { type: 'string' },
        'long-run': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const seconds = values.seconds === undefined ? (values.quick ? 1 : 3) : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--seconds must be a positive number, got "${values.seconds}"`);
  const known = TASK_TARGETS.map((target) => target.task);
  const named = values.tasks === undefined ? known : values.tasks.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = named.filter((name) => !known.includes(name as TaskId));
  if (unknown.length > 0 || named.length === 0) throw new UsageError(`--tasks takes some of ${known.join(', ')}; got "${values.tasks}"\n${USAGE}`);
  const timeToTargetOnly = values['time-to-target'] ?? false;
  const nodeOnly = values['node-only'] ?? false;
  if (timeToTargetOnly && nodeOnly) throw new UsageError(`--time-to-target runs in the browser; it cannot go with --node-only\n${USAGE}`);
  const quick = values.quick ?? false;
  // a task may take its whole budget (90 s): a quick run leaves them out unless asked for
  const measureTasks = timeToTargetOnly || values.tasks !== undefined || !quick;
  const longRunMinutes = values['long-run'] === undefined ? undefined : Number(values['long-run']);
  if (longRunMinutes !== undefined && !(longRunMinutes >= 2)) throw new UsageError(`--long-run takes the minutes to train, at least 2; got "${values['long-run']}"\n${USAGE}`);
  return { json: values.json ?? false, seconds, quick, nodeOnly, timeToTargetOnly, tasks: measureTasks ? (named as TaskId[]) : [], longRunMinutes };
}

/** The time-to-target rows as a table. */
function timeToTargetTable(measured: TimeToTarget): string {
  return formatTable(
    measured.rows.map((row) => ({
      task: row.task,
      target: row.target,
      seconds: row.seconds === null ? `not reached in ${row.budgetSeconds}` : row.seconds.toFixed(1),
      step: row.reachedAtStep ?? '',
      'budget s': row.budgetSeconds,
    })),
  );
}

/** Only the time-to-target rows (--time-to-target): the table, their budgets and, with --json, a JSON line. */
async function timeToTargetOnly(flags: BenchFlags, log: (line: string) => void, out: (line: string) => void): Promise<void> {
  const measured = await measureTimeToTarget({ tasks: flags.tasks, log });
  out(`Time from Train to a good model, ${measured.backend} in Chromium, ${measured.logicalCores} logical cores:`);
  out(timeToTargetTable(measured));
  const budgets = checkBudgets({ rows: [], tensorSteps: 0, learnerPauseMs: LEARNER_PAUSE_MS, timeToTarget: measured.rows });
  out('');
  out(formatTable(budgets.map((b) => ({ budget: b.budget, measured: b.measured, met: b.ok ? 'yes' : 'NO' }))));
  if (flags.json) {
    out(
      JSON.stringify({
        environment: 'browser',
        timeToTarget: measured.rows,
        timeToTargetOn: { backend: measured.backend, logicalCores: measured.logicalCores },
        budgets,
        budgetsMet: budgets.every((b) => b.ok),
      }),
    );
  }
}

/** Only the long run (--long-run MINUTES): its readings, whether each heap stayed flat, and with --json a JSON line. */
async function longRunOnly(minutes: number, json: boolean, log: (line: string) => void, out: (line: string) => void): Promise<void> {
  const run = await measureLongRun({ minutes, everyMinutes: minutes >= 30 ? 5 : 1, log });
  out(`Memory while training the default task on WASM in Chromium for ${minutes} minutes (after a garbage collection):`);
  out(formatTable(run.readings.map((r) => ({ minute: r.minute.toFixed(1), step: r.step, 'page MB': (r.pageBytes / 1048576).toFixed(1), 'worker MB': (r.workerBytes / 1048576).toFixed(1) }))));
  out(`Flat (the last third of the readings at most ${FLAT_WITHIN * 100}% above the first third): page ${run.pageFlat ? 'yes' : 'NO'}, worker ${run.workerFlat ? 'yes' : 'NO'}`);
  if (json) out(JSON.stringify({ environment: 'browser', longRun: run }));
}

/**
 * Live tensors before and after `steps` steps of one trainer (every 10th step records the gates too), of a
 * small LSTM so that 10 000 steps take seconds, not minutes. "Before" is taken after the first step: Adam
 * creates its moment slots on its first update.
 */
async function tensorCount(steps: number, log: (line: string) => void): Promise<{ before: number; after: number }> {
  const config = { ...benchConfig('lstm', TENSOR_CHECK.hidden), batchSize: TENSOR_CHECK.batch, sequenceLength: TENSOR_CHECK.steps };
  const idle = tf.memory().numTensors;
  const trainer = new Trainer(config, sineTask(config));
  try {
    await trainer.trainStep(false);
    const before = tf.memory().numTensors;
    for (let k = 1; k <= steps; k++) await trainer.trainStep(k % 10 === 0);
    const after = tf.memory().numTensors;
    return { before, after };
  } finally {
    trainer.dispose();
    const left = tf.memory().numTensors - idle;
    if (left !== 0) log(`  warning: ${left} tensors left behind after the trainer was disposed`);
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const { json, seconds, quick, nodeOnly } = flags;
  const log = (line: string): void => void process.stderr.write(line + '\n');
  const out = (line: string): void => void process.stdout.write(line + '\n');
  if (flags.timeToTargetOnly) return timeToTargetOnly(flags, log, out);
  if (flags.longRunMinutes !== undefined) return longRunOnly(flags.longRunMinutes, json, log, out);
  const cells: LayersCell[] = quick ? ['lstm'] : ['lstm', 'gru', 'rnn-tanh'];
  const hiddenSizes = quick ? [32] : [32, 64];
  const tensorSteps = quick ? 500 : 10_000;
  log(`Unrolled bench: B=${BENCH_BATCH_SIZE}, T=${BENCH_SEQUENCE_LENGTH}, 1 layer, Adam lr ${BENCH_LEARNING_RATE}, sine data; ${seconds} s per measurement`);

  const rows: BenchRow[] = [];
  let tensors: { before: number; after: number } | undefined;
  for (const requested of BACKENDS) {
    const backend = await useNodeBackend(requested);
    if (backend !== requested) {
      log(`Backend ${requested} is not available (tfjs chose ${backend}); skipped.`);
      continue;
    }
    if (backend === 'wasm') {
      log(`[${backend}] live tensors over ${tensorSteps} steps of lstm-32 …`);
      tensors = await tensorCount(tensorSteps, log);
      log(`  ${tensors.before} → ${tensors.after}`);
    }
    for (const cell of cells) {
      for (const hidden of hiddenSizes) {
        log(`[${backend}] ${cell}-${hidden}: Unrolled …`);
        const unrolled = await unrolledStepsPerSecond(cell, hidden, seconds);
        log(`[${backend}] ${cell}-${hidden}: tf.layers …`);
        const before = tf.memory().numTensors;
        const layers = await layersStepsPerSecond(cell, hidden, BENCH_BATCH_SIZE, BENCH_SEQUENCE_LENGTH, seconds);
        const leaked = tf.memory().numTensors - before;
        if (leaked !== 0) log(`  warning: the tf.layers baseline left ${leaked} tensors behind`);
        const row: BenchRow = {
          backend,
          cell,
          hidden,
          unrolledStepsPerSecond: round(unrolled.plain),
          unrolledGatesStepsPerSecond: round(unrolled.gates),
          unrolledOpsStepsPerSecond: round(unrolled.ops),
          layersStepsPerSecond: round(layers),
          ratio: round(unrolled.plain / layers, 3),
        };
        rows.push(row);
        log(`  unrolled ${row.unrolledStepsPerSecond}, +gates ${row.unrolledGatesStepsPerSecond}, op by op ${row.unrolledOpsStepsPerSecond}, tf.layers ${row.layersStepsPerSecond} steps/s`);
      }
    }
  }

  const { ratio, ratioByConfig } = bestRatio(rows);
  out(sideBySideTable(rows));
  out('');
  out(`Unrolled ÷ tf.layers, best backend each: ${Object.entries(ratioByConfig).map(([key, value]) => `${key} ${value.toFixed(2)}`).join(', ')}`);
  out(`Overall (geometric mean): ${ratio.toFixed(2)}`);
  if (tensors) {
    const model = `lstm-${TENSOR_CHECK.hidden}, B=${TENSOR_CHECK.batch}, T=${TENSOR_CHECK.steps}`;
    out(`Live tensors over ${tensorSteps} steps (wasm, ${model}): ${tensors.before} → ${tensors.after} (${tensors.before === tensors.after ? 'flat' : 'NOT flat'})`);
  }
  let browser: BrowserBench | undefined;
  if (!nodeOnly) {
    browser = await measureBrowser({
      seconds: quick ? 3 : Math.max(4, seconds * 2),
      backends: quick ? ['wasm'] : ['wasm', 'webgl', 'cpu'],
      // (as long as each Node measurement: shorter ones in the browser varied by ±20% from run to run)
      sideBySide: { cells, hiddenSizes, seconds: quick ? 1 : seconds },
      timeToTarget: flags.tasks,
      log,
    });
    out('');
    out(
      formatTable(
        browser.rows.map((r) => ({
          'browser backend': r.backend,
          'steps/s': r.stepsPerSecond.toFixed(1),
          'first step ms': r.firstStepMs,
          'first step, Train at once, ms': r.firstStepAtOnceMs,
          'long tasks': r.longTasks,
          'longest task ms': r.longestTaskMs.toFixed(0),
          'frame p95 ms': r.frameP95Ms.toFixed(1),
          'slow frames': `${r.slowFrames}/${r.frames}`,
        })),
      ),
    );
    out(`Initial JavaScript: ${(browser.initialJsGzipBytes / 1024).toFixed(1)} kB gzip (budget 300 kB)`);
    out(`(first step ms: Train pressed ${LEARNER_PAUSE_MS / 1000} s after the page says ready, as a learner would; "at once": as soon as it does)`);
    out('');
    out('In the browser, in a Web Worker (bench.html):');
    out(sideBySideTable(browser.sideBySide));
    if (browser.timeToTarget) {
      out('');
      out(`Time from Train to a good model, ${browser.timeToTarget.backend} in Chromium, ${browser.timeToTarget.logicalCores} logical cores:`);
      out(timeToTargetTable(browser.timeToTarget));
    }
  }
  const timeToTarget = browser?.timeToTarget;
  const budgets = checkBudgets({ rows, tensors, tensorSteps, browser, learnerPauseMs: LEARNER_PAUSE_MS, timeToTarget: timeToTarget?.rows });
  out('');
  out(formatTable(budgets.map((b) => ({ budget: b.budget, measured: b.measured, met: b.ok ? 'yes' : 'NO' }))));
  if (json) {
    const ratios: Record<string, number> = {};
    for (const [key, value] of Object.entries(ratioByConfig)) ratios[key] = round(value, 3);
    out(
      JSON.stringify({
        environment: 'node',
        rows,
        ratio: round(ratio, 3),
        ratioByConfig: ratios,
        tensorsBefore: tensors?.before ?? null,
        tensorsAfter: tensors?.after ?? null,
        tensorsFlat: tensors ? tensors.before === tensors.after : null,
        browser: browser ? { ...browser, timeToTarget: undefined } : null,
        timeToTarget: timeToTarget?.rows ?? null,
        timeToTargetOn: timeToTarget ? { backend: timeToTarget.backend, logicalCores: timeToTarget.logicalCores } : null,
        budgets,
        budgetsMet: budgets.every((b) => b.ok),
      }),
    );
  }
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(error.message + '\n');
    process.exit(2);
  }
  throw error;
});

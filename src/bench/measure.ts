/**
 * Pure helpers of the speed benchmark (`npm run bench`): a timed loop, a plain-text table, the
 * Unrolled ÷ tf.layers ratio and the budgets table. No tfjs here, so they are unit-tested without a backend.
 */
import type { BackendName } from '../shared/protocol';
import type { CellKind } from '../shared/spec';
import { targetOf, type TimeToTargetRow } from './targets';

/** What a timed loop measured: steps after the warm-up, their wall time and the rate. */
export interface LoopTiming {
  steps: number;
  elapsedMs: number;
  stepsPerSecond: number;
}

/**
 * Runs `warmup` untimed steps, then steps until `seconds` of wall time have passed (at least one step),
 * awaiting each one, and returns the rate. `now` is injectable so tests can use a fake clock.
 */
export async function timeLoop(
  step: () => Promise<unknown>,
  warmup: number,
  seconds: number,
  now: () => number = () => performance.now(),
): Promise<LoopTiming> {
  for (let k = 0; k < warmup; k++) await step();
  const budgetMs = seconds * 1000;
  const started = now();
  let steps = 0;
  let elapsedMs = 0;
  do {
    await step();
    steps++;
    elapsedMs = now() - started;
  } while (elapsedMs < budgetMs);
  return { steps, elapsedMs, stepsPerSecond: elapsedMs > 0 ? (steps * 1000) / elapsedMs : Infinity };
}

/**
 * Formats rows as aligned columns under a header line and a rule; the columns are the rows' keys in order of
 * first appearance. A column of numbers (or of numbers already formatted as text, e.g. "4.30") is right-aligned,
 * any other column left-aligned; a missing cell is blank.
 */
export function formatTable(rows: Array<Record<string, string | number>>): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => text(row[column]).length)));
  const isNumber = (value: string | number | undefined): boolean =>
    value === undefined || typeof value === 'number' || (value.trim() !== '' && Number.isFinite(Number(value)));
  const numeric = columns.map((column) => rows.every((row) => isNumber(row[column])));
  const line = (cells: string[], alignRight: boolean[]): string =>
    cells.map((cell, k) => (alignRight[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd();
  return [
    line(columns, numeric),
    line(widths.map((width) => '-'.repeat(width)), numeric),
    ...rows.map((row) => line(columns.map((column) => text(row[column])), numeric)),
  ].join('\n');
}

/** One benchmarked configuration on one backend. */
export interface BenchResult {
  backend: string;
  cell: string;
  hidden: number;
  unrolledStepsPerSecond: number;
  layersStepsPerSecond: number;
}

/** Unrolled beside tf.layers, one backend, cell and size (Node, and the browser's worker in bench.html). */
export interface SideBySideRow extends BenchResult {
  unrolledGatesStepsPerSecond: number;
  /** Node only: the same step with every layer run op by op (the fused layer off; what WebGL runs). */
  unrolledOpsStepsPerSecond?: number;
  /** Unrolled ÷ tf.layers on this backend. */
  ratio: number;
}

/** The table of side-by-side rows, as bench.html shows it and `npm run bench` prints it (op by op where measured). */
export function sideBySideTable(rows: readonly SideBySideRow[]): string {
  return formatTable(
    rows.map((row) => ({
      backend: row.backend,
      cell: row.cell,
      hidden: row.hidden,
      'unrolled steps/s': row.unrolledStepsPerSecond.toFixed(1),
      'unrolled+gates steps/s': row.unrolledGatesStepsPerSecond.toFixed(1),
      ...(row.unrolledOpsStepsPerSecond === undefined ? {} : { 'op by op steps/s': row.unrolledOpsStepsPerSecond.toFixed(1) }),
      'tf.layers steps/s': row.layersStepsPerSecond.toFixed(1),
      ratio: row.ratio.toFixed(2),
    })),
  );
}

/** The key of a cell × hidden size, e.g. "lstm-32". */
export function configKey(result: Pick<BenchResult, 'cell' | 'hidden'>): string {
  return `${result.cell}-${result.hidden}`;
}

/**
 * Per cell × hidden size: best Unrolled steps/s over the backends ÷ best tf.layers steps/s over the backends
 * (each side on its own fastest backend, as a learner would run it); overall: the geometric mean of those.
 */
export function bestRatio(results: readonly BenchResult[]): { ratio: number; ratioByConfig: Record<string, number> } {
  const best = new Map<string, { unrolled: number; layers: number }>();
  for (const result of results) {
    const key = configKey(result);
    const so = best.get(key) ?? { unrolled: 0, layers: 0 };
    best.set(key, {
      unrolled: Math.max(so.unrolled, result.unrolledStepsPerSecond),
      layers: Math.max(so.layers, result.layersStepsPerSecond),
    });
  }
  const ratioByConfig: Record<string, number> = {};
  let logSum = 0;
  for (const [key, { unrolled, layers }] of best) {
    ratioByConfig[key] = unrolled / layers;
    logSum += Math.log(ratioByConfig[key]);
  }
  return { ratio: best.size > 0 ? Math.exp(logSum / best.size) : NaN, ratioByConfig };
}

/** One of the issue's speed budgets, as measured. */
export interface BudgetCheck {
  budget: string;
  measured: string;
  ok: boolean;
}

/** What the budgets are checked against: the Node rows (with per-backend ratios) and the browser half, if run. */
export interface BudgetInputs {
  rows: ReadonlyArray<BenchResult & { ratio: number }>;
  tensors?: { before: number; after: number };
  tensorSteps: number;
  browser?: {
    rows: ReadonlyArray<{ backend: string; firstStepMs: number; firstStepAtOnceMs: number; longTasks: number; longestTaskMs: number }>;
    /** Unrolled beside tf.layers in the browser's worker. */
    sideBySide: ReadonlyArray<BenchResult & { ratio: number }>;
    initialJsGzipBytes: number;
  };
  /** How long after "ready" Train was pressed for firstStepMs. */
  learnerPauseMs: number;
  /** Seconds from Train to each task's target in the browser (targets.ts), if measured. */
  timeToTarget?: readonly TimeToTargetRow[];
}

/** Budgets the bench checks (issue #7): each with what was measured and whether it holds. */
export const BUDGETS = {
  ratio: 3,
  firstStepMs: 2000,
  longTaskMs: 50,
  initialJsKb: 300,
};

/**
 * Checks the speed budgets: Unrolled ≥ 3× tf.layers on the same backend (every row), first step < 2 s after
 * Train (every browser backend), no main-thread task > 50 ms while training, initial JavaScript ≤ 300 kB gzip,
 * live tensors flat over many steps, and each task's target within its time (issue #14). A budget whose
 * measurement was skipped (no browser run, or only the time-to-target rows) is left out.
 */
export function checkBudgets(inputs: BudgetInputs): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  // Node's rows and the browser's, the latter named "browser <backend>"
  const ratioRows = [...inputs.rows, ...(inputs.browser?.sideBySide ?? []).map((row) => ({ ...row, backend: `browser ${row.backend}` }))];
  if (ratioRows.length > 0) {
    const below = ratioRows.filter((row) => row.ratio < BUDGETS.ratio);
    const worst = ratioRows.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    const name = (row: (typeof ratioRows)[number]) => `${row.backend} ${configKey(row)} ${row.ratio.toFixed(2)}×`;
    checks.push({
      budget: `Unrolled ≥ ${BUDGETS.ratio}× tf.layers on the same backend`,
      measured: below.length === 0 ? `lowest ${worst.ratio.toFixed(2)}× (${worst.backend} ${configKey(worst)})` : `below: ${below.map(name).join(', ')}`,
      ok: below.length === 0,
    });
  }
  if (inputs.tensors) {
    const { before, after } = inputs.tensors;
    checks.push({ budget: `live tensors flat over ${inputs.tensorSteps} steps`, measured: `${before} → ${after}`, ok: before === after });
  }
  if (inputs.browser) {
    const { rows, initialJsGzipBytes } = inputs.browser;
    if (rows.length > 0) {
      const slowest = rows.reduce((a, b) => (b.firstStepMs > a.firstStepMs ? b : a));
      checks.push({
        budget: `first step < ${BUDGETS.firstStepMs / 1000} s after Train (pressed ${inputs.learnerPauseMs / 1000} s after ready)`,
        measured: `${rows.map((row) => `${row.backend} ${row.firstStepMs} ms`).join(', ')} (pressed at once: ${rows.map((row) => `${row.backend} ${row.firstStepAtOnceMs} ms`).join(', ')})`,
        ok: slowest.firstStepMs < BUDGETS.firstStepMs,
      });
      const longest = Math.max(...rows.map((row) => row.longestTaskMs));
      checks.push({
        budget: `no main-thread task > ${BUDGETS.longTaskMs} ms while training`,
        measured: `${rows.reduce((sum, row) => sum + row.longTasks, 0)} long tasks, longest ${longest.toFixed(0)} ms`,
        ok: rows.every((row) => row.longTasks === 0 && row.longestTaskMs <= BUDGETS.longTaskMs),
      });
    }
    const kb = initialJsGzipBytes / 1024;
    checks.push({ budget: `initial JavaScript ≤ ${BUDGETS.initialJsKb} kB gzip`, measured: `${kb.toFixed(1)} kB`, ok: kb <= BUDGETS.initialJsKb });
  }
  for (const row of inputs.timeToTarget ?? []) checks.push(timeToTargetCheck(row));
  return checks;
}

/** One task's time-to-target row as a budget: met when the target was reached within the task's budget. */
export function timeToTargetCheck(row: TimeToTargetRow): BudgetCheck {
  const reading = row.lastMetrics ? targetOf(row.task).reading(row.lastMetrics) : 'no held-out evaluation';
  const ok = row.seconds !== null && row.seconds <= row.budgetSeconds;
  const measured =
    row.seconds !== null
      ? `${row.seconds.toFixed(1)} s (step ${row.reachedAtStep}: ${reading})`
      : `not reached in ${row.budgetSeconds} s (last: ${reading}${row.lastStep !== null ? ` at step ${row.lastStep}` : ''})${row.note ? `; ${row.note}` : ''}`;
  return { budget: `${row.task}: ${row.target}, ≤ ${row.budgetSeconds} s after Train (WASM)`, measured, ok };
}

/** What the page asks for. */
export interface BenchRequest {
  backends: BackendName[];
  cells: Exclude<CellKind, 'rnn-relu'>[];
  hiddenSizes: number[];
  seconds: number;
}

/** Messages back to the page: progress lines, then the rows (or an error). */
export type BenchMessage = { log: string } | { rows: SideBySideRow[] } | { error: string };

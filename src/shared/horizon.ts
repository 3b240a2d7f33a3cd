/**
 * The memory-horizon curve's plan and results, shared by the page (views/horizon/) and the worker that measures
 * it (worker/horizon.ts): held-out accuracy on the `remember` task at lags 5, 10, 20 and 40 for the tanh RNN,
 * the LSTM and the GRU, each trained from the same seed for the same few steps, and each cell's ‖∂L/∂h_t‖
 * profile on the held-out sequences at the longest lag. worker/horizon.test.ts trains this plan in Node and
 * checks the shape the view's text claims.
 */
import { startingConfig, type TrainConfig } from './config';
import type { CellKind } from './spec';
import { PRESETS } from './presets';

/** The lags measured (the marked symbol is this many steps before the end; sequence length = lag + 1). */
export const HORIZON_LAGS = [5, 10, 20, 40] as const;
/** The cells compared. */
export const HORIZON_CELLS = ['rnn-tanh', 'lstm', 'gru'] as const satisfies readonly CellKind[];
/** Training steps per run: small, so that the twelve runs take about a minute in a browser on WASM. */
export const HORIZON_STEPS = 300;
/** The one seed every run starts from. */
export const HORIZON_SEED = 1;

/** One of HORIZON_CELLS. */
export type HorizonCell = (typeof HORIZON_CELLS)[number];

/** One run of the plan: a cell at a lag. */
export interface HorizonRun {
  cell: HorizonCell;
  lag: number;
}

/** The runs in the order they are measured: lag by lag, the three cells at each, so the curve grows left to right. */
export function horizonRuns(): HorizonRun[] {
  return HORIZON_LAGS.flatMap((lag) => HORIZON_CELLS.map((cell) => ({ cell, lag })));
}

/** A run's config: the remember preset (its optimizer, clipping, hidden size), this cell and lag, the plan's seed. */
export function horizonConfig(run: HorizonRun): TrainConfig {
  return { ...startingConfig({ task: 'memory' }, PRESETS.remember.settings), cell: run.cell, sequenceLength: run.lag + 1, seed: HORIZON_SEED };
}

/** A measured point of the curve. */
export interface HorizonPoint extends HorizonRun {
  /** Held-out accuracy (0–1) after HORIZON_STEPS steps, on 256 sequences at the full lag. */
  accuracy: number;
  /** Steps per second this run trained at (for the time estimate). */
  stepsPerSecond: number;
  /** ‖∂L/∂h_t‖ over t = 1…lag+1 on the held-out sequences before training (the longest lag only). */
  profileBefore?: number[];
  /** … and after training. */
  profile?: number[];
}

/** Page → worker. */
export type HorizonRequest = { kind: 'start' };

/** Worker → page: the backend it runs on, progress within a run, a measured point, the end, or an error. */
export type HorizonMessage =
  | { kind: 'backend'; label: string }
  | { kind: 'progress'; run: HorizonRun; step: number; stepsPerSecond: number }
  | { kind: 'point'; point: HorizonPoint }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

/** The steps of the whole plan. */
export const HORIZON_TOTAL_STEPS = HORIZON_LAGS.length * HORIZON_CELLS.length * HORIZON_STEPS;

/**
 * Seconds left, from the speed measured so far: the steps still to train over the average speed. A longer lag
 * costs more a step, so the average of the runs so far (shorter lags first) underestimates; the page says so.
 */
export function secondsLeft(stepsDone: number, elapsedSeconds: number): number | undefined {
  if (stepsDone < 20 || elapsedSeconds <= 0) return undefined;
  const rate = stepsDone / elapsedSeconds;
  return (HORIZON_TOTAL_STEPS - stepsDone) / rate;
}

/**
 * Chooses the worker's tfjs backend: the preferred one if it starts, else WebGL → WASM → CPU, and says which
 * is active and why, with the execution plan its trainers run by (fused layers on WebGL only in software
 * rendering). The .wasm binaries are served from the app's own origin (Vite `?url` imports).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { defaultConfig } from '../shared/config';
import { executionPlanFor, type ExecutionPlan } from '../core/kernels/executionPlan';
import { Trainer } from '../core/trainer';
import { sineTask } from '../tasks/sine';
import type { BackendInfo, BackendName } from '../shared/protocol';

// Threads need cross-origin isolation (SharedArrayBuffer); the page is served with COOP/COEP everywhere, and the
// pthread workers load tfjs's unbundled factory (scripts/vite-wasm-threads.ts). tfjs uses half the logical cores
// (at most 8), so below 4 cores it would run one thread anyway: then the single-threaded build is used, which
// spares starting tfjs's 8 pthread workers. (Forcing 2 threads on 2 cores measured 75–80 steps/s against 96–103.)
const LOGICAL_CORES = globalThis.navigator?.hardwareConcurrency ?? 1;
if (!globalThis.crossOriginIsolated || LOGICAL_CORES < 4) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

const LABELS: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "WASM (SIMD, 2 threads)": what the WASM backend actually started with, read back from tfjs. */
function wasmLabel(): string {
  const features = [];
  if (tf.env().getBool('WASM_HAS_SIMD_SUPPORT')) features.push('SIMD');
  const threads = getThreadsCount();
  features.push(threads === 1 ? '1 thread' : `${threads} threads`);
  return `WASM (${features.join(', ')})`;
}
const ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Whether this worker can make a WebGL2 context at all (tfjs needs OffscreenCanvas in a worker). */
function webglProblem(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return 'this browser has no OffscreenCanvas in workers';
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    return gl ? undefined : 'this browser could not create a WebGL2 context';
  } catch (error) {
    return `WebGL2 failed: ${(error as Error).message}`;
  }
}

/** How long a backend may take to start before the next one is tried. */
const START_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** The WebGL renderer's name, when the browser tells it (e.g. "ANGLE (… SwiftShader …)"). */
function webglRenderer(): string | undefined {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return undefined;
  }
}

/**
 * WebGL's plan, from its renderer. In software rendering (where only a forced `?backend=webgl` lands): layers
 * run fused (reading back is a copy in memory, not a GPU stall), and shapes go to the shaders as uniforms, so one
 * compiled program serves every shape of an op (the first step went from 2.9 s to 2.5 s; see also the service's
 * warm-up). On a real GPU both stay as tfjs and op by op have them: tfjs leaves shape uniforms off by default.
 */
function configureWebgl(): ExecutionPlan {
  const softwareWebgl = isSoftwareRenderer(webglRenderer());
  tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', softwareWebgl);
  return executionPlanFor('webgl', { softwareWebgl });
}

/** Whether WebGL runs in software (no GPU): then WASM is several times faster for these models. */
export function isSoftwareRenderer(renderer: string | undefined): boolean {
  return !!renderer && /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/** The backend that is active now, as the page sees it, and the plan its trainers must run by. */
export interface SelectedBackend {
  info: BackendInfo;
  plan: ExecutionPlan;
}

/** Builds a trainer of the model to time a backend with (the learner's configured model), by the backend's plan. */
export type MakeTrainer = (plan: ExecutionPlan) => Promise<Pick<Trainer, 'trainStep' | 'dispose'>>;

/** A small LSTM on the sine task (batch 32, 20 steps, hidden 32): the model timed when none is given. */
const defaultTimingTrainer: MakeTrainer = async (plan) => {
  const config = { ...defaultConfig(), hiddenSize: 32, sequenceLength: 20, batchSize: 32 };
  return new Trainer(config, sineTask(config), undefined, { plan });
};

/** How long a backend's timing runs (after its warm-up step), and how many steps at most. */
const TIMING_MS = 1000;
const TIMING_STEPS = 4;

/** Steps per second of a trainer on the active backend, after a warm-up step (1 to 4 timed steps, ≤ ~1 s). */
async function timeTrainingSteps(makeTrainer: MakeTrainer, plan: ExecutionPlan): Promise<number> {
  const trainer = await makeTrainer(plan);
  try {
    await trainer.trainStep();
    const started = performance.now();
    let steps = 0;
    do {
      await trainer.trainStep();
      steps++;
    } while (steps < TIMING_STEPS && performance.now() - started < TIMING_MS);
    return (steps * 1000) / (performance.now() - started);
  } finally {
    trainer.dispose();
  }
}

/**
 * 'auto': on software WebGL (no GPU) WASM without timing; otherwise a few timed training steps of the given
 * model on each backend that starts, and the fastest wins. The note says which and why.
 */
async function selectFastest(makeTrainer: MakeTrainer): Promise<SelectedBackend> {
  const renderer = webglRenderer();
  if (renderer === undefined || isSoftwareRenderer(renderer)) {
    const { info, plan } = await selectBackend('wasm');
    const why = renderer === undefined ? 'no WebGL here' : 'WebGL runs in software here (no GPU), where WASM is several times faster';
    return { info: { ...info, note: `auto: ${LABELS[info.backend]}, because ${why}` }, plan };
  }
  return fastestOf(ORDER, makeTrainer);
}

/**
 * Times the model on each of `names` that starts (a few steps each, see timeTrainingSteps) and leaves the
 * fastest active; its note lists the rates.
 */
export async function fastestOf(names: readonly BackendName[], makeTrainer: MakeTrainer): Promise<SelectedBackend> {
  const rates: Array<[BackendName, number]> = [];
  const failed: string[] = [];
  for (const name of names) {
    const selected = await selectBackend(name).catch(() => undefined);
    if (selected?.info.backend !== name) continue;
    // a backend that cannot train this model (a kernel it lacks, say) is left out, not fatal
    const rate = await timeTrainingSteps(makeTrainer, selected.plan).catch(() => undefined);
    if (rate === undefined) failed.push(LABELS[name]);
    else rates.push([name, rate]);
  }
  if (rates.length === 0) throw new Error(`No tfjs backend could train this model${failed.length ? ` (failed: ${failed.join(', ')})` : ''}`);
  const fastest = rates.reduce((a, b) => (b[1] > a[1] ? b : a));
  const best = await selectBackend(fastest[0]);
  const measured = rates.map(([name, rate]) => `${LABELS[name]} ${rate.toFixed(1)}`).join(', ');
  const skipped = failed.length ? `; ${failed.join(', ')} failed to train it` : '';
  return { info: { ...best.info, note: `auto: the fastest here for this model (steps/s: ${measured}${skipped})` }, plan: best.plan };
}

/**
 * Activates a backend: 'auto' picks the fastest for the model `makeTrainer` builds (by default a small LSTM);
 * a named one is tried first, then WebGL → WASM → CPU. `setBackend` returns false rather than throwing, so
 * the active backend is read back, never assumed. Returns what the page shows (info) and the execution plan
 * for the backend, which every trainer on it should be given (`new Trainer(config, task, weights, { plan })`).
 */
export async function selectBackend(preferred: BackendName | 'auto' = 'auto', makeTrainer: MakeTrainer = defaultTimingTrainer): Promise<SelectedBackend> {
  if (preferred === 'auto') return selectFastest(makeTrainer);
  const reasons: string[] = [];
  for (const name of [preferred, ...ORDER.filter((b) => b !== preferred)]) {
    if (name === 'webgl') {
      const problem = webglProblem();
      if (problem) {
        reasons.push(`WebGL is unavailable: ${problem}`);
        continue;
      }
    }
    let ok = false;
    try {
      ok = await withTimeout(tf.setBackend(name), START_TIMEOUT_MS);
      await withTimeout(tf.ready(), START_TIMEOUT_MS);
    } catch {
      ok = false;
    }
    if (ok && tf.getBackend() === name) {
      const plan = name === 'webgl' ? configureWebgl() : executionPlanFor(name);
      return { info: { backend: name, label: name === 'wasm' ? wasmLabel() : LABELS[name], note: reasons.join('; ') }, plan };
    }
    reasons.push(`${LABELS[name]} failed to start`);
  }
  throw new Error(`No tfjs backend could start: ${reasons.join('; ')}`);
}

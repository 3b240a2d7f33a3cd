/**
 * How training runs on one tfjs backend: which of the speed machinery applies. Chosen once per backend
 * (executionPlanFor; in the app by the worker's backend chooser, which knows whether WebGL renders in software)
 * and handed down — to the Trainer, the forward pass, the optimizer, the gradients' read-back and the tensor
 * views — instead of each of them asking tf.getBackend() on its own.
 *
 * Why these choices: at the sizes Unrolled trains, tfjs's cost is the fixed overhead of each op, so where tensors
 * live in CPU memory (CPU, WASM, WebGL in software) plain loops over arrays beat many small ops. On a GPU, reading
 * data back every layer would stall it: there tfjs's ops run, op by op.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The speed choices for one backend; every field is plain data (the worker may pass a plan around). */
export interface ExecutionPlan {
  /** The tfjs backend the plan was made for ('wasm', 'cpu', 'webgl', …); a run refuses to step on another. */
  readonly backend: string;
  /** Each recurrent layer runs as one fused op (fusedLayer.ts); otherwise op by op (cells.ts). */
  readonly fusedLayers: boolean;
  /**
   * The step's statistics, clipping and update run in plain loops over the gradients read back (readGradients,
   * ArrayOptimizer); otherwise as tfjs ops (bptt) and tfjs's optimizers, which keep the update on the GPU.
   */
  readonly arrayOptimizer: boolean;
  /**
   * Tensors are read through views into the WASM module's memory instead of dataSync() copies, and the fused
   * layer's parts and the head's last step are taken from those views instead of tfjs's slice (tensorView.ts).
   */
  readonly zeroCopyReads: boolean;
  /**
   * Arrays that become tensors may go back to the array pool once the tensor exists: the backend copies them
   * (WASM does; CPU and WebGL keep the array itself, so reusing it would change the tensor).
   */
  readonly reuseTensorArrays: boolean;
  /** The dense layers transpose explicitly (tfjs-wasm's transposed matmul is 10–15× slower; denseProducts.ts). */
  readonly explicitTranspose: boolean;
  /** The fused layer's products and activations run in WebAssembly SIMD where the engine has it (else JavaScript). */
  readonly simd: boolean;
  /**
   * Rows (steps × examples) per block of the fused layer's products over all steps: bounds the memory the SIMD
   * module grows to at long sequences and big batches (tests use tiny blocks to cover the block boundaries).
   */
  readonly productBlockRows: number;
}

/** What a backend's name does not tell: whether WebGL renders in software (SwiftShader, llvmpipe …). */
export interface PlanOptions {
  /** WebGL without a GPU: reading back is a copy in memory, so the layers run fused as on the CPU backend. */
  softwareWebgl?: boolean;
}

/** The plan for a tfjs backend ('wasm', 'cpu', 'webgl', or any other, which runs op by op with array updates). */
export function executionPlanFor(backend: string, { softwareWebgl = false }: PlanOptions = {}): ExecutionPlan {
  const wasm = backend === 'wasm';
  const fusedLayers = wasm || backend === 'cpu' || (backend === 'webgl' && softwareWebgl);
  return {
    backend,
    fusedLayers,
    arrayOptimizer: backend !== 'webgl' || fusedLayers,
    zeroCopyReads: wasm,
    reuseTensorArrays: wasm,
    explicitTranspose: wasm,
    simd: true,
    productBlockRows: 4096,
  };
}

/**
 * The plan for tfjs's active backend, WebGL assumed to have a GPU: the Trainer's default (for the CLI and
 * tests), and what the CLI and tests hand the functions below it. The worker hands its trainers the plan its
 * backend chooser made.
 */
export function activeExecutionPlan(): ExecutionPlan {
  return executionPlanFor(tf.getBackend());
}

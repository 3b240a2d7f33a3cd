/**
 * The fused layer's arithmetic against one loaded matrix — products A · Mᵀ, the weight gradient Aᵀ · C, and tanh
 * and σ over whole arrays — in WebAssembly SIMD (wasm/simdMatMul.ts) where the plan asks for it and the engine
 * has it, else in JavaScript (jsProducts.ts, activations.ts).
 */
import { sigmoid, tanh } from './activations';
import type { ExecutionPlan } from './executionPlan';
import { addTransposedProduct, matMulTransposed } from './jsProducts';
import { createSimdMatMul } from './wasm/simdMatMul';

/** One instance of the SIMD module for the whole worker or process (JavaScript runs one layer at a time). */
const simd = createSimdMatMul();
/** Whether the SIMD module runs here; false from the first time its memory could not grow (see createMatrixKernels). */
let simdWorks = simd !== undefined;

/** Whether this engine runs the SIMD kernels (WebAssembly with SIMD, memory to spare so far); for tests only. */
export function simdAvailable(): boolean {
  return simdWorks;
}

/** The SIMD module's memory in bytes (0 where it does not run): its high-water mark, for the memory estimate's test. */
export function simdMemoryBytes(): number {
  return simd?.memoryBytes() ?? 0;
}

/** Products A · Mᵀ against one loaded M (the same W_hh at every step is copied to the SIMD module once). */
export interface MatrixKernels {
  /** Loads M (p × n) for the products that follow. */
  load(mat: Float32Array, p: number, n: number): void;
  /** out (m × p) = A (m × n) · Mᵀ, or out += A · Mᵀ with `add`. */
  multiply(a: Float32Array, m: number, out: Float32Array, add?: boolean): void;
  /** out (aCols × cCols) += Aᵀ · C for A (rows × aCols) and C (rows × cCols); M stays loaded. */
  addTransposedProduct(a: Float32Array, c: Float32Array, rows: number, aCols: number, cCols: number, out: Float32Array): void;
  /** tanh, or σ with `sigmoid`, of every value in place (SIMD: in float32, within 4·10⁻⁷); M stays loaded. */
  activate(values: Float32Array, sigmoid: boolean): void;
}

/**
 * Kernels in WebAssembly SIMD where the plan asks for it and they run, else in JavaScript. Should the module's
 * memory fail to grow (a RangeError, before it writes anything), these kernels and all later ones go on in
 * JavaScript.
 */
export function createMatrixKernels(plan: Pick<ExecutionPlan, 'simd'>): MatrixKernels {
  // the loaded M (p × n)
  let mat: Float32Array = new Float32Array(0);
  let p = 0;
  let n = 0;
  let useSimd = plan.simd && simdWorks;
  const fallBack = (error: unknown) => {
    if (!(error instanceof RangeError)) throw error;
    useSimd = false;
    simdWorks = false;
  };
  return {
    load(matrix, rows, cols) {
      mat = matrix;
      p = rows;
      n = cols;
      if (useSimd) {
        try {
          simd!.load(mat, p, n);
        } catch (error) {
          fallBack(error);
        }
      }
    },
    multiply(a, m, out, add = false) {
      if (useSimd) {
        try {
          simd!.multiply(a, m, out, add);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      matMulTransposed(a, m, n, mat, p, out, add);
    },
    addTransposedProduct(a, c, rows, aCols, cCols, out) {
      if (useSimd) {
        try {
          simd!.addTransposedProduct(a, c, rows, aCols, cCols, out);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      addTransposedProduct(a, c, rows, aCols, cCols, out);
    },
    activate(values, useSigmoid) {
      if (useSimd) {
        try {
          simd!.activate(values, useSigmoid);
          return;
        } catch (error) {
          fallBack(error);
        }
      }
      const f = useSigmoid ? sigmoid : tanh;
      for (let i = 0; i < values.length; i++) values[i] = f(values[i]);
    },
  };
}

/** Runs `f(start, count)` over rows [0, rows) in blocks of at most `blockRows` (the plan's productBlockRows). */
export function inBlocks(rows: number, blockRows: number, f: (start: number, count: number) => void): void {
  for (let start = 0; start < rows; start += blockRows) f(start, Math.min(blockRows, rows - start));
}

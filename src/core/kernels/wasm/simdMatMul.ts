/**
 * The fused layer's arithmetic in WebAssembly SIMD (matmul.wat): out (m × p) = A (m × n) · Mᵀ for a loaded M (p × n),
 * about 3× the JavaScript loops of ../jsProducts.ts; out += Aᵀ · C (the weight gradient, a sum over steps and
 * examples); and tanh and σ over whole arrays, eight values (two vectors of four) a turn. The operands are copied into
 * the module's memory, padded with zeros to the blocks each kernel works in — the product: m even, p and n multiples
 * of 4; the weight gradient: p even, n a multiple of 16 (rows as they are); the activations: a multiple of 8 — and the
 * result copied out. `createSimdMatMul()` returns undefined where WebAssembly or its SIMD proposal is missing; the
 * caller (../matrixKernels.ts) then runs the JavaScript loops.
 */
import { MATMUL_WASM_BASE64 } from './matmulWasm';

/** The slice of the WebAssembly API used here (the core is typed without DOM or Node globals). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE_BYTES = 65536;

/**
 * A matrix product over one instance of the module. `load` places M in the module's memory once, for the
 * products that follow (the same W_hh at every step); `multiply` uses the loaded M. Both throw a RangeError
 * when the memory cannot grow to fit.
 */
export interface SimdMatMul {
  /** Loads M (p × n), replacing the one loaded before. */
  load(mat: Float32Array, p: number, n: number): void;
  /** out (m × p) = A (m × n) · Mᵀ with the loaded M, or out += A · Mᵀ with `add`. */
  multiply(a: Float32Array, m: number, out: Float32Array, add?: boolean): void;
  /** out (p × n) += Aᵀ · C for A (rows × p) and C (rows × n); keeps the loaded M. */
  addTransposedProduct(a: Float32Array, c: Float32Array, rows: number, p: number, n: number, out: Float32Array): void;
  /**
   * tanh (or, with `sigmoid`, ½ + ½·tanh(x/2)) of every value, in place: ../activations.ts's rational function in
   * float32 arithmetic, within 4·10⁻⁷ of the exact values and clamped to [−1, 1]. Keeps the loaded M.
   */
  activate(values: Float32Array, sigmoid: boolean): void;
  /** The module's memory now, in bytes (it grows to the largest block and never shrinks). */
  memoryBytes(): number;
}

/** Decodes base64 (atob is in browsers, workers and Node ≥ 16, but not in the core's ES2022 typings). */
function decodeBase64(text: string): Uint8Array {
  const atob = (globalThis as { atob?: (data: string) => string }).atob;
  if (!atob) throw new Error('no atob');
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Below this many columns a row is copied value by value: a call to set() or fill() per row costs more. */
const NARROW = 16;

/** Copies a rows × cols matrix into `heap` at `offset` as rows × stride, zeroing the columns past cols. */
function copyPadded(source: Float32Array, rows: number, cols: number, heap: Float32Array, offset: number, stride: number, paddedRows: number): void {
  if (cols === stride) heap.set(source.subarray(0, rows * cols), offset);
  else if (cols < NARROW) {
    for (let r = 0; r < rows; r++) {
      const to = offset + r * stride;
      for (let c = 0; c < cols; c++) heap[to + c] = source[r * cols + c];
      for (let c = cols; c < stride; c++) heap[to + c] = 0;
    }
  } else
    for (let r = 0; r < rows; r++) {
      heap.set(source.subarray(r * cols, (r + 1) * cols), offset + r * stride);
      heap.fill(0, offset + r * stride + cols, offset + (r + 1) * stride);
    }
  heap.fill(0, offset + rows * stride, offset + paddedRows * stride);
}

/** Copies rows × cols out of `heap` (rows × stride from `offset`) into `out`, or adds them to it. */
function copyOut(heap: Float32Array, offset: number, stride: number, rows: number, cols: number, out: Float32Array, add: boolean): void {
  if (add || cols < NARROW) {
    for (let r = 0; r < rows; r++) {
      const from = offset + r * stride;
      if (add) for (let c = 0; c < cols; c++) out[r * cols + c] += heap[from + c];
      else for (let c = 0; c < cols; c++) out[r * cols + c] = heap[from + c];
    }
  } else if (cols === stride) out.set(heap.subarray(offset, offset + rows * cols));
  else for (let r = 0; r < rows; r++) out.set(heap.subarray(offset + r * stride, offset + r * stride + cols), r * cols);
}

/** The SIMD product, or undefined where this JavaScript engine cannot run it. */
export function createSimdMatMul(): SimdMatMul | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  let exports: Record<string, unknown>;
  try {
    const bytes = decodeBase64(MATMUL_WASM_BASE64);
    if (!wasm || !wasm.validate(bytes)) return undefined;
    exports = new wasm.Instance(new wasm.Module(bytes), {}).exports;
  } catch {
    return undefined;
  }
  const memory = exports.memory as WasmMemory;
  const mmt = exports.mmt as (a: number, m: number, n: number, b: number, p: number, out: number) => void;
  const atb = exports.atb as (a: number, r: number, p: number, b: number, n: number, out: number) => void;
  const tanhKernel = exports.tanh as (ptr: number, n: number) => void;
  const sigmoidKernel = exports.sigmoid as (ptr: number, n: number) => void;
  let heap = new Float32Array(memory.buffer);
  /** Room for `floats` float32s from the start of memory (growing keeps what is there). */
  const reserve = (floats: number) => {
    if (floats * 4 <= memory.buffer.byteLength) return;
    memory.grow(Math.ceil((floats * 4 - memory.buffer.byteLength) / PAGE_BYTES));
    heap = new Float32Array(memory.buffer);
  };
  // the loaded M: p rows of n, padded to p4 × n4, at the start of memory
  let loaded = { p: 0, n: 0, p4: 0, n4: 0 };

  return {
    load(mat, p, n) {
      p |= 0;
      n |= 0;
      const n4 = (n + 3) & ~3;
      const p4 = (p + 3) & ~3;
      reserve(p4 * n4);
      copyPadded(mat, p, n, heap, 0, n4, p4);
      loaded = { p, n, p4, n4 };
    },
    multiply(a, m, out, add = false) {
      m |= 0;
      const { p, n, p4, n4 } = loaded;
      const m2 = (m + 1) & ~1;
      const aOffset = p4 * n4;
      const outOffset = aOffset + m2 * n4;
      reserve(outOffset + m2 * p4);
      copyPadded(a, m, n, heap, aOffset, n4, m2);
      mmt(aOffset * 4, m2, n4, 0, p4, outOffset * 4);
      copyOut(heap, outOffset, p4, m, p, out, add);
    },
    addTransposedProduct(a, c, rows, p, n, out) {
      rows |= 0;
      p |= 0;
      n |= 0;
      const p2 = (p + 1) & ~1;
      const n16 = (n + 15) & ~15;
      // after the loaded M, which stays
      const aOffset = loaded.p4 * loaded.n4;
      const cOffset = aOffset + rows * p2;
      const outOffset = cOffset + rows * n16;
      reserve(outOffset + p2 * n16);
      copyPadded(a, rows, p, heap, aOffset, p2, rows);
      copyPadded(c, rows, n, heap, cOffset, n16, rows);
      copyPadded(out, p, n, heap, outOffset, n16, p2);
      atb(aOffset * 4, rows, p2, cOffset * 4, n16, outOffset * 4);
      copyOut(heap, outOffset, n16, p, n, out, false);
    },
    memoryBytes() {
      return memory.buffer.byteLength;
    },
    activate(values, sigmoid) {
      // one row of n values, padded to the kernels' eight a turn
      const n = values.length;
      const n8 = (n + 7) & ~7;
      const offset = loaded.p4 * loaded.n4;
      reserve(offset + n8);
      copyPadded(values, 1, n, heap, offset, n8, 1);
      (sigmoid ? sigmoidKernel : tanhKernel)(offset * 4, n8);
      copyOut(heap, offset, n8, 1, n, values, false);
    },
  };
}

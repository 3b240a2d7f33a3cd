/**
 * Float32Arrays kept for reuse. The fused layer needs ~2 MB of scratch arrays a training step at the bench's
 * sizes; allocated afresh each step, every one of them costs zero-filled pages, their first-touch faults and a
 * garbage collector that runs more often (together ~7% of an RNN-64 step, measured in Node). Arrays come back
 * only when their user is done with them; an array never given back is simply collected.
 */
export class ArrayPool {
  /** Free arrays by length, lengths in the order they were first pooled. */
  private readonly free = new Map<number, Float32Array[]>();
  private pooledFloats = 0;

  /** @param maxFloats the most floats kept free (older lengths are dropped first past it) */
  constructor(private readonly maxFloats = 16 * 1024 * 1024) {}

  /** An array of `length` floats whose contents are unspecified (zeros only when new). */
  take(length: number): Float32Array {
    const list = this.free.get(length);
    const array = list?.pop();
    if (array) {
      this.pooledFloats -= length;
      return array;
    }
    return new Float32Array(length);
  }

  /** An array of `length` zeros. */
  takeZeros(length: number): Float32Array {
    return this.take(length).fill(0);
  }

  /** Gives arrays back; the caller must not touch them again. Views (subarrays) are not taken. */
  give(...arrays: (Float32Array | undefined)[]): void {
    for (const array of arrays) {
      if (!array || array.length === 0 || array.byteOffset !== 0 || array.byteLength !== array.buffer.byteLength) continue;
      let list = this.free.get(array.length);
      if (!list) this.free.set(array.length, (list = []));
      if (list.includes(array)) continue;
      list.push(array);
      this.pooledFloats += array.length;
    }
    for (const [length, list] of this.free) {
      if (this.pooledFloats <= this.maxFloats) break;
      this.pooledFloats -= length * list.length;
      this.free.delete(length);
    }
  }

  /** Floats held free now (for tests). */
  get size(): number {
    return this.pooledFloats;
  }
}

/** The pool the fused layer and its helpers share (one per worker or process; JavaScript runs one at a time). */
export const scratchPool = new ArrayPool();

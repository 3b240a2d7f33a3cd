import { describe, expect, it } from 'vitest';
import { ArrayPool } from './arrayPool';

describe('ArrayPool', () => {
  it('hands back an array it was given, of that length, and a new one when none is free', () => {
    const pool = new ArrayPool();
    const a = pool.take(8);
    a.fill(3);
    pool.give(a);
    expect(pool.size).toBe(8);
    const again = pool.take(8);
    expect(again).toBe(a);
    expect(pool.size).toBe(0);
    const other = pool.take(8);
    expect(other).not.toBe(a);
    expect(Array.from(other)).toEqual(new Array(8).fill(0));
    expect(pool.take(5)).toHaveLength(5);
  });

  it('zeroes on request, whatever the array held', () => {
    const pool = new ArrayPool();
    pool.give(new Float32Array(4).fill(NaN));
    expect(Array.from(pool.takeZeros(4))).toEqual([0, 0, 0, 0]);
  });

  it('takes neither views of a larger buffer, nor an array twice, nor undefined', () => {
    const pool = new ArrayPool();
    const whole = new Float32Array(10);
    pool.give(whole.subarray(0, 5), whole.subarray(5), undefined);
    expect(pool.size).toBe(0);
    pool.give(whole, whole);
    expect(pool.size).toBe(10);
    expect(pool.take(10)).toBe(whole);
    expect(pool.take(10)).not.toBe(whole);
  });

  it('keeps at most its limit, dropping the lengths pooled first', () => {
    const pool = new ArrayPool(100);
    const first = new Float32Array(60);
    const second = new Float32Array(50);
    pool.give(first);
    pool.give(second);
    expect(pool.size).toBe(50);
    expect(pool.take(60)).not.toBe(first);
    expect(pool.take(50)).toBe(second);
  });
});

import { describe, expect, it } from 'vitest';
import { isFatal, readSignal, troubleOf } from './workerSignals';

describe('worker signals', () => {
  it('words a failure in a few words: the message without "Uncaught" or the class name, its first line only', () => {
    expect(troubleOf(new WebAssembly.RuntimeError('memory access out of bounds'))).toEqual({ kind: 'crashed', detail: 'memory access out of bounds' });
    expect(troubleOf('Uncaught RuntimeError: memory access out of bounds')).toEqual({ kind: 'crashed', detail: 'memory access out of bounds' });
    expect(troubleOf(new Error('Failed to compile fragment shader.\nERROR: 0:12'))).toEqual({ kind: 'crashed', detail: 'Failed to compile fragment shader.' });
    expect(troubleOf(new Error('x'.repeat(500))).detail.length).toBeLessThanOrEqual(140);
  });

  it('calls every kind of running out of memory "out of memory", and a lost context a lost GPU', () => {
    for (const error of [new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'), new RangeError('Array buffer allocation failed'), 'Aborted(OOM)'])
      expect(troubleOf(error)).toEqual({ kind: 'crashed', detail: 'out of memory' });
    expect(troubleOf(new Error('WebGL Error: CONTEXT_LOST_WEBGL')).kind).toBe('gpu-lost');
  });

  it('counts traps, running out of memory and a lost context as fatal, a command refused as not', () => {
    expect(isFatal(new WebAssembly.RuntimeError('unreachable'))).toBe(true);
    expect(isFatal(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isFatal(new Error('WebGL Error: CONTEXT_LOST_WEBGL'))).toBe(true);
    expect(isFatal(new Error('There is no model to export yet'))).toBe(false);
  });

  it('reads only its own signals, not Comlink answers', () => {
    expect(readSignal({ unrolledSignal: 'beat' })).toEqual({ unrolledSignal: 'beat' });
    expect(readSignal({ id: 'abc', type: 'RAW', value: 1 })).toBeUndefined();
    expect(readSignal({ unrolledSignal: 'trouble' })).toBeUndefined();
    expect(readSignal(null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { WorkerSignal } from '../shared/workerSignals';
import { TroubleReport } from './troubleReport';

/** A stand-in for the worker's global scope: its listeners, and what it posted. */
function fakeScope() {
  const listeners = new Map<string, (event: Event) => void>();
  const posted: WorkerSignal[] = [];
  return {
    listeners,
    posted,
    addEventListener: (type: string, listener: (event: Event) => void) => void listeners.set(type, listener),
    postMessage: (message: WorkerSignal) => void posted.push(message),
  };
}

describe('trouble report', () => {
  it('reports an unhandled rejection (a failed training loop) once, and beats', () => {
    const scope = fakeScope();
    let beat = () => undefined as void;
    new TroubleReport(scope).listen((tick) => (beat = tick));
    beat();
    scope.listeners.get('unhandledrejection')!({ reason: new WebAssembly.RuntimeError('memory access out of bounds') } as unknown as Event);
    scope.listeners.get('error')!({ error: new Error('later') } as unknown as Event);
    expect(scope.posted).toEqual([{ unrolledSignal: 'beat' }, { unrolledSignal: 'trouble', trouble: { kind: 'crashed', detail: 'memory access out of bounds' } }]);
  });

  it('an error while the WebGL context is lost is the lost GPU', () => {
    const scope = fakeScope();
    new TroubleReport(scope, () => true).reportError(new Error('Unable to create WebGLTexture.'));
    expect(scope.posted).toEqual([{ unrolledSignal: 'trouble', trouble: { kind: 'gpu-lost', detail: 'the WebGL context was lost' } }]);
  });

  it('a command that fails fatally is reported, and still rejects; an ordinary refusal is not reported', async () => {
    const scope = fakeScope();
    const service = new TroubleReport(scope).guard({
      exportModel: async () => {
        throw new Error('There is no model to export yet');
      },
      stepOnce: async () => {
        throw new WebAssembly.RuntimeError('memory access out of bounds');
      },
      ping: () => 'pong',
    });
    expect(service.ping()).toBe('pong');
    await expect(service.exportModel()).rejects.toThrow('There is no model');
    expect(scope.posted).toEqual([]);
    await expect(service.stepOnce()).rejects.toThrow('memory access');
    expect(scope.posted).toEqual([{ unrolledSignal: 'trouble', trouble: { kind: 'crashed', detail: 'memory access out of bounds' } }]);
  });
});

/**
 * The WebGL context tfjs computes on, watched for its loss: a GPU reset, a driver update, or the browser taking
 * the context back. What was on the GPU is gone then, so the page continues on WASM from its last checkpoint.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';

/** The WebGL context of the active tfjs backend; undefined on WASM or CPU. */
export function activeWebglContext(): WebGLRenderingContext | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  return (tf.backend() as MathBackendWebGL).gpgpu?.gl;
}

/** Whether the active backend is WebGL and its context is lost. */
export function webglContextLost(): boolean {
  return activeWebglContext()?.isContextLost() ?? false;
}

/** Calls `onLost` when the active backend's WebGL context is lost (`webglcontextlost` on its OffscreenCanvas). */
export function watchWebglContext(onLost: () => void): void {
  const gl = activeWebglContext();
  if (!gl) return;
  // tfjs made it on an OffscreenCanvas (the worker's lib types leave `canvas` out)
  (gl as unknown as { canvas: EventTarget }).canvas.addEventListener('webglcontextlost', () => onLost());
  if (gl.isContextLost()) onLost();
}

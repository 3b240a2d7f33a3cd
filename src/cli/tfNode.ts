/** tfjs for Node (CLI and unit tests): the full package registers every gradient; WASM runs the math. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Selects a tfjs backend in Node and returns the one actually active. */
export async function useNodeBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  const ok = await tf.setBackend(preferred);
  if (!ok) await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}

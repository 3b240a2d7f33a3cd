import { useNodeBackend } from './cli/tfNode';
import * as tf from '@tensorflow/tfjs-core';
import { modelForward, initParams, modelParamInfos } from './core/model';
import { bptt } from './core/bptt';
await useNodeBackend('wasm');
for (const readout of ['all', 'last'] as const) for (const T of [1, 4]) {
  const spec = { rnn: { cell: 'rnn-tanh' as const, inputSize: 1, hiddenSize: 3, numLayers: 1, bidirectional: false, dropout: 0 }, outputSize: 1, readout };
  const vals = initParams(spec, 1);
  const params: Record<string, tf.Tensor> = {};
  for (const p of modelParamInfos(spec)) params[p.name] = tf.tensor(vals[p.name], p.shape);
  const x = tf.randomNormal([2, T, 1]) as tf.Tensor3D;
  try {
    bptt(params, { layerDirs: 1, steps: T, batch: 2, hidden: 3 }, (p, probes) => tf.sum(modelForward(spec, p, x, { probes }).prediction) as tf.Scalar, { mode: 'off', threshold: 1 });
    console.log(readout, T, 'ok');
  } catch (e) { console.log(readout, T, 'fail', (e as Error).message.slice(0, 80)); }
}

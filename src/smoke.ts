import { useNodeBackend } from './cli/tfNode';
import { Trainer } from './core/trainer';
import { defaultConfig } from './shared/config';
import { sineTask } from './tasks/sine';
import * as tf from '@tensorflow/tfjs-core';
console.log(await useNodeBackend((process.argv[2] as 'wasm') || 'wasm'));
for (const cell of ['lstm','gru','rnn-tanh'] as const) {
const config = { ...defaultConfig(), cell };
const tr = new Trainer(config, sineTask(config));
const t0 = Date.now();
for (let i = 0; i < 300; i++) { const s = await tr.trainStep(i % 10 === 0); if (i % 100 === 0 || i===299) console.log(cell, i, s.loss.toFixed(4), s.gradNormBefore.toFixed(3), s.hiddenGradNorms.length, s.gates?.length, tf.memory().numTensors); }
console.log(cell, 'steps/s', 300 / ((Date.now() - t0) / 1000), await tr.evaluate());
tr.dispose(); console.log('tensors after dispose', tf.memory().numTensors);
}

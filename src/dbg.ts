import { useNodeBackend } from './cli/tfNode';
import { Trainer } from './core/trainer';
import { defaultConfig } from './core/config';
import { initParams } from './core/model';
import { memoryTask } from './tasks/memory';
await useNodeBackend('wasm');
const T = Number(process.argv[2] ?? 60);
for (const [cell, fb] of [['rnn-tanh', 0], ['gru', 0], ['lstm', 1]] as const) {
  const config = { ...defaultConfig(), task: 'memory' as const, cell, sequenceLength: T, hiddenSize: 32, learningRate: 0.01 };
  const task = memoryTask(config);
  const w = initParams(task.modelSpec, 7);
  if (fb) { const b = w['rnn.bias_hh_l0']; for (let k = 32; k < 64; k++) b[k] += fb; }
  const tr = new Trainer(config, task, w);
  const t0 = Date.now(); let acc = 0; let k = 0;
  for (k = 1; k <= 800; k++) { await tr.trainStep(); if (k % 100 === 0) { acc = (await tr.evaluate()).accuracy; if (acc > 0.95) break; } }
  console.log('T', T, cell, 'fb', fb, 'steps', k, 'acc', acc, 's', ((Date.now() - t0) / 1000).toFixed(1));
  tr.dispose();
}

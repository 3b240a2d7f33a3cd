import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
const ok = await tf.setBackend(process.argv[2] || 'wasm'); await tf.ready();
console.log(ok, tf.getBackend());
const a = tf.randomNormal([32,64]); const b = tf.randomNormal([64,128]);
const g = tf.grad((x: tf.Tensor) => tf.mean(tf.tanh(tf.matMul(x,b))))(a); console.log(g.shape);
let t0=performance.now(); for (let i=0;i<1000;i++) tf.tidy(()=>tf.tanh(tf.matMul(a,b)).dataSync()); console.log((performance.now()-t0)/1000,'ms/op');

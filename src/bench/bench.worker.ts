/**
 * The browser half of the side-by-side benchmark: in a Web Worker, as the app trains, for each backend, cell
 * and size, steps/s of Unrolled's instrumented step and of the equivalent tf.layers model. Driven by
 * bench.html (src/bench/benchPage.ts); never part of the app.
 */
import '@tensorflow/tfjs'; // tf.layers for the baseline (and the gradients of every op)
import { selectBackend } from '../worker/backend';
import { BENCH_BATCH_SIZE, BENCH_SEQUENCE_LENGTH, layersStepsPerSecond } from './layersBaseline';
import type { BenchMessage, BenchRequest, SideBySideRow } from './measure';
import { unrolledStepsPerSecond } from './unrolledTiming';

const post = (message: BenchMessage) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const { backends, cells, hiddenSizes, seconds } = event.data;
  const rows: SideBySideRow[] = [];
  try {
    for (const backend of backends) {
      const { info, plan } = await selectBackend(backend);
      if (info.backend !== backend) {
        post({ log: `${backend}: not available here (${info.note}); skipped` });
        continue;
      }
      for (const cell of cells) {
        for (const hidden of hiddenSizes) {
          post({ log: `${info.label} ${cell}-${hidden}: Unrolled …` });
          const unrolled = await unrolledStepsPerSecond(cell, hidden, seconds, { ops: false, plan });
          post({ log: `${info.label} ${cell}-${hidden}: tf.layers …` });
          const layers = await layersStepsPerSecond(cell, hidden, BENCH_BATCH_SIZE, BENCH_SEQUENCE_LENGTH, seconds);
          rows.push({ backend, cell, hidden, unrolledStepsPerSecond: unrolled.plain, unrolledGatesStepsPerSecond: unrolled.gates, layersStepsPerSecond: layers, ratio: unrolled.plain / layers });
        }
      }
    }
    post({ rows });
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
};

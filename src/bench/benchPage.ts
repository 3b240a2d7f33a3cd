/**
 * bench.html: runs the side-by-side benchmark in a Web Worker and shows its progress and result. The address
 * picks what to measure: ?backends=webgl,wasm,cpu&cells=lstm,gru,rnn-tanh&hidden=32,64&seconds=1.5.
 * The result is also left on `window.__benchResult` for the Node bench script (src/bench/browser.ts).
 */
import { sideBySideTable, type BenchMessage, type BenchRequest } from './measure';

const params = new URLSearchParams(location.search);
const list = (name: string, fallback: string) => (params.get(name) ?? fallback).split(',').filter(Boolean);
const request: BenchRequest = {
  backends: list('backends', 'webgl,wasm,cpu') as BenchRequest['backends'],
  cells: list('cells', 'lstm,gru,rnn-tanh') as BenchRequest['cells'],
  hiddenSizes: list('hidden', '32,64').map(Number),
  seconds: Number(params.get('seconds') ?? 1.5),
};

const progress = document.getElementById('progress')!;
const result = document.getElementById('result')!;
const win = window as unknown as { __benchResult?: BenchMessage };

const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent<BenchMessage>) => {
  const message = event.data;
  if ('log' in message) {
    progress.textContent = message.log;
    return;
  }
  win.__benchResult = message;
  if ('error' in message) {
    progress.textContent = `Failed: ${message.error}`;
    return;
  }
  progress.textContent = 'Done';
  result.textContent = sideBySideTable(message.rows);
};
worker.onerror = (event) => {
  win.__benchResult = { error: event.message };
  progress.textContent = `Failed: ${event.message}`;
};
worker.postMessage(request);

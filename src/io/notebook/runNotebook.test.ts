/**
 * The notebook of a run, for every task: valid nbformat 4 JSON with no template holes, WEIGHTS in the first
 * code cell, every code cell valid Python (python3's ast), and its numpy-only cells — run in python3 — arriving
 * at exactly the app's held-out inputs and baselines and at the weights file's bytes. With torch, all cells run
 * and `held_out` equals the app's metrics to 1e-4 (skipped, saying why, where `import torch` fails).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICodeCell, INotebookContent } from '@jupyterlab/nbformat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../core/trainer';
import { readDataFile } from '../../cli/dataFiles';
import { defaultConfigFor, type TaskId, type TrainConfig } from '../../shared/config';
import { TASKS, loadTaskData } from '../../tasks/registry';
import type { Task } from '../../tasks/task';
import { encodeExport } from '../../worker/modelExchange';
import { modelMetrics, notebookFile } from './runNotebook';

/** Small, quick versions of each task's run (a few training steps, so the weights are not the initial ones). */
const RUNS: Array<[string, TrainConfig]> = [
  ['sine', { ...defaultConfigFor('sine'), hiddenSize: 8 }],
  ['sine, a prediction at every step', { ...defaultConfigFor('sine'), hiddenSize: 8, forecastTarget: 'every', cell: 'gru' }],
  ['CO₂ forecast (two layers)', { ...defaultConfigFor('co2'), hiddenSize: 8, numLayers: 2, clipMode: 'norm', clipThreshold: 0.5 }],
  ['sentiment', { ...defaultConfigFor('sentiment'), hiddenSize: 8, optimizer: 'rmsprop' }],
  ['sentiment on the real reviews (bidirectional)', { ...defaultConfigFor('sentiment', 'reviews'), hiddenSize: 8 }],
  ['character generation', { ...defaultConfigFor('chargen'), hiddenSize: 8, sequenceLength: 24, batchSize: 8 }],
  ['reverse digits (encoder–decoder)', { ...defaultConfigFor('reverse'), hiddenSize: 8, optimizer: 'momentum' }],
  ['remember the first symbol', { ...defaultConfigFor('memory'), hiddenSize: 8, cell: 'rnn-tanh', optimizer: 'sgd', clipMode: 'value' }],
];

interface Built {
  config: TrainConfig;
  task: Task;
  weights: Uint8Array;
  fileName: string;
  appMetrics: Record<string, number>;
  /** The app's predictions on the held-out batch (tfjs), flat. */
  predictions: Float32Array;
  notebook: INotebookContent;
}

async function build(config: TrainConfig): Promise<Built> {
  const task = TASKS[config.task](config, await loadTaskData(config.task as TaskId, readDataFile));
  const trainer = new Trainer(config, task);
  for (let k = 0; k < 3; k++) await trainer.trainStep(false);
  const file = encodeExport({ config, spec: trainer.spec, weights: await trainer.weights(), step: trainer.step, taskMetadata: task.metadata }, 'safetensors');
  const appMetrics = await trainer.evaluate();
  const predictions = await trainer.predict(task.heldOut);
  trainer.dispose();
  const ipynb = notebookFile({ config, task, step: 3, weights: { fileName: file.fileName, bytes: file.bytes }, appMetrics });
  expect(ipynb.fileName).toBe(file.fileName.replace('.safetensors', '.ipynb'));
  return { config, task, weights: file.bytes, fileName: file.fileName, appMetrics, predictions, notebook: JSON.parse(new TextDecoder().decode(ipynb.bytes)) };
}

const codeCells = (notebook: INotebookContent): ICodeCell[] => notebook.cells.filter((cell): cell is ICodeCell => cell.cell_type === 'code');
const text = (cell: ICodeCell): string => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
const tagOf = (cell: ICodeCell): string => (cell.metadata.tags as string[])[0];

/**
 * Runs the code cells whose tags are in `tags` (in order, one namespace) in python3 inside a fresh folder, then
 * prints the JSON of `outputs` (numpy arrays as nested lists). Returns the parsed JSON, the folder, and stderr.
 */
function runCells(notebook: INotebookContent, tags: string[], outputs: string[], after: string[] = []): { json: Record<string, unknown>; dir: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'unrolled-notebook-'));
  const cells = [...codeCells(notebook).filter((cell) => tags.includes(tagOf(cell))).map(text), ...after];
  writeFileSync(join(dir, 'cells.json'), JSON.stringify(cells));
  const script = [
    'import json, sys',
    'import numpy as np',
    'cells = json.load(open("cells.json"))',
    'ns = {}',
    'for k, source in enumerate(cells):',
    '    exec(compile(source, f"cell{k}", "exec"), ns)',
    'def plain(v):',
    '    return v.tolist() if isinstance(v, np.ndarray) else v',
    `print("JSON" + json.dumps({name: plain(ns[name]) for name in ${JSON.stringify(outputs)} if name in ns}))`,
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = run.stdout.split('\n').find((l) => l.startsWith('JSON'));
  return { json: line ? JSON.parse(line.slice(4)) : {}, dir, stderr: run.stderr, status: run.status };
}

const flat = (value: unknown): number[] => (Array.isArray(value) ? value.flatMap(flat) : [value as number]);
const torchMissing = ((): string | undefined => {
  const probe = spawnSync('python3', ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : (probe.stderr.trim().split('\n').pop() ?? 'python3 cannot import torch');
})();

describe.each(RUNS)('the notebook of a %s run', (_name, config) => {
  let built: Built;
  const dirs: string[] = [];
  beforeAll(async () => {
    built = await build(config);
  }, 120_000);
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is nbformat 4 JSON whose code has no template holes, and whose first code cell sets WEIGHTS', () => {
    const { notebook } = built;
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBeGreaterThanOrEqual(4);
    expect(notebook.metadata.kernelspec?.name).toBe('python3');
    for (const cell of notebook.cells) {
      expect(['markdown', 'code']).toContain(cell.cell_type);
      expect(Array.isArray(cell.source)).toBe(true);
      expect(typeof cell.metadata).toBe('object');
    }
    const code = codeCells(notebook);
    for (const cell of code) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
      expect(text(cell)).not.toMatch(/\$\{|\bundefined\b|\bNaN\b|\bInfinity\b|\[object /);
    }
    expect(text(code[0])).toBe(`WEIGHTS = "${built.fileName}"`);
    expect(code.map(tagOf)).toEqual(['weights-name', 'weights', 'metadata', 'model', 'data', 'evaluate', 'training-data', 'train']);
    expect(text(code.find((c) => tagOf(c) === 'train')!)).toMatch(/^STEPS = 100\b/);
    expect(text(code.find((c) => tagOf(c) === 'model')!)).toContain('class Model(nn.Module):');
  });

  it('has code cells that python3 parses', () => {
    for (const cell of codeCells(built.notebook)) {
      const parse = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text(cell), encoding: 'utf8' });
      expect(parse.stderr, tagOf(cell)).toBe('');
      expect(parse.status, tagOf(cell)).toBe(0);
    }
  });

  it("prepares, with numpy alone, exactly the app's held-out inputs and baselines, and writes the weights file", () => {
    const tags = ['weights-name', 'weights', 'metadata', 'data', 'training-data'];
    const { json, dir, stderr, status } = runCells(built.notebook, tags, ['X_HELD_OUT', 'BASELINES', 'TRAIN_X', 'TRAIN_Y']);
    dirs.push(dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, built.fileName)))).toEqual(built.weights);
    const { heldOut, baselines } = built.task;
    expect(flat(json.X_HELD_OUT)).toEqual(Array.from(heldOut.input));
    const shape: number[] = [];
    for (let v: unknown = json.X_HELD_OUT; Array.isArray(v); v = v[0]) shape.push(v.length);
    expect(shape).toEqual(heldOut.inputShape);
    const computed = json.BASELINES as Record<string, number>;
    // every baseline the notebook computes is the app's (bag of words and the character baselines need the training text)
    for (const [name, value] of Object.entries(computed)) expect(value, name).toBeCloseTo(baselines[name], 6);
    const expected = { sine: ['persistence'], co2: ['persistence', 'seasonalNaive'], sentiment: ['chance'], chargen: [], reverse: ['chance'], memory: ['chance'] }[config.task];
    expect(Object.keys(computed).sort()).toEqual([...expected].sort());
    expect(flat(json.TRAIN_X).length).toBeGreaterThanOrEqual(config.batchSize);
    expect(flat(json.TRAIN_X).every(Number.isFinite)).toBe(true);
  });

  it.runIf(config.task === 'sine' || config.task === 'co2')("scores the app's own held-out predictions, put through the notebook's forecast and metric code, as the app does", () => {
    // numpy stands in for the network here: the app's outputs go through the notebook's units and MSE
    const snippet = [
      `outputs = np.array(${JSON.stringify(Array.from(built.predictions))}, dtype=np.float32).reshape(len(X_HELD_OUT), -1)[:, -1]`,
      'error = mse(in_metric_units(forecast_in_units(outputs)))',
      'scores = {"mse": error, "skillVsPersistence": 1 - error / BASELINES["persistence"]}',
      'if RMSE_METRIC: scores[RMSE_METRIC] = math.sqrt(error) * VALUE_STD',
    ].join('\n');
    const { json, dir, stderr } = runCells(built.notebook, ['weights-name', 'weights', 'metadata', 'data'], ['scores'], [snippet]);
    dirs.push(dir);
    expect(stderr).toBe('');
    const scores = json.scores as Record<string, number>;
    for (const [name, value] of Object.entries(scores)) expect(Math.abs(value - built.appMetrics[name]), name).toBeLessThan(1e-6 * Math.max(1, Math.abs(value)));
    expect(Object.keys(scores).length).toBe(config.task === 'co2' ? 3 : 2);
  });

  it.runIf(config.task !== 'sine' && config.task !== 'co2')("holds the targets the app scores: its own held-out logits against the notebook's labels give the app's metrics", () => {
    const logits = `np.array(${JSON.stringify(Array.from(built.predictions))}, dtype=np.float64)`;
    const snippet = {
      sentiment: `scores = {"accuracy": float((${logits}.reshape(len(LABELS), -1).argmax(-1) == LABELS).mean())}`,
      memory: `scores = {"accuracy": float((${logits}.reshape(len(LABELS), -1).argmax(-1) == LABELS).mean())}`,
      chargen: [
        `logits = ${logits}.reshape(*Y_HELD_OUT.shape, -1)`,
        'log_p = logits - logits.max(-1, keepdims=True)',
        'log_p = log_p - np.log(np.exp(log_p).sum(-1, keepdims=True))',
        'nats = -np.take_along_axis(log_p, Y_HELD_OUT[..., None], -1).mean()',
        'scores = {"bitsPerChar": float(nats / math.log(2)), "accuracy": float((logits.argmax(-1) == Y_HELD_OUT).mean())}',
      ].join('\n'),
      reverse: [
        `right = ${logits}.reshape(*REVERSED.shape, -1).argmax(-1) == REVERSED`,
        'scores = {"accuracy": float(right.all(axis=1).mean()), "digitAccuracy": float(right.mean())}',
      ].join('\n'),
    }[config.task as 'sentiment' | 'memory' | 'chargen' | 'reverse'];
    const { json, dir, stderr } = runCells(built.notebook, ['weights-name', 'weights', 'metadata', 'data'], ['scores'], [snippet]);
    dirs.push(dir);
    expect(stderr).toBe('');
    const scores = json.scores as Record<string, number>;
    expect(Object.keys(scores).sort()).toEqual(Object.keys(modelMetrics(built.appMetrics)).sort());
    for (const [name, value] of Object.entries(scores)) expect(value, name).toBeCloseTo(built.appMetrics[name], 5);
  });

  it.skipIf(!!torchMissing)("reproduces the app's held-out metrics in PyTorch to 1e-4, and later cells keep held_out", () => {
    const tags = codeCells(built.notebook).map(tagOf);
    const before = runCells(built.notebook, tags.slice(0, tags.indexOf('evaluate') + 1), ['held_out']);
    const after = runCells(built.notebook, tags, ['held_out', 'held_out_after']);
    dirs.push(before.dir, after.dir);
    expect(before.status, before.stderr).toBe(0);
    expect(after.status, after.stderr).toBe(0);
    const app = modelMetrics(built.appMetrics);
    const heldOut = before.json.held_out as Record<string, number>;
    expect(Object.keys(heldOut).sort()).toEqual(Object.keys(app).sort());
    for (const [name, value] of Object.entries(app)) expect(Math.abs(heldOut[name] - value), name).toBeLessThan(1e-4);
    expect(after.json.held_out).toEqual(heldOut);
    expect(Object.keys(after.json.held_out_after as object).sort()).toEqual(Object.keys(app).sort());
  });
});

describe('where python3 has no torch', () => {
  it.runIf(!!torchMissing)('says why the PyTorch run of the notebooks is skipped', () => {
    console.log(`Skipped running the notebooks' PyTorch cells: ${torchMissing}`);
    expect(torchMissing).toBeTruthy();
  });
});

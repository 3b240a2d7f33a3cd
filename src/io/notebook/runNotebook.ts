/**
 * The notebook of a run (issue #18, "Open in a notebook"): the model class of the PyTorch panel, the weights
 * (embedded, written beside the notebook when missing), the held-out data and its evaluation printed beside the
 * app's number, and a training loop with the run's optimizer, learning rate, clipping and batch size.
 * Contract: the first code cell sets WEIGHTS = "<file>.safetensors"; after the evaluation cell, `held_out` is
 * a dict of the held-out metrics under the CLI's JSON names; later cells do not change it.
 */
import type { INotebookContent } from '@jupyterlab/nbformat';
import { CELL_LABELS, type TrainConfig } from '../../shared/config';
import type { ExportFile } from '../../shared/protocol';
import { pytorchCode } from '../../shared/pytorchCode';
import type { Task } from '../../tasks/task';
import { codeCell, markdownCell, notebook } from './cells';
import { forecastDataCell, forecastEvaluate, forecastTrainingLoss } from './forecastCells';
import { heldOutData, type HeldOutData } from './heldOutData';
import { base64, numberDict, pyString, wrapped } from './pythonLiterals';
import { chargenDataCell, chargenEvaluate, classifierEvaluate, classifierTrainingLoss, memoryDataCell, reverseDataCell, reverseEvaluate, sentimentDataCell } from './tokenCells';
import { trainingCells } from './trainingCells';

/** What a notebook is made of. */
export interface NotebookRun {
  config: TrainConfig;
  task: Task;
  /** The training step the weights are from. */
  step: number;
  /** The exported .safetensors file: its name becomes WEIGHTS, its bytes are embedded. */
  weights: { fileName: string; bytes: Uint8Array };
  /** The held-out metrics the app (or the CLI) computed for these weights, printed beside the notebook's. */
  appMetrics: Record<string, number>;
}

/** The held-out metrics of the model itself (its baselines are not the model's): the keys `held_out` has. */
export function modelMetrics(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([key, value]) => !key.startsWith('baseline') && Number.isFinite(value)));
}

/** The model class of the PyTorch panel (the same generator), without its loading lines: the notebook loads it itself. */
function modelClass(run: NotebookRun): string {
  const { modelSpec } = run.task;
  const code = pytorchCode(run.config, {
    inputSize: modelSpec.rnn.inputSize,
    outputSize: modelSpec.outputSize,
    readout: modelSpec.readout,
    vocabSize: modelSpec.vocabSize,
    decoderSteps: modelSpec.decoderSteps,
    fileName: run.weights.fileName,
  });
  const start = code.indexOf('class Model(');
  const end = code.indexOf('\nmodel = Model()');
  if (start < 0 || end < 0) throw new Error('The PyTorch code has no Model class to put in the notebook');
  return code.slice(start, end).trimEnd();
}

function taskCells(data: HeldOutData, run: NotebookRun): { data: string; evaluate: string; loss: string } {
  switch (data.kind) {
    case 'forecast':
      return { data: forecastDataCell(data), evaluate: forecastEvaluate(), loss: forecastTrainingLoss() };
    case 'sentiment':
      return { data: sentimentDataCell(data), evaluate: classifierEvaluate(), loss: classifierTrainingLoss('sentiment') };
    case 'memory':
      return { data: memoryDataCell(data), evaluate: classifierEvaluate(), loss: classifierTrainingLoss('memory') };
    case 'chargen':
      return { data: chargenDataCell(data), evaluate: chargenEvaluate(), loss: classifierTrainingLoss('chargen') };
    case 'reverse':
      return { data: reverseDataCell(data), evaluate: reverseEvaluate(), loss: classifierTrainingLoss('reverse') };
  }
  throw new Error(`No notebook cells for the ${run.config.task} task`);
}

const WEIGHTS_CELL = (bytes: Uint8Array) =>
  [
    '# The weights, embedded (base64 of the .safetensors file): written beside the notebook when it is missing.',
    'import base64, os',
    'WEIGHTS_BASE64 = (',
    ...wrapped(base64(bytes)).map((line) => `    "${line}"`),
    ')',
    'if not os.path.exists(WEIGHTS):',
    '    with open(WEIGHTS, "wb") as f:',
    '        f.write(base64.b64decode(WEIGHTS_BASE64))',
    '    print(f"Wrote {WEIGHTS}")',
  ].join('\n');

const METADATA_CELL = [
  '# Reading the .safetensors file needs only numpy: 8 bytes of header length, a JSON header, raw tensors.',
  'import json, math, struct',
  'import numpy as np',
  '',
  'def read_safetensors(path):',
  '    """Its tensors (float32 numpy arrays) by state_dict name, and its __metadata__ (the run\'s settings)."""',
  '    with open(path, "rb") as f:',
  '        raw = f.read()',
  '    (length,) = struct.unpack("<Q", raw[:8])',
  '    header = json.loads(raw[8:8 + length])',
  '    metadata = header.pop("__metadata__", {})',
  '    body = raw[8 + length:]',
  '    dtypes = {"F32": "<f4", "F64": "<f8", "F16": "<f2"}',
  '    tensors = {}',
  '    for name, info in header.items():',
  '        start, end = info["data_offsets"]',
  '        values = np.frombuffer(body[start:end], dtype=dtypes[info["dtype"]])',
  '        tensors[name] = values.astype(np.float32).reshape(info["shape"])',
  '    return tensors, metadata',
  '',
  'TENSORS, METADATA = read_safetensors(WEIGHTS)',
  'print(f"{WEIGHTS}: {len(TENSORS)} tensors, task {METADATA.get(\'task\')}, step {METADATA.get(\'step\')}")',
].join('\n');

/** The notebook of a run. */
export function runNotebook(run: NotebookRun): INotebookContent {
  const { config, task } = run;
  const data = heldOutData(config.task, task);
  const cells = taskCells(data, run);
  const appMetrics = modelMetrics(run.appMetrics);
  const evaluate = [
    cells.evaluate,
    '',
    `APP_HELD_OUT = ${numberDict(appMetrics)}  # what Unrolled showed for these weights`,
    'held_out = evaluate(model)',
    'for name, value in held_out.items():',
    '    print(f"{name:>22}: PyTorch {value:.6f}   Unrolled {APP_HELD_OUT.get(name, float(\'nan\')):.6f}")',
  ].join('\n');
  return notebook([
    markdownCell(
      'title',
      [
        `# ${task.title}: ${CELL_LABELS[config.cell]}, step ${run.step}`,
        '',
        `Exported from Unrolled. ${task.summary}`,
        '',
        `The weights are \`${run.weights.fileName}\` (embedded below; written beside this notebook when missing). The notebook runs offline: the held-out data the app scored is in it. Run the cells in order: the evaluation prints PyTorch's held-out metrics beside the app's, then the last cell goes on training in PyTorch.`,
      ].join('\n'),
    ),
    codeCell('weights-name', `WEIGHTS = ${pyString(run.weights.fileName)}`),
    codeCell('weights', WEIGHTS_CELL(run.weights.bytes)),
    codeCell('metadata', METADATA_CELL),
    markdownCell('model-heading', '## The model\n\nThe same class as the PyTorch panel in Unrolled (PyTorch parameter names, gate order and shapes).'),
    codeCell(
      'model',
      [
        'import torch',
        'from torch import nn',
        'import torch.nn.functional as F',
        '',
        '',
        modelClass(run),
        '',
        '',
        'model = Model()',
        'model.load_state_dict({name: torch.from_numpy(values) for name, values in TENSORS.items()}, strict=True)',
        'model.eval()',
      ].join('\n'),
    ),
    markdownCell('data-heading', '## The held-out data\n\nThe examples the app scores the model on, prepared with the split, normalisation and vocabulary of the weights file\'s metadata.'),
    codeCell('data', cells.data),
    markdownCell('evaluate-heading', '## Evaluate\n\n`held_out` holds the held-out metrics computed in PyTorch, under the names of the CLI\'s JSON.'),
    codeCell('evaluate', evaluate),
    markdownCell('train-heading', `## Train on in PyTorch\n\nTraining examples drawn as the app draws its batches, then the run's optimizer (${config.optimizer}), learning rate ${config.learningRate}, clipping (${config.clipMode}) and batch size ${config.batchSize}.`),
    ...trainingCells(run.task, config, cells.loss, data.kind !== 'forecast'),
  ]);
}

/** The notebook as a file to download: the weights' name with .ipynb. */
export function notebookFile(run: NotebookRun): ExportFile {
  // ASCII-only JSON (\uXXXX escapes for the rest), so its bytes are its characters' codes: no TextEncoder needed here
  const text = JSON.stringify(runNotebook(run), null, 1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
  return { fileName: run.weights.fileName.replace(/\.safetensors$/, '') + '.ipynb', mime: 'application/x-ipynb+json', bytes: Uint8Array.from(text, (c) => c.charCodeAt(0)) };
}

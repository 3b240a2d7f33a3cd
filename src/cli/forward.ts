/**
 * `forward`: runs a saved recurrent stack on given inputs, optionally with ‖∂L/∂h_t‖ for L = Σ outputs and the
 * top singular values of the top layer's step-to-step Jacobian ∂s_t/∂s_{t−1}.
 */
import * as tf from '@tensorflow/tfjs-core';
import { topHiddenGradNorms } from '../core/bptt';
import { jacobianSingularValues, stepRecordsOf } from '../core/jacobian';
import { activeExecutionPlan } from '../core/kernels/executionPlan';
import { rnnForward, type ForwardRecords } from '../core/network';
import { directions, layerSuffix, rnnParamInfos, type RnnSpec } from '../shared/spec';
import { decodeRnn } from '../io/modelFile';
import { useNodeBackend } from './tfNode';
import { UsageError } from './errors';

/** A problem with the input JSON. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The JSON `forward` writes. */
export interface ForwardJson {
  outputs: number[][][];
  h_n: number[][][];
  c_n?: number[][][];
  hiddenGradNorms?: number[];
  /** (batch, T, k), k = min(3, H): the k largest singular values of the top layer's ∂s_t/∂s_{t−1} (s = h, or [h; c] for an LSTM). */
  jacobianSingularValues?: number[][][];
}

/** How many singular values of each step's Jacobian `--jacobian` gives: min(3, H). */
const JACOBIAN_VALUES = 3;

/** Checks that `value` is a rectangular 3-D array of finite numbers; returns its flat data and shape. */
export function parseTensor3(value: unknown, what: string): { data: Float32Array; shape: [number, number, number] } {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`${what} must be a non-empty array (batch, time, features)`);
  const d1 = value.length;
  const first = value[0];
  if (!Array.isArray(first) || first.length === 0) throw new InputError(`${what}[0] must be a non-empty array of time steps`);
  const d2 = first.length;
  const firstRow = first[0];
  if (!Array.isArray(firstRow) || firstRow.length === 0) throw new InputError(`${what}[0][0] must be a non-empty array of features`);
  const d3 = firstRow.length;
  const data = new Float32Array(d1 * d2 * d3);
  let k = 0;
  for (let i = 0; i < d1; i++) {
    const a = value[i];
    if (!Array.isArray(a) || a.length !== d2) throw new InputError(`${what}[${i}] must have ${d2} time steps like ${what}[0]`);
    for (let j = 0; j < d2; j++) {
      const b = a[j];
      if (!Array.isArray(b) || b.length !== d3) throw new InputError(`${what}[${i}][${j}] must have ${d3} features like ${what}[0][0]`);
      for (const v of b) {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${what}[${i}][${j}] contains ${JSON.stringify(v)}, not a finite number`);
        data[k++] = v;
      }
    }
  }
  return { data, shape: [d1, d2, d3] };
}

/** Turns a flat row-major array into nested arrays of the given 3-D shape. */
export function nest3(data: ArrayLike<number>, [a, b, c]: number[]): number[][][] {
  return Array.from({ length: a }, (_, i) => Array.from({ length: b }, (_, j) => Array.from({ length: c }, (_, k) => data[(i * b + j) * c + k])));
}

/** Runs the forward command on decoded inputs. */
export async function runForward(args: { weights: Uint8Array; input: unknown; grad: boolean; jacobian?: boolean; backend: 'wasm' | 'cpu'; log?: (line: string) => void }): Promise<ForwardJson> {
  await useNodeBackend(args.backend);
  const file = decodeRnn(args.weights);
  // what was inferred rather than read (an RNN's activation without metadata, an encoder–decoder's encoder)
  for (const note of file.notes) args.log?.(`note: ${note}`);
  const spec = file.spec;
  if (args.jacobian && spec.bidirectional) {
    throw new UsageError('--jacobian needs a one-directional network: this one is bidirectional, and its top layer\'s backward direction steps from h_{t+1}, not h_{t−1}, so there is no single step-to-step Jacobian');
  }
  if (typeof args.input !== 'object' || args.input === null || !('x' in args.input)) throw new InputError('The input JSON must be an object with "x": (batch, time, features)');
  const input = args.input as { x: unknown; h0?: unknown; c0?: unknown };
  const x = parseTensor3(input.x, 'x');
  const [batch] = x.shape;
  if (x.shape[2] !== spec.inputSize) throw new InputError(`x has ${x.shape[2]} features per step but the network's input_size is ${spec.inputSize}`);
  const stateShape = [spec.numLayers * directions(spec), batch, spec.hiddenSize];
  const state = (name: 'h0' | 'c0') => {
    if (input[name] === undefined) return undefined;
    if (name === 'c0' && spec.cell !== 'lstm') throw new InputError('c0 is only for LSTM');
    const parsed = parseTensor3(input[name], name);
    if (parsed.shape.join() !== stateShape.join()) throw new InputError(`${name} has shape [${parsed.shape.join(', ')}] but must be [${stateShape.join(', ')}] (layers·directions, batch, hidden)`);
    return parsed;
  };
  const h0 = state('h0');
  const c0 = state('c0');

  // A scope rather than tf.tidy, which may only return tensors.
  tf.engine().startScope();
  try {
    const params: Record<string, tf.Tensor> = {};
    for (const { name, shape } of rnnParamInfos(spec)) params[name] = tf.tensor(file.weights[name], shape);
    const xs = tf.tensor3d(x.data, x.shape);
    // the plan of the backend useNodeBackend chose (no trainer here to hand one down)
    const opts = { h0: h0 && tf.tensor3d(h0.data, h0.shape), c0: c0 && tf.tensor3d(c0.data, c0.shape), plan: activeExecutionPlan() };
    const result = rnnForward(spec, params, xs, { ...opts, record: !!args.jacobian });
    const json: ForwardJson = {
      outputs: nest3(result.output.dataSync(), result.output.shape),
      h_n: nest3(result.hN.dataSync(), result.hN.shape),
    };
    if (result.cN) json.c_n = nest3(result.cN.dataSync(), result.cN.shape);
    if (args.grad) json.hiddenGradNorms = Array.from(topHiddenGradNorms(spec, params, xs, opts).dataSync());
    if (args.jacobian) json.jacobianSingularValues = topJacobianSingularValues(spec, file.weights, result.records!, { h0: h0?.data, c0: c0?.data }, x.shape);
    return json;
  } finally {
    tf.engine().endScope();
  }
}

/**
 * Per example and step, the k = min(3, H) largest singular values of the top layer's ∂s_t/∂s_{t−1}, from the
 * forward pass's records (float32 gates, float64 Jacobian and SVD); step 1's previous state is h0 (and c0).
 */
function topJacobianSingularValues(
  spec: RnnSpec,
  weights: Record<string, Float32Array>,
  records: ForwardRecords,
  initial: { h0?: Float32Array; c0?: Float32Array },
  [batch, steps]: [number, number, number],
): number[][][] {
  const top = spec.numLayers - 1;
  const hidden = spec.hiddenSize;
  const suffix = layerSuffix(top, 0);
  const layer = { cell: spec.cell, hidden, wHh: weights[`weight_hh${suffix}`], bHh: weights[`bias_hh${suffix}`] };
  const recorded = Object.fromEntries(Object.entries(records[top]).map(([name, tensor]) => [name, tensor.dataSync()]));
  // h0 / c0 are (layers, B, H): the top layer's block starts at top·B·H
  const initialOf = (state: Float32Array | undefined, b: number) => state?.subarray((top * batch + b) * hidden, (top * batch + b + 1) * hidden);
  return Array.from({ length: batch }, (_, b) => {
    const stepRecords = stepRecordsOf(spec.cell, recorded, { steps, batch, hidden }, b, { h0: initialOf(initial.h0, b), c0: initialOf(initial.c0, b) });
    return jacobianSingularValues(layer, stepRecords, Math.min(JACOBIAN_VALUES, hidden));
  });
}

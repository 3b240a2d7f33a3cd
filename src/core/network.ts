/**
 * The stacked, optionally bidirectional recurrent network (PyTorch's `nn.RNN`/`nn.LSTM`/`nn.GRU` with
 * batch_first=True), over parameters named as in PyTorch's state_dict.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cellStep, foldsHiddenBias, type CellState } from './cells';
import { fusedRecurrentLayer } from './fusedLayer';
import { linear } from './kernels/denseProducts';
import type { ExecutionPlan } from './kernels/executionPlan';
import { RECORDED_NAMES, directions, layerSuffix, type RnnSpec } from '../shared/spec';

/** Tensors by PyTorch name, without the `rnn.` prefix: weight_ih_l0, bias_hh_l1_reverse, … */
export type RnnTensors = Record<string, tf.Tensor>;

/** Options of one forward pass. */
export interface ForwardOptions {
  /** Applies dropout between layers (PyTorch's train mode). */
  training?: boolean;
  /** Seed of the dropout masks, so a step is reproducible. */
  dropoutSeed?: number;
  /** Initial hidden state (layers·dirs, B, H); zeros when absent. */
  h0?: tf.Tensor3D;
  /** Initial LSTM cell state (layers·dirs, B, H); zeros when absent. */
  c0?: tf.Tensor3D;
  /**
   * Zero tensors added to the hidden states, one (T, B, H) per layer·dirs + direction. The gradient of the
   * loss with respect to probe[t] is ∂L/∂h_t, the total derivative through all later steps.
   */
  probes?: tf.Tensor3D[];
  /** Records gates and states per step (see RECORDED_NAMES). */
  record?: boolean;
  /** How the layers run (fused or op by op, and the kernels' choices): the run's plan, handed down by the Trainer. */
  plan: ExecutionPlan;
}

/** Per layer·dirs index, per recorded name, one (T, B, H) tensor in time order. */
export type ForwardRecords = Array<Record<string, tf.Tensor3D>>;

/** What a forward pass returns. */
export interface ForwardResult {
  /** Last layer's hidden states (B, T, H·dirs). */
  output: tf.Tensor3D;
  /** Final hidden state per layer and direction (layers·dirs, B, H). */
  hN: tf.Tensor3D;
  /** Final LSTM cell state (layers·dirs, B, H). */
  cN?: tf.Tensor3D;
  records?: ForwardRecords;
}

/**
 * Runs the recurrent stack over x (B, T, I): each layer as one fused op (fusedLayer.ts) or op by op (cells.ts),
 * as the plan says (ExecutionPlan.fusedLayers).
 */
export function rnnForward(spec: RnnSpec, params: RnnTensors, x: tf.Tensor3D, opts: ForwardOptions): ForwardResult {
  const [batch, steps] = x.shape;
  const hidden = spec.hiddenSize;
  const dirs = directions(spec);
  const isLstm = spec.cell === 'lstm';
  const h0 = opts.h0 ? unstack(opts.h0, 0) : undefined;
  const c0 = opts.c0 ? unstack(opts.c0, 0) : undefined;
  const zeros = tf.zeros([batch, hidden]) as tf.Tensor2D;
  const hN: tf.Tensor2D[] = [];
  const cN: tf.Tensor2D[] = [];
  const records: ForwardRecords = [];
  const plan = opts.plan;
  const fused = plan.fusedLayers;
  let input: tf.Tensor3D = x;

  for (let layer = 0; layer < spec.numLayers; layer++) {
    if (layer > 0 && opts.training && spec.dropout > 0) {
      input = tf.dropout(input, spec.dropout, undefined, (opts.dropoutSeed ?? 0) + layer) as tf.Tensor3D;
    }
    const inputSize = input.shape[2];
    // (op by op only: the fused layer projects its input itself)
    const flatInput = fused ? undefined : (tf.reshape(input, [batch * steps, inputSize]) as tf.Tensor2D);
    const perDirection: tf.Tensor3D[] = [];
    for (let direction = 0; direction < dirs; direction++) {
      const s = layerSuffix(layer, direction);
      const index = layer * dirs + direction;
      const wIh = params[`weight_ih${s}`] as tf.Tensor2D;
      const bIh = params[`bias_ih${s}`] as tf.Tensor1D;
      const bHh = params[`bias_hh${s}`] as tf.Tensor1D;
      if (fused) {
        const result = fusedRecurrentLayer({
          cell: spec.cell,
          x: input,
          wIh,
          bIh,
          wHh: params[`weight_hh${s}`] as tf.Tensor2D,
          bHh,
          h0: (h0?.[index] as tf.Tensor2D) ?? zeros,
          c0: isLstm ? ((c0?.[index] as tf.Tensor2D) ?? zeros) : undefined,
          probes: opts.probes?.[index],
          reverse: direction === 1,
          record: !!opts.record,
        }, plan);
        hN[index] = result.hN;
        if (result.cN) cN[index] = result.cN;
        if (opts.record) records[index] = result.records!;
        perDirection.push(result.output);
        continue;
      }
      // One matmul projects the inputs of all steps at once.
      const gateWidth = wIh.shape[0];
      const bias = foldsHiddenBias(spec.cell) ? tf.add(bIh, bHh) : bIh;
      const projected = tf.reshape(tf.add(linear(flatInput!, wIh, plan), bias), [batch, steps, gateWidth]) as tf.Tensor3D;
      const xProj = unstack(projected, 1) as tf.Tensor2D[];
      const weights = { wHh: params[`weight_hh${s}`] as tf.Tensor2D, bHh: foldsHiddenBias(spec.cell) ? undefined : bHh };

      const stepProbes = opts.probes?.[index] ? (unstack(opts.probes[index], 0) as tf.Tensor2D[]) : undefined;
      let state: CellState = { h: h0?.[index] as tf.Tensor2D ?? zeros, c: isLstm ? (c0?.[index] as tf.Tensor2D ?? zeros) : undefined };
      const outputs: tf.Tensor2D[] = new Array(steps);
      const record: Record<string, tf.Tensor2D[]> | undefined = opts.record
        ? Object.fromEntries(RECORDED_NAMES[spec.cell].map((name) => [name, new Array<tf.Tensor2D>(steps)]))
        : undefined;
      for (let k = 0; k < steps; k++) {
        const t = direction === 0 ? k : steps - 1 - k;
        const result = cellStep(spec.cell, xProj[t], state, weights, !!record, plan);
        let h = result.state.h;
        const probe = stepProbes?.[t];
        if (probe) h = tf.add(h, probe) as tf.Tensor2D;
        state = { h, c: result.state.c };
        outputs[t] = h;
        if (record && result.gates) for (const name in record) record[name][t] = result.gates[name];
      }
      hN[index] = state.h;
      if (state.c) cN[index] = state.c;
      if (record) records[index] = Object.fromEntries(Object.entries(record).map(([name, perStep]) => [name, tf.stack(perStep) as tf.Tensor3D]));
      perDirection.push(tf.stack(outputs, 1) as tf.Tensor3D);
    }
    input = dirs === 1 ? perDirection[0] : (tf.concat(perDirection, 2) as tf.Tensor3D);
  }
  return {
    output: input,
    hN: tf.stack(hN) as tf.Tensor3D,
    cN: isLstm ? (tf.stack(cN) as tf.Tensor3D) : undefined,
    records: opts.record ? records : undefined,
  };
}

/**
 * Packs the records of one example into a single (layers·dirs, names, T, H) tensor, so that the worker
 * reads the gates back from the device in one transfer.
 */
export function packRecords(records: ForwardRecords, example: number): tf.Tensor4D {
  return tf.stack(
    records.map((record) =>
      tf.stack(
        Object.values(record).map((values) => tf.squeeze(tf.slice(values, [0, example, 0], [-1, 1, -1]), [1])),
      ),
    ),
  ) as tf.Tensor4D;
}

/**
 * tf.unstack, except that a length-1 axis is squeezed: tfjs's gradient of a one-element unstack fails
 * ("Argument tensors passed to stack must be a Tensor[]").
 */
export function unstack(x: tf.Tensor, axis: number): tf.Tensor[] {
  return x.shape[axis] === 1 ? [tf.squeeze(x, [axis])] : tf.unstack(x, axis);
}

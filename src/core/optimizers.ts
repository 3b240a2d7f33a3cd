/**
 * The optimizers a run can use (Adam, SGD, momentum, RMSprop), behind one small interface.
 *
 * On a GPU (WebGL) the run uses tfjs's own optimizers, whose updates stay on the GPU. On the CPU and WASM
 * backends, and on WebGL rendered in software, where tensors live in CPU memory anyway (the execution plan's
 * arrayOptimizer, kernels/executionPlan.ts), `ArrayOptimizer` does the same arithmetic in one loop per variable
 * over plain arrays: tfjs's Adam is ~13 kernels per variable, each with a fixed cost that, for this app's
 * small models, is most of the optimizer's time (about a fifth of a vanilla RNN's step on WASM).
 *
 * `ArrayOptimizer` follows tfjs's formulas, defaults and state layout exactly (`getWeights` / `setWeights`:
 * `iter` first, then the slots, named `<variable>/m` …), so a snapshot taken under one restores under the other.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerKind } from '../shared/config';
import type { ExecutionPlan } from './kernels/executionPlan';
import { readView } from './kernels/tensorView';

/** A named tensor of an optimizer's state (tfjs's NamedTensor, which tfjs-core does not export). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** What a training run needs of an optimizer. */
export interface RunOptimizer {
  /** One update; the keys are registered variable names, in the same order at every step. */
  applyGradients(gradients: Record<string, tf.Tensor>): void;
  /** The state: `iter`, then the slots, as fresh tensors the caller owns. */
  getWeights(): Promise<NamedTensor[]>;
  /** Takes a state from `getWeights` (its tensors stay the caller's). */
  setWeights(weights: NamedTensor[]): Promise<void>;
  setLearningRate(learningRate: number): void;
  dispose(): void;
}

/** Hyper-parameters both implementations use (tfjs's defaults, momentum 0.9). */
const ADAM = { beta1: 0.9, beta2: 0.999 };
const MOMENTUM = 0.9;
const RMSPROP = { decay: 0.9, momentum: 0 };

/** The slots each optimizer keeps per variable, in tfjs's order and naming. */
const SLOTS: Record<OptimizerKind, readonly string[]> = {
  sgd: [],
  momentum: ['momentum'],
  rmsprop: ['rms', 'momentum'],
  adam: ['m', 'v'],
};

/** tfjs's optimizer, as a RunOptimizer. */
class TfjsOptimizer implements RunOptimizer {
  private readonly inner: tf.Optimizer;

  constructor(kind: OptimizerKind, learningRate: number) {
    this.inner = tfjsOptimizer(kind, learningRate);
  }

  applyGradients(gradients: Record<string, tf.Tensor>): void {
    this.inner.applyGradients(gradients);
  }

  /** tfjs hands out its own slot variables (copied here) and a fresh iteration count. */
  async getWeights(): Promise<NamedTensor[]> {
    return (await this.inner.getWeights()).map((w) => ({ name: w.name, tensor: w.tensor instanceof tf.Variable ? tf.clone(w.tensor) : w.tensor }));
  }

  /** tfjs makes its slot variables from the given tensors (sharing their data): hand it copies, then drop ours. */
  async setWeights(weights: NamedTensor[]): Promise<void> {
    const copies = weights.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) }));
    await this.inner.setWeights(copies);
    tf.dispose(copies.map((w) => w.tensor));
  }

  /** SGD and momentum keep the rate in a tensor (setLearningRate); Adam and RMSprop read the field. */
  setLearningRate(learningRate: number): void {
    const name = this.inner.getClassName();
    if (name === 'SGD' || name === 'Momentum') (this.inner as tf.SGDOptimizer).setLearningRate(learningRate);
    else (this.inner as unknown as { learningRate: number }).learningRate = learningRate;
  }

  /** tfjs 4's MomentumOptimizer.dispose forgets its learning-rate scalar `c`, so free it too. */
  dispose(): void {
    this.inner.dispose();
    if (this.inner.getClassName() === 'Momentum') (this.inner as unknown as { c?: tf.Tensor }).c?.dispose();
  }
}

function tfjsOptimizer(kind: OptimizerKind, learningRate: number): tf.Optimizer {
  switch (kind) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, MOMENTUM);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, RMSPROP.decay, RMSPROP.momentum);
    case 'adam':
      return tf.train.adam(learningRate, ADAM.beta1, ADAM.beta2);
  }
}

/** The same optimizers over plain arrays, for backends whose tensors live in CPU memory. */
export class ArrayOptimizer implements RunOptimizer {
  private iterations = 0;
  /** slots[s][i]: slot s (SLOTS order) of the i-th variable (in gradient order), with its tfjs name. */
  private slots: Array<Array<{ name: string; values: Float32Array; shape: number[] }>>;
  private readonly epsilon = tf.backend().epsilon();

  /** `plan` says how to read variables and gradients (views into WASM's memory, or copies). */
  constructor(
    readonly kind: OptimizerKind,
    private learningRate: number,
    private readonly plan: Pick<ExecutionPlan, 'zeroCopyReads'>,
  ) {
    this.slots = SLOTS[kind].map(() => []);
  }

  applyGradients(gradients: Record<string, tf.Tensor>): void {
    this.applyGradientArrays(Object.keys(gradients), Object.values(gradients).map((g) => readView(g, this.plan)));
  }

  /**
   * One update from gradients already read back: `grads[i]` is the gradient of the variable named `names[i]`.
   * They may be views into the backend's memory (readView): every new value is computed before the first
   * tensor is allocated.
   */
  applyGradientArrays(names: readonly string[], grads: readonly Float32Array[]): void {
    const lr = this.learningRate;
    const eps = this.epsilon;
    const t = this.iterations + 1;
    const updates: Array<[tf.Variable, Float32Array]> = [];
    names.forEach((name, i) => {
      const variable = tf.engine().registeredVariables[name];
      if (!variable) throw new Error(`no variable named ${name}`);
      const g = grads[i];
      const w = readView(variable, this.plan);
      const n = w.length;
      for (let s = 0; s < this.slots.length; s++) {
        this.slots[s][i] ??= { name: `${name}/${SLOTS[this.kind][s]}`, values: new Float32Array(n), shape: variable.shape };
        // a restored state must fit the variables (tfjs's optimizers would fail on assign)
        if (this.slots[s][i].values.length !== n) throw new Error(`optimizer slot ${this.slots[s][i].name} has ${this.slots[s][i].values.length} values, ${name} has ${n}`);
      }
      const next = new Float32Array(n);
      switch (this.kind) {
        case 'sgd':
          for (let k = 0; k < n; k++) next[k] = w[k] - lr * g[k];
          break;
        case 'momentum': {
          const acc = this.slots[0][i].values;
          for (let k = 0; k < n; k++) {
            acc[k] = MOMENTUM * acc[k] + g[k];
            next[k] = w[k] - lr * acc[k];
          }
          break;
        }
        case 'rmsprop': {
          const ms = this.slots[0][i].values;
          const mom = this.slots[1][i].values;
          const { decay, momentum } = RMSPROP;
          for (let k = 0; k < n; k++) {
            ms[k] = decay * ms[k] + (1 - decay) * g[k] * g[k];
            mom[k] = momentum * mom[k] + (lr * g[k]) / Math.sqrt(ms[k] + eps);
            next[k] = w[k] - mom[k];
          }
          break;
        }
        case 'adam': {
          const m = this.slots[0][i].values;
          const v = this.slots[1][i].values;
          const { beta1, beta2 } = ADAM;
          const c1 = 1 - beta1 ** t;
          const c2 = 1 - beta2 ** t;
          for (let k = 0; k < n; k++) {
            m[k] = beta1 * m[k] + (1 - beta1) * g[k];
            v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
            next[k] = w[k] - (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + eps);
          }
          break;
        }
      }
      updates.push([variable, next]);
    });
    for (const [variable, next] of updates) {
      const updated = tf.tensor(next, variable.shape);
      variable.assign(updated); // (the variable takes a reference to the data)
      updated.dispose();
    }
    this.iterations = t;
  }

  async getWeights(): Promise<NamedTensor[]> {
    // copies: the CPU backend would keep the array itself, which the next update changes in place
    const slots = this.slots.flat().map(({ name, values, shape }) => ({ name, tensor: tf.tensor(values.slice(), shape) }));
    return [{ name: 'iter', tensor: tf.scalar(this.iterations, 'int32') }, ...slots];
  }

  async setWeights(weights: NamedTensor[]): Promise<void> {
    const [iter, ...rest] = weights;
    const kinds = SLOTS[this.kind].length;
    const perSlot = kinds === 0 ? 0 : rest.length / kinds;
    // iter first, then each slot kind in turn, every name ending in its kind (`…/m` then `…/v` for Adam)
    const fits =
      iter?.name === 'iter' &&
      Number.isInteger(perSlot) &&
      (kinds > 0 || rest.length === 0) &&
      rest.every((w, k) => w.name.endsWith(`/${SLOTS[this.kind][Math.floor(k / perSlot)]}`));
    if (!fits) throw new Error(`optimizer state does not fit ${this.kind}: ${weights.map((w) => w.name).join(', ')}`);
    const values = await Promise.all(rest.map(async (w) => Float32Array.from(await w.tensor.data())));
    this.iterations = (await iter.tensor.data())[0];
    this.slots = SLOTS[this.kind].map((_, s) =>
      rest.slice(s * perSlot, (s + 1) * perSlot).map((w, k) => ({ name: w.name, values: values[s * perSlot + k], shape: w.tensor.shape })),
    );
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  dispose(): void {
    this.slots = [];
  }
}

/**
 * The optimizer for a run by its plan: the array one where the plan's arrayOptimizer says so (CPU, WASM, software
 * WebGL), else tfjs's (a GPU: the update stays there).
 */
export function makeOptimizer(kind: OptimizerKind, learningRate: number, plan: ExecutionPlan): RunOptimizer {
  return plan.arrayOptimizer ? new ArrayOptimizer(kind, learningRate, plan) : new TfjsOptimizer(kind, learningRate);
}

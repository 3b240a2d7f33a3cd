import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { OptimizerKind } from '../shared/config';
import { activeExecutionPlan, executionPlanFor } from './kernels/executionPlan';
import { ArrayOptimizer, makeOptimizer, type NamedTensor, type RunOptimizer } from './optimizers';
import { expectClose, seeded } from '../test/numeric';

/** The unit tests' backend's plan, with tfjs's optimizers (`'tfjs'`) or the array one (`'arrays'`). */
const planFor = (optimizer: 'tfjs' | 'arrays') => ({ ...activeExecutionPlan(), arrayOptimizer: optimizer === 'arrays' });

const KINDS: OptimizerKind[] = ['adam', 'sgd', 'momentum', 'rmsprop'];
const SHAPES: Array<[string, number[]]> = [
  ['w', [3, 4]],
  ['b', [4]],
];

let made = 0;
/** Two variables with the same seeded values under fresh names, as a trainer registers them. */
function makeVariables(): Record<string, tf.Variable> {
  const prefix = `opt${++made}/`;
  return Object.fromEntries(
    SHAPES.map(([name, shape], k) => [prefix + name, tf.variable(tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), 11 + k), shape), true, prefix + name)]),
  );
}

/** The gradients of step `step`: seeded, different each step, some large and some tiny. */
function gradients(variables: Record<string, tf.Variable>, step: number): Record<string, tf.Tensor> {
  return Object.fromEntries(
    Object.keys(variables).map((name, k) => {
      const v = variables[name];
      return [name, tf.tensor(seeded(v.size, 100 * step + k, step % 2 ? 3 : 0.01), v.shape)];
    }),
  );
}

function stepBoth(optimizers: RunOptimizer[], variables: Array<Record<string, tf.Variable>>, step: number): void {
  optimizers.forEach((optimizer, k) => {
    const grads = gradients(variables[k], step);
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  });
}

async function values(weights: NamedTensor[]): Promise<Array<{ name: string; shape: number[]; data: number[] }>> {
  return Promise.all(weights.map(async (w) => ({ name: w.name.replace(/^opt\d+\//, ''), shape: w.tensor.shape, data: Array.from(await w.tensor.data()) })));
}

const live: Array<() => void> = [];
afterEach(() => live.splice(0).forEach((free) => free()));

describe('ArrayOptimizer', () => {
  for (const kind of KINDS) {
    it(`${kind}: the same weights and state as tfjs's optimizer, step by step`, async () => {
      const variables = [makeVariables(), makeVariables()];
      const optimizers = [makeOptimizer(kind, 0.05, planFor('tfjs')), makeOptimizer(kind, 0.05, planFor('arrays'))];
      live.push(() => (optimizers.forEach((o) => o.dispose()), variables.forEach((vs) => tf.dispose(Object.values(vs)))));
      for (let step = 1; step <= 6; step++) {
        if (step === 4) optimizers.forEach((o) => o.setLearningRate(0.02));
        stepBoth(optimizers, variables, step);
        const [a, b] = variables.map((vs) => Object.values(vs).map((v) => Array.from(v.dataSync())));
        a.forEach((w, k) => expectClose(b[k], w, 1e-6, 1e-5));
      }
      const [reference, ours] = await Promise.all(optimizers.map(async (o) => {
        const weights = await o.getWeights();
        const read = await values(weights);
        tf.dispose(weights.map((w) => w.tensor));
        return read;
      }));
      expect(ours.map((w) => [w.name, w.shape])).toEqual(reference.map((w) => [w.name, w.shape]));
      expect(ours[0]).toEqual({ name: 'iter', shape: [], data: [6] });
      reference.forEach((w, k) => expectClose(ours[k].data, w.data, 1e-6, 1e-5));
    });

    it(`${kind}: a state saved by one implementation continues identically in the other`, async () => {
      const variables = [makeVariables(), makeVariables()];
      const first = [makeOptimizer(kind, 0.05, planFor('tfjs')), makeOptimizer(kind, 0.05, planFor('arrays'))];
      for (let step = 1; step <= 3; step++) stepBoth(first, variables, step);
      // swap: tfjs's state goes into an array optimizer and the other way round
      const saved = await Promise.all(first.map((o) => o.getWeights()));
      const second = [makeOptimizer(kind, 0.05, planFor('arrays')), makeOptimizer(kind, 0.05, planFor('tfjs'))];
      await second[0].setWeights(saved[0]);
      await second[1].setWeights(saved[1]);
      saved.flat().forEach((w) => w.tensor.dispose());
      first.forEach((o) => o.dispose());
      live.push(() => (second.forEach((o) => o.dispose()), variables.forEach((vs) => tf.dispose(Object.values(vs)))));
      for (let step = 4; step <= 6; step++) stepBoth(second, variables, step);
      const [a, b] = variables.map((vs) => Object.values(vs).map((v) => Array.from(v.dataSync())));
      a.forEach((w, k) => expectClose(b[k], w, 1e-6, 1e-5));
    });
  }

  it('refuses a state of another optimizer, and keeps its own', async () => {
    const variables = makeVariables();
    const adam = new ArrayOptimizer('adam', 0.1, activeExecutionPlan());
    const grads = gradients(variables, 1);
    adam.applyGradients(grads);
    tf.dispose(Object.values(grads));
    // four slots would split evenly into m and v: the names tell them apart
    const momentumState = [{ name: 'iter', tensor: tf.scalar(2, 'int32') }, ...['w', 'x', 'y', 'z'].map((v) => ({ name: `${v}/momentum`, tensor: tf.zeros([4]) }))];
    await expect(adam.setWeights(momentumState)).rejects.toThrow(/does not fit adam/);
    const after = await adam.getWeights();
    expect(after.map((w) => w.name.replace(/^opt\d+\//, ''))).toEqual(['iter', 'w/m', 'b/m', 'w/v', 'b/v']);
    tf.dispose([...momentumState, ...after].map((w) => w.tensor));
    tf.dispose(Object.values(variables));
  });

  it('a state it hands out stays as it was while training goes on, on CPU as on WASM (a checkpoint must not move)', async () => {
    const initial = tf.getBackend();
    try {
      for (const backend of ['cpu', 'wasm']) {
        await tf.setBackend(backend);
        const variables = makeVariables();
        const optimizer = new ArrayOptimizer('adam', 0.1, executionPlanFor(backend));
        const step = (k: number) => {
          const grads = gradients(variables, k);
          optimizer.applyGradients(grads);
          tf.dispose(Object.values(grads));
        };
        step(1);
        const saved = await optimizer.getWeights();
        const before = await values(saved);
        step(2);
        step(3);
        expect(await values(saved)).toEqual(before);
        tf.dispose([...saved.map((w) => w.tensor), ...Object.values(variables)]);
      }
    } finally {
      await tf.setBackend(initial);
    }
  });

  it('refuses a restored state whose slots do not fit the variables, at the first update', async () => {
    const variables = makeVariables();
    const names = Object.keys(variables);
    const optimizer = new ArrayOptimizer('momentum', 0.1, activeExecutionPlan());
    await optimizer.setWeights([{ name: 'iter', tensor: tf.scalar(1, 'int32') }, ...names.map((name) => ({ name: `${name}/momentum`, tensor: tf.zeros([2]) }))]);
    const grads = gradients(variables, 1);
    expect(() => optimizer.applyGradients(grads)).toThrow(/has 2 values/);
    tf.dispose([...Object.values(grads), ...Object.values(variables)]);
  });

  it('leaves no tensors behind', () => {
    const variables = makeVariables();
    const before = tf.memory().numTensors;
    const optimizer = makeOptimizer('adam', 0.1, planFor('arrays'));
    for (let step = 1; step <= 3; step++) {
      const grads = gradients(variables, step);
      optimizer.applyGradients(grads);
      tf.dispose(Object.values(grads));
    }
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(variables));
  });
});

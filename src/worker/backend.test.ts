import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { executionPlanFor, type ExecutionPlan } from '../core/kernels/executionPlan';
import { Trainer } from '../core/trainer';
import { sineTask } from '../tasks/sine';
import { fastestOf, isSoftwareRenderer, selectBackend } from './backend';

const initial = tf.getBackend();
afterAll(async () => {
  await tf.setBackend(initial);
});

/** The learner's model, built on whichever backend is active by the plan given; `slowOn` adds 40 ms to each step there. */
function modelOn(built: string[], slowOn?: string, plans: ExecutionPlan[] = []) {
  return async (plan: ExecutionPlan) => {
    const backend = tf.getBackend();
    built.push(backend);
    plans.push(plan);
    const config = { ...defaultConfig(), hiddenSize: 4, sequenceLength: 5, batchSize: 4 };
    const trainer = new Trainer(config, sineTask(config), undefined, { plan });
    return {
      trainStep: async () => {
        if (backend === slowOn) await new Promise((r) => setTimeout(r, 40));
        return trainer.trainStep();
      },
      dispose: () => trainer.dispose(),
    };
  };
}

describe("'auto' backend choice", () => {
  it('times the given model on each backend by its plan and leaves the fastest active, with its plan, saying the rates', async () => {
    for (const slowOn of ['wasm', 'cpu']) {
      const built: string[] = [];
      const plans: ExecutionPlan[] = [];
      const { info, plan } = await fastestOf(['wasm', 'cpu'], modelOn(built, slowOn, plans));
      expect(built).toEqual(['wasm', 'cpu']);
      expect(plans).toEqual([executionPlanFor('wasm'), executionPlanFor('cpu')]);
      const winner = slowOn === 'wasm' ? 'cpu' : 'wasm';
      expect(info.backend).toBe(winner);
      expect(plan).toEqual(executionPlanFor(winner));
      expect(tf.getBackend()).toBe(winner);
      expect(info.note).toMatch(/^auto: the fastest here for this model \(steps\/s: WASM [\d.]+, CPU [\d.]+\)$/);
    }
  });

  it('skips a backend that cannot start', async () => {
    const built: string[] = [];
    const { info } = await fastestOf(['webgl', 'cpu'], modelOn(built));
    expect(built).toEqual(['cpu']);
    expect(info.backend).toBe('cpu');
  });

  it('leaves out a backend that fails to train the model, and says so', async () => {
    const built: string[] = [];
    const working = modelOn(built);
    const { info } = await fastestOf(['wasm', 'cpu'], async (plan) => {
      if (tf.getBackend() === 'wasm') throw new Error('no kernel for this op');
      return working(plan);
    });
    expect(info.backend).toBe('cpu');
    expect(info.note).toMatch(/^auto: the fastest here for this model \(steps\/s: CPU [\d.]+; WASM failed to train it\)$/);
  });

  it('recognises software renderers', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBe(false);
    expect(isSoftwareRenderer(undefined)).toBe(false);
  });
});

describe('a named backend', () => {
  it('returns the plan of the backend it started, beside what the page shows', async () => {
    for (const name of ['cpu', 'wasm'] as const) {
      const { info, plan } = await selectBackend(name);
      expect(info.backend).toBe(name);
      expect(Object.keys(info).sort()).toEqual(['backend', 'label', 'note']);
      expect(plan).toEqual(executionPlanFor(name));
    }
  });
});

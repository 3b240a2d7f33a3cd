import { describe, expect, it } from 'vitest';
import { executionPlanFor } from './executionPlan';

describe('the execution plan per backend', () => {
  it('WASM: every shortcut (fused layers, array updates, views into its memory, reused arrays, explicit transposes)', () => {
    expect(executionPlanFor('wasm')).toEqual({
      backend: 'wasm',
      fusedLayers: true,
      arrayOptimizer: true,
      zeroCopyReads: true,
      reuseTensorArrays: true,
      explicitTranspose: true,
      simd: true,
      productBlockRows: 4096,
    });
  });

  it('CPU: fused layers and array updates, but no views and no reuse (its tensors keep the arrays they are made from)', () => {
    const plan = executionPlanFor('cpu');
    expect(plan).toMatchObject({ fusedLayers: true, arrayOptimizer: true, zeroCopyReads: false, reuseTensorArrays: false, explicitTranspose: false });
  });

  it('WebGL: op by op with tfjs optimizers on a GPU; fused with array updates in software rendering', () => {
    expect(executionPlanFor('webgl')).toMatchObject({ fusedLayers: false, arrayOptimizer: false, zeroCopyReads: false, reuseTensorArrays: false });
    expect(executionPlanFor('webgl', { softwareWebgl: true })).toMatchObject({ fusedLayers: true, arrayOptimizer: true, zeroCopyReads: false, reuseTensorArrays: false });
    // the renderer only matters to WebGL
    expect(executionPlanFor('wasm', { softwareWebgl: true })).toEqual(executionPlanFor('wasm'));
  });

  it('another backend runs op by op, with the array optimizer (its tensors are not on a GPU)', () => {
    expect(executionPlanFor('tensorflow')).toMatchObject({ fusedLayers: false, arrayOptimizer: true, zeroCopyReads: false });
  });
});

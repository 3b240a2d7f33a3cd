import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { pauseProgress } from './progress';
import type { LiveState } from './types';

const at = (step: number, status: string): LiveState => ({ status, config: defaultConfig(), frame: { step }, stepAnimation: 0 });

describe('pauseProgress', () => {
  it('counts up to the steps the card asks for, then says to pause, then that the run is measured', () => {
    expect(pauseProgress(at(40, 'running'), 200)).toBe('Step 40 of at least 200.');
    expect(pauseProgress(at(200, 'running'), 200)).toBe('Step 200: press Pause to measure.');
    expect(pauseProgress(at(213, 'paused'), 200)).toBe('Step 213: measured.');
  });
});

/**
 * The models the app ships (shared/pretrained.ts, files in public/models/): each loads through the same import
 * the page uses, for the task it is listed under, and scores on that task's held-out data what its entry says.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataFile } from '../cli/dataFiles';
import { defaultConfig, type TaskId } from '../shared/config';
import { PRETRAINED } from '../shared/pretrained';
import { Trainer } from '../core/trainer';
import { TASKS, loadTaskData } from '../tasks/registry';
import { decodeImport } from './modelExchange';

const entries = Object.entries(PRETRAINED) as Array<[TaskId, NonNullable<(typeof PRETRAINED)[TaskId]>]>;

describe('shipped models', () => {
  it('there is at least one (character generation)', () => {
    expect(entries.map(([task]) => task)).toContain('chargen');
  });

  it.each(entries)('%s: the file loads through the import, for its task, at its step, and scores what its entry says', async (task, model) => {
    const path = join(process.cwd(), 'public', model.file);
    expect(existsSync(path)).toBe(true);
    const bytes = new Uint8Array(readFileSync(path));
    const data = await loadTaskData(task, readDataFile);
    // imported into a session on another task, as a learner would from the sine task
    const result = decodeImport(bytes, defaultConfig(), (config) => TASKS[config.task](config, data).modelSpec);
    expect(result.config.task).toBe(task);
    expect(result.step).toBe(model.steps);
    expect(model.command).toContain(`--steps ${model.steps}`);
    expect(model.command).toContain(`--task ${task}`);
    const trainer = new Trainer(result.config, TASKS[task](result.config, data), result.weights);
    const metrics = await trainer.evaluate();
    trainer.dispose();
    for (const [name, value] of Object.entries(model.heldOut)) expect(metrics[name]).toBeCloseTo(value, 2);
  }, 60_000);
});

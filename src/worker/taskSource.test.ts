import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import { MOBY_DICK_FILE } from '../tasks/chargen';
import { TaskSource } from './taskSource';

const config = { ...defaultConfig(), task: 'chargen' as const, sequenceLength: 8 };
const shippedText = 'Call me Ishmael. Some years ago, never mind how long precisely. '.repeat(40);
const uploadText = 'the cat sat on the mat and the dog sat on the log. '.repeat(40);

describe('TaskSource', () => {
  it('reads each shipped file once, however many tasks are built', async () => {
    const reads: string[] = [];
    const source = new TaskSource(async (file) => (reads.push(file), shippedText));
    await source.build(config);
    await source.build(config);
    expect(reads).toEqual([MOBY_DICK_FILE]);
  });

  it("uses the learner's upload, refuses one the task cannot use (keeping the previous), and goes back to the shipped data", async () => {
    const source = new TaskSource(async () => shippedText);
    expect(await source.setUpload(config, uploadText)).toBeUndefined();
    expect((await source.build(config)).usingUserData).toBe(true);
    expect(await source.setUpload(config, 'ab')).toMatch(/\S/);
    // still the accepted upload
    expect((await source.data('chargen'))['user']).toBe(uploadText);
    expect(await source.setUpload(config, undefined)).toBeUndefined();
    expect((await source.build(config)).usingUserData).toBeFalsy();
  });

  it("builds any task's model spec for an import check, even of a task whose files cannot be read", async () => {
    const source = new TaskSource(() => Promise.reject(new Error('offline')));
    const specOf = await source.modelSpecBuilder();
    expect(specOf({ ...defaultConfig(), task: 'memory', hiddenSize: 6 }).rnn.hiddenSize).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../shared/config';
import type { WorkerTrouble } from '../shared/workerSignals';
import { createFakeTrainer, type FakeTrainer } from '../test/fakeTrainer';
import { createCompareStore } from './compare';
import type { WorkerWatcher } from './workerClient';

/** Fake trainers that can report trouble as a real worker's signals do; `run` never finishes until ended. */
function watchedTrainers() {
  const made: Array<{ trainer: FakeTrainer; watcher?: WorkerWatcher; end: () => void }> = [];
  const connect = () => {
    const trainer = createFakeTrainer();
    let end!: () => void;
    const ended = new Promise<void>((_, reject) => (end = () => reject(new Error('The trainer was restarted before it answered.'))));
    ended.catch(() => undefined);
    trainer.api.run = () => ended;
    const entry: (typeof made)[number] = { trainer, end };
    const terminate = trainer.worker.terminate;
    trainer.worker.terminate = () => {
      terminate();
      end();
    };
    trainer.worker.watch = (watcher) => (entry.watcher = watcher);
    made.push(entry);
    return trainer.worker;
  };
  return { made, connect };
}

const crash: WorkerTrouble = { kind: 'crashed', detail: 'memory access out of bounds' };

describe('a comparison whose worker fails', () => {
  it('stops, ends both workers, says which run stopped and why, and starts fresh workers next time', async () => {
    const { made, connect } = watchedTrainers();
    const compare = createCompareStore(connect);
    const started = compare.getState().start(defaultConfig());
    await expect.poll(() => compare.getState().status).toBe('running');
    expect(made).toHaveLength(2);

    made[1].watcher!.trouble(crash);
    await started;
    const { status, error } = compare.getState();
    expect(status).toBe('error');
    expect(error).toBe('Run B: The trainer stopped (memory access out of bounds). The comparison stopped; press Compare to run it again.');
    expect(made.map((m) => m.trainer.terminated)).toEqual([true, true]);

    void compare.getState().start(defaultConfig());
    await expect.poll(() => compare.getState().status).toBe('running');
    expect(made).toHaveLength(4);
    expect(made[2].trainer.calls).toContain('init');
  });

  it('ignores trouble from a worker it already ended', async () => {
    const { made, connect } = watchedTrainers();
    const compare = createCompareStore(connect);
    void compare.getState().start(defaultConfig());
    await expect.poll(() => compare.getState().status).toBe('running');
    made[0].watcher!.trouble(crash);
    void compare.getState().start(defaultConfig());
    await expect.poll(() => compare.getState().status).toBe('running');
    made[0].watcher!.trouble(crash); // the old, ended worker's late report
    expect(compare.getState().status).toBe('running');
  });
});

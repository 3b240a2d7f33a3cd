import { describe, expect, it } from 'vitest';
import { StateCadence } from './stateCadence';

describe('StateCadence', () => {
  it('a small state rides on every frame with a new step, never twice on one step, whatever its read took', () => {
    const cadence = new StateCadence(0.05);
    expect(cadence.due(1, true, 0)).toBe(true);
    // a 15 KB state whose read took 15 ms of wall time (awaits let other work in)
    cadence.read(1, 15_000, 0, 15);
    expect(cadence.due(1, true, 65)).toBe(false);
    expect(cadence.due(3, true, 65)).toBe(true);
  });

  it('a larger cheap state rides on every frame too', () => {
    const cadence = new StateCadence(0.05);
    cadence.read(1, 1_100_000, 0, 2);
    expect(cadence.due(2, true, 50)).toBe(true);
  });

  it('an expensive state is read only as often as keeps it within its share of the time', () => {
    const cadence = new StateCadence(0.05);
    cadence.read(10, 1_100_000, 1000, 1040);
    // 40 ms a read at 5%: at most one every 800 ms
    expect(cadence.due(12, true, 1040 + 799)).toBe(false);
    expect(cadence.due(12, true, 1040 + 800)).toBe(true);
  });

  it('a frame of a run that is not training carries the state whatever its cost (a pause, a step)', () => {
    const cadence = new StateCadence(0.05);
    cadence.read(10, 1_100_000, 0, 40);
    expect(cadence.due(11, false, 41)).toBe(true);
    expect(cadence.due(10, false, 41)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { StateCadence } from './stateCadence';

describe('StateCadence', () => {
  it('a cheap state rides on every frame with a new step, never twice on one step', () => {
    const cadence = new StateCadence(0.05);
    expect(cadence.due(1, true, 0)).toBe(true);
    cadence.read(1, 0, 0.5);
    // 0.5 ms to read: due again 10 ms later, sooner than the next frame (50 ms)
    expect(cadence.due(1, true, 50)).toBe(false);
    expect(cadence.due(3, true, 50)).toBe(true);
  });

  it('an expensive state is read only as often as keeps it within its share of the time', () => {
    const cadence = new StateCadence(0.05);
    cadence.read(10, 1000, 1040);
    // 40 ms a read at 5%: at most one every 800 ms
    expect(cadence.due(12, true, 1040 + 799)).toBe(false);
    expect(cadence.due(12, true, 1040 + 800)).toBe(true);
  });

  it('a frame of a run that is not training carries the state whatever its cost (a pause, a step)', () => {
    const cadence = new StateCadence(0.05);
    cadence.read(10, 0, 40);
    expect(cadence.due(11, false, 41)).toBe(true);
    expect(cadence.due(10, false, 41)).toBe(false);
  });
});

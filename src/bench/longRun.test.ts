import { describe, expect, it } from 'vitest';
import { flat } from './longRun';

describe('flat', () => {
  it('compares the envelope of the last third of the readings with the first third, 10% up at most', () => {
    // a page heap swinging between collections, not growing
    expect(flat([8.1, 6.5, 8.6, 5.6, 7.9, 8.4, 6.0, 8.8, 7.1])).toBe(true);
    // a leak lifts the whole envelope
    expect(flat([8.1, 6.5, 8.6, 9.0, 9.5, 9.9, 10.2, 10.8, 11.3])).toBe(false);
    expect(flat([100, 110])).toBe(true);
    expect(flat([100, 111])).toBe(false);
    // falling is not a leak
    expect(flat([100, 80, 60])).toBe(true);
  });

  it('needs two readings, and a first one above zero', () => {
    expect(flat([100])).toBe(false);
    expect(flat([0, 0])).toBe(false);
  });
});

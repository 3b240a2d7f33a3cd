import { describe, expect, it } from 'vitest';
import { flat } from './longRun';

describe('flat', () => {
  it('compares the last reading with the first (taken after the warm-up minute), within 10%', () => {
    expect(flat([100, 130, 109])).toBe(true);
    expect(flat([100, 105, 90])).toBe(true);
    expect(flat([100, 105, 111])).toBe(false);
    expect(flat([100, 95, 89])).toBe(false);
  });

  it('needs two readings, and a first one above zero', () => {
    expect(flat([100])).toBe(false);
    expect(flat([0, 0])).toBe(false);
  });
});

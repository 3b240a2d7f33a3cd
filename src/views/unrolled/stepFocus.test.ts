import { describe, expect, it } from 'vitest';
import { columnKeyTarget, visibleFocus } from './stepFocus';

describe('visibleFocus', () => {
  const columns = [0, 1, 2, 9].map((t) => ({ t, x: 10 * t, decoder: false, output: t === 9 }));

  it('keeps a focus on a visible step and drops one on a folded or vanished step', () => {
    expect(visibleFocus(2, columns)).toBe(2);
    expect(visibleFocus(5, columns)).toBeUndefined();
    expect(visibleFocus(12, columns)).toBeUndefined();
    expect(visibleFocus(undefined, columns)).toBeUndefined();
  });
});

describe('columnKeyTarget', () => {
  it('moves one column with ← →, to the ends with Home End, and stops at the ends', () => {
    expect(columnKeyTarget('ArrowRight', 2, 5)).toBe(3);
    expect(columnKeyTarget('ArrowLeft', 2, 5)).toBe(1);
    expect(columnKeyTarget('Home', 2, 5)).toBe(0);
    expect(columnKeyTarget('End', 2, 5)).toBe(4);
    expect(columnKeyTarget('ArrowRight', 4, 5)).toBe(4);
    expect(columnKeyTarget('ArrowLeft', 0, 5)).toBe(0);
  });

  it('ignores other keys (they keep their default)', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'Enter', 'a', 'Tab']) expect(columnKeyTarget(key, 2, 5)).toBeUndefined();
  });
});

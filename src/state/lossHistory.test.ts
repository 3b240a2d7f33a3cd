import { describe, expect, it } from 'vitest';
import { LossHistory } from './lossHistory';

describe('LossHistory', () => {
  it('keeps every point until full', () => {
    const h = new LossHistory(8);
    h.append(1, [5, 4, 3]);
    h.append(4, [2]);
    expect(h.points()).toEqual([[1, 5], [2, 4], [3, 3], [4, 2]]);
  });

  it('halves resolution when full and keeps the whole run in order', () => {
    const h = new LossHistory(8);
    const losses = Array.from({ length: 100 }, (_, k) => 100 - k);
    h.append(1, losses);
    const pts = h.points();
    expect(pts.length).toBeLessThanOrEqual(8);
    expect(pts[0][0]).toBe(1);
    // steps strictly increasing and evenly spaced by the current stride
    for (let k = 1; k < pts.length; k++) expect(pts[k][0] - pts[k - 1][0]).toBe(h.stride);
    // covers (almost) the whole run
    expect(pts[pts.length - 1][0]).toBeGreaterThan(100 - h.stride * 2);
    // values belong to their steps
    for (const [step, loss] of pts) expect(loss).toBe(101 - step);
  });

  it('clears', () => {
    const h = new LossHistory(4);
    h.append(1, [1, 2, 3, 4, 5, 6]);
    h.clear();
    expect(h.points()).toEqual([]);
    expect(h.stride).toBe(1);
  });
});

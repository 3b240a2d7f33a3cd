import { describe, expect, it } from 'vitest';
import { spreadLabels } from './LineChart';

describe('spreadLabels', () => {
  it('sits each label just above its line when they are far apart', () => {
    expect(spreadLabels([100, 50])).toEqual([96, 46]);
  });

  it('moves a label down until it clears the one above it, whatever the order given', () => {
    expect(spreadLabels([80, 80])).toEqual([76, 88]);
    expect(spreadLabels([85, 80, 200])).toEqual([88, 76, 196]);
  });
});

/**
 * The colour scale the one-unit view paints with, and its legend built from that same scale (issue #16: a sigmoid
 * gate is painted with cividis on [0, 1] and cannot be negative, so a "blue negative, red positive" caption was
 * wrong). Pure.
 */
import { gateColorScale, isNonNegative, UNIT_INTERVAL_GATES } from '../palette';

/** A scale with the domain it spans and the words for its ends. */
export interface UnitScale {
  color: (value: number) => string;
  domain: [number, number];
  /** e.g. "0 (dark blue) to 1 (yellow): a gate is open between 0 and 1". */
  words: string;
}

/** The scale for recorded state or gate `name` of `cell`, given the unit's values. */
export function unitScale(name: string, cell: string, values: readonly number[]): UnitScale {
  const maxAbs = Math.max(1e-6, ...values.map(Math.abs));
  if (UNIT_INTERVAL_GATES.has(name))
    return { color: gateColorScale(name), domain: [0, 1], words: 'from 0, shut (dark blue), to 1, open (yellow); a gate is never negative' };
  const nonNegative = isNonNegative(name, cell);
  const color = gateColorScale(name, maxAbs, nonNegative);
  const m = maxAbs.toPrecision(2);
  if (nonNegative) return { color, domain: [0, maxAbs], words: `from 0 (white) to ${m} (red): a ReLU's h is never negative` };
  return { color, domain: [-maxAbs, maxAbs], words: `from −${m} (blue) through 0 (white) to ${m} (red)` };
}

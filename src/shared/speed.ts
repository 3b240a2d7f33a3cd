/**
 * How fast training runs: as fast as the backend goes, or in slow motion at a fixed number of steps per second,
 * so that a learner can watch the loss fall step by step. Read by the page (the Speed control, the status line,
 * `?speed=` in the address) and by the worker (which paces its loop). Not part of TrainConfig: changing the
 * speed never rebuilds the model.
 */

/** The speeds the learner can choose: slow-motion rates in steps per second, or full speed. */
export const SPEEDS = [1, 5, 20, 'full'] as const;

/** One of SPEEDS. */
export type Speed = (typeof SPEEDS)[number];

/** The speed a run trains at unless the learner or the link chooses another. */
export const DEFAULT_SPEED: Speed = 'full';

/** The steps per second the training loop is held to; undefined at full speed (no limit). */
export function stepsPerSecondLimit(speed: Speed): number | undefined {
  return speed === 'full' ? undefined : speed;
}

/** What the Speed control shows: "1 step/s", "20 steps/s", "Full speed". */
export function speedLabel(speed: Speed): string {
  if (speed === 'full') return 'Full speed';
  return `${speed} ${speed === 1 ? 'step' : 'steps'}/s`;
}

/** Reads a speed as the address or the Speed control writes it ("5", "full"); undefined when it is none of SPEEDS. */
export function parseSpeed(raw: string): Speed | undefined {
  return SPEEDS.find((speed) => String(speed) === raw.trim());
}

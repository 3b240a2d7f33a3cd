/**
 * The latest Jacobian or connectivity reading of the current run. Only some frames carry one (the worker reads
 * them every k-th frame when they are costly), so the views keep the last one until the next arrives, and drop
 * it when the run changes.
 */
import { useRef } from 'react';
import type { TelemetryFrame } from '../../shared/protocol';
import { useAppState } from '../storeContext';

/** The keys of a frame that hold a deeper reading. */
export type ReadingKey = 'jacobian' | 'connectivity';

/** The last reading of `key` the current run's frames brought. */
export function useLatestReading<K extends ReadingKey>(key: K): TelemetryFrame[K] | undefined {
  const runId = useAppState((s) => s.runInfo?.runId);
  const reading = useAppState((s) => (s.frame?.runId === s.runInfo?.runId ? s.frame?.[key] : undefined));
  const kept = useRef<{ runId?: number; reading?: TelemetryFrame[K] }>({});
  if (reading && kept.current.reading !== reading) kept.current = { runId, reading };
  // a rewind sends the step back: a reading of a later step no longer describes the model
  const step = useAppState((s) => s.frame?.step);
  const latest = kept.current.runId === runId ? kept.current.reading : undefined;
  return latest && step !== undefined && latest.step > step ? undefined : latest;
}

/** "every frame" or "every 12th frame while training (it costs 40 ms, a training step 28 ms)": how often a reading is taken. */
export function cadenceText(reading: { everyFrames: number; costMs: number; stepMs: number; step: number }): string {
  const at = `at step ${reading.step}`;
  if (reading.everyFrames <= 1) return `${at}; read on every frame`;
  const nth = ordinal(reading.everyFrames);
  return `${at}; read every ${nth} frame while training, as it costs ${reading.costMs.toFixed(0)} ms and a training step ${reading.stepMs.toFixed(0)} ms (at most a tenth of the training time goes to it)`;
}

/** 2nd, 3rd, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

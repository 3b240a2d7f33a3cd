/**
 * What the views draw: the latest telemetry frame, the pieces of it that only some frames carry, and the
 * training histories (bounded, mutated in place; `historyVersion` says when they changed).
 */
import type { MilestoneSample, TelemetryFrame } from '../shared/protocol';
import type { AppSlice } from './appState';
import { SampledHistory, StepHistory } from './history';

/** The telemetry slice. */
export interface TelemetrySlice {
  /** The latest frame (with the last recorded gates when it carries none). */
  frame?: TelemetryFrame;
  /** Per step: loss, gradient norm before clipping, after clipping (channels 0, 1, 2). */
  stepHistory: StepHistory;
  /** Held-out metrics over training, in the order of `metricNames`. */
  metricHistory: SampledHistory;
  metricNames: string[];
  /** σ_max of each W_hh gate block over training: each sample is a frame's `recurrentSigma`. */
  sigmaHistory: SampledHistory;
  /** ‖∂L/∂h_t‖ profiles (layerDirs × T) over training, one per frame after step 0, the latest 240. */
  gradProfileHistory: SampledHistory;
  /** Bumped whenever a history changes (they are mutated in place). */
  historyVersion: number;
  /** The loss of the run's first step, for the loss chart's reference line. */
  initialLoss?: number;
  /** The latest held-out forecast against the truth, with the baselines' forecasts where the task has them. */
  trace?: TelemetryFrame['trace'];
  /** The latest held-out metrics. */
  metrics?: Record<string, number>;
  /** The latest PCA of the probe example's hidden-state path. */
  hiddenPca?: TelemetryFrame['hiddenPca'];
  /** The latest σ_max of each W_hh gate block. */
  recurrentSigma?: Float32Array;
  /** The text the current run wrote at its milestone steps (character generation), by step, oldest first. */
  samples: MilestoneSample[];
  /** Frames of the current run taken in (a frame of an older run is not counted). */
  framesReceived: number;
  /** Takes in a frame from the worker; returns false (and changes nothing) for a frame of an older run. */
  receiveFrame(frame: TelemetryFrame): boolean;
}

/** The histories, each cleared or cut back together. */
function histories(state: TelemetrySlice): Array<StepHistory | SampledHistory> {
  return [state.stepHistory, state.metricHistory, state.sigmaHistory, state.gradProfileHistory];
}

/**
 * Forgets the old run's telemetry: empties the histories and returns the fields to set with them (the caller
 * sets them in one update, together with what the new run brings).
 */
export function clearTelemetry(state: TelemetrySlice): Partial<TelemetrySlice> {
  for (const history of histories(state)) history.clear();
  return {
    frame: undefined,
    trace: undefined,
    metrics: undefined,
    hiddenPca: undefined,
    recurrentSigma: undefined,
    initialLoss: undefined,
    samples: [],
    historyVersion: state.historyVersion + 1,
  };
}

/**
 * The run's milestone samples after `frame`: none written after its step (a rewind undid them; the worker
 * writes them again when training passes there), and the frame's own in its place by step (one per step, so a
 * sample sent twice is kept once). The same array when nothing changed.
 */
export function samplesAfter(samples: MilestoneSample[], frame: Pick<TelemetryFrame, 'step' | 'sample'>): MilestoneSample[] {
  const kept = samples.filter((sample) => sample.step <= frame.step);
  const added = frame.sample;
  if (!added) return kept.length === samples.length ? samples : kept;
  return [...kept.filter((sample) => sample.step !== added.step), added].sort((a, b) => a.step - b.step);
}

/** Creates the telemetry slice. */
export const createTelemetrySlice: AppSlice<TelemetrySlice> = (set, get) => ({
  stepHistory: new StepHistory(3),
  metricHistory: new SampledHistory(),
  metricNames: [],
  sigmaHistory: new SampledHistory(),
  gradProfileHistory: new SampledHistory(240),
  historyVersion: 0,
  samples: [],
  framesReceived: 0,

  receiveFrame(frame) {
    const state = get();
    const { runInfo, stepHistory, metricHistory, sigmaHistory, gradProfileHistory } = state;
    if (!runInfo || frame.runId !== runInfo.runId) return false;
    // A rewind sends time backwards: forget what came after the step the run went back to.
    const lastStep = stepHistory.length ? stepHistory.steps[stepHistory.length - 1] : 0;
    if (frame.step < lastStep || frame.firstStep <= lastStep) {
      const back = Math.min(frame.step, frame.firstStep - 1);
      for (const history of histories(state)) history.truncate(back);
    }
    if (frame.losses.length) stepHistory.append(frame.firstStep, frame.losses, frame.gradNormsBefore, frame.gradNormsAfter);
    let metricNames = state.metricNames;
    const metrics = frame.metrics;
    if (metrics) {
      metricNames = Object.keys(metrics);
      metricHistory.push(frame.step, Float32Array.from(metricNames, (name) => metrics[name]));
    }
    if (frame.recurrentSigma) sigmaHistory.push(frame.step, frame.recurrentSigma);
    if (frame.step > 0 && frame.hiddenGradNorms.length) gradProfileHistory.push(frame.step, frame.hiddenGradNorms);
    const firstLoss = frame.firstStep === 1 && frame.losses.length ? frame.losses[0] : undefined;
    set((s) => ({
      // a frame without gates keeps the last ones, unless time went back (a rewind): those are from later steps
      frame: frame.gates || !s.frame || frame.step < s.frame.step ? frame : { ...frame, gates: s.frame.gates },
      historyVersion: s.historyVersion + 1,
      metricNames,
      initialLoss: s.initialLoss ?? firstLoss,
      trace: frame.trace ?? s.trace,
      metrics: frame.metrics ?? s.metrics,
      hiddenPca: frame.hiddenPca ?? s.hiddenPca,
      recurrentSigma: frame.recurrentSigma ?? s.recurrentSigma,
      samples: samplesAfter(s.samples, frame),
      framesReceived: s.framesReceived + 1,
      // the worker's word on running and diverged wins, but never over an error the page already shows
      status: s.status === 'error' ? s.status : frame.state === 'running' || frame.state === 'diverged' ? frame.state : s.status,
      divergence: frame.divergence,
    }));
    return true;
  },
});

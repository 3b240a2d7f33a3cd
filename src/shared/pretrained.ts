/**
 * Models trained longer with the command line and shipped in public/models/, so that a learner can start from
 * one ("start from a model that learned longer") through the normal import path. Each entry's numbers are what the
 * file scores on its task's held-out text; src/io/pretrained.test.ts loads the file and checks them.
 */
import type { TaskId } from './config';

/** A shipped model. */
export interface PretrainedModel {
  /** Its path under public/ (fetched from the app's own origin). */
  file: string;
  /** What the button loads, in a few words. */
  title: string;
  /** The training steps it had (also in the file's metadata, so the run goes on from there). */
  steps: number;
  /** Its held-out score, by the task's metric name (e.g. bitsPerChar). */
  heldOut: Record<string, number>;
  /** The command that trained it, to reproduce it. */
  command: string;
}

/** The shipped models, by task. */
export const PRETRAINED: Partial<Record<TaskId, PretrainedModel>> = {
  chargen: {
    file: 'models/chargen-lstm-128.safetensors',
    title: 'An LSTM with the task’s defaults (hidden 128) on all of Moby-Dick',
    steps: 4000,
    heldOut: { bitsPerChar: 2.285 },
    command: 'npm run cli -- train --task chargen --seed 1 --steps 4000 --out public/models/chargen-lstm-128.safetensors',
  },
};

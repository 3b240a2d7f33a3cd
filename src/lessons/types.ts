/**
 * What a lesson is made of, as data: a list of parts over the live model and views. A part is one of
 * set-up, pointer, prediction, experiment, reveal, check or "your turn"; each says which views and card
 * controls it shows and which element of the page it points at. The page (state/lessonSlice.ts,
 * views/lessons/) walks these lists; lessons/claims.test.ts runs each lesson's set-up through the core and
 * asserts what its text claims.
 *
 * Card text is plain text with two marks: `$…$` is a formula (rendered by KaTeX; only lesson source is ever
 * rendered so, never the learner's input) and `**…**` is bold. A blank line starts a new paragraph.
 */
import type { TrainConfig } from '../shared/config';
import type { Divergence, RunInfo } from '../shared/protocol';
import type { Speed } from '../shared/speed';

/** The live views a lesson can show, each the `data-lesson-target` of its block on the page (App.tsx). */
export const VIEW_NAMES = [
  'unrolled',
  'jacobian',
  'connectivity',
  'loss',
  'forecast',
  'metric',
  'try-it',
  'inside',
  'gradient-flow',
  'gradient-history',
  'grad-norm',
  'spectral',
  'compare',
  'horizon',
  'keep',
  'trajectory',
] as const;

/** One of VIEW_NAMES. */
export type ViewName = (typeof VIEW_NAMES)[number];

/** A control the card shows: the run buttons (Train, Pause, Step, Reset), the preset picker, or one setting. */
export type CardControl = 'run' | 'preset' | keyof TrainConfig;

/**
 * The element a part's text talks about: a block of the page by its `data-lesson-target` name (a view, or
 * 'status' for the status line), or an element by the start of its accessible name (aria-label or text).
 */
export type Target = { lessonTarget: ViewName | 'status' } | { label: string };

/** What the lessons read of the live store to know that an experiment is done (AppState has all of it). */
export interface LiveState {
  status: string;
  config: TrainConfig;
  runInfo?: RunInfo;
  /** The latest held-out metrics (mse, accuracy, …). */
  metrics?: Record<string, number>;
  /** The latest frame: its step, and that step's loss and ‖∂L/∂h_t‖ ((layer·direction, T) row-major). */
  frame?: { step: number; loss?: number; hiddenGradNorms?: Float32Array };
  /** Bumped after each single Step. */
  stepAnimation: number;
  /** What blew up, while the run is stopped by a divergence. */
  divergence?: Divergence;
  /** The loss of the run's first step. */
  initialLoss?: number;
  /** Held-out metrics over training: each reading's step and values, in the order of `metricNames`. */
  metricHistory?: { readonly samples: ReadonlyArray<{ step: number; values: Float32Array }> };
  metricNames?: readonly string[];
}

/** The run when a part opened: an experiment waits for what the learner does from there. */
export interface PartStart {
  step: number;
  stepAnimation: number;
}

/** Numbers measured off the live model when an experiment is done, by name; the reveal reads them. */
export type Measured = Record<string, number>;

/** What the learner answered: an option's id, or a number. */
export type Answer = string | number;

/** What every part has. */
interface PartBase {
  /** A few words, shown as the card's heading. */
  title: string;
  /** The card's text (≤150 words together with the part's question and options). */
  text: string;
  /** The views shown while this part is open (the lesson's own when absent); the rest are hidden. */
  views?: readonly ViewName[];
  /** The controls shown on the card (none when absent). */
  controls?: readonly CardControl[];
  /** The element the text talks about, outlined on the page. */
  pointer?: Target;
  /** Settings this part changes when the learner arrives at it (through the store's actions). */
  settings?: Partial<TrainConfig>;
  /** A live line on the card, read off the store ("Step 40 of at least 100"; "304 numbers"). */
  readout?(state: LiveState): string;
}

/** Sets the scene: text, and the settings and views the part names. */
export interface SetupPart extends PartBase {
  kind: 'setup';
}

/** Points at an element of the page and says what it shows. */
export interface PointerPart extends PartBase {
  kind: 'pointer';
  pointer: Target;
}

/** A choice among options. */
export interface ChoiceAsk {
  kind: 'choice';
  question: string;
  options: ReadonlyArray<{ id: string; label: string }>;
}

/** A number the learner types. */
export interface NumberAsk {
  kind: 'number';
  question: string;
  /** The input's label. */
  label: string;
  min: number;
  max: number;
}

/** The learner commits to an answer before the experiment; it cannot change afterwards. */
export interface PredictionPart extends PartBase {
  kind: 'prediction';
  /** Unique within the lesson; the reveal names it. */
  id: string;
  ask: ChoiceAsk | NumberAsk;
}

/** Something the learner does on the live model; the lesson waits until `done` holds. */
export interface ExperimentPart extends PartBase {
  kind: 'experiment';
  /** Unique within the lesson; the reveal names it. */
  id: string;
  /** Whether the learner has done it, read off the live store (and the run as it was when the part opened). */
  done(state: LiveState, atStart: PartStart): boolean;
  /** The numbers the reveal needs, measured when `done` first holds (and kept, so a reload still shows them). */
  measure(state: LiveState): Measured;
  /** The settings the experiment leaves behind: a learner who lands on a later part (a link) gets them too. */
  settingsAfter?: Partial<TrainConfig>;
}

/** A value on the reveal's scale. */
export interface RevealMark {
  label: string;
  value: number;
  /** The learner's guess, the live result, or a reference (a baseline) to read them against. */
  kind: 'guess' | 'result' | 'reference';
}

/** The learner's prediction against the real result, drawn on one scale, and what happened and why. */
export interface Reveal {
  /** "You said X; the network reached Y." */
  verdict: string;
  /** One sentence on what happened and why. */
  why: string;
  /** The values drawn as bars on one (log) scale. */
  marks: RevealMark[];
  /** A choice's range on the same scale, drawn as a band labelled "your guess". */
  guessRange?: [number, number];
  /** The scale's name, with its units ("held-out MSE"). */
  scaleLabel: string;
  /** Draw the bars on a linear scale from 0 (a small count, a time step) rather than the default log scale. */
  linear?: boolean;
}

/** Shows the prediction against what the experiment measured. */
export interface RevealPart extends PartBase {
  kind: 'reveal';
  /** The prediction and the experiment it compares (their ids). */
  prediction: string;
  experiment: string;
  /**
   * `measured` is what `experiment` measured; `byExperiment` has every experiment of the lesson measured so far,
   * by id, for a reveal that sets one run against another (the tanh RNN's accuracy beside the LSTM's).
   */
  reveal(answer: Answer, measured: Measured, byExperiment?: Readonly<Record<string, Measured>>): Reveal;
}

/** One question with feedback on each option. */
export interface CheckPart extends PartBase {
  kind: 'check';
  id: string;
  question: string;
  options: ReadonlyArray<{ id: string; label: string; correct: boolean; feedback: string }>;
}

/** A suggestion for free play with the controls the part shows. */
export interface YourTurnPart extends PartBase {
  kind: 'your-turn';
}

/** One part of a lesson. */
export type LessonPart = SetupPart | PointerPart | PredictionPart | ExperimentPart | RevealPart | CheckPart | YourTurnPart;

/** One lesson of the guided path. */
export interface Lesson {
  /** 1-based, as in `?lesson=N`. */
  number: number;
  title: string;
  /** The section of the RNN lesson (shared/seed/rnn-lesson.md) it follows. */
  section: string;
  /** The settings it starts from, over its task's defaults (and the preset's, when it names one). */
  settings: Partial<TrainConfig>;
  preset?: string;
  /** The training speed it starts at: slow motion, so that the eye can follow the run (full speed when absent). */
  speed?: Speed;
  /** The views shown unless a part names its own. */
  views: readonly ViewName[];
  parts: readonly LessonPart[];
}

/**
 * The typed contract between the trainer worker and the page: the API, the run facts, the telemetry frame, and
 * the plain-array types that cross the boundary. Imported by both; contains no tfjs (tsconfig.app.json checks it).
 * Every frame carries the run id, so a view ignores frames of a run that has since been reset.
 */
import type { LiveChanges, TrainConfig } from './config';
import type { CellKind, Readout } from './spec';
import type { ConnectivityReading, JacobianReading } from './deeperReadings';

/** tfjs backends the worker can run on. */
export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** Which backend is active and, when it is not the one asked for, why. */
export interface BackendInfo {
  backend: BackendName;
  /** Human name for the status line: "WebGL", "WASM", "CPU". */
  label: string;
  /** Why a fallback happened, e.g. "WebGL is not available in this browser". Empty when none. */
  note: string;
}

/** Facts about a configured run that do not change while it trains. */
export interface RunInfo {
  runId: number;
  taskTitle: string;
  sequenceShape: string;
  /** What the network reads and predicts, in a sentence. */
  taskSummary: string;
  /** The loss's name for axis labels ("MSE", "cross-entropy"). */
  lossLabel: string;
  /** Whether the held-out MSE shares the loss's units (the loss chart draws it on the loss's axis only then). */
  heldOutOnLossScale: boolean;
  /** Whether frames carry a forecast-vs-truth trace (forecasting tasks). */
  hasTrace: boolean;
  /** The trace's units where the series has them ("ppm"); the values are then in those units. */
  traceUnits?: string;
  /**
   * The baselines a practitioner would compare the model with, scored on the same held-out examples, in the
   * held-out metric's units (issue #14): forecasting {mean, persistence, seasonalNaive} (MSE), sentiment
   * {chance, bagOfWords} and memory {chance} (accuracy), character generation {unigram, bigram} (bits/char),
   * reverse digits {chance} (exact-sequence accuracy). Absent for a task that has none.
   */
  baselines?: Record<string, number>;
  /** The same baselines in another of the task's metrics, by that metric's name (CO₂: { rmsePpm: {mean, …} }). */
  baselinesIn?: Record<string, Record<string, number>>;
  /** How many held-out examples an accuracy is taken over (sentences, sequences), to tell a win from noise. */
  heldOutExamples?: number;
  /** What the task asks of the learner's own data, and whether it is using it. */
  userData?: UserDataSpec;
  usingUserData: boolean;
  /** The task's "try it" panel (its run happens in the worker through tryIt()). */
  tryIt?: TryItForm;
  /** Parameter names in state_dict order (rows of paramGradNorms). */
  paramNames: string[];
  /** Names of recorded gates/states (second axis of gates). */
  recordedNames: string[];
  /** The network this run trains (the settings may already name the next one while it is being built). */
  cell: CellKind;
  numLayers: number;
  bidirectional: boolean;
  /** Rows of hiddenGradNorms and first axis of gates: layer·dirs + direction. */
  layerDirs: number;
  /** Time steps per sequence (an encoder–decoder's encoder steps, then its decoder steps). */
  steps: number;
  /** Encoder–decoder: how many of `steps` are the decoder's (the last ones); 0 for a single recurrent stack. */
  decoderSteps: number;
  /** Gate blocks per W_hh (LSTM 4, GRU 3, RNN 1), the columns of recurrentSigma. */
  gateBlocks: number;
  /** Gate names of those blocks (LSTM i f g o; GRU r z n; RNN a). */
  gateBlockNames: string[];
  /** How the head reads the sequence: the last step (many-to-one), every step, or every decoder step. */
  readout: Readout;
  /** Features per step the recurrent stack reads (the embedding width for token tasks). */
  inputSize: number;
  /** Width of the head's output. */
  outputSize: number;
  /** Vocabulary size of token tasks. */
  vocabSize?: number;
  /** The step the run starts from (non-zero after an import). */
  startStep: number;
  hiddenSize: number;
  /** The probe example's input sequence, (T) values for the sine task. */
  probeInput: Float32Array;
  /** How to show each step's input: a value ("0.42"), a character, a word. */
  probeLabels: string[];
  /** What to look for in the hidden-state trajectory, for tasks that say. */
  trajectoryHint?: string;
}

/** The run's state as the worker sees it. */
export type RunState = 'idle' | 'running' | 'paused' | 'diverged';

/**
 * One telemetry frame: everything that happened since the previous frame, and the latest snapshot. The latest
 * step's own numbers (step, loss, gradient norms, ‖∂L/∂h_t‖, gates when recorded) are its StepStats, less the
 * step's wall time.
 */
export interface TelemetryFrame extends Omit<StepStats, 'elapsedMs'> {
  runId: number;
  state: RunState;
  /** Step number of losses[0]. */
  firstStep: number;
  /** Loss of every step since the last frame. */
  losses: Float32Array;
  /** Global gradient norm of every step since the last frame, before and after clipping. */
  gradNormsBefore: Float32Array;
  gradNormsAfter: Float32Array;
  /**
   * 2-D PCA of the probe example's hidden-state trajectory (top layer, forward direction): (T, 2) row-major,
   * and the share of variance each axis explains. Sent with fresh gates, at most ~4 times a second.
   */
  hiddenPca?: { coords: Float32Array; explained: [number, number] };
  /** σ_max of each gate block of each W_hh, (layerDirs + decoder layers, gates) row-major; about twice a second. */
  recurrentSigma?: Float32Array;
  /** The probe's step-to-step Jacobians (top layer), when read for this frame (issue #16; worker/deeperReadings.ts). */
  jacobian?: JacobianReading;
  /** The probe's connectivity ‖∂ŷ_t/∂x_k‖, when read for this frame. */
  connectivity?: ConnectivityReading;
  /** Training throughput: steps per second over the last ~2 s of training (RateMeter's window; it restarts on Train). */
  stepsPerSecond: number;
  /** Held-out metrics, when evaluated for this frame. */
  metrics?: Record<string, number>;
  /** Held-out truth and prediction (and the baselines' predictions), when evaluated for this frame. */
  trace?: HeldOutTrace;
  /** Set when training stopped because the loss or the gradient blew up (state 'diverged'). */
  divergence?: Divergence;
  /** Steps of the finite checkpoints Rewind can go back to, oldest first. */
  checkpointSteps: number[];
  /** Live tfjs tensor count: flat while training when nothing leaks. */
  numTensors: number;
  /** Text the model wrote when training reached a milestone step (character generation: 100, 1,000, 5,000). */
  sample?: MilestoneSample;
  /** The run's whole state at `step`, when cheap enough to send (worker/stateCadence.ts): what the page saves as it is left. */
  trainerState?: TrainerState;
}

/** A sample written at a milestone step, so the learner sees the text improve as training goes on. */
export interface MilestoneSample {
  step: number;
  /** The seed the sample continues, and the temperature it was drawn at. */
  seed: string;
  temperature: number;
  /** The generated characters (without the seed). */
  text: string;
}

/** The held-out series against the model's prediction of it, in the series' units. */
export interface HeldOutTrace {
  truth: Float32Array;
  prediction: Float32Array;
  /** The baselines' predictions of the same targets, by baseline name (e.g. persistence, seasonalNaive). */
  baselines?: Record<string, Float32Array>;
}

/** What the page can ask the trainer worker. */
export interface TrainerApi {
  /**
   * Picks a backend and reports the active one and why: a named one (falling back WebGL → WASM → CPU when it
   * cannot start), or 'auto' (the default): the fastest on a few timed training steps of `config`'s model (of
   * a small LSTM without one).
   */
  init(preferred?: BackendName | 'auto', config?: TrainConfig): Promise<BackendInfo>;
  /** Registers the frame callback; the worker waits for each call to resolve before sending the next frame. */
  subscribe(onFrame: (frame: TelemetryFrame) => Promise<void> | void): void;
  /** Builds a fresh model and data for a config; returns the run's facts. Stops any running loop. */
  configure(config: TrainConfig): Promise<RunInfo>;
  /** The current model as a file (.safetensors or JSON) with the given config stored in it. */
  exportModel(format: ExportFormat, config: TrainConfig): Promise<ExportFile>;
  /**
   * The current run as a Jupyter notebook (.ipynb; issue #18): the model class, the .safetensors export embedded,
   * the held-out data with its evaluation beside the app's metrics, and a training loop with `config`'s settings.
   */
  exportNotebook(config: TrainConfig): Promise<ExportFile>;
  /**
   * Loads an exported (or PyTorch-written) model: on success the run is replaced by one with the file's weights
   * and the config it implies; on failure nothing changes and the error says what is wrong with the file.
   */
  importModel(bytes: Uint8Array, current: TrainConfig): Promise<{ config: TrainConfig; runInfo: RunInfo; notes: string[] } | { error: string }>;
  /** The run's full state as arrays (weights, optimizer slots, random streams, step), to save it. */
  saveState(): Promise<TrainerState>;
  /** Replaces the run with a saved one: the config's model, then the saved state; returns the run's facts. */
  loadState(config: TrainConfig, state: TrainerState): Promise<RunInfo>;
  /**
   * Uses the learner's own data for a task (a text corpus, labelled sentences) — or the built-in data again
   * when `text` is undefined — and rebuilds the run. A file the task cannot use is refused with a message,
   * and nothing changes.
   */
  setUserData(config: TrainConfig, text: string | undefined): Promise<{ runInfo: RunInfo } | { error: string }>;
  /** Runs the task's "try it" with the current model on the learner's input. */
  tryIt(input: string, options: Record<string, number>): Promise<TryItOutput>;
  /** Sends a frame now, with a held-out evaluation (the page calls it once it knows the new run's id). */
  refresh(): Promise<void>;
  /** Starts (or resumes) the training loop; with `untilStep`, pauses by itself once that step is done. */
  run(untilStep?: number): Promise<void>;
  /** Stops the loop after the current step; resolves once it has stopped and a final frame was sent. */
  pause(): Promise<void>;
  /** Runs exactly one step (when paused or idle) and sends its frame with gates. */
  stepOnce(): Promise<void>;
  /** Restores the newest finite checkpoint (weights, optimizer state, data stream) after a divergence or any time. */
  rewind(): Promise<{ step: number } | { error: string }>;
  /** Changes settings that apply from the next step without rebuilding the model (LIVE_SETTINGS: learning rate, clipping). */
  updateLive(changes: LiveChanges): Promise<void>;
  /**
   * Holds training to a number of steps per second (slow motion, see shared/speed.ts), or full speed when
   * undefined; applies from the next step, to this run and the next ones, and never rebuilds the model.
   */
  setSpeed(stepsPerSecond: number | undefined): Promise<void>;
  /**
   * What-if (issue #16): runs the current model forward on the task's probe and on a copy edited by the learner
   * (none: the probe alone, with the editor's form), in eval mode; never steps the optimizer, draws no random
   * numbers and changes no weight. A refused edit comes back as `{ error }`.
   */
  whatIf(edit?: WhatIfEdit): Promise<WhatIfResult | { error: string }>;
}

/** What blew up, and how. */
export interface Divergence {
  step: number;
  quantity: 'loss' | 'gradient norm';
  value: number;
  /** e.g. "became NaN", "became +∞", "jumped past 1e+6". */
  how: string;
  /** A sentence for the learner: "Diverged at step 37: the gradient norm became +∞." */
  message: string;
}

/** What one training step reports. Arrays are fresh copies the caller may transfer. */
export interface StepStats {
  /** The step just completed. */
  step: number;
  loss: number;
  gradNormBefore: number;
  gradNormAfter: number;
  /** ‖∂L/∂h_t‖, (layers·dirs, T) row-major. */
  hiddenGradNorms: Float32Array;
  /** ‖∂L/∂θ‖ per parameter, in `paramNames` order. */
  paramGradNorms: Float32Array;
  /** Gates and states of the probe example, (layers·dirs, names, T, H) row-major; only when recorded. */
  gates?: Float32Array;
  /** Wall time of the step in ms. */
  elapsedMs: number;
}

/** A snapshot as plain arrays: what is saved to disk (IndexedDB) to resume a run later. */
export interface TrainerState {
  step: number;
  weights: Record<string, Float32Array>;
  optimizer: Array<{ name: string; shape: number[]; data: Float32Array }>;
  batchRngState: number;
  dropoutRngState: number;
}

/** The largest model file import reads (a generous bound: the models here are far smaller); the page checks it first. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Export formats. */
export type ExportFormat = 'safetensors' | 'json';

/** A file ready to save. */
export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** The four sequence shapes of the lesson (§3). */
export type SequenceShape = 'one-to-many' | 'many-to-one' | 'many-to-many (synchronized)' | 'many-to-many (delayed)';

/** What a task asks of the learner's own data. */
export interface UserDataSpec {
  /** e.g. "Your own text", "Your own labelled sentences". */
  label: string;
  /** File types for the file picker, e.g. ".txt,text/plain". */
  accept: string;
  /** One line on the format, e.g. "CSV or TSV: text, label (0/1 or negative/positive)". */
  hint: string;
  /** Largest file accepted, in bytes (checked before reading). */
  maxBytes: number;
}

/** What a "try it" run shows. Any subset of the fields. */
export interface TryItOutput {
  /** A message for input the task cannot use (shown instead of a result). */
  error?: string;
  /** One verdict line, e.g. "positive (87%)". */
  summary?: string;
  /**
   * Tokens with a value each, e.g. P(positive) after each word; drawn as a strip. `untrained` marks a value read
   * where the model was never trained to answer (a many-to-one head read after an earlier word): greyed.
   */
  trace?: Array<{ token: string; value: number; untrained?: boolean }>;
  /** What the trace's values are, e.g. "P(positive) after each word". */
  traceLabel?: string;
  /** Text out: generated characters, a predicted sequence. */
  text?: string;
  /** A predicted series against the truth (forecast roll-outs), in the series' units. */
  series?: { truth: number[]; prediction: number[]; label: string };
  /** Caveats on reading the result, shown under it (e.g. which words the network never saw). */
  notes?: string[];
}

/** The learner's "try it" form: what the page shows. Its run happens in the worker (tasks' TryIt adds it). */
export interface TryItForm {
  /** The input's label, e.g. "Type a sentence". */
  label: string;
  defaultInput: string;
  /** Extra controls the task wants (e.g. a temperature for sampling), with their ranges. */
  options?: Array<{ name: string; label: string; min: number; max: number; step: number; default: number }>;
}

/** The probe as the what-if editor shows it: how it can be edited, and what to start from. */
export interface WhatIfForm {
  /** 'text': words, characters or digits in one field; 'values': one number per step. */
  kind: 'text' | 'values';
  /** The probe as editable text: its words (sentiment), its characters (chargen), its digits (reverse). */
  text?: string;
  /** The probe's input values, one per step (series). */
  values?: number[];
  /** One line on what may be typed. */
  hint: string;
  /** Encoder–decoder: the decoder's steps, any of which can be forced to a token; 0 otherwise. */
  decoderSteps: number;
  /** Tokens a decoder step can be forced to write (the digits), in id order. */
  decoderTokens?: string[];
}

/** A learner's edit of the probe; the fields the form's kind asks for. */
export interface WhatIfEdit {
  text?: string;
  values?: number[];
  /** Encoder–decoder: decoder step `step` (0-based) writes token `token`; the steps after it are decoded greedily from there. */
  force?: { step: number; token: number };
}

/** The model's output for one input, as the learner reads it. */
export interface WhatIfReadout {
  /** What it is: "P(positive)", "Next character after the last step", "Forecast", "Decoded digits". */
  label: string;
  /** The output in words: "0.873", "e 41% · a 12%", "5141". */
  text: string;
  /** The one number it has, where it has one (P(positive), a forecast). */
  value?: number;
  /** The likeliest tokens with their probabilities (next character, a decoded step's digit). */
  top?: Array<{ token: string; probability: number }>;
}

/** One input's pass: what each step read, the top layer's hidden states, their 2-D projection and the output. */
export interface WhatIfPath {
  /** Each step's input as the views show it. */
  labels: string[];
  /** The top layer's hidden states (both directions when bidirectional), (T, width) row-major. */
  hidden: Float32Array;
  /** The hidden states on the original path's two principal axes, (T, 2) row-major. */
  pca: Float32Array;
  readout: WhatIfReadout;
}

/** The original probe and the edited copy side by side, from the weights of training step `step`. */
export interface WhatIfResult {
  runId: number;
  step: number;
  form: WhatIfForm;
  /** Width of a hidden state (H, or 2H when bidirectional). */
  width: number;
  original: WhatIfPath;
  edited?: WhatIfPath;
  /** ‖h_t − h′_t‖ per step (T), when there is an edited copy. */
  difference?: Float32Array;
  /** The first step whose input (or forced decoder token) differs, 0-based; −1 when none does. */
  firstChangedStep?: number;
  /** Share of the original path's variance on each principal axis. */
  explained: [number, number];
  /** Caveats on reading the result (words dropped off the window, a bidirectional model reads both ways). */
  notes: string[];
}

/**
 * What a configuration costs before it trains: the trainer worker's memory and the time of one step, estimated
 * from the sizes alone (no tfjs here, so the page, the address, the worker and the CLI all read the same numbers).
 *
 * The memory model follows the fused layer on the WASM and CPU backends (core/fusedLayer.ts), where a step keeps,
 * for every layer, direction, step and example, the arrays its backward pass reads. Its parts:
 *   weights, optimizer slots, gradients and the worker's checkpoints (kept for a rewind)     ∝ parameters N
 *   activations kept for BPTT, the probes' zeros and ∂L/∂h_t, recorded gates and states   ∝ L·D·T·B·H
 *   the head's logits, loss and target, the embedding's one-hot                            ∝ T·B·V
 *   the SIMD module's blocks (rows × width, at most productBlockRows rows a block)
 *   a fixed base: tfjs, its WebAssembly heap's first pages, the task's data
 * src/core/cost.test.ts trains a few small configurations on WASM and checks this against measured memory.
 *
 * The time is a count of floating-point operations over a rate measured on one machine, plus a fixed cost per
 * step and per row (layer · direction · example · step): a rough estimate, within a factor of about two there;
 * other machines and other loads differ.
 */
import type { TaskId, TrainConfig } from './config';
import { gateCount, RECORDED_NAMES } from './spec';

/** What the estimate needs to know of a task beyond the config: its input, vocabulary, output and steps. */
export interface TaskSizes {
  /** Width of the recurrent stack's input: the embedding's width for token tasks, else the features'. */
  inputSize: number;
  /** Token tasks: the vocabulary (the embedding's rows, and the one-hot's width). */
  vocabSize?: number;
  /** The head's outputs (classes, characters, or 1 for a forecast). */
  outputSize: number;
  /** Steps the recurrent stack reads (the encoder's, for the encoder–decoder). */
  steps: number;
  /** Steps the head reads: every step ('all' readouts), 1 (the last step), or the decoder's. */
  headSteps: number;
  /** Encoder–decoder: the decoder's steps (a second, one-directional stack of the same size). */
  decoderSteps?: number;
}

/** Moby-Dick's characters that appear 3 times or more, and <unk> (tasks/chargen.ts; core/cost.test.ts checks it). */
export const MOBY_DICK_VOCABULARY = 80;
/** The most characters a learner's own text keeps (tasks/chargenData.ts's MAX_VOCABULARY; checked likewise). */
export const OWN_TEXT_VOCABULARY = 256;
/** The most words a sentiment vocabulary keeps, real or uploaded reviews (tasks/sentiment.ts's MAX_VOCABULARY). */
export const REVIEWS_VOCABULARY = 2000;
/** The generated reviews' vocabulary. */
export const GENERATED_REVIEWS_VOCABULARY = 128;

/**
 * Each task's sizes for a config, as its task file builds them (core/cost.test.ts checks them against the tasks).
 * With the learner's own data the vocabulary is not known before the worker reads it: its largest is taken.
 */
export function taskSizes(config: TrainConfig, usingOwnData = false): TaskSizes {
  const T = config.sequenceLength;
  const words = usingOwnData || config.sentimentSource === 'reviews' ? REVIEWS_VOCABULARY : GENERATED_REVIEWS_VOCABULARY;
  const chars = usingOwnData ? OWN_TEXT_VOCABULARY : MOBY_DICK_VOCABULARY;
  const sizes: Record<TaskId, () => TaskSizes> = {
    sine: () => forecastSizes(config),
    co2: () => forecastSizes(config),
    // embedding 32
    sentiment: () => ({ inputSize: 32, vocabSize: words, outputSize: 2, steps: T, headSteps: 1 }),
    // embedding 24
    chargen: () => ({ inputSize: 24, vocabSize: chars, outputSize: chars, steps: T, headSteps: T }),
    // digits and a start token, embedding 8; the encoder reads N digits, the decoder writes N
    reverse: () => ({ inputSize: 8, vocabSize: 11, outputSize: 10, steps: config.reverseDigits, headSteps: config.reverseDigits, decoderSteps: config.reverseDigits }),
    // four symbols and a blank, one-hot
    memory: () => ({ inputSize: 5, outputSize: 4, steps: T, headSteps: 1 }),
  };
  return sizes[config.task]();
}

function forecastSizes(config: TrainConfig): TaskSizes {
  const T = config.sequenceLength;
  return { inputSize: 1, outputSize: 1, steps: T, headSteps: config.forecastTarget === 'every' ? T : 1 };
}

/** One part of the memory estimate, for the breakdown a learner can read. */
export interface MemoryPart {
  key: 'weights' | 'optimizer' | 'gradients' | 'checkpoints' | 'activations' | 'probes' | 'recorded' | 'head' | 'simd' | 'base';
  label: string;
  bytes: number;
}

/** The estimate: memory in bytes (all, and per WebAssembly memory), its parts, and the work of one step. */
export interface CostEstimate {
  /** Everything the worker holds at the step's peak, the base included. */
  memoryBytes: number;
  /** Of which in tfjs's WebAssembly heap (tensors: weights, checkpoints, the head, layer outputs). */
  tfjsHeapBytes: number;
  /** Of which in the SIMD module's memory (core/kernels/wasm). */
  simdBytes: number;
  parts: MemoryPart[];
  /** Floating-point operations of one training step's matrix products (forward and backward). */
  flops: number;
  /** Rows a training step goes through one by one, layers · directions · steps · examples (copies, gates, slopes). */
  rowSteps: number;
}

/** What one training step of this config costs (see the file's header for the model). */
export function estimateCost(config: TrainConfig, sizes: TaskSizes = taskSizes(config)): CostEstimate {
  const { cell, hiddenSize: H, numLayers: L, batchSize: B, optimizer } = config;
  const D = config.task === 'reverse' || !config.bidirectional ? 1 : 2;
  const G = gateCount(cell) * H;
  const E = sizes.inputSize;
  const O = sizes.outputSize;
  const V = sizes.vocabSize ?? 0;
  // the stacks: the encoder (or only stack), and the encoder–decoder's decoder
  const stacks = [sizes.steps, ...(sizes.decoderSteps ? [sizes.decoderSteps] : [])];
  const totalSteps = stacks.reduce((a, b) => a + b, 0);
  const layerInput = (layer: number) => (layer === 0 ? E : D * H);

  // parameters: per layer·direction W_ih, W_hh and two biases; embedding; head
  let N = V * E + O * (sizes.decoderSteps ? H : D * H) + O;
  for (let l = 0; l < L; l++) N += stacks.length * D * (G * layerInput(l) + G * H + 2 * G);
  const slots = { sgd: 0, momentum: 1, rmsprop: 2, adam: 2 }[optimizer];

  // per layer·direction and row (example · step), floats kept from the forward pass for the backward pass
  // (fusedLayer.ts's forwardPass): [x | 1]; projectedInput and gateActivations, G each (a vanilla RNN keeps its a
  // while recording); hiddenStates, and LSTM c and tanh c, GRU W_hn h, RNN act(a), H each; and in tfjs the op's
  // value and its output slice, H each
  const unitFloats = cell === 'lstm' ? 3 : 2;
  let activations = 0;
  let tfjsActivations = 0;
  let backwardPeak = 0;
  let simdFloats = 0;
  for (const T of stacks) {
    for (let l = 0; l < L; l++) {
      const I = layerInput(l);
      const rows = B * T;
      activations += D * rows * (I + 1 + 2 * G + unitFloats * H);
      tfjsActivations += D * rows * 2 * H + (D === 2 ? rows * 2 * H : 0) + (l > 0 && config.dropout > 0 ? rows * D * H : 0);
      // the backward pass of one layer·direction: two (B·T, G) gradients, ∂x twice (array, tensor), ∂ of its outputs
      backwardPeak = Math.max(backwardPeak, rows * (2 * G + 2 * I + 3 * H));
      simdFloats = Math.max(simdFloats, simdModuleFloats(B, T, I, G, H));
    }
  }
  const hiddenUnits = L * D * B * H * totalSteps;
  // probes: the zeros, unstacked per layer·direction, and their gradients (tensor, stacked, array)
  const probes = 4 * hiddenUnits + B * H * Math.max(...stacks);
  // tfjs's gradients of each layer's outputs on the way back: ∂(its slices), ∂(the packed value), ∂(the concat)…
  // (about five (B, T, H) tensors a layer·direction, measured)
  tfjsActivations += 5 * hiddenUnits;
  // the recorded gates and states: every example's (a typed array, then a tensor), example 0 sent on
  const recorded = 2 * RECORDED_NAMES[cell].length * hiddenUnits;
  // the head: logits, bias, the loss's softmax, log and product, their gradients, the target (array, tensor)
  const headRows = B * sizes.headSteps;
  const head = headRows * O * (sizes.headSteps > 1 ? 12 : 4) + headRows * (sizes.decoderSteps ? H : D * H);
  // the embedding: the one-hot (int32, float32, transposed for ∂E) and its product, for every step read
  const embedding = V ? B * totalSteps * (3 * V + 2 * E) : 2 * B * totalSteps * E;
  const checkpointsKept = 5; // worker/runSession.ts's CHECKPOINTS_KEPT: weights and slots each

  const bytesOf = (floats: number) => 4 * floats;
  const simdBytes = roundUpTo(bytesOf(simdFloats), 65536);
  const parts: MemoryPart[] = [
    { key: 'weights', label: 'weights', bytes: bytesOf(N) },
    { key: 'optimizer', label: 'optimizer slots', bytes: bytesOf(slots * N) },
    { key: 'gradients', label: 'gradients', bytes: bytesOf(3 * N) },
    { key: 'checkpoints', label: 'checkpoints for a rewind', bytes: bytesOf(checkpointsKept * (1 + slots) * N) },
    { key: 'activations', label: 'activations kept for BPTT', bytes: bytesOf(activations + tfjsActivations + backwardPeak) },
    { key: 'probes', label: 'probes and ∂L/∂h_t', bytes: bytesOf(probes) },
    { key: 'recorded', label: 'recorded gates and states', bytes: bytesOf(recorded) },
    { key: 'head', label: 'head, loss and embedding', bytes: bytesOf(head + embedding) },
    { key: 'simd', label: 'SIMD module blocks', bytes: simdBytes },
    { key: 'base', label: 'tfjs and the task’s data', bytes: BASE_BYTES },
  ];
  const memoryBytes = parts.reduce((sum, part) => sum + part.bytes, 0);
  const tfjsHeapBytes = bytesOf((1 + 1 + checkpointsKept * (1 + slots)) * N + tfjsActivations + probes + recorded / 2 + head + embedding);

  // work: per layer·direction and step, the products x·W_ihᵀ and h·W_hhᵀ (2 flops a multiply-add) forward, twice
  // that backward (∂W and ∂x, ∂W_hh and ∂h); the head's and the embedding's products, likewise; apart from them
  // the rows, whose copies and element-wise gate arithmetic have a cost of their own (RATES)
  let products = 0;
  for (const T of stacks) for (let l = 0; l < L; l++) products += D * 2 * B * T * G * (layerInput(l) + 1 + H);
  products += 2 * headRows * O * (sizes.decoderSteps ? H : D * H) + 2 * B * totalSteps * V * E;
  return {
    memoryBytes,
    tfjsHeapBytes,
    simdBytes,
    parts,
    flops: 3 * products,
    rowSteps: L * D * B * totalSteps,
  };
}

/**
 * The SIMD module's memory for one layer (simdMatMul.ts): the loaded matrix, then a block of rows and its result,
 * for the largest of its products — the projection and its gradients over at most PRODUCT_BLOCK_ROWS rows, the
 * recurrence over B, and ∂W_hh over blocks of whole steps.
 */
function simdModuleFloats(B: number, T: number, I: number, G: number, H: number): number {
  const up = (n: number, k: number) => Math.ceil(n / k) * k;
  const rows = Math.min(PRODUCT_BLOCK_ROWS, B * T);
  const stepRows = Math.min(B * T, Math.max(1, Math.floor(PRODUCT_BLOCK_ROWS / B)) * B);
  const width = I + 1;
  const product = (p: number, n: number, m: number) => up(p, 4) * up(n, 4) + up(m, 2) * (up(n, 4) + up(p, 4));
  const transposed = (loaded: number, r: number, p: number, n: number) => loaded + r * up(p, 2) + r * up(n, 16) + up(p, 2) * up(n, 16);
  const recurrentT = up(H, 4) * up(G, 4);
  return Math.max(
    product(G, width, rows),
    product(G, H, B),
    transposed(recurrentT, stepRows, G, H),
    transposed(recurrentT, rows, G, width),
    product(I, G, rows),
    recurrentT + up(3 * B * H, 8),
  );
}

/** The fused layer's rows per block of its products over all steps (kernels/executionPlan.ts, productBlockRows). */
const PRODUCT_BLOCK_ROWS = 4096;
/** tfjs, its WebAssembly heap's first 16 MB, the SIMD module's first page and a task's data (measured: about 40 MB). */
const BASE_BYTES = 48 * 2 ** 20;

/** The backends a step's time is estimated for. */
export type CostBackend = 'wasm' | 'cpu' | 'webgl';

/**
 * Per backend: a fixed cost a step, flops a second in the products, and a cost per row (layer · direction ·
 * example · step: the copies, the gates' σ and tanh and their slopes). WASM's products and rows were fitted (least
 * squares on the relative error) to the median of 5 training steps (Trainer.trainStep) of 14 configurations timed
 * in Node 20 on this project's build machine (2 shared cores, SIMD on one thread), within a factor of two of each;
 * its fixed cost is the app's own worker in Chromium there (sine's defaults at 160 steps/s). Checked against the
 * app training in Chromium: sine 4 ms a step (estimate 6 ms), character generation's defaults 0.18 s (0.2 s),
 * hidden 256 over 64 characters 0.29 s (0.34 s), memory H 64, B 128, T 100 0.33 s (0.3 s), two bidirectional layers
 * of 256, B 8, T 100 1.5 s (1.9 s). CPU's are scaled from 4 configurations timed on tfjs's CPU backend (1–5× WASM:
 * its tfjs ops are slower, the fused layer the same). WebGL's are not measured here, only scaled from DESIGN.md's
 * steps/s in software WebGL (about 5× slower than WASM at small sizes).
 */
const RATES: Record<CostBackend, { stepSeconds: number; flopsPerSecond: number; rowSeconds: number }> = {
  wasm: { stepSeconds: 0.004, flopsPerSecond: 5.7e9, rowSeconds: 2.5e-6 },
  cpu: { stepSeconds: 0.04, flopsPerSecond: 4e9, rowSeconds: 3e-6 },
  webgl: { stepSeconds: 0.1, flopsPerSecond: 2e9, rowSeconds: 5e-6 },
};

/** Seconds a training step takes on a backend: a rough estimate (see RATES). */
export function secondsPerStep(estimate: CostEstimate, backend: CostBackend = 'wasm'): number {
  const rate = RATES[backend];
  return rate.stepSeconds + estimate.flops / rate.flopsPerSecond + estimate.rowSteps * rate.rowSeconds;
}

/** The most memory the app lets a run take: well under a tablet's (a 3–4 GB device gives a tab about 1–2 GB). */
export const MEMORY_BUDGET_BYTES = 2 ** 30;
/** A WebAssembly memory (tfjs's heap, the SIMD module's) holds at most 65,536 pages of 64 KiB: 4 GiB. */
export const WASM_MEMORY_CEILING_BYTES = 2 ** 32;

/** Why a config cannot train here (its memory estimate and what to lower), or undefined when it fits. */
export function costRefusal(config: TrainConfig, sizes?: TaskSizes): string | undefined {
  const estimate = estimateCost(config, sizes);
  if (estimate.memoryBytes <= MEMORY_BUDGET_BYTES) return undefined;
  const ceiling = Math.max(estimate.tfjsHeapBytes, estimate.simdBytes) > WASM_MEMORY_CEILING_BYTES
    ? `over the ${formatBytes(WASM_MEMORY_CEILING_BYTES)} a WebAssembly memory can hold, and the ${formatBytes(MEMORY_BUDGET_BYTES)} this app allows`
    : `over the ${formatBytes(MEMORY_BUDGET_BYTES)} this app allows`;
  const length = config.task === 'reverse' ? 'digits' : 'sequence length';
  return `These settings need ≈ ${formatBytes(estimate.memoryBytes)} of memory to train: ${ceiling}; lower the batch size, ${length} or hidden size.`;
}

/**
 * The changes that bring a config within the budget, keeping as much of it as it can: the batch size halved
 * until it fits, then the sequence length, then the hidden size, then fewer layers and one direction.
 */
export function fittingChanges(config: TrainConfig): Partial<TrainConfig> {
  let next = { ...config };
  const fits = () => costRefusal(next) === undefined;
  const lower: Array<[keyof TrainConfig, (c: TrainConfig) => Partial<TrainConfig> | undefined]> = [
    ['batchSize', (c) => (c.batchSize > 1 ? { batchSize: Math.max(1, Math.floor(c.batchSize / 2)) } : undefined)],
    ['sequenceLength', (c) => (c.task !== 'reverse' && c.sequenceLength > 2 ? { sequenceLength: Math.max(2, Math.floor(c.sequenceLength / 2)) } : undefined)],
    ['hiddenSize', (c) => (c.hiddenSize > 1 ? { hiddenSize: Math.max(1, Math.floor(c.hiddenSize / 2)) } : undefined)],
    ['numLayers', (c) => (c.numLayers > 1 ? { numLayers: c.numLayers - 1 } : undefined)],
    ['bidirectional', (c) => (c.bidirectional ? { bidirectional: false } : undefined)],
  ];
  for (const [, step] of lower) {
    for (let change = step(next); !fits() && change; change = step(next)) next = { ...next, ...change };
    if (fits()) break;
  }
  const changes: Partial<TrainConfig> = {};
  for (const [key] of lower) if (next[key] !== config[key]) (changes as Record<string, unknown>)[key] = next[key];
  return changes;
}

/** Bytes as a learner reads them: "≈ 180 MB" without the ≈ ("180 MB", "5.2 GB", "850 kB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${trim(bytes / 2 ** 30)} GB`;
  if (bytes >= 2 ** 20) return `${trim(bytes / 2 ** 20)} MB`;
  return `${trim(bytes / 2 ** 10)} kB`;
}

/** Seconds as a learner reads them: "0.4 s", "12 ms", "3 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return seconds < 0.095 ? `${trim(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
  return `${trim(seconds)} s`;
}

/** Two significant digits, no trailing zeros: 5.2, 180, 12. */
function trim(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(2)));
}

function roundUpTo(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

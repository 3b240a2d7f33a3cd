/**
 * Lesson 4, "Backpropagation through time" (the RNN lesson's §4): unrolled, an RNN is a deep network with one
 * layer per step, and its gradient flows back through the steps. The learner predicts where ‖∂L/∂h_t‖ is
 * largest when the loss is only at the last step (many-to-one), presses Step and reads the profile; then
 * predicts it again with a loss at every step (many-to-many) and steps once more. lesson4.claims.test.ts checks
 * both profiles on the lesson's settings and seed.
 */
import type { Lesson, LiveState, Measured } from './types';

/** The sequence length of the lesson: the columns of the diagram. */
export const LESSON4_STEPS = 20;

/** A step in the middle of the sequence, the third bar of the reveal. */
const MIDDLE = LESSON4_STEPS / 2;

/** The prediction's options: where ‖∂L/∂h_t‖ will be largest, and the step each stands for (none: flat). */
const PLACES: Record<string, { label: string; step?: number }> = {
  first: { label: 'at the first steps, near t = 1', step: 1 },
  middle: { label: `in the middle, near t = ${MIDDLE}`, step: MIDDLE },
  last: { label: `at the last steps, near t = ${LESSON4_STEPS}`, step: LESSON4_STEPS },
  flat: { label: 'about the same at every step' },
};

const PLACE_OPTIONS = Object.entries(PLACES).map(([id, place]) => ({ id, label: place.label[0].toUpperCase() + place.label.slice(1) }));

/** The top layer's ‖∂L/∂h_t‖ over t = 1…T from the latest frame, if it carries a whole profile. */
export function topProfile(state: LiveState): number[] | undefined {
  const norms = state.frame?.hiddenGradNorms;
  const info = state.runInfo;
  if (!norms || !info || (state.frame?.step ?? 0) < 1 || norms.length !== info.layerDirs * info.steps) return undefined;
  return Array.from(norms.subarray((info.layerDirs - 1) * info.steps, info.layerDirs * info.steps));
}

/** The numbers a reveal needs from a profile: the step where it is largest, its values at 1, T/2 and T, its spread. */
export function profileSummary(profile: readonly number[]): Measured {
  const largest = Math.max(...profile);
  return {
    argmax: profile.indexOf(largest) + 1,
    largest,
    first: profile[0],
    middle: profile[MIDDLE - 1],
    last: profile[profile.length - 1],
    spread: largest / Math.min(...profile),
  };
}

/** Done once a Step after the part opened has left a frame with a whole profile, for a model that reads out as `readout`. */
function steppedWith(readout: 'last' | 'all') {
  return (s: LiveState, atStart: { stepAnimation: number }) =>
    s.runInfo?.readout === readout && s.status === 'paused' && s.stepAnimation > atStart.stepAnimation && topProfile(s) !== undefined;
}

/** A value as the card prints it: two significant digits. */
function shown(value: number): string {
  return Number.isFinite(value) ? (value < 0.01 ? value.toExponential(1) : Number(value.toPrecision(2)).toString()) : '—';
}

/** The bars of a reveal: ‖∂L/∂h_t‖ at t = 1, T/2 and T, the predicted step's bar drawn as the guess. */
function profileMarks(answer: string, m: Measured) {
  const guessed = PLACES[answer]?.step;
  return ([1, MIDDLE, LESSON4_STEPS] as const).map((t) => ({
    label: `t = ${t}${t === guessed ? ' (your pick)' : ''}`,
    value: t === 1 ? m.first : t === MIDDLE ? m.middle : m.last,
    kind: t === guessed ? ('guess' as const) : ('result' as const),
  }));
}

/** What the learner predicted, in the verdict's words. */
function predicted(answer: string): string {
  return `You predicted “${(PLACES[answer] ?? PLACES.flat).label}”.`;
}

/** Lesson 4. */
export const lesson4: Lesson = {
  number: 4,
  title: 'Backpropagation through time',
  section: '4. Training RNNs: backpropagation through time',
  settings: { task: 'sine', cell: 'rnn-tanh', hiddenSize: 16, numLayers: 1, bidirectional: false, sequenceLength: LESSON4_STEPS, sinePeriod: 16, sineNoise: 0.05, forecastTarget: 'last', learningRate: 0.01, optimizer: 'adam', clipMode: 'off', seed: 1 },
  speed: 20,
  views: ['unrolled', 'gradient-flow'],
  parts: [
    {
      kind: 'pointer',
      title: 'A deep network, one layer per step',
      views: ['unrolled'],
      pointer: { lessonTarget: 'unrolled' },
      text: `Unrolled over ${LESSON4_STEPS} steps, the RNN is a network ${LESSON4_STEPS} layers deep, and it trains like one. The **forward pass** runs left to right and computes the loss $L$ from the outputs $\\hat y$. The **backward pass** runs right to left: each $h_t$ gets its gradient from the step after it,

$\\frac{\\partial L}{\\partial h_t} = \\frac{\\partial L}{\\partial h_{t+1}}\\,\\frac{\\partial h_{t+1}}{\\partial h_t} + \\frac{\\partial L_t}{\\partial h_t}$

plus, where step $t$ has an output, from its own loss $L_t$. This is **backpropagation through time** (BPTT). The strip under each cell of the diagram will show $\\lVert\\partial L/\\partial h_t\\rVert$.`,
    },
    {
      kind: 'prediction',
      id: 'largest-many-to-one',
      title: 'Your prediction',
      views: ['unrolled'],
      text: 'This forecaster is **many-to-one**: its only output, and so its only loss, is at the last step.',
      ask: { kind: 'choice', question: 'After one backward pass, where will $\\lVert\\partial L/\\partial h_t\\rVert$ be largest?', options: PLACE_OPTIONS },
    },
    {
      kind: 'experiment',
      id: 'step-many-to-one',
      title: 'Step once',
      controls: ['run'],
      pointer: { lessonTarget: 'unrolled' },
      text: `Press **Step** and watch the outlined diagram: the forward pass lights the columns left to right, then the gradient runs back right to left, colouring the strip under each cell (bright: large). The chart below plots the same $\\lVert\\partial L/\\partial h_t\\rVert$ against $t$ on a log scale.`,
      done: steppedWith('last'),
      readout: (s) => (topProfile(s) ? `Step ${s.frame?.step}: forward, then backward.` : 'Waiting for Step.'),
      // the training step it was read at: a second Step changes the diagram's strip, not this reading
      measure: (s) => ({ ...profileSummary(topProfile(s) ?? []), step: s.frame?.step ?? 0 }),
    },
    {
      kind: 'reveal',
      prediction: 'largest-many-to-one',
      experiment: 'step-many-to-one',
      title: 'What happened',
      pointer: { lessonTarget: 'gradient-flow' },
      text: 'The outlined chart is the whole profile; the bars read it at three steps (log scale).',
      reveal(answer, m) {
        return {
          verdict: `${predicted(String(answer))} At training step ${m.step} it is largest at t = ${m.argmax}: ${shown(m.largest)} there against ${shown(m.first)} at t = 1, ${shown(m.largest / m.first)}× less.`,
          why: 'The only loss is at the last step. Each step back multiplies the gradient by another $\\partial h_{t+1}/\\partial h_t$; here these shrink it, so the first steps get the least.',
          marks: profileMarks(String(answer), m),
          scaleLabel: '‖∂L/∂hₜ‖ (log scale)',
        };
      },
    },
    {
      kind: 'prediction',
      id: 'largest-many-to-many',
      title: 'Your prediction',
      views: ['unrolled'],
      text: 'Now give the forecaster an output at every step: **many-to-many**. The loss is the mean of the 20 steps’ losses, so every $h_t$ also gets a gradient from its own output.',
      ask: { kind: 'choice', question: 'After one backward pass, where will $\\lVert\\partial L/\\partial h_t\\rVert$ be largest now?', options: PLACE_OPTIONS },
    },
    {
      kind: 'experiment',
      id: 'step-many-to-many',
      title: 'A loss at every step',
      controls: ['forecastTarget', 'run'],
      pointer: { lessonTarget: 'unrolled' },
      text: 'Set **Predict** to “The next value at every step” (the model is rebuilt: an output above every column), then press **Step** and watch the gradient run back again.',
      done: steppedWith('all'),
      readout: (s) => (s.runInfo?.readout !== 'all' ? 'Waiting for Predict: every step.' : topProfile(s) ? `Step ${s.frame?.step}: forward, then backward.` : 'Waiting for Step.'),
      // the training step it was read at: a second Step changes the diagram's strip, not this reading
      measure: (s) => ({ ...profileSummary(topProfile(s) ?? []), step: s.frame?.step ?? 0 }),
      settingsAfter: { forecastTarget: 'every' },
    },
    {
      kind: 'reveal',
      prediction: 'largest-many-to-many',
      experiment: 'step-many-to-many',
      title: 'What happened',
      pointer: { lessonTarget: 'gradient-flow' },
      text: 'The outlined chart is the new profile; the bars read it at three steps (log scale).',
      reveal(answer, m) {
        return {
          verdict: `${predicted(String(answer))} At training step ${m.step} it is largest at t = ${m.argmax}: ${shown(m.largest)} there against ${shown(m.last)} at t = ${LESSON4_STEPS}, ${shown(m.largest / m.last)}× more.`,
          why: 'Each $h_t$ now collects the gradient of its own loss and of every later loss, passed back: $h_1$ has all 20 after it, $h_{20}$ only its own.',
          marks: profileMarks(String(answer), m),
          scaleLabel: '‖∂L/∂hₜ‖ (log scale)',
        };
      },
    },
    {
      kind: 'check',
      id: 'shared-gradient',
      title: 'Check',
      views: ['unrolled'],
      text: `The same $W_{hh}$ runs at all 20 steps. BPTT adds up what each step contributes:

$\\frac{\\partial L}{\\partial W_{hh}} = \\sum_{t=1}^{T} \\frac{\\partial L}{\\partial h_t}\\,\\frac{\\partial h_t}{\\partial W_{hh}}$

where the last factor is taken with $h_{t-1}$ held fixed: what $W_{hh}$ does at step $t$ alone.`,
      question: 'How is W_hh updated after one backward pass?',
      options: [
        {
          id: 'sum',
          label: 'Once, by the sum of its gradients from all 20 steps.',
          correct: true,
          feedback: 'One matrix, one update: every step where it was used adds its share.',
        },
        {
          id: 'last',
          label: 'By the gradient at the last step only, where the loss is.',
          correct: false,
          feedback: 'The loss is at the end, but W_hh also shaped every earlier h_t, and those steps add their gradients too.',
        },
        {
          id: 'copies',
          label: 'Each step updates its own copy of W_hh.',
          correct: false,
          feedback: 'There is one W_hh, shared by all steps; copies would stop being the same weights after one update.',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      controls: ['forecastTarget', 'sequenceLength', 'run'],
      pointer: { lessonTarget: 'gradient-flow' },
      text: 'Set **Predict** back to “The value after the window” and **Sequence length** to 60, then press **Step**: how far back does the gradient reach now? Press **Train** for a while and Step again: does the profile change as the network learns?',
    },
  ],
};

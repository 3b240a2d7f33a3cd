/**
 * Lesson 5, "Vanishing and exploding gradients, and clipping" (the RNN lesson's §5). BPTT multiplies ∂L/∂h by
 * W_hhᵀ and the activation's slope once per step back, so σ_max(W_hh) says whether the gradient can grow or must
 * shrink. On a ReLU RNN with W_hh initialised 3.5× PyTorch's default the learner first predicts where ‖∂L/∂h_t‖
 * is largest after one Step (at t = 1: it grows back through time). On the `explode` preset they then predict whether the loss falls or blows up, trains into the
 * divergence banner, rewinds, clips by norm at 0.1 and predicts again; on the `vanish` preset they guess how many
 * orders of magnitude ‖∂L/∂h_t‖ falls across 80 steps and read it off the gradient-flow chart after one Step.
 * lesson5.claims.test.ts runs these set-ups through the core and checks every number the cards give.
 */
import { PRESETS } from '../shared/presets';
import type { LiveState, Lesson, Measured } from './types';

/** σ_max(W_hh) of the explode preset's freshly initialised ReLU RNN, as the card rounds it. */
export const LESSON5_EXPLODE_SIGMA = 1.6;
/** The W_hh init gain of the first experiment, whose gradient grows toward t = 1, and its σ_max as the card rounds it. */
export const LESSON5_GROW_GAIN = 3.5;
export const LESSON5_GROW_SIGMA = 3.7;
/** The explode preset's sequence length: ‖∂L/∂h_t‖ is read from t = 20 back to t = 1. */
export const LESSON5_STEPS_FORWARD = 20;
/** σ_max(W_hh) of the vanish preset's freshly initialised tanh RNN, as the card rounds it. */
export const LESSON5_VANISH_SIGMA = 0.53;
/** The clipping threshold the experiment asks for (the explode preset's). */
export const LESSON5_CLIP = 0.1;
/** The steps the clipped run trains at least before the learner pauses it. */
export const LESSON5_CLIPPED_STEPS = 50;
/** The vanish preset's sequence length: ‖∂L/∂h_t‖ is read from t = 80 back to t = 1. */
export const LESSON5_STEPS_BACK = 80;
/** The smallest positive float32 (a subnormal): a ‖∂L/∂h_1‖ read as 0 has fallen at least this far. */
const FLOAT32_TINY = 1.4e-45;

/** Where the learner expects ‖∂L/∂h_t‖ to be largest after one Step, each as a band of t. */
const LARGEST_AT: Record<string, { label: string; range: [number, number] }> = {
  last: { label: 'At t = 20, where the loss is read', range: [19.5, 20.5] },
  first: { label: 'At t = 1, the far end', range: [0.5, 1.5] },
  flat: { label: 'About the same at every t', range: [0.5, 20.5] },
};

/** The loss predictions' options, each with the band of losses it stands for, relative to the first step's loss. */
const LOSS_BANDS: Record<string, { label: string; range(first: number): [number, number] }> = {
  fall: { label: 'fall steadily', range: (first) => [first / 1000, first / 2] },
  stall: { label: 'hardly move', range: (first) => [first / 2, first * 2] },
  blow: { label: 'blow up', range: (first) => [first * 100, first * 1e14] },
};

/** The same bands, as the second prediction (after clipping) words them. */
const CLIPPED_BANDS: Record<string, { label: string; band: keyof typeof LOSS_BANDS }> = {
  again: { label: 'blow up again, a few steps later', band: 'blow' },
  learn: { label: 'fall, and keep falling', band: 'fall' },
  stuck: { label: 'stay near where it started: the capped steps are too small to learn', band: 'stall' },
};

/** A value as the card prints it: three significant digits, or 1.23e+13. */
function shown(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : Number(value.toPrecision(3)).toString();
}

/** The top layer's ‖∂L/∂h_t‖ over t = 1…T from the latest frame, when it has one. */
function topProfile(state: LiveState): Float32Array | undefined {
  const norms = state.frame?.hiddenGradNorms;
  const steps = state.runInfo?.steps ?? 0;
  const rows = state.runInfo?.layerDirs ?? 1;
  if (!norms || steps < 2 || norms.length !== rows * steps || (state.frame?.step ?? 0) < 1) return undefined;
  return norms.subarray((rows - 1) * steps, rows * steps);
}

/** How far ‖∂L/∂h_t‖ falls from t = T back to t = 1: the ratio (a float32 0 read as the smallest float32), in orders. */
function fallOf(profile: Float32Array): { ratio: number; orders: number; underflow: number } {
  const first = profile[0];
  const last = profile[profile.length - 1];
  const ratio = Math.max(first, FLOAT32_TINY) / last;
  return { ratio, orders: -Math.log10(ratio), underflow: first < FLOAT32_TINY ? 1 : 0 };
}

/** "41.5 orders", or "more than 44.2 orders" where ‖∂L/∂h_1‖ fell below what float32 holds. */
function ordersText(orders: number, underflow: number): string {
  return `${underflow ? 'more than ' : ''}${Number.isFinite(orders) ? orders.toFixed(1) : '—'} orders`;
}

/** What an explode experiment measures: the step, the loss there, and the first step's loss. */
function measureLoss(state: LiveState): Measured {
  const blewUp = state.divergence?.quantity === 'loss' ? state.divergence.value : undefined;
  return { step: state.divergence?.step ?? state.frame?.step ?? 0, loss: blewUp ?? state.frame?.loss ?? NaN, first: state.initialLoss ?? NaN };
}

/** Lesson 5. */
export const lesson5: Lesson = {
  number: 5,
  title: 'Vanishing and exploding gradients',
  section: '5. The vanishing/exploding gradients problem',
  preset: 'explode',
  settings: { ...PRESETS.explode.settings },
  speed: 20,
  views: ['loss'],
  parts: [
    {
      kind: 'setup',
      title: 'One matrix, again and again',
      views: ['gradient-flow'],
      settings: { recurrentInitGain: LESSON5_GROW_GAIN },
      text: `Backpropagation through time carries the gradient back one step at a time. The loss here reads only the last step, so each step back is one multiplication:

$\\dfrac{\\partial L}{\\partial h_{t-1}} = W_{hh}^\\top \\operatorname{diag}\\big(\\phi'(a_t)\\big)\\, \\dfrac{\\partial L}{\\partial h_t}$

$k$ steps back, $k$ such factors. If they shrink the gradient, it **vanishes**; if they stretch it, it can **explode**.

This network is a ReLU RNN over ${LESSON5_STEPS_FORWARD} steps ($\\phi'$ is 0 or 1), its $W_{hh}$ initialised ${LESSON5_GROW_GAIN}× larger than PyTorch's default.`,
    },
    {
      kind: 'prediction',
      id: 'largest-at',
      title: 'Your prediction',
      views: ['gradient-flow'],
      text: `Press **Step** once: one forward pass, then one backward pass from $t = ${LESSON5_STEPS_FORWARD}$, where the loss is read, back to $t = 1$.`,
      ask: {
        kind: 'choice',
        question: 'Where will $\\lVert \\partial L / \\partial h_t \\rVert$ be largest?',
        options: Object.entries(LARGEST_AT).map(([id, option]) => ({ id, label: option.label })),
      },
    },
    {
      kind: 'experiment',
      id: 'step-explode',
      title: 'One backward pass',
      views: ['gradient-flow'],
      controls: ['run'],
      pointer: { lessonTarget: 'gradient-flow' },
      text: `Press **Step**. The outlined chart draws $\\lVert \\partial L / \\partial h_t \\rVert$ at every $t$ on a log axis: the gradient enters at $t = ${LESSON5_STEPS_FORWARD}$ and travels left.`,
      done: (s, atStart) => s.stepAnimation > atStart.stepAnimation && s.status === 'paused' && s.runInfo?.steps === LESSON5_STEPS_FORWARD && topProfile(s) !== undefined,
      readout: (s) => (topProfile(s) ? `Step ${s.frame?.step}: backward pass done.` : 'Waiting for Step.'),
      measure: (s) => {
        const profile = topProfile(s)!;
        const largest = Math.max(...profile);
        return { step: s.frame?.step ?? 0, largestAt: profile.indexOf(largest) + 1, first: profile[0], last: profile[profile.length - 1] };
      },
    },
    {
      kind: 'reveal',
      prediction: 'largest-at',
      experiment: 'step-explode',
      title: 'What happened',
      views: ['gradient-flow'],
      pointer: { lessonTarget: 'gradient-flow' },
      text: 'The left end of the outlined line is $t = 1$. The bars put your guess and the step where the gradient was largest on one axis of $t$.',
      reveal(answer, m) {
        const option = LARGEST_AT[String(answer)] ?? LARGEST_AT.flat;
        return {
          verdict: `You predicted “${option.label}”. On step ${shown(m.step)} ‖∂L/∂h_t‖ was largest at t = ${shown(m.largestAt)}: ${shown(m.first)} there against ${shown(m.last)} at t = ${LESSON5_STEPS_FORWARD}, ${shown(m.first / m.last)} times as large.`,
          why: `The factors stretched it: this $W_{hh}$ has $\\sigma_{\\max} \\approx ${LESSON5_GROW_SIGMA}$, the most it can stretch a vector, so even with half the ReLUs off the gradient grew at each step back. It **exploded**.`,
          marks: [
            { label: 'where the loss is read', value: LESSON5_STEPS_FORWARD, kind: 'reference' },
            { label: 'the live chart', value: m.largestAt, kind: 'result' },
          ],
          guessRange: option.range,
          scaleLabel: 'time step t where ‖∂L/∂h_t‖ is largest',
          linear: true,
        };
      },
    },
    {
      kind: 'prediction',
      id: 'loss-fate',
      title: 'Your prediction',
      settings: { recurrentInitGain: PRESETS.explode.settings.recurrentInitGain },
      text: `A milder one now: $W_{hh}$ initialised ${PRESETS.explode.settings.recurrentInitGain}× PyTorch's default, $\\sigma_{\\max} \\approx ${LESSON5_EXPLODE_SIGMA}$. It trains by plain SGD at learning rate 2, with gradient clipping off. The loss of its first step is about 0.46.`,
      ask: {
        kind: 'choice',
        question: 'When you train, the loss will…',
        options: Object.entries(LOSS_BANDS).map(([id, band]) => ({ id, label: band.label[0].toUpperCase() + band.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-unclipped',
      title: 'Train it, unclipped',
      views: ['loss'],
      controls: ['run'],
      pointer: { lessonTarget: 'loss' },
      text: 'Press **Train** and watch the outlined loss chart (a log scale). The lesson goes on when training stops by itself.',
      done: (s) => s.status === 'diverged' && s.divergence !== undefined,
      readout: (s) => (s.divergence ? s.divergence.message : `Step ${s.frame?.step ?? 0}${s.frame?.loss !== undefined ? ` · loss ${shown(s.frame.loss)}` : ''}`),
      measure: measureLoss,
    },
    {
      kind: 'reveal',
      prediction: 'loss-fate',
      experiment: 'train-unclipped',
      title: 'What happened',
      views: ['loss'],
      pointer: { lessonTarget: 'loss' },
      text: 'On this seed training stops at step 4. The red banner above the charts says what blew up; the bars put the first loss, your guess and the last loss on one log scale.',
      reveal(answer, m) {
        const band = LOSS_BANDS[String(answer)] ?? LOSS_BANDS.stall;
        return {
          verdict: `You predicted the loss would ${band.label}. It went from ${shown(m.first)} to ${shown(m.loss)} at step ${m.step}, where training stopped: it diverged.`,
          why: 'The gradient exploded: by step 3 its norm was about 80 times step 1’s, and nothing capped it, so the update it made threw the weights far out and step 4’s loss was about 10¹³.',
          marks: [
            { label: 'first step', value: m.first, kind: 'reference' },
            { label: `step ${m.step} (diverged)`, value: m.loss, kind: 'result' },
          ],
          guessRange: band.range(Number.isFinite(m.first) ? m.first : 0.46),
          scaleLabel: 'training loss (log scale)',
        };
      },
    },
    {
      kind: 'prediction',
      id: 'clip-fate',
      title: 'Clip it: your prediction',
      text: `**Gradient clipping** by norm rescales the whole gradient when its norm passes a threshold $\\tau$:

$g \\leftarrow g \\cdot \\min\\left(1, \\tau / \\lVert g \\rVert\\right)$

The direction stays; only the length is capped. With SGD at learning rate 2 and $\\tau = ${LESSON5_CLIP}$, no update moves the weights by more than 0.2.`,
      ask: {
        kind: 'choice',
        question: `Rewind to step 0, clip at ${LESSON5_CLIP} and train the same seed again. The loss will…`,
        options: Object.entries(CLIPPED_BANDS).map(([id, option]) => ({ id, label: option.label[0].toUpperCase() + option.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'clip-and-train',
      title: 'Rewind, clip, train',
      views: ['loss'],
      controls: ['run', 'clipMode', 'clipThreshold'],
      pointer: { label: 'Rewind' },
      text: `Press **Rewind** in the red banner: the weights, the optimizer and the data stream go back to step 0. Set **Gradient clipping** to By global norm (the threshold is already ${LESSON5_CLIP}), press **Train**, and **Pause** after step ${LESSON5_CLIPPED_STEPS}.`,
      done: (s) =>
        s.config.clipMode === 'norm' &&
        Math.abs(s.config.clipThreshold - LESSON5_CLIP) < 1e-9 &&
        s.status === 'paused' &&
        (s.frame?.step ?? 0) >= LESSON5_CLIPPED_STEPS &&
        Number.isFinite(s.frame?.loss),
      readout: (s) => {
        const step = s.frame?.step ?? 0;
        if (s.status === 'diverged') return 'Diverged: press Rewind first.';
        if (s.config.clipMode !== 'norm') return 'Clipping is off: choose By global norm.';
        if (Math.abs(s.config.clipThreshold - LESSON5_CLIP) >= 1e-9) return `Set the clip threshold back to ${LESSON5_CLIP}.`;
        if (step < LESSON5_CLIPPED_STEPS) return `Step ${step} of at least ${LESSON5_CLIPPED_STEPS}, clipped at ${LESSON5_CLIP}.`;
        return s.status === 'running' ? `Step ${step}: press Pause.` : `Step ${step}: measured.`;
      },
      measure: measureLoss,
      settingsAfter: { clipMode: 'norm', clipThreshold: LESSON5_CLIP },
    },
    {
      kind: 'reveal',
      prediction: 'clip-fate',
      experiment: 'clip-and-train',
      title: 'What happened',
      views: ['grad-norm'],
      pointer: { lessonTarget: 'grad-norm' },
      text: `In the outlined chart the orange line is $\\lVert g \\rVert$ before clipping, the green dashes after: never above the threshold line. Train on to step 300 and you will see no step's loss above 0.1 after step 40.`,
      reveal(answer, m, byExperiment) {
        const option = CLIPPED_BANDS[String(answer)] ?? CLIPPED_BANDS.learn;
        const unclipped = byExperiment?.['train-unclipped'];
        return {
          verdict: `You predicted the loss would ${option.label}. Clipped at ${LESSON5_CLIP}, it went from ${shown(m.first)} to ${shown(m.loss)} at step ${m.step}, without diverging.`,
          why: 'Clipping kept each gradient’s direction and capped its length, so no single step could throw the weights out: the seed that blew up at step 4 now learns.',
          marks: [
            { label: 'first step', value: m.first, kind: 'reference' },
            ...(unclipped ? [{ label: `unclipped, step ${unclipped.step}`, value: unclipped.loss, kind: 'reference' as const }] : []),
            { label: `clipped, step ${m.step}`, value: m.loss, kind: 'result' },
          ],
          guessRange: LOSS_BANDS[option.band].range(Number.isFinite(m.first) ? m.first : 0.46),
          scaleLabel: 'training loss (log scale)',
        };
      },
    },
    {
      kind: 'prediction',
      id: 'orders',
      title: 'The other way: vanishing',
      views: ['gradient-flow'],
      settings: { ...PRESETS.vanish.settings, clipThreshold: 1 },
      text: `Now a tanh RNN reading ${LESSON5_STEPS_BACK} steps of the wave, its $W_{hh}$ initialised at half PyTorch's default: $\\sigma_{\\max}(W_{hh}) \\approx ${LESSON5_VANISH_SIGMA}$, and $\\tanh' \\le 1$. So each step back keeps at most ${Math.round(LESSON5_VANISH_SIGMA * 100)}% of the gradient's norm.`,
      ask: {
        kind: 'number',
        question: `Press Step once. By how many orders of magnitude will $\\lVert \\partial L / \\partial h_t \\rVert$ fall from $t = ${LESSON5_STEPS_BACK}$ back to $t = 1$?`,
        label: 'Orders of magnitude',
        min: 0,
        max: 100,
      },
    },
    {
      kind: 'experiment',
      id: 'step-vanish',
      title: 'One backward pass',
      views: ['gradient-flow'],
      controls: ['run'],
      pointer: { lessonTarget: 'gradient-flow' },
      text: `Press **Step**: one training step, so one backward pass through all ${LESSON5_STEPS_BACK} steps. The outlined chart draws $\\lVert \\partial L / \\partial h_t \\rVert$ at every $t$ on a log axis. The gradient enters at $t = ${LESSON5_STEPS_BACK}$, where the loss is read, and travels left.`,
      done: (s, atStart) => s.stepAnimation > atStart.stepAnimation && s.status === 'paused' && s.runInfo?.steps === LESSON5_STEPS_BACK && topProfile(s) !== undefined,
      readout: (s) => (topProfile(s) ? `Step ${s.frame?.step}: backward pass done.` : 'Waiting for Step.'),
      measure: (s) => {
        const profile = topProfile(s)!;
        return { step: s.frame?.step ?? 0, first: profile[0], last: profile[profile.length - 1], ...fallOf(profile) };
      },
    },
    {
      kind: 'reveal',
      prediction: 'orders',
      experiment: 'step-vanish',
      title: 'What happened',
      views: ['gradient-flow'],
      pointer: { lessonTarget: 'gradient-flow' },
      text: `The left end of the outlined line is $t = 1$. The bound said $\\lVert \\partial L / \\partial h_1 \\rVert$ is at most $${LESSON5_VANISH_SIGMA}^{${LESSON5_STEPS_BACK - 1}} \\approx 10^{-22}$ of $\\lVert \\partial L / \\partial h_{${LESSON5_STEPS_BACK}} \\rVert$: a fall of 22 orders or more. On the first step the real fall is about 41 orders: the bound is only a ceiling, and here no step back keeps more than 40%.`,
      reveal(answer, m) {
        const guess = Number(answer);
        return {
          verdict: `You said ${guess} orders. On step ${shown(m.step)}, ‖∂L/∂h_t‖ fell ${ordersText(m.orders, m.underflow)}: from ${shown(m.last)} at t = ${LESSON5_STEPS_BACK} to ${shown(m.first)} at t = 1.`,
          why: `Each step back multiplied the gradient by $W_{hh}^\\top$ and $\\tanh'$, both shrinking it: the first inputs get barely any credit, so the network can hardly learn from them.`,
          marks: [
            { label: 'your guess', value: 10 ** -guess, kind: 'guess' },
            { label: `the bound, ${LESSON5_VANISH_SIGMA}^${LESSON5_STEPS_BACK - 1}`, value: LESSON5_VANISH_SIGMA ** (LESSON5_STEPS_BACK - 1), kind: 'reference' },
            { label: 'this network', value: m.ratio, kind: 'result' },
          ],
          scaleLabel: `‖∂L/∂h₁‖ ÷ ‖∂L/∂h₈₀‖ (log scale)`,
        };
      },
    },
    {
      kind: 'check',
      id: 'clip-vanish',
      title: 'Check',
      views: ['gradient-flow'],
      text: '',
      question: 'Clipping rescued the exploding run. Would it rescue this one?',
      options: [
        {
          id: 'no',
          label: 'No: clipping only scales a gradient down.',
          correct: true,
          feedback: 'It multiplies the whole gradient by one number, at most 1, so the first steps’ share stays as small. What helps is a path back through time that is not multiplied by W_hh at every step: the LSTM’s cell state, next lesson.',
        },
        {
          id: 'low',
          label: 'Yes: a low threshold lifts the small parts of the gradient.',
          correct: false,
          feedback: 'Clipping never makes any part larger; it shortens the whole gradient, small parts included.',
        },
        {
          id: 'high',
          label: 'Yes, with a threshold above 1.',
          correct: false,
          feedback: 'A threshold caps only gradients longer than itself; it never makes a short one longer.',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      views: ['gradient-flow', 'spectral'],
      controls: ['recurrentInitGain', 'sequenceLength', 'run'],
      text: `Predict, then try. Set **W_hh init gain** to 1 and press **Step**: how far does the gradient fall now, and where is $\\sigma_{\\max}$? And with a **Sequence length** of 20? The line below reads the fall off the live chart.

The LSTM of lesson 6 carries its gradient back along a cell state that is scaled by a gate, not by $W_{hh}$.`,
      readout: (s) => {
        const profile = topProfile(s);
        if (!profile) return 'Press Step to measure the fall.';
        const fall = fallOf(profile);
        return `Step ${s.frame?.step}: ‖∂L/∂h_t‖ falls ${ordersText(fall.orders, fall.underflow)} from t = ${profile.length} to t = 1.`;
      },
    },
  ],
};

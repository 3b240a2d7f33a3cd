/**
 * Lesson 6, "LSTM" (the RNN lesson's §6): gates and a cell state let a network hold a symbol across 40 steps
 * where a tanh RNN cannot. On the `remember` task the learner predicts which of the two cells will remember
 * the first symbol, trains the tanh RNN and then the LSTM for 200 steps each from the same seed, sees both
 * held-out accuracies against the prediction, then reads the LSTM's equations and its forget gate on the live
 * model. lesson6.claims.test.ts runs these settings through the core and checks what the cards say.
 */
import { PRESETS } from '../shared/presets';
import type { Answer, Lesson, LiveState, Measured } from './types';
import { pauseProgress } from './progress';

/** The training steps each experiment asks for at least. */
export const LESSON6_MIN_STEPS = 200;

/** The steps the side-by-side comparison (tanh RNN against LSTM) is run for. */
export const LESSON6_COMPARE_STEPS = 200;

/** What the side-by-side card says of the mean of the last 20 of those steps' training losses (lesson6.claims.test.ts). */
export const LESSON6_COMPARE_LOSS = { tanhAbove: 1.2, lstmBelow: 0.1 } as const;

/** Held-out accuracy, in %, that counts as remembering; and chance (one of four symbols). */
const REMEMBERS = 90;
const CHANCE = 25;

/** The prediction's options: which cells remember (over 90%), each as the accuracy it expects of each cell. */
const OUTCOMES: Record<string, { label: string; tanh: number; lstm: number }> = {
  lstm: { label: 'only the LSTM', tanh: CHANCE, lstm: REMEMBERS },
  both: { label: 'both', tanh: REMEMBERS, lstm: REMEMBERS },
  tanh: { label: 'only the tanh RNN', tanh: REMEMBERS, lstm: CHANCE },
  neither: { label: 'neither: both stay near chance (25%)', tanh: CHANCE, lstm: CHANCE },
};

/** A percentage as the card prints it: "97.7". */
function percent(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? Number(value.toFixed(1)).toString() : '—';
}

/** An experiment that trains one cell: done once the learner pauses it at step 200 or later. */
function trainedCell(cell: 'rnn-tanh' | 'lstm') {
  return {
    done: (s: LiveState) =>
      s.config.cell === cell && s.runInfo?.cell === cell && s.status === 'paused' && (s.frame?.step ?? 0) >= LESSON6_MIN_STEPS && Number.isFinite(s.metrics?.accuracy),
    readout: (s: LiveState) => {
      if (s.config.cell !== cell) return cell === 'lstm' ? 'Set Cell to LSTM first.' : '';
      return pauseProgress(s, LESSON6_MIN_STEPS);
    },
    measure: (s: LiveState): Measured => ({ step: s.frame?.step ?? 0, accuracy: (s.metrics?.accuracy ?? NaN) * 100 }),
  };
}

/** Under the gates' cards: the step the heatmaps show, or where to go when the run is not a trained LSTM (a reload starts afresh). */
function trainedGates(s: LiveState): string {
  const step = s.frame?.step ?? 0;
  if (s.runInfo?.cell === 'lstm' && step >= LESSON6_MIN_STEPS) return `The maps show the LSTM at training step ${step}.`;
  return `This LSTM is not trained yet (a reload starts the run afresh): go Back to “Now the LSTM” and train it past step ${LESSON6_MIN_STEPS}.`;
}

/** The reveal: each cell's accuracy, guessed and measured, on one scale with chance. */
function revealBoth(answer: Answer, lstm: Measured, byExperiment: Readonly<Record<string, Measured>> = {}) {
  const outcome = OUTCOMES[String(answer)] ?? OUTCOMES.lstm;
  const tanh = byExperiment['train-tanh'] ?? {};
  return {
    verdict: `You predicted “${outcome.label}”. On this one seed, held out, the tanh RNN names ${percent(tanh.accuracy)}% of first symbols right (step ${tanh.step ?? '—'}); the LSTM ${percent(lstm.accuracy)}% (step ${lstm.step}).`,
    why: 'The tanh RNN rewrites all of $h$ through a tanh at every step, and 40 random symbols bury the first. The LSTM adds to its cell state instead: $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$.',
    marks: [
      { label: 'chance', value: CHANCE, kind: 'reference' as const },
      { label: 'tanh RNN, your guess', value: outcome.tanh, kind: 'guess' as const },
      { label: 'tanh RNN, measured', value: tanh.accuracy ?? NaN, kind: 'result' as const },
      { label: 'LSTM, your guess', value: outcome.lstm, kind: 'guess' as const },
      { label: 'LSTM, measured', value: lstm.accuracy, kind: 'result' as const },
    ],
    scaleLabel: 'held-out accuracy, %',
    linear: true,
  };
}

/** Lesson 6. */
export const lesson6: Lesson = {
  number: 6,
  title: 'LSTM',
  section: '6. Long Short-Term Memory (LSTM)',
  preset: 'remember',
  settings: { ...PRESETS.remember.settings },
  speed: 20,
  views: ['metric', 'loss'],
  parts: [
    {
      kind: 'setup',
      title: 'Remember the first symbol',
      views: ['metric'],
      pointer: { lessonTarget: 'metric' },
      text: `A task that needs long memory. The first of 41 steps shows one of four symbols, A to D, with a start marker; then 40 random symbols from the same four follow. After the last one the network must name the marked symbol.

A guess is right one time in four: the outlined chart will show the **held-out accuracy**, on sequences the network never trains on, against that 25%.

A tanh RNN has to carry the symbol through 40 updates of $h_t = \\tanh(W_{ih}x_t + W_{hh}h_{t-1} + b)$, each of them mixing in a new random symbol.`,
    },
    {
      kind: 'prediction',
      id: 'who-remembers',
      title: 'Your prediction',
      views: ['metric'],
      text: `Two cells get the same task, seed and at least ${LESSON6_MIN_STEPS} training steps: the tanh RNN, and an **LSTM** (long short-term memory), which adds gates and a second state, the **cell state** $c_t$.`,
      ask: {
        kind: 'choice',
        question: `After ${LESSON6_MIN_STEPS} steps, which one names the first symbol right more than 90% of the time?`,
        options: Object.entries(OUTCOMES).map(([id, o]) => ({ id, label: o.label[0].toUpperCase() + o.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-tanh',
      title: 'Train the tanh RNN',
      controls: ['run'],
      pointer: { lessonTarget: 'metric' },
      text: `Press **Train** and watch the held-out accuracy in the outlined chart. Press **Pause** once the status line shows step ${LESSON6_MIN_STEPS} or more: pausing measures it.`,
      ...trainedCell('rnn-tanh'),
    },
    {
      kind: 'experiment',
      id: 'train-lstm',
      title: 'Now the LSTM',
      controls: ['cell', 'run'],
      pointer: { lessonTarget: 'metric' },
      text: `Set **Cell** to LSTM: the model is rebuilt from the same seed, back at step 0. Press **Train**, and **Pause** at step ${LESSON6_MIN_STEPS} or more.`,
      ...trainedCell('lstm'),
      settingsAfter: { cell: 'lstm' },
    },
    {
      kind: 'reveal',
      prediction: 'who-remembers',
      experiment: 'train-lstm',
      title: 'What happened',
      text: 'The bars are held-out accuracies from 0 to 100%, one seed each: your guess and the measured value for each cell, and chance.',
      reveal: revealBoth,
    },
    {
      kind: 'pointer',
      title: 'Side by side',
      views: ['compare'],
      pointer: { lessonTarget: 'compare' },
      text: `Switching the cell replaced the tanh RNN's run. To see both curves at once, use the outlined **Compare** panel: set **Change** to Cell, **to** RNN (tanh), **Steps** to ${LESSON6_COMPARE_STEPS}, and press **Run comparison**. A is the live LSTM, B the tanh RNN: same seed, same batches, each in its own worker.

On this seed, over the last 20 of ${LESSON6_COMPARE_STEPS} steps the tanh RNN's training loss averages above ${LESSON6_COMPARE_LOSS.tanhAbove}, near $\\ln 4 \\approx 1.39$ (guessing one of four), while the LSTM's averages below ${LESSON6_COMPARE_LOSS.lstmBelow}. One seed: another may differ in detail.`,
    },
    {
      kind: 'pointer',
      title: 'The LSTM, as PyTorch writes it',
      views: ['inside'],
      pointer: { lessonTarget: 'inside' },
      readout: trainedGates,
      text: `$\\begin{aligned} i_t &= \\sigma(W_{ii}x_t + b_{ii} + W_{hi}h_{t-1} + b_{hi}) \\\\ f_t &= \\sigma(W_{if}x_t + b_{if} + W_{hf}h_{t-1} + b_{hf}) \\\\ g_t &= \\tanh(W_{ig}x_t + b_{ig} + W_{hg}h_{t-1} + b_{hg}) \\\\ o_t &= \\sigma(W_{io}x_t + b_{io} + W_{ho}h_{t-1} + b_{ho}) \\\\ c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t \\\\ h_t &= o_t \\odot \\tanh(c_t) \\end{aligned}$

Four blocks of weights: the **input gate** $i$, the **forget gate** $f$, the candidate $g$ (the RNN lesson's $\\tilde C_t$) and the **output gate** $o$; $\\sigma$ gives 0 (closed) to 1 (open). The outlined heatmaps show each of them, and $c$ and $h$, on one sequence, the probe, at the full lag of 40 and with C as its first symbol.`,
    },
    {
      kind: 'pointer',
      title: 'The forget gate holds it',
      views: ['inside'],
      pointer: { label: 'forget gate f of layer 0' },
      readout: trainedGates,
      text: `Each row of the outlined map is one unit's forget gate over the 41 steps. Before training every $f$ sat near 0.5. Now a few rows stay above 0.9 at every step after the first (point at a cell to read it).

On those units $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ keeps most of $c_{t-1}$ at each step, so what the marked step wrote into the **cell state** $c$ (its map is further down) can last 40 steps: $0.95^{40} \\approx 0.13$, where $0.5^{40} \\approx 10^{-12}$.`,
    },
    {
      kind: 'check',
      id: 'what-holds',
      title: 'Check',
      text: '',
      question: 'What lets the LSTM carry the first symbol across 40 steps?',
      options: [
        {
          id: 'forget',
          label: 'Forget gates near 1: the cell state is carried forward, scaled by f, instead of rewritten through a tanh.',
          correct: true,
          feedback: 'With f near 1 and i near 0, cₜ is almost cₜ₋₁: the symbol stays while the others pass.',
        },
        {
          id: 'output',
          label: 'The output gate o, which opens only at the last step.',
          correct: false,
          feedback: 'o only decides how much of c shows in h at each step; c is what keeps the symbol, through f.',
        },
        {
          id: 'size',
          label: 'It has more weights: four blocks instead of one.',
          correct: false,
          feedback: 'More weights do not stop a tanh RNN from rewriting all of h at every step. Lesson 7’s GRU remembers with three blocks.',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      views: ['metric', 'inside'],
      controls: ['cell', 'sequenceLength', 'run'],
      text: `Make it harder: set **Sequence length** to 81, a lag of 80, and train the LSTM again. Does it still pass 90%, and after how many steps? Predict first.

Then find the units whose forget gate stays near 1 in your run, and look at their rows of $c$.`,
    },
  ],
};

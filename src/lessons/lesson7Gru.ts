/**
 * Lesson 7, "GRU" (the RNN lesson's §7): a gated cell with three blocks of weights instead of the LSTM's four
 * and no cell state. On the `remember` task the learner reads the GRU's equations (and how PyTorch's z differs
 * from the RNN lesson's), predicts how well it remembers with fewer parameters, switches the live model from
 * LSTM to GRU and trains it, then reads its update gate. lesson7.claims.test.ts checks the counts, the
 * accuracy and what the cards say about z on these settings.
 */
import { CELL_LABELS } from '../shared/config';
import { HORIZON_STEPS } from '../shared/horizon';
import { PRESETS } from '../shared/presets';
import { recurrentParameterCount } from './lesson2HiddenState';
import type { Lesson, LiveState } from './types';
import { pauseProgress } from './progress';

/** The training steps the experiment asks for at least. */
export const LESSON7_MIN_STEPS = 200;

/** The recurrent layer's size on the lesson's settings (16 units, 5 inputs), as the cards state it. */
export const LESSON7_COUNTS = { lstm: 1472, gru: 1104 } as const;

const CHANCE = 25;

/** The LSTM's held-out accuracy (%) at step 200 on these settings and seed (lesson 6's run), drawn beside the GRU's. */
export const LESSON7_LSTM_ACCURACY = 97.7;

/** The prediction's options, each with the band of held-out accuracy (%) it stands for. */
const BANDS: Record<string, { label: string; range: [number, number] }> = {
  well: { label: 'over 90%, as well as the LSTM', range: [90, 100] },
  between: { label: 'between chance and 90%', range: [30, 90] },
  chance: { label: 'near chance (25%), like the tanh RNN', range: [20, 30] },
};

/** A count as the card prints it: 1,104. */
function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';
}

/** "The live model's recurrent layer (GRU) holds 1,104 numbers." */
function liveCount(s: LiveState): string {
  return s.runInfo ? `The live model's recurrent layer (${CELL_LABELS[s.runInfo.cell]}) holds ${count(recurrentParameterCount(s.runInfo))} numbers.` : '';
}

/** Under the gates' card: the step the heatmaps show, or where to go when the run is not a trained GRU (a reload starts afresh). */
function trainedGates(s: LiveState): string {
  const step = s.frame?.step ?? 0;
  if (s.runInfo?.cell === 'gru' && step >= LESSON7_MIN_STEPS) return `The maps show the GRU at training step ${step}.`;
  return `This GRU is not trained yet (a reload starts the run afresh): go Back to “Train the GRU” and train it past step ${LESSON7_MIN_STEPS}.`;
}

/** Lesson 7. */
export const lesson7: Lesson = {
  number: 7,
  title: 'GRU',
  section: '7. Gated Recurrent Units (GRUs)',
  preset: 'remember',
  settings: { ...PRESETS.remember.settings, cell: 'lstm' },
  speed: 20,
  views: ['metric', 'inside'],
  parts: [
    {
      kind: 'setup',
      title: 'One gate fewer',
      views: ['metric'],
      text: `Lesson 6's task again: name the marked first symbol of 41, after 40 random ones. Each step's input $x_t$ is 5 numbers, a **one-hot** code: one slot per symbol A–D and a fifth for the start marker, so the first step is two 1s and every later step a single 1. Training sequences also start with some **blank steps** (all five 0) so the lag varies; held-out ones never do. The live model is an LSTM, as at the end of lesson 6.

A **GRU** (gated recurrent unit) does without the cell state and merges the forget and input gates into one **update gate** $z$. It has three blocks of weights where the LSTM has four: a reset gate $r$, the update gate $z$ and a candidate $n$. Each block here is $16 \\times 5$ input weights, $16 \\times 16$ recurrent weights and two biases of 16: 368 numbers.`,
      readout: liveCount,
    },
    {
      kind: 'setup',
      title: 'The GRU, as PyTorch writes it',
      views: ['metric'],
      text: `$\\begin{aligned} r_t &= \\sigma(W_{ir}x_t + b_{ir} + W_{hr}h_{t-1} + b_{hr}) \\\\ z_t &= \\sigma(W_{iz}x_t + b_{iz} + W_{hz}h_{t-1} + b_{hz}) \\\\ n_t &= \\tanh(W_{in}x_t + b_{in} \\\\ &\\qquad + r_t \\odot (W_{hn}h_{t-1} + b_{hn})) \\\\ h_t &= (1 - z_t) \\odot n_t + z_t \\odot h_{t-1} \\end{aligned}$

**Mind the notation.** The RNN lesson writes $h_t = (1 - z_t)\\,h_{t-1} + z_t\\,\\tilde h_t$; PyTorch, and this app, write $h_t = (1 - z_t)\\,n_t + z_t\\,h_{t-1}$. The roles of $z$ are swapped: here $z$ near 1 **keeps** the old state, where in the lesson's notation it takes the new candidate. $n_t$ is the lesson's $\\tilde h_t$.`,
    },
    {
      kind: 'prediction',
      id: 'gru-as-well',
      title: 'Your prediction',
      views: ['metric'],
      text: `Three blocks instead of four: the GRU's recurrent layer holds ${count(LESSON7_COUNTS.gru)} numbers, the LSTM's ${count(LESSON7_COUNTS.lstm)}. Same task, same seed, at least ${LESSON7_MIN_STEPS} training steps.`,
      ask: {
        kind: 'choice',
        question: `After ${LESSON7_MIN_STEPS} steps, the GRU's held-out accuracy will be…`,
        options: Object.entries(BANDS).map(([id, band]) => ({ id, label: band.label[0].toUpperCase() + band.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-gru',
      title: 'Train the GRU',
      controls: ['cell', 'run'],
      pointer: { lessonTarget: 'metric' },
      text: `Set **Cell** to GRU: the model is rebuilt from the same seed, at step 0. Press **Train**, watch the outlined chart, and press **Pause** at step ${LESSON7_MIN_STEPS} or more.`,
      done: (s) => s.config.cell === 'gru' && s.runInfo?.cell === 'gru' && s.status === 'paused' && (s.frame?.step ?? 0) >= LESSON7_MIN_STEPS && Number.isFinite(s.metrics?.accuracy),
      readout: (s) => {
        if (s.config.cell !== 'gru') return `${liveCount(s)} Set Cell to GRU.`;
        return pauseProgress(s, LESSON7_MIN_STEPS);
      },
      measure: (s) => ({ step: s.frame?.step ?? 0, accuracy: (s.metrics?.accuracy ?? NaN) * 100, parameters: s.runInfo ? recurrentParameterCount(s.runInfo) : NaN }),
      settingsAfter: { cell: 'gru' },
    },
    {
      kind: 'reveal',
      prediction: 'gru-as-well',
      experiment: 'train-gru',
      title: 'What happened',
      text: `Held-out accuracy from 0 to 100%, one seed: the GRU, the LSTM of lesson 6 at step ${LESSON7_MIN_STEPS} on the same seed, chance, and your guess as the shaded band.`,
      reveal(answer, m) {
        const band = BANDS[String(answer)] ?? BANDS.well;
        return {
          verdict: `You predicted “${band.label}”. With ${count(m.parameters)} numbers in its recurrent layer, the GRU names ${Number.isFinite(m.accuracy) ? Number(m.accuracy.toFixed(1)) : '—'}% of held-out first symbols right at step ${m.step}.`,
          why: 'One update gate does the work of two: where $z$ is near 1 a unit keeps $h_{t-1}$ and ignores $n_t$, so the GRU holds the symbol in $h$ as the LSTM holds it in $c$.',
          marks: [
            { label: 'chance', value: CHANCE, kind: 'reference' },
            { label: `LSTM, step ${LESSON7_MIN_STEPS} (one seed)`, value: LESSON7_LSTM_ACCURACY, kind: 'reference' },
            { label: 'GRU, measured', value: m.accuracy, kind: 'result' },
          ],
          guessRange: band.range,
          scaleLabel: 'held-out accuracy, %',
          linear: true,
        };
      },
    },
    {
      kind: 'pointer',
      title: 'The update gate holds it',
      views: ['inside'],
      pointer: { label: 'update gate z of layer 0' },
      readout: trainedGates,
      text: `Each row of the outlined map is one unit's update gate over the 41 steps of the probe sequence. Before training every $z$ sat near 0.5. Now many rows are bright, and a few stay above 0.9 at every step after the first (point at a cell to read it). Those units carry $h_{t-1}$ forward almost unchanged: $h_t \\approx h_{t-1}$ where $z_t \\approx 1$.

The map above it is the **reset gate** $r$: how much of $h_{t-1}$ goes into the candidate $n_t$.`,
    },
    {
      kind: 'check',
      id: 'z-is-one',
      title: 'Check',
      text: '',
      question: 'In this app’s GRU (PyTorch’s), what does a unit whose zₜ is 1 do at step t?',
      options: [
        {
          id: 'keeps',
          label: 'It keeps its old state: hₜ = hₜ₋₁.',
          correct: true,
          feedback: 'In PyTorch’s notation z weighs the old state and 1 − z the candidate n.',
        },
        {
          id: 'replaces',
          label: 'It takes the new candidate: hₜ = nₜ.',
          correct: false,
          feedback: 'That is the RNN lesson’s notation, where z weighs the candidate. PyTorch and this app swap the roles of z.',
        },
        {
          id: 'resets',
          label: 'It forgets everything: hₜ = 0.',
          correct: false,
          feedback: 'Nothing in a GRU sets h to 0; the reset gate r only scales hₜ₋₁ inside the candidate n.',
        },
      ],
    },
    {
      kind: 'pointer',
      title: 'Side by side',
      views: ['compare'],
      pointer: { lessonTarget: 'compare' },
      text: `To see the tanh RNN's curve beside the GRU's, use the outlined **Compare** panel: **Change** Cell **to** RNN (tanh), **Steps** ${LESSON7_MIN_STEPS}, **Run comparison**. A is the live GRU, B the tanh RNN, from the same seed. Try **to** LSTM too.`,
    },
    {
      kind: 'pointer',
      title: 'How far back can each remember?',
      views: ['horizon'],
      pointer: { lessonTarget: 'horizon' },
      text: `Lag 40 is one point. The outlined panel measures a curve: each cell trained ${HORIZON_STEPS} steps at lags 5, 10, 20 and 40, held-out accuracy against lag, on one seed. Press **Measure the memory horizon** (it runs apart from the live model; **Stop** keeps what is measured).

Predict first: at what lag does the tanh RNN fall to chance? The panel's second chart shows why it is hard for all three at the start: $\\lVert \\partial L / \\partial h_t \\rVert$ before training (dashed) vanishes toward $t = 1$ for every cell.`,
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      controls: ['cell', 'hiddenSize', 'run'],
      text: `Predict, then count: with **Hidden size** 32, how many numbers does the GRU's recurrent layer hold? Each block is $H \\times 5 + H \\times H + 2H$. The line below counts them on the live model; switch **Cell** to LSTM to compare.`,
      readout: liveCount,
    },
  ],
};

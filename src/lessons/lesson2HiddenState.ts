/**
 * Lesson 2, "Hidden state and parameter sharing" (the RNN lesson's §2): h_t carries the past, and one set of
 * weights runs at every step. The learner steps through a forward and backward pass, predicts how many numbers
 * the recurrent layer holds once the sequence is twice as long, doubles it, and reads the live model's count.
 * claims.test.ts checks the count against the trainer's own variables at both lengths.
 */
import { rnnParamInfos, sizeOf } from '../shared/spec';
import type { RunInfo } from '../shared/protocol';
import type { Lesson } from './types';

/** The sequence length the experiment asks for (twice the lesson's 20). */
export const LESSON2_LONG_SEQUENCE = 40;

/** How many numbers the live model's recurrent layers hold (every W_ih, W_hh, b_ih, b_hh; no head). */
export function recurrentParameterCount(info: Pick<RunInfo, 'cell' | 'inputSize' | 'hiddenSize' | 'numLayers' | 'bidirectional'>): number {
  const spec = { cell: info.cell, inputSize: info.inputSize, hiddenSize: info.hiddenSize, numLayers: info.numLayers, bidirectional: info.bidirectional, dropout: 0 };
  return rnnParamInfos(spec).reduce((sum, p) => sum + sizeOf(p.shape), 0);
}

/** A count as the card prints it: 12,160. */
function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Lesson 2. */
export const lesson2: Lesson = {
  number: 2,
  title: 'Hidden state and parameter sharing',
  section: '2. Core idea: loops and hidden states',
  settings: { task: 'sine', cell: 'rnn-tanh', hiddenSize: 16, numLayers: 1, bidirectional: false, sequenceLength: 20, sinePeriod: 16, sineNoise: 0.05, learningRate: 0.01, optimizer: 'adam', clipMode: 'off', seed: 1 },
  speed: 20,
  views: ['unrolled', 'inside'],
  parts: [
    {
      kind: 'pointer',
      title: 'Memory: the hidden state',
      pointer: { lessonTarget: 'unrolled' },
      text: `At every step the cell mixes the new input with what it remembers:

$h_t = \\tanh(W_{xh}\\,x_t + W_{hh}\\,h_{t-1} + b_h)$

$h_t$ is the **hidden state**: 16 numbers here, the network's memory of $x_1 \\dots x_t$ (it starts at $h_0 = 0$). In the outlined diagram it is the arrow from each column to the next.

The lesson writes $W_{xh}$ and $W_{hh}$; PyTorch and this app call them weight_ih and weight_hh, and split $b_h$ into two biases, $b_{ih} + b_{hh}$.`,
    },
    {
      kind: 'experiment',
      id: 'step-once',
      title: 'Step through it',
      controls: ['run'],
      pointer: { lessonTarget: 'unrolled' },
      text: `Press **Step**. The diagram plays one training step: the forward pass runs left to right, each $h_t$ computed from $h_{t-1}$; then the gradient of the loss travels back right to left, through the same arrows. Press it a few times and watch.`,
      done: (s, atStart) => s.stepAnimation > atStart.stepAnimation && (s.frame?.step ?? 0) >= 1 && s.status === 'paused',
      readout: (s) => ((s.frame?.step ?? 0) >= 1 ? `Step ${s.frame?.step} done: forward pass, then backward pass.` : 'Waiting for Step.'),
      measure: (s) => ({ step: s.frame?.step ?? 0 }),
    },
    {
      kind: 'pointer',
      title: 'Inside the cell',
      views: ['inside'],
      pointer: { label: 'hidden state h of layer 0' },
      text: `These heatmaps show one example at this training step, a row per unit and a column per time step. The outlined one is **h**, the hidden state; the one above it, **a**, is what goes into the tanh. Each column of h is computed from the column before it. Point at a cell, or use the arrow keys, to read its value; the equations with them name every weight.`,
    },
    {
      kind: 'prediction',
      id: 'count-at-40',
      title: 'Your prediction',
      views: ['unrolled'],
      text: `The same cell, with the same weights, runs at each of the 20 steps: this is **parameter sharing**. Its recurrent layer holds $W_{xh}$ (16 × 1), $W_{hh}$ (16 × 16) and two biases of 16: 304 numbers in all.`,
      ask: {
        kind: 'number',
        question: `You are about to make the sequence ${LESSON2_LONG_SEQUENCE} steps long. How many numbers will the recurrent layer hold then?`,
        label: 'Numbers in the recurrent layer',
        min: 0,
        max: 1_000_000,
      },
    },
    {
      kind: 'experiment',
      id: 'double-length',
      title: 'Make it longer',
      views: ['unrolled'],
      controls: ['sequenceLength'],
      pointer: { lessonTarget: 'unrolled' },
      text: `Set **Sequence length** to ${LESSON2_LONG_SEQUENCE}. The model is rebuilt for the longer window and the outlined diagram unrolls it over more steps.`,
      done: (s) => s.config.sequenceLength === LESSON2_LONG_SEQUENCE && s.runInfo?.steps === LESSON2_LONG_SEQUENCE && (s.status === 'idle' || s.status === 'paused'),
      readout: (s) => `The diagram has ${s.runInfo?.steps ?? '…'} steps.`,
      measure: (s) => ({ parameters: s.runInfo ? recurrentParameterCount(s.runInfo) : NaN, steps: s.runInfo?.steps ?? NaN }),
      settingsAfter: { sequenceLength: LESSON2_LONG_SEQUENCE },
    },
    {
      kind: 'reveal',
      prediction: 'count-at-40',
      experiment: 'double-length',
      title: 'What happened',
      views: ['unrolled'],
      text: 'The bars are on a log scale: your guess, the live model, and what a separate cell per step would need.',
      reveal(answer, m) {
        const guess = Number(answer);
        return {
          verdict: `You said ${count(guess)}. The live model's recurrent layer holds ${count(m.parameters)} numbers, now unrolled over ${m.steps} steps.`,
          why: 'Unrolling repeats the computation, not the weights: every column uses the same $W_{xh}$, $W_{hh}$ and biases, so a longer sequence takes more time but no more parameters.',
          marks: [
            { label: 'your guess', value: guess, kind: 'guess' },
            { label: 'the live model', value: m.parameters, kind: 'result' },
            { label: `a cell per step (${m.steps} × ${count(m.parameters)})`, value: m.steps * m.parameters, kind: 'reference' },
          ],
          scaleLabel: 'numbers in the recurrent layer (log scale)',
        };
      },
    },
    {
      kind: 'check',
      id: 'any-length',
      title: 'Check',
      text: '',
      question: 'Why can one trained RNN read sequences of any length?',
      options: [
        {
          id: 'shared',
          label: 'The same weights are applied at every step, so nothing in them depends on the length.',
          correct: true,
          feedback: 'The length only decides how many times the cell runs.',
        },
        {
          id: 'per-step',
          label: 'It learns a separate W_hh for each step and adds more when needed.',
          correct: false,
          feedback: 'You just saw the count stay the same when the length doubled.',
        },
        {
          id: 'padding',
          label: 'It pads every sequence to one fixed length.',
          correct: false,
          feedback: 'Nothing is padded here: the cell runs once per input, however many there are.',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      views: ['unrolled', 'inside'],
      controls: ['hiddenSize', 'sequenceLength', 'run'],
      text: `Predict first, then try: with **Hidden size** 32, how many numbers does the layer hold? ($W_{hh}$ is $H \\times H$.) The line below counts them on the live model.

Then train a while and press **Step**: watch $h$ change along the sequence in the heatmap.`,
      readout: (s) => (s.runInfo ? `The recurrent layer holds ${count(recurrentParameterCount(s.runInfo))} numbers; the diagram unrolls it over ${s.runInfo.steps} steps.` : ''),
    },
  ],
};

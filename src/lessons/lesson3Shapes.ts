/**
 * Lesson 3, "The four sequence shapes" (the RNN lesson's §3): where an RNN's outputs sit decides what it can
 * do. The learner sees the sine forecaster's one output at the last step, gives it an output at every step
 * (many-to-many, synchronized), then predicts where reversing digits puts its outputs, switches the task and
 * reads the answer off the unrolled diagram: an encoder that writes nothing, then a decoder (many-to-many,
 * delayed). The cell is a tanh RNN: the diagram shows no gates before lesson 6 teaches them. lesson3.claims.test.ts checks the diagrams' shapes and the training claim of the last card.
 */
import type { RunInfo } from '../shared/protocol';
import type { Lesson, LiveState, Measured } from './types';

/** The digits the reverse task reads in this lesson (the task's default). */
export const LESSON3_DIGITS = 4;

/** The training steps the last cards say the tanh RNN needs to reverse most sequences exactly. */
export const LESSON3_TRAIN_STEPS = 600;

/** Where a diagram's outputs ŷ are: the first step that has one (1-based) and how many there are. */
export function outputSteps(info: Pick<RunInfo, 'readout' | 'steps' | 'decoderSteps'>): { first: number; count: number } {
  if (info.readout === 'all') return { first: 1, count: info.steps };
  if (info.readout === 'decoder') return { first: info.steps - (info.decoderSteps ?? 0) + 1, count: info.decoderSteps ?? 0 };
  return { first: info.steps, count: 1 };
}

/** The prediction's options: where the learner expects reversing digits to put its first output ŷ. */
const SHAPES: Record<string, { label: string; firstOutput(digits: number): number }> = {
  'many-to-one': { label: 'one output, after the last digit is read (many-to-one)', firstOutput: (n) => n },
  synchronized: { label: 'an output under every input digit, from the first step (many-to-many, synchronized)', firstOutput: () => 1 },
  delayed: { label: 'no output while it reads; outputs only after the whole input (many-to-many, delayed)', firstOutput: (n) => n + 1 },
};

/** What the diagram shows once the task is switched. */
function measureShape(state: LiveState): Measured {
  const info = state.runInfo;
  if (!info) return { steps: NaN, first: NaN, count: NaN };
  return { steps: info.steps, ...outputSteps(info) };
}

/** Lesson 3. */
export const lesson3: Lesson = {
  number: 3,
  title: 'The four sequence shapes',
  section: '3. Different RNN architectures',
  settings: { task: 'sine', cell: 'rnn-tanh', hiddenSize: 16, numLayers: 1, bidirectional: false, sequenceLength: 20, sinePeriod: 16, sineNoise: 0.05, forecastTarget: 'last', reverseDigits: LESSON3_DIGITS, learningRate: 0.01, optimizer: 'adam', clipMode: 'off', seed: 1 },
  speed: 20,
  views: ['unrolled'],
  parts: [
    {
      kind: 'pointer',
      title: 'Where the outputs are',
      pointer: { lessonTarget: 'unrolled' },
      text: `An RNN reads its inputs one step at a time; **where it writes outputs** decides what it can do. There are four shapes:

**one-to-many**: one input, a sequence out (a caption from one image); **many-to-one**: a sequence in, one output (the sentiment of a review); **many-to-many, synchronized**: an output for every input (a tag for every word); **many-to-many, delayed**: read everything, then write (translation).

The outlined diagram is this lesson's sine forecaster: 20 inputs, and one output $\\hat y$, in the top row above the last column. It is **many-to-one**, like the app's sentiment task.`,
    },
    {
      kind: 'experiment',
      id: 'every-step',
      title: 'An output at every step',
      controls: ['forecastTarget'],
      pointer: { lessonTarget: 'unrolled' },
      text: `Set **Predict** to “The next value at every step”. The network is rebuilt to forecast the next value after each input it reads, and the diagram's top row fills with outputs: **many-to-many, synchronized**.

The character generation task has this shape: after each character it predicts the next one.`,
      done: (s) => s.config.forecastTarget === 'every' && s.runInfo?.readout === 'all' && (s.status === 'idle' || s.status === 'paused'),
      readout: (s) => (s.runInfo ? `Outputs ŷ in the diagram: ${outputSteps(s.runInfo).count} of ${s.runInfo.steps} steps.` : ''),
      measure: measureShape,
      settingsAfter: { forecastTarget: 'every' },
    },
    {
      kind: 'prediction',
      id: 'reverse-shape',
      title: 'Your prediction',
      text: `Next task: **reverse digits**. The network reads ${LESSON3_DIGITS} digits, one per step, say 3 5 1 7, and must write them back reversed: 7 1 5 3. ${LESSON3_DIGITS} in, ${LESSON3_DIGITS} out.`,
      ask: {
        kind: 'choice',
        question: 'Where will its outputs ŷ be in the unrolled diagram?',
        options: Object.entries(SHAPES).map(([id, shape]) => ({ id, label: shape.label[0].toUpperCase() + shape.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'switch-to-reverse',
      title: 'Switch the task',
      controls: ['task'],
      pointer: { lessonTarget: 'unrolled' },
      text: 'Set **Task** to “Reverse digits (encoder–decoder)”. The network is rebuilt for the new task, and the outlined diagram is unrolled over its steps.',
      done: (s) => s.config.task === 'reverse' && s.runInfo?.readout === 'decoder' && (s.status === 'idle' || s.status === 'paused'),
      readout: (s) => (s.runInfo ? `The diagram has ${s.runInfo.steps} steps.` : ''),
      measure: measureShape,
      settingsAfter: { task: 'reverse' },
    },
    {
      kind: 'reveal',
      prediction: 'reverse-shape',
      experiment: 'switch-to-reverse',
      title: 'What happened',
      // the column of the first output: the answer, on the diagram
      pointer: { label: `Time step ${LESSON3_DIGITS + 1},` },
      text: 'The outlined column of the diagram is the answer: the first step with an output $\\hat y$ in its top row. The bars give that step, beside your guess.',
      reveal(answer, m) {
        const shape = SHAPES[String(answer)] ?? SHAPES.synchronized;
        const read = m.first - 1;
        return {
          verdict: `You predicted “${shape.label.split(' (')[0]}”. The diagram has ${m.steps} steps: an encoder reads the ${read} digits at t = 1–${read} and writes nothing; a decoder writes ${m.count} outputs ŷ at t = ${m.first}–${m.steps}.`,
          why: 'The first digit to write is the last one read, so no output can come before the whole input is in: **many-to-many, delayed**, an encoder–decoder.',
          marks: [
            { label: 'the last digit is read', value: read, kind: 'reference' },
            { label: 'your guess', value: shape.firstOutput(LESSON3_DIGITS), kind: 'guess' },
            { label: 'the live diagram', value: m.first, kind: 'result' },
          ],
          scaleLabel: 'time step t of the first output ŷ',
          linear: true,
        };
      },
    },
    {
      kind: 'check',
      id: 'generation-shape',
      title: 'Check',
      text: 'The character generation task trains with an output at every step. To **write** text (its “Try it”), it starts from a seed, samples a next character, feeds that back in as an input, samples again, and so on.',
      question: 'Which shape is writing text from a one-character seed?',
      options: [
        {
          id: 'one-to-many',
          label: 'One-to-many: one input in, a sequence out.',
          correct: true,
          feedback: 'Each output becomes the next input, so one seed unrolls into as many characters as you ask for.',
        },
        {
          id: 'many-to-one',
          label: 'Many-to-one: it reads many characters and writes one.',
          correct: false,
          feedback: 'It writes a character at every step, not one at the end.',
        },
        {
          id: 'delayed',
          label: 'Many-to-many, delayed: it reads a whole text first.',
          correct: false,
          feedback: 'Nothing is read in full first: from the seed on, each step writes.',
        },
      ],
    },
    {
      kind: 'pointer',
      title: 'Train it',
      controls: ['run'],
      views: ['metric'],
      pointer: { lessonTarget: 'metric' },
      text: `Press **Train** and watch the outlined held-out accuracy: the share of ${LESSON3_DIGITS}-digit sequences it writes back exactly reversed. On this seed this plain tanh RNN passes 90% by step ${LESSON3_TRAIN_STEPS} (about 30 seconds in slow motion) and stays above it to step 800. Train on and it wobbles: it dips below 90% again near step 850 before it recovers.`,
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      controls: ['reverseDigits', 'task', 'run'],
      views: ['unrolled'],
      pointer: { lessonTarget: 'unrolled' },
      text: `Try 6 **Digits**: where does the decoder start now? Predict, then read it off the diagram.

Switch **Task** to Sentiment or Character generation and find their outputs in the diagram.`,
    },
  ],
};

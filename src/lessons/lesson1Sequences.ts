/**
 * Lesson 1, "Sequences" (the RNN lesson's §1): data where order carries meaning, read one step at a time. The
 * learner predicts how a small tanh RNN's forecast of a noisy sine wave compares with repeating the last value,
 * trains it past step 100, and sees its held-out error against both simple rules. claims.test.ts runs this
 * set-up and checks every number the text gives.
 */
import type { Lesson, LiveState, Measured } from './types';
import { pauseProgress } from './progress';

/** The training steps the experiment asks for at least. */
export const LESSON1_MIN_STEPS = 100;

/** The prediction's options, each with the band of held-out MSE it stands for, relative to repeating the last value. */
const BANDS: Record<string, { label: string; range(persistence: number, mean: number): [number, number] }> = {
  worse: { label: 'worse than repeating the last value', range: (p, mean) => [p * 2, mean * 2] },
  same: { label: 'about the same as repeating the last value', range: (p) => [p / 2, p * 2] },
  better: { label: 'several times lower', range: (p) => [p / 100, p / 2] },
};

/** What the experiment measures once the learner pauses: the step and the held-out errors. */
function measureForecast(state: LiveState): Measured {
  return {
    step: state.frame?.step ?? 0,
    mse: state.metrics?.mse ?? NaN,
    persistence: state.runInfo?.baselines?.persistence ?? NaN,
    mean: state.runInfo?.baselines?.mean ?? NaN,
  };
}

/** A value as the card prints it: three significant digits. */
function shown(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : '—';
}

/** Lesson 1. */
export const lesson1: Lesson = {
  number: 1,
  title: 'Sequences',
  section: '1. Overview',
  settings: { task: 'sine', cell: 'rnn-tanh', hiddenSize: 16, numLayers: 1, sequenceLength: 20, sinePeriod: 16, sineNoise: 0.05, learningRate: 0.01, optimizer: 'adam', clipMode: 'off', seed: 1 },
  speed: 20,
  views: ['forecast', 'loss'],
  parts: [
    {
      kind: 'setup',
      title: 'Data where order matters',
      views: ['forecast'],
      pointer: { lessonTarget: 'forecast' },
      text: `Text, speech, prices, sensor readings: in a **sequence** each value means something because of the values before it. A feed-forward network takes each input on its own; a **recurrent** network reads a sequence one step at a time and carries forward what it has seen.

Here the sequence is a noisy sine wave. The network reads 20 values in a row and predicts the next one. In the outlined chart the grey line is the end of the wave, held out: the network never trains on it. The orange dashes are the network's forecast of each next value.`,
    },
    {
      kind: 'pointer',
      title: 'Reading in order',
      views: ['unrolled', 'forecast'],
      pointer: { lessonTarget: 'unrolled' },
      text: `The outlined diagram is the network **unrolled over time**: one column per step. Column $t$ reads $x_t$, one value of the wave, and hands its memory $h_t$ to the next column. Only the last column's output $\\hat y$ is the forecast: this task is **many-to-one**.

The weights start random, so the forecast is poor for now. Two simple rules give a yardstick: predicting the wave's mean, and repeating the last value read.`,
    },
    {
      kind: 'prediction',
      id: 'beats-last-value',
      title: 'Your prediction',
      views: ['forecast'],
      text: `On this held-out wave, repeating the last value misses by a mean squared error (MSE) of about 0.08; predicting the mean misses by about 0.5. You are about to train the network for at least ${LESSON1_MIN_STEPS} steps.`,
      ask: {
        kind: 'choice',
        question: `After ${LESSON1_MIN_STEPS} steps or more, the network's held-out error will be…`,
        options: Object.entries(BANDS).map(([id, band]) => ({ id, label: band.label[0].toUpperCase() + band.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-past-100',
      title: 'Train it',
      controls: ['run'],
      pointer: { lessonTarget: 'loss' },
      text: `Press **Train**. Watch the loss fall in the outlined chart and the orange forecast settle onto the grey wave. Press **Pause** once the status line shows step ${LESSON1_MIN_STEPS} or more: pausing measures the held-out error.`,
      done: (s) => s.status === 'paused' && (s.frame?.step ?? 0) >= LESSON1_MIN_STEPS && Number.isFinite(s.metrics?.mse),
      readout: (s) => pauseProgress(s, LESSON1_MIN_STEPS),
      measure: measureForecast,
    },
    {
      kind: 'reveal',
      prediction: 'beats-last-value',
      experiment: 'train-past-100',
      title: 'What happened',
      text: 'The bars are the held-out errors on a log scale; the shaded band is your guess.',
      reveal(answer, m) {
        const band = BANDS[String(answer)] ?? BANDS.same;
        const times = m.persistence / m.mse;
        return {
          verdict: `You predicted “${band.label}”. At step ${m.step} the network's held-out MSE is ${shown(m.mse)}: ${times >= 1 ? `${shown(times)}× lower than` : 'not below'} repeating the last value (${shown(m.persistence)}).`,
          why: 'Reading the window in order tells the network where the wave is in its cycle and whether it is rising or falling; the last value alone cannot say which way the wave goes next.',
          marks: [
            { label: 'predicting the mean', value: m.mean, kind: 'reference' },
            { label: 'repeating the last value', value: m.persistence, kind: 'reference' },
            { label: 'this network', value: m.mse, kind: 'result' },
          ],
          guessRange: band.range(m.persistence, m.mean),
          scaleLabel: 'held-out MSE (log scale)',
        };
      },
    },
    {
      kind: 'check',
      id: 'why-order',
      title: 'Check',
      text: '',
      question: 'Why does the network beat repeating the last value?',
      options: [
        {
          id: 'order',
          label: 'It reads the recent values in order, so it knows whether the wave is rising or falling.',
          correct: true,
          feedback: 'Order is information: a value of 0.5 comes before a larger one on the way up and a smaller one on the way down.',
        },
        {
          id: 'seen',
          label: 'It trained on the held-out part of the wave.',
          correct: false,
          feedback: 'The held-out part is the end of the series, kept out of training. That is what makes its error an honest test.',
        },
        {
          id: 'average',
          label: 'It averages the 20 values it reads.',
          correct: false,
          feedback: 'An average forgets the order, and the order is what says which way the wave goes next.',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      controls: ['sequenceLength', 'sineNoise', 'run'],
      text: `How much of the past does the forecast need? Set **Sequence length** to 2, press **Train**, and compare its error with the 20-step window's. Then raise **Noise** to 0.3: which suffers more, the network or repeating the last value?

**Next** goes on to lesson 2; **Leave the lesson** opens the whole lab with these settings.`,
    },
  ],
};

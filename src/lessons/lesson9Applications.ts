/**
 * Lesson 9, "Applications" (the RNN lesson's §9): the app's tasks as the jobs RNNs do, each with its sequence
 * shape, and each trained network held against the baseline a practitioner would try first. Sentiment
 * (many-to-one) against a bag of words, which cannot read word order; CO₂ forecasting (many-to-one) against
 * repeating the last value (beaten by construction: the forecast adds the mean change) and seasonal naive with
 * drift, in RMSE (ppm); character generation (many-to-many, sampled
 * one-to-many) and reverse digits (encoder–decoder) for free play. lesson9.claims.test.ts runs both
 * experiments' settings through the core and checks what the cards and the reveals' sentences say.
 */
import type { Answer, Lesson, LiveState, Measured } from './types';
import { pauseProgress } from './progress';

/** The training steps each experiment asks for at least. */
export const LESSON9_SENTIMENT_STEPS = 150;
export const LESSON9_CO2_STEPS = 300;

/** The sentiment prediction's options, each with its band of held-out accuracy (%). */
const SENTIMENT_BANDS: Record<string, { label: string; range: [number, number] }> = {
  bow: { label: 'about the bag of words’ 50%', range: [45, 55] },
  some: { label: 'better, between 55% and 90%', range: [55, 90] },
  most: { label: 'over 90%', range: [90, 100] },
};

/** The forecasting prediction's options: the network's held-out RMSE (ppm) as a multiple of seasonal naive's. */
const CO2_BANDS: Record<string, { label: string; range: [number, number] }> = {
  lower: { label: 'lower than seasonal naive’s, by more than 10%', range: [0.3, 0.9] },
  same: { label: 'within 10% of seasonal naive’s', range: [0.9, 1.1] },
  higher: { label: 'higher than seasonal naive’s, by more than 10%', range: [1.1, 3] },
};

/** A percentage as the card prints it: "99.5". */
function percent(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? Number(value.toFixed(1)).toString() : '—';
}

/** An RMSE in ppm as the card prints it: "0.51 ppm". */
function ppm(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? `${value.toFixed(2)} ppm` : '—';
}

/** Trains the task `task` past `minSteps` and pauses; `metric` is the held-out number the reveal needs. `elsewhere`: the line shown on another task. */
function trainedTask(task: 'sentiment' | 'co2', minSteps: number, elsewhere: string) {
  const metric = task === 'co2' ? 'rmsePpm' : 'accuracy';
  return {
    done: (s: LiveState) =>
      s.config.task === task && s.status === 'paused' && (s.frame?.step ?? 0) >= minSteps && Number.isFinite(s.metrics?.[metric]) && s.runInfo?.baselines !== undefined && (task !== 'co2' || s.runInfo.baselinesIn?.rmsePpm !== undefined),
    readout: (s: LiveState) => {
      if (s.config.task !== task) return elsewhere;
      return pauseProgress(s, minSteps);
    },
    measure: (s: LiveState): Measured => {
      const b = s.runInfo?.baselines ?? {};
      const step = s.frame?.step ?? 0;
      const r = s.runInfo?.baselinesIn?.rmsePpm ?? {};
      if (task === 'co2') return { step, rmse: s.metrics?.rmsePpm ?? NaN, persistence: r.persistence ?? NaN, seasonalNaive: r.seasonalNaive ?? NaN };
      return { step, accuracy: (s.metrics?.accuracy ?? NaN) * 100, bagOfWords: (b.bagOfWords ?? NaN) * 100, chance: (b.chance ?? NaN) * 100 };
    },
  };
}

/** The sentiment reveal: the network's held-out accuracy against the bag of words and chance, and the guess. */
function revealSentiment(answer: Answer, m: Measured) {
  const band = SENTIMENT_BANDS[String(answer)] ?? SENTIMENT_BANDS.some;
  return {
    verdict: `You predicted “${band.label}”. At step ${m.step} the network reads ${percent(m.accuracy)}% of held-out reviews right; the bag of words ${percent(m.bagOfWords)}%.`,
    why: 'The labels turn on word order (“not good”, “…, but great”): counting words cannot see it, and the RNN reads the words in order, so its state can carry a “not” to the word it flips.',
    marks: [
      { label: 'chance', value: m.chance, kind: 'reference' as const },
      { label: 'bag of words', value: m.bagOfWords, kind: 'reference' as const },
      { label: 'RNN, measured', value: m.accuracy, kind: 'result' as const },
    ],
    guessRange: band.range,
    scaleLabel: 'held-out accuracy, %',
    linear: true,
  };
}

/** The forecasting reveal: held-out RMSE in ppm of the network and of both baselines, and the guess's band, from 0. */
function revealCo2(answer: Answer, m: Measured) {
  const band = CO2_BANDS[String(answer)] ?? CO2_BANDS.same;
  const ratio = m.rmse / m.seasonalNaive;
  return {
    verdict: `You predicted “${band.label}”. At step ${m.step} the network's held-out error (RMSE, one month ahead) is ${ppm(m.rmse)}, ${Number.isFinite(ratio) ? `${ratio.toFixed(2)} times` : '—'} seasonal naive's ${ppm(m.seasonalNaive)}; repeating the last value: ${ppm(m.persistence)}.`,
    why: 'Seasonal naive with drift is given the yearly cycle and the trend by its rule; the RNN learned them from 20 months of changes. Repeating the last value ignores both: the network beats it by construction.',
    marks: [
      { label: 'repeating the last value', value: m.persistence, kind: 'reference' as const },
      { label: 'seasonal naive', value: m.seasonalNaive, kind: 'reference' as const },
      { label: 'RNN, measured', value: m.rmse, kind: 'result' as const },
    ],
    guessRange: [band.range[0] * m.seasonalNaive, band.range[1] * m.seasonalNaive] as [number, number],
    scaleLabel: 'held-out RMSE, ppm',
    linear: true,
  };
}

/** Lesson 9. */
export const lesson9: Lesson = {
  number: 9,
  title: 'Applications',
  section: '9. Applications of RNNs, LSTMs, and GRUs',
  settings: { task: 'sentiment', sentimentSource: 'generated', cell: 'lstm', hiddenSize: 16, numLayers: 1, bidirectional: false, sequenceLength: 20, learningRate: 0.01, optimizer: 'adam', clipMode: 'off', seed: 1 },
  speed: 20,
  views: ['metric', 'loss'],
  parts: [
    {
      kind: 'setup',
      title: 'Four jobs and their shapes',
      views: ['metric'],
      text: `Each task in this app is a job RNNs do, in one of the sequence shapes of lesson 3:

**Sentiment** reads a review and gives one label: many-to-one. **Forecasting** (CO₂ at Mauna Loa) reads 20 months and predicts the next: many-to-one. **Character generation** predicts the next character at every step (many-to-many) and then writes alone, one character fed back at a time: one-to-many. **Reverse digits** is an encoder–decoder, as in translation: read all, then write.

A network only earns its place if it beats what a practitioner would try first: the task's **baselines**. The table under the outlined chart holds the live task's, here sentiment's.`,
      pointer: { lessonTarget: 'metric' },
    },
    {
      kind: 'prediction',
      id: 'sentiment-vs-bow',
      title: 'Your prediction: sentiment',
      views: ['metric'],
      text: 'The generated reviews turn on word order: “not good”, “…, but great”. A **bag of words** (naive Bayes) counts the words and ignores their order. These reviews are built to defeat it: word counts carry no information about the label, so on the held-out reviews it scores 50%, the same as chance. On real reviews (the **Reviews: UCI** source) a bag of words is a strong baseline: it beats the app’s GRU there (0.83 against 0.80 held-out accuracy, in the README).',
      ask: {
        kind: 'choice',
        question: `After ${LESSON9_SENTIMENT_STEPS} training steps, the LSTM's held-out accuracy will be…`,
        options: Object.entries(SENTIMENT_BANDS).map(([id, band]) => ({ id, label: band.label[0].toUpperCase() + band.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-sentiment',
      title: 'Train on the reviews',
      controls: ['run'],
      pointer: { lessonTarget: 'metric' },
      text: `Press **Train** and watch the outlined chart and the table under it. Press **Pause** at step ${LESSON9_SENTIMENT_STEPS} or more: pausing measures it.`,
      ...trainedTask('sentiment', LESSON9_SENTIMENT_STEPS, 'This part needs the sentiment task: go Back to the start of the lesson.'),
    },
    {
      kind: 'reveal',
      prediction: 'sentiment-vs-bow',
      experiment: 'train-sentiment',
      title: 'What happened: sentiment',
      text: 'Held-out accuracy from 0 to 100%: chance, the bag of words, the RNN, and your guess as the shaded band.',
      reveal: revealSentiment,
    },
    {
      kind: 'prediction',
      id: 'co2-vs-seasonal',
      title: 'Your prediction: forecasting',
      views: ['forecast'],
      settings: { task: 'co2' },
      pointer: { lessonTarget: 'forecast' },
      text: `Next, monthly CO₂ at Mauna Loa, 1958–2020, now the live task: the network reads 20 months of changes and predicts the next month. Two baselines: **repeating the last value**, and **seasonal naive with drift**: the value 12 months before, plus the rise over the past 12 months. The forecast is this month's value plus the predicted change, and a network output of 0 (in normalised units) already means the training months' mean change, the drift: so even an untrained network beats repeating the last value, by construction. The real bar is seasonal naive with drift.`,
      ask: {
        kind: 'choice',
        question: `After ${LESSON9_CO2_STEPS} training steps, the network's held-out error (RMSE in ppm, one month ahead) will be…`,
        options: Object.entries(CO2_BANDS).map(([id, band]) => ({ id, label: band.label[0].toUpperCase() + band.label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-co2',
      title: 'Forecast CO₂',
      views: ['forecast', 'loss'],
      controls: ['run'],
      pointer: { lessonTarget: 'forecast' },
      text: `Press **Train**, watch the outlined forecast against the truth and the table under it, and press **Pause** at step ${LESSON9_CO2_STEPS} or more. The loss chart is the training MSE of the normalised changes: a different scale from the held-out error in ppm.`,
      ...trainedTask('co2', LESSON9_CO2_STEPS, 'This part needs the CO₂ task: go Back one part.'),
    },
    {
      kind: 'reveal',
      prediction: 'co2-vs-seasonal',
      experiment: 'train-co2',
      title: 'What happened: forecasting',
      views: ['forecast'],
      text: 'Held-out RMSE in ppm from 0, shorter is better: both baselines, the RNN, and your guess as the shaded band.',
      reveal: revealCo2,
    },
    {
      kind: 'check',
      id: 'translation-shape',
      title: 'Check',
      views: ['forecast'],
      text: '',
      question: 'Machine translation reads a whole sentence and then writes one of another length. Which shape is that?',
      options: [
        {
          id: 'encoder-decoder',
          label: 'An encoder–decoder: read everything, then write from the final state.',
          correct: true,
          feedback: 'As Reverse digits does: the encoder’s last state starts the decoder, so the two lengths need not match.',
        },
        {
          id: 'many-to-many',
          label: 'Many-to-many, one output word per input word.',
          correct: false,
          feedback: 'That pairs word t with word t, as tagging does; a translation’s words come in another order and number.',
        },
        {
          id: 'many-to-one',
          label: 'Many-to-one: read the sentence, give one output.',
          correct: false,
          feedback: 'One output is a label, as in sentiment; a translation is a whole sequence.',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      views: ['metric', 'forecast', 'try-it'],
      controls: ['task', 'run'],
      text: `Pick **Character generation**: it trains many-to-many on Moby-Dick, and **Try it** samples one-to-many. Predict first: how many steps until its bits per character beat the **bigram** in the table? Or pick **Reverse digits**, the encoder–decoder, and watch its exact-sequence accuracy leave chance behind.`,
    },
  ],
};

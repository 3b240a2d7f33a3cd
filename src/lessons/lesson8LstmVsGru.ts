/**
 * Lesson 8, "LSTM vs GRU" (the RNN lesson's §8): the two gated cells side by side on the `remember` task at a
 * longer lag (60). The learner counts their parameters (4·H·(H+I+2) against 3·H·(H+I+2), PyTorch's two bias
 * vectors included), predicts which reaches 90% held-out accuracy in fewer steps, trains the LSTM and then the
 * GRU from the same seed, and reads the steps each needed against the guess; then the same race on three
 * seeds and two tasks, measured in Node: neither cell wins everywhere. lesson8.claims.test.ts checks the counts and
 * every number the cards state on these settings.
 */
import { CELL_LABELS } from '../shared/config';
import { PRESETS } from '../shared/presets';
import { recurrentParameterCount } from './lesson2HiddenState';
import type { Answer, Lesson, LiveState, Measured } from './types';
import { pauseProgress } from './progress';

/** The training steps each experiment asks for at least. */
export const LESSON8_MIN_STEPS = 250;

/** The lag between the marked symbol and the answer (the sequence is one step longer). */
export const LESSON8_LAG = 60;

/** Held-out accuracy that counts as reaching the goal. */
export const LESSON8_GOAL = 0.9;

/** Two first readings within this many steps of each other count as a tie. */
export const LESSON8_TIE = 25;

/** Steps to 90% held-out accuracy of each cell on seeds 1, 2 and 3, reading every 25 steps. */
export interface Race {
  seeds: readonly number[];
  lstm: readonly number[];
  gru: readonly number[];
}

/**
 * The race on three seeds and two tasks, as the seeds card states it (lesson8.claims.test.ts measures both):
 * this lesson's memory task at lag 60, and Reverse digits, the encoder–decoder, at its task's defaults (4
 * digits, LSTM or GRU of 16 units; accuracy there is whole sequences reversed right).
 */
export const LESSON8_RACES: { memory: Race; reverse: Race } = {
  memory: { seeds: [1, 2, 3], lstm: [175, 150, 275], gru: [125, 125, 125] },
  reverse: { seeds: [1, 2, 3], lstm: [300, 300, 300], gru: [425, 325, 300] },
};

/** The recurrent layer's size on the lesson's settings (16 units, 5 inputs). */
export const LESSON8_COUNTS = { lstm: 1472, gru: 1104 } as const;

/** Who won one seed's race by the tie rule: more than LESSON8_TIE steps apart, or a tie (also when one never got there). */
export type RaceOutcome = 'lstm' | 'gru' | 'tie';

export function raceOutcome(lstm: number, gru: number): RaceOutcome {
  if (!Number.isFinite(lstm) || !Number.isFinite(gru)) return 'tie';
  return gru < lstm - LESSON8_TIE ? 'gru' : gru > lstm + LESSON8_TIE ? 'lstm' : 'tie';
}

/** Each seed's outcome of a race, in the order of its seeds. */
export function raceOutcomes(race: Race): RaceOutcome[] {
  return race.seeds.map((_, k) => raceOutcome(race.lstm[k], race.gru[k]));
}

/** "1", "1 and 3", "1, 2 and 3". */
function seedList(seeds: readonly number[]): string {
  return seeds.length < 2 ? seeds.join('') : `${seeds.slice(0, -1).join(', ')} and ${seeds.at(-1)}`;
}

/** A race by the tie rule: "the GRU on seeds 1 and 3, a tie on seed 2". */
export function raceSummary(race: Race): string {
  const outcomes = raceOutcomes(race);
  const on = (o: RaceOutcome) => race.seeds.filter((_, k) => outcomes[k] === o);
  const parts: string[] = [];
  for (const cell of ['gru', 'lstm'] as const) {
    const seeds = on(cell);
    if (seeds.length) parts.push(`${cell === 'gru' ? 'the GRU' : 'the LSTM'} on seed${seeds.length > 1 ? 's' : ''} ${seedList(seeds)}`);
  }
  const ties = on('tie');
  if (ties.length) parts.push(`${ties.length > 1 ? 'ties' : 'a tie'} on seed${ties.length > 1 ? 's' : ''} ${seedList(ties)}`);
  return parts.join(', ');
}

/** How many seeds of a race `cell` won by the tie rule, in words. */
function winsOf(race: Race, cell: 'lstm' | 'gru'): string {
  const n = raceOutcomes(race).filter((o) => o === cell).length;
  return ['no', 'one', 'two', 'three'][n] ?? String(n);
}

/** The first held-out reading at or above the goal: its step, or NaN when none has reached it. */
export function firstStepAtGoal(s: Pick<LiveState, 'metricHistory' | 'metricNames'>, goal = LESSON8_GOAL): number {
  const column = s.metricNames?.indexOf('accuracy') ?? -1;
  if (column < 0 || !s.metricHistory) return NaN;
  return s.metricHistory.samples.find((sample) => sample.values[column] >= goal)?.step ?? NaN;
}

/** A count as the card prints it: 1,104. */
function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';
}

/** "The live model's recurrent layer (GRU) holds 1,104 numbers." */
function liveCount(s: LiveState): string {
  return s.runInfo ? `The live model's recurrent layer (${CELL_LABELS[s.runInfo.cell]}) holds ${count(recurrentParameterCount(s.runInfo))} numbers.` : '';
}

/** An experiment that trains one cell: done once the learner pauses it at step 250 or later. */
function trainedCell(cell: 'lstm' | 'gru') {
  return {
    done: (s: LiveState) =>
      s.config.cell === cell && s.runInfo?.cell === cell && s.status === 'paused' && (s.frame?.step ?? 0) >= LESSON8_MIN_STEPS && Number.isFinite(s.metrics?.accuracy),
    readout: (s: LiveState) => {
      if (s.config.cell !== cell) return `Set Cell to ${CELL_LABELS[cell]} first.`;
      const first = firstStepAtGoal(s);
      return `${pauseProgress(s, LESSON8_MIN_STEPS)}${Number.isFinite(first) ? ` First read 90% at step ${first}.` : ''}`;
    },
    measure: (s: LiveState): Measured => ({ step: s.frame?.step ?? 0, accuracy: (s.metrics?.accuracy ?? NaN) * 100, first: firstStepAtGoal(s) }),
  };
}

/** The prediction's options: which cell first reads 90% in fewer steps. */
const OUTCOMES: Record<string, string> = {
  lstm: 'the LSTM',
  gru: 'the GRU',
  tie: 'neither: within 25 steps of each other',
};

/** The GRU's steps that each option stands for, given the LSTM's. */
function guessBand(answer: string, lstm: number): [number, number] {
  if (answer === 'lstm') return [lstm + LESSON8_TIE, Math.round(lstm * 1.5) + LESSON8_TIE];
  if (answer === 'gru') return [0, Math.max(0, lstm - LESSON8_TIE)];
  return [Math.max(0, lstm - LESSON8_TIE), lstm + LESSON8_TIE];
}

/** "step 125", or "no step up to 250". */
function when(first: number | undefined, step: number | undefined): string {
  return first !== undefined && Number.isFinite(first) ? `step ${first}` : `no step up to ${step ?? '—'}`;
}

/** The reveal: each cell's first step at 90%, the GRU's against the band the guess stands for. */
function revealRace(answer: Answer, gru: Measured, byExperiment: Readonly<Record<string, Measured>> = {}) {
  const lstm = byExperiment['train-lstm'] ?? {};
  const key = String(answer) in OUTCOMES ? String(answer) : 'tie';
  const both = Number.isFinite(lstm.first) && Number.isFinite(gru.first);
  const won = raceOutcome(lstm.first ?? NaN, gru.first);
  return {
    verdict: `You predicted “${OUTCOMES[key]}”. Held-out accuracy first read 90% at ${when(lstm.first, lstm.step)} for the LSTM and at ${when(gru.first, gru.step)} for the GRU: ${both ? (won === 'tie' ? 'a tie' : `${OUTCOMES[won]} got there first`) : 'one of them never got there'}.`,
    why: 'Both cells hold the symbol behind a gate near “keep” (f in the LSTM, z in the GRU). The race says which got there first, not why; the next card shows the order change with seed and task.',
    marks: [
      { label: 'LSTM, measured', value: lstm.first ?? NaN, kind: 'reference' as const },
      { label: 'GRU, measured', value: gru.first, kind: 'result' as const },
    ],
    guessRange: Number.isFinite(lstm.first) ? guessBand(key, lstm.first) : undefined,
    scaleLabel: 'training steps to 90% held-out accuracy',
    linear: true,
  };
}

/** "LSTM 175, 150, 275; GRU 125, 125, 125". */
function raceLine(race: Race): string {
  return `LSTM ${race.lstm.join(', ')}; GRU ${race.gru.join(', ')}`;
}

/** Lesson 8. */
export const lesson8: Lesson = {
  number: 8,
  title: 'LSTM vs GRU',
  section: '8. LSTM vs. GRU',
  preset: 'remember',
  settings: { ...PRESETS.remember.settings, cell: 'lstm', sequenceLength: LESSON8_LAG + 1 },
  speed: 20,
  views: ['metric', 'loss'],
  parts: [
    {
      kind: 'setup',
      title: 'Four blocks against three',
      views: ['metric'],
      readout: liveCount,
      text: `The race: remember the marked first symbol across a lag of ${LESSON8_LAG} steps, longer than lesson 6's 40.

First the price. Each gate block has $H \\times I$ input weights, $H \\times H$ recurrent weights and, in PyTorch, **two** bias vectors $b_{ih}$ and $b_{hh}$ of $H$ each (one would do; PyTorch keeps both, as cuDNN does):

$\\begin{aligned} \\text{LSTM: } & 4H(H + I + 2) \\\\ \\text{GRU: } & 3H(H + I + 2) \\end{aligned}$

With $H = 16$ and $I = 5$ that is ${count(LESSON8_COUNTS.lstm)} against ${count(LESSON8_COUNTS.gru)}, and per step the GRU's recurrent layer does three quarters of the LSTM's multiply-adds.`,
    },
    {
      kind: 'prediction',
      id: 'race',
      title: 'Your prediction',
      views: ['metric'],
      text: `Same task, same seed, both from step 0 with fresh weights. The LSTM has more gates; the GRU has fewer numbers to fit.`,
      ask: {
        kind: 'choice',
        question: 'Which cell’s held-out accuracy first reads 90% in fewer training steps?',
        options: Object.entries(OUTCOMES).map(([id, label]) => ({ id, label: label[0].toUpperCase() + label.slice(1) })),
      },
    },
    {
      kind: 'experiment',
      id: 'train-lstm',
      title: 'Train the LSTM',
      controls: ['run'],
      pointer: { lessonTarget: 'metric' },
      text: `The live model is the LSTM. Press **Train**, watch the outlined chart climb past 0.9 (90%), and press **Pause** at step ${LESSON8_MIN_STEPS} or more. The line below notes the first reading at 90%. The page reads the held-out set about once a second (every ~20 steps at this speed), so its steps differ from run to run by a few; the line below and the status line also update at different moments, so their steps may differ by a few.`,
      ...trainedCell('lstm'),
    },
    {
      kind: 'experiment',
      id: 'train-gru',
      title: 'Now the GRU',
      controls: ['cell', 'run'],
      pointer: { lessonTarget: 'metric' },
      text: `Set **Cell** to GRU: the model is rebuilt from the same seed, at step 0 (the LSTM's curve goes; its first step at 90% is kept for the reveal). Press **Train**, and **Pause** at step ${LESSON8_MIN_STEPS} or more.`,
      ...trainedCell('gru'),
      settingsAfter: { cell: 'gru' },
    },
    {
      kind: 'reveal',
      prediction: 'race',
      experiment: 'train-gru',
      title: 'What happened',
      text: 'Training steps until held-out accuracy first read 90%: the LSTM, the GRU, and your guess as the shaded band.',
      reveal: revealRace,
    },
    {
      kind: 'setup',
      title: 'Three seeds, two tasks',
      views: ['metric'],
      text: `The same race in Node, reading held-out accuracy every 25 steps. Steps to 90% on seeds 1, 2 and 3:

**Remember, lag 60**: ${raceLine(LESSON8_RACES.memory)}.

**Reverse digits**, the encoder–decoder (whole sequences right): ${raceLine(LESSON8_RACES.reverse)}.

Counting a tie as within ${LESSON8_TIE} steps: on remember, ${raceSummary(LESSON8_RACES.memory)}; on Reverse digits, ${raceSummary(LESSON8_RACES.reverse)}. Neither wins everywhere. As the RNN lesson says, it depends on the task, so practitioners try both.

Time per step is another matter: fewer multiply-adds need not mean a faster step, since the head, the data and the backend take their share too.`,
    },
    {
      kind: 'check',
      id: 'what-race-says',
      title: 'Check',
      text: '',
      question: 'What does this lesson’s race show?',
      options: [
        {
          id: 'here',
          label: `Neither cell wins everywhere: the GRU won ${winsOf(LESSON8_RACES.memory, 'gru')} memory seeds, the LSTM ${winsOf(LESSON8_RACES.reverse, 'lstm')} reversal seed, and the rest were ties.`,
          correct: true,
          feedback: 'A measurement holds for what was measured. On your own task, try both.',
        },
        {
          id: 'always',
          label: 'The GRU learns faster than the LSTM on every task.',
          correct: false,
          feedback: `Reverse digits says otherwise: the GRU won ${winsOf(LESSON8_RACES.reverse, 'gru')} seed there (${raceSummary(LESSON8_RACES.reverse)}).`,
        },
        {
          id: 'params',
          label: 'Fewer parameters always means fewer training steps.',
          correct: false,
          feedback: 'A tanh RNN has a quarter of the LSTM’s numbers and stays near chance at lag 40 (lesson 6).',
        },
      ],
    },
    {
      kind: 'your-turn',
      title: 'Your turn',
      controls: ['cell', 'seed', 'run'],
      readout: liveCount,
      text: `Race them on another **Seed**, predicting first. Then set **Speed** to full and read the steps per second in the status line for each cell: that is the time per step on your machine and backend.`,
    },
  ],
};

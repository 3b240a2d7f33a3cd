import { describe, expect, it } from 'vitest';
import { lesson1 } from '../lessons/lesson1Sequences';
import { lesson2 } from '../lessons/lesson2HiddenState';
import { LESSONS } from '../lessons';
import { fakeFrame, startWithFakeTrainer } from '../test/fakeTrainer';
import { LESSON_STORAGE_KEY, lessonPlaceFromSearch, withLessonPlace, type LessonStorage } from './lessonPlace';
import { canGoOn, currentLessonPart } from './lessonSlice';

/** A storage in memory, as localStorage behaves. */
function memoryStorage(): LessonStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const partIndex = (lesson: typeof lesson1, kind: string) => lesson.parts.findIndex((part) => part.kind === kind);

describe('lesson slice', () => {
  it('opening a lesson applies its settings through the config actions and starts at its first part', async () => {
    const { store, trainer } = await startWithFakeTrainer({ lessonStorage: memoryStorage() });
    expect(store.getState().config.cell).toBe('lstm');
    await store.getState().openLesson(1);
    expect(store.getState().lessonPlace).toEqual({ lesson: 1, part: 0 });
    expect(store.getState().config).toMatchObject({ task: 'sine', cell: 'rnn-tanh', sequenceLength: 20, seed: 1 });
    expect(trainer.calls.filter((c) => c === 'configure').length).toBe(2);
    // the same settings again rebuild nothing
    await store.getState().openLesson(2);
    expect(trainer.calls.filter((c) => c === 'configure').length).toBe(2);
  });

  it('goes on from a prediction only once it is committed, and a committed prediction does not change', async () => {
    const { store } = await startWithFakeTrainer({ lessonStorage: memoryStorage() });
    await store.getState().openLesson(1, partIndex(lesson1, 'prediction'));
    expect(canGoOn(store.getState())).toBe(false);
    await store.getState().nextPart();
    expect(currentLessonPart(store.getState())?.part.kind).toBe('prediction');
    store.getState().answerPrediction('beats-last-value', 'same');
    store.getState().answerPrediction('beats-last-value', 'better');
    expect(store.getState().lessonProgress.answers['1:beats-last-value']).toBe('same');
    await store.getState().nextPart();
    expect(currentLessonPart(store.getState())?.part.kind).toBe('experiment');
  });

  it('waits for the experiment (trained past step 100 and paused), and keeps what it measured for the reveal', async () => {
    const { store, trainer } = await startWithFakeTrainer({ lessonStorage: memoryStorage() });
    await store.getState().openLesson(1, partIndex(lesson1, 'experiment'));
    const runId = store.getState().runInfo!.runId;
    await store.getState().train();
    await trainer.send(fakeFrame(runId, 60, { metrics: { mse: 0.01 } }));
    expect(canGoOn(store.getState())).toBe(false);
    await trainer.send(fakeFrame(runId, 130, { metrics: { mse: 0.004 } }));
    expect(canGoOn(store.getState())).toBe(false);
    await store.getState().pause();
    expect(canGoOn(store.getState())).toBe(true);
    expect(store.getState().lessonProgress.measured['1:train-past-100']).toMatchObject({ step: 130, mse: 0.004 });
    await store.getState().nextPart();
    expect(currentLessonPart(store.getState())?.part.kind).toBe('reveal');
  });

  it('waits for a Step pressed after the part opened', async () => {
    const { store, trainer } = await startWithFakeTrainer({ lessonStorage: memoryStorage() });
    const runId = store.getState().runInfo!.runId;
    await store.getState().step();
    await trainer.send(fakeFrame(runId, 1, { state: 'paused' }));
    await store.getState().openLesson(2, partIndex(lesson2, 'experiment'));
    expect(canGoOn(store.getState())).toBe(false);
    await store.getState().step();
    await trainer.send(fakeFrame(store.getState().runInfo!.runId, 2, { state: 'paused' }));
    expect(canGoOn(store.getState())).toBe(true);
  });

  it('lands where a link says, with what earlier experiments left behind; a tampered link falls back with a notice', async () => {
    const { store } = await startWithFakeTrainer({ lessonStorage: memoryStorage() });
    await store.getState().openLessonFromLink(`?lesson=2&part=${partIndex(lesson2, 'reveal') + 1}`);
    expect(store.getState().lessonPlace).toEqual({ lesson: 2, part: partIndex(lesson2, 'reveal') });
    expect(store.getState().config.sequenceLength).toBe(40);
    await store.getState().openLessonFromLink('?lesson=2&part=99');
    expect(store.getState().lessonPlace).toEqual({ lesson: 2, part: 0 });
    expect(store.getState().config.sequenceLength).toBe(20);
    store.getState().leaveLesson();
    await store.getState().openLessonFromLink('?lesson=<b>x</b>');
    expect(store.getState().lessonPlace).toBeUndefined();
    expect(store.getState().linkNotices).toEqual([
      'The link\'s part "99" is not valid (a whole number from 1 to 8); starting lesson 2 from its first part.',
      `The link's lesson "<b>x</b>" is not valid (a whole number from 1 to ${LESSONS.length}); showing the whole lab.`,
    ]);
  });

  it('keeps progress in storage: a new page resumes where the learner was, with the answers given', async () => {
    const storage = memoryStorage();
    const first = await startWithFakeTrainer({ lessonStorage: storage });
    await first.store.getState().openLesson(1, partIndex(lesson1, 'prediction'));
    first.store.getState().answerPrediction('beats-last-value', 'worse');
    first.store.getState().leaveLesson();
    expect(JSON.parse(storage.data.get(LESSON_STORAGE_KEY)!)).toMatchObject({ answers: { '1:beats-last-value': 'worse' } });
    const second = await startWithFakeTrainer({ lessonStorage: storage });
    expect(second.store.getState().lessonPlace).toBeUndefined();
    await second.store.getState().resumeLessons();
    expect(second.store.getState().lessonPlace).toEqual({ lesson: 1, part: partIndex(lesson1, 'prediction') });
    expect(canGoOn(second.store.getState())).toBe(true);
  });

  it('Back from a first part goes to the previous lesson; Next from the last goes to the next lesson', async () => {
    const { store } = await startWithFakeTrainer({ lessonStorage: memoryStorage() });
    await store.getState().openLesson(2, 0);
    await store.getState().previousPart();
    expect(store.getState().lessonPlace).toEqual({ lesson: 1, part: lesson1.parts.length - 1 });
    await store.getState().nextPart();
    expect(store.getState().lessonPlace).toEqual({ lesson: 2, part: 0 });
  });
});

describe('lesson place in the address', () => {
  const parts = (n: number) => (n === 1 ? 7 : n === 2 ? 8 : 0);
  it('reads ?lesson=N&part=K (1-based) and writes it back beside the other keys', () => {
    expect(lessonPlaceFromSearch('?cell=gru&lesson=2&part=3', 2, parts)).toEqual({ place: { lesson: 2, part: 2 }, notices: [] });
    expect(lessonPlaceFromSearch('?lesson=1', 2, parts)).toEqual({ place: { lesson: 1, part: 0 }, notices: [] });
    expect(lessonPlaceFromSearch('?cell=gru', 2, parts)).toEqual({ notices: [] });
    expect(withLessonPlace('?cell=gru&lesson=1&part=1', { lesson: 2, part: 4 })).toBe('?cell=gru&lesson=2&part=5');
    expect(withLessonPlace('?cell=gru&lesson=1&part=1', undefined)).toBe('?cell=gru');
  });

  it('refuses a lesson that is not there and a part that is not a whole number in range', () => {
    expect(lessonPlaceFromSearch('?lesson=0', 2, parts).place).toBeUndefined();
    expect(lessonPlaceFromSearch('?lesson=1.5', 2, parts).place).toBeUndefined();
    expect(lessonPlaceFromSearch('?lesson=1&part=-1', 2, parts)).toMatchObject({ place: { lesson: 1, part: 0 }, notices: [expect.stringContaining('"-1"')] });
    expect(lessonPlaceFromSearch(`?lesson=${'9'.repeat(60)}`, 2, parts).notices[0]).toContain('…');
  });
});

/**
 * The guided lessons: which lesson and part is open (none: the full lab), what the learner answered and
 * measured, and the moves between parts. Arriving at a lesson applies its settings through the config
 * slice's own actions; an experiment part is watched on every store change until its predicate holds, and its
 * measurement is kept for the reveal. Progress lives in the browser's storage; the page mirrors the place in
 * its address (lessonPlace.ts).
 */
import { CONFIG_FIELDS, type TrainConfig } from '../shared/config';
import { LESSONS, lessonAt, lessonConfig, settingsAt } from '../lessons';
import type { Answer, ExperimentPart, Lesson, LessonPart } from '../lessons/types';
import type { AppSlice, AppState, StoreOptions } from './appState';
import { browserStorage, lessonPlaceFromSearch, loadProgress, saveProgress, type LessonPlace, type LessonProgress } from './lessonPlace';
import type { TrainerSession } from './trainerSession';

/** The lesson slice. */
export interface LessonSlice {
  /** The open lesson and part; undefined in the full lab. */
  lessonPlace?: LessonPlace;
  lessonProgress: LessonProgress;
  /** True while a lesson's settings are being applied (the model rebuilt). */
  lessonSettingUp: boolean;
  /** The run when the current part opened: an experiment waits for what the learner does from there. */
  lessonPartStart: { step: number; stepAnimation: number };
  /** Opens lesson `lesson` at `part` (0-based), with the settings a learner has there. */
  openLesson(lesson: number, part?: number): Promise<void>;
  /** The Lessons button: back where the learner last was, or lesson 1. */
  resumeLessons(): Promise<void>;
  /** Opens the place the address names (`?lesson=N&part=K`); a refused value is added to the link's notices. */
  openLessonFromLink(search: string): Promise<void>;
  /** Moves to another part of the open lesson, applying that part's own settings. */
  goToPart(part: number): Promise<void>;
  /** Next part (or the next lesson's first) once the current part lets the learner go on. */
  nextPart(): Promise<void>;
  previousPart(): Promise<void>;
  /** Commits a prediction; a committed one does not change. */
  answerPrediction(id: string, answer: Answer): void;
  answerCheck(id: string, option: string): void;
  /** Back to the full lab, with the lesson's settings in place. */
  leaveLesson(): void;
}

/** The key of a prediction, experiment or check of a lesson in the progress records. */
export function progressKey(lesson: number, id: string): string {
  return `${lesson}:${id}`;
}

/** The open lesson and part, if any. */
export function currentLessonPart(state: Pick<LessonSlice, 'lessonPlace'>): { lesson: Lesson; part: LessonPart; index: number } | undefined {
  const place = state.lessonPlace;
  const lesson = place && lessonAt(place.lesson);
  const part = lesson?.parts[place!.part];
  return lesson && part ? { lesson, part, index: place!.part } : undefined;
}

/** Whether the learner may go on from the current part: a prediction answered, an experiment done, a check answered. */
export function canGoOn(state: Pick<LessonSlice, 'lessonPlace' | 'lessonProgress'>): boolean {
  const current = currentLessonPart(state);
  if (!current) return false;
  const { lesson, part } = current;
  const { answers, measured, checks } = state.lessonProgress;
  if (part.kind === 'prediction') return answers[progressKey(lesson.number, part.id)] !== undefined;
  if (part.kind === 'experiment') return measured[progressKey(lesson.number, part.id)] !== undefined;
  if (part.kind === 'check') return checks[progressKey(lesson.number, part.id)] !== undefined;
  return true;
}

/** Whether two configs agree on every setting. */
function sameConfig(a: TrainConfig, b: TrainConfig): boolean {
  return (Object.keys(CONFIG_FIELDS) as Array<keyof TrainConfig>).every((key) => a[key] === b[key]);
}

/** Creates the lesson slice. */
export function createLessonSlice(session: TrainerSession, options: StoreOptions): AppSlice<LessonSlice> {
  return (set, get, store) => {
    const storage = options.lessonStorage ?? browserStorage();

    const updateProgress = (change: (progress: LessonProgress) => LessonProgress) => {
      const lessonProgress = change(get().lessonProgress);
      set({ lessonProgress });
      saveProgress(storage, lessonProgress);
    };

    /** Resolves once the trainer has started (a lesson's settings rebuild the run through it). */
    const started = () =>
      new Promise<void>((resolve) => {
        if (get().status !== 'starting') return resolve();
        const stop = store.subscribe((s) => {
          if (s.status === 'starting') return;
          stop();
          resolve();
        });
      });

    /** Applies settings through the config slice: the lesson's preset first when it is not the current one, the task next. */
    const applySettings = async (lesson: Lesson, settings: Partial<TrainConfig>, whole: boolean) => {
      await started();
      const target = whole ? lessonConfig(lesson, settings) : { ...get().config, ...settings };
      if (sameConfig(target, get().config) && (!whole || get().preset === lesson.preset)) return;
      set({ lessonSettingUp: true });
      try {
        if (whole && get().preset !== lesson.preset) await get().applyPreset(lesson.preset);
        if (target.task !== get().config.task) await get().setSetting('task', target.task);
        for (const key of Object.keys(CONFIG_FIELDS) as Array<keyof TrainConfig>) {
          if (get().config[key] !== target[key]) await get().setSetting(key, target[key]);
        }
      } finally {
        set({ lessonSettingUp: false });
      }
    };

    const partStart = () => ({ step: get().frame?.step ?? 0, stepAnimation: get().stepAnimation });

    /** Moves to a place and remembers it (how far the lesson got, where to resume). */
    const arrive = (place: LessonPlace) => {
      set({ lessonPlace: place, lessonPartStart: partStart() });
      updateProgress((p) => ({ ...p, last: place, reached: { ...p.reached, [place.lesson]: Math.max(p.reached[place.lesson] ?? 0, place.part) } }));
    };

    // an experiment is done when its predicate first holds after the part opened (and the settings are in place)
    const watchExperiment = (state: AppState) => {
      const current = currentLessonPart(state);
      if (!current || current.part.kind !== 'experiment' || state.lessonSettingUp) return;
      const part: ExperimentPart = current.part;
      const key = progressKey(current.lesson.number, part.id);
      if (state.lessonProgress.measured[key] || !part.done(state, state.lessonPartStart)) return;
      const measured = part.measure(state);
      updateProgress((p) => ({ ...p, measured: { ...p.measured, [key]: measured } }));
    };
    session.onDispose(store.subscribe(watchExperiment));

    const openLesson = async (number: number, part = 0) => {
      const lesson = lessonAt(number);
      if (!lesson) return;
      const index = Math.min(Math.max(0, part), lesson.parts.length - 1);
      arrive({ lesson: number, part: index });
      await applySettings(lesson, settingsAt(lesson, index), true);
      await get().setSpeed(lesson.speed ?? 'full');
      set({ lessonPartStart: partStart() });
    };

    return {
      lessonProgress: loadProgress(storage),
      lessonSettingUp: false,
      lessonPartStart: { step: 0, stepAnimation: 0 },
      openLesson,

      async resumeLessons() {
        const last = get().lessonProgress.last;
        await openLesson(last && lessonAt(last.lesson) ? last.lesson : 1, last?.part ?? 0);
      },

      async openLessonFromLink(search) {
        const { place, notices } = lessonPlaceFromSearch(search, LESSONS.length, (n) => lessonAt(n)?.parts.length ?? 0);
        if (notices.length) set((s) => ({ linkNotices: [...s.linkNotices, ...notices] }));
        if (place) await openLesson(place.lesson, place.part);
      },

      async goToPart(index) {
        const current = currentLessonPart(get());
        if (!current || index < 0 || index >= current.lesson.parts.length) return;
        arrive({ lesson: current.lesson.number, part: index });
        const settings = current.lesson.parts[index].settings;
        if (settings) await applySettings(current.lesson, settings, false);
        set({ lessonPartStart: partStart() });
      },

      async nextPart() {
        const current = currentLessonPart(get());
        if (!current || !canGoOn(get())) return;
        if (current.index + 1 < current.lesson.parts.length) return get().goToPart(current.index + 1);
        if (lessonAt(current.lesson.number + 1)) return openLesson(current.lesson.number + 1, 0);
        get().leaveLesson();
      },

      async previousPart() {
        const current = currentLessonPart(get());
        if (!current) return;
        if (current.index > 0) return get().goToPart(current.index - 1);
        const before = lessonAt(current.lesson.number - 1);
        if (before) await openLesson(before.number, before.parts.length - 1);
      },

      answerPrediction(id, answer) {
        const place = get().lessonPlace;
        if (!place) return;
        const key = progressKey(place.lesson, id);
        if (get().lessonProgress.answers[key] !== undefined) return;
        if (typeof answer === 'number' && !Number.isFinite(answer)) return;
        updateProgress((p) => ({ ...p, answers: { ...p.answers, [key]: answer } }));
      },

      answerCheck(id, option) {
        const place = get().lessonPlace;
        if (!place) return;
        updateProgress((p) => ({ ...p, checks: { ...p.checks, [progressKey(place.lesson, id)]: option } }));
      },

      leaveLesson() {
        set({ lessonPlace: undefined });
      },
    };
  };
}

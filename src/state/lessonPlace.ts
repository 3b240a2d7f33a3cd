/**
 * Where a learner is on the guided path and what they have answered, kept in two places: the address
 * (`?lesson=N&part=K`, both 1-based, so a reload or a shared link lands on the same card) and the browser's
 * storage (answers, measurements and how far each lesson got). A tampered address value falls back, with a
 * notice shown like the other refused link values (urlState.ts).
 */
import type { Answer, Measured } from '../lessons/types';

/** A lesson (1-based) and one of its parts (0-based in the store; the address shows it 1-based). */
export interface LessonPlace {
  lesson: number;
  part: number;
}

/** What the learner did, by `${lesson}:${id}` of the prediction, experiment or check. */
export interface LessonProgress {
  answers: Record<string, Answer>;
  measured: Record<string, Measured>;
  checks: Record<string, string>;
  /** The furthest part reached in each lesson (0-based), by lesson number. */
  reached: Record<number, number>;
  /** Where the learner last was, to go back to from the Lessons button. */
  last?: LessonPlace;
}

/** The storage the progress lives in (localStorage in the page, a map in tests). */
export type LessonStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The storage key. */
export const LESSON_STORAGE_KEY = 'unrolled.lessons.v1';

/** No progress yet. */
export function emptyProgress(): LessonProgress {
  return { answers: {}, measured: {}, checks: {}, reached: {} };
}

/** The progress kept in storage; empty when there is none or it cannot be read. */
export function loadProgress(storage: LessonStorage | undefined): LessonProgress {
  try {
    const raw = storage?.getItem(LESSON_STORAGE_KEY);
    if (!raw) return emptyProgress();
    const parsed = JSON.parse(raw) as Partial<LessonProgress>;
    const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
    const last = parsed.last && Number.isInteger(parsed.last.lesson) && Number.isInteger(parsed.last.part) ? parsed.last : undefined;
    return {
      answers: record(parsed.answers) as LessonProgress['answers'],
      measured: record(parsed.measured) as LessonProgress['measured'],
      checks: record(parsed.checks) as LessonProgress['checks'],
      reached: record(parsed.reached) as LessonProgress['reached'],
      ...(last ? { last } : {}),
    };
  } catch {
    return emptyProgress();
  }
}

/** Writes the progress; a full or refused storage loses it quietly (the address still has the place). */
export function saveProgress(storage: LessonStorage | undefined, progress: LessonProgress): void {
  try {
    storage?.setItem(LESSON_STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // private mode, quota: the lesson goes on without it
  }
}

/** The page's storage, when the browser lets the page use it. */
export function browserStorage(): LessonStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Reads `?lesson=N&part=K` against the lessons there are (`partsOf(n)` parts in lesson n; 0 when there is no
 * lesson n). No `lesson`: no place. An unknown lesson: no place and a notice. A bad part: the lesson's first.
 */
export function lessonPlaceFromSearch(search: string, lessonCount: number, partsOf: (lesson: number) => number): { place?: LessonPlace; notices: string[] } {
  const params = new URLSearchParams(search);
  const lessonText = params.get('lesson');
  if (lessonText === null) return { notices: [] };
  const lesson = wholeNumber(lessonText);
  if (lesson === undefined || lesson < 1 || lesson > lessonCount) {
    return { notices: [`The link's lesson "${clip(lessonText)}" is not valid (a whole number from 1 to ${lessonCount}); showing the whole lab.`] };
  }
  const partText = params.get('part');
  if (partText === null) return { place: { lesson, part: 0 }, notices: [] };
  const part = wholeNumber(partText);
  const parts = partsOf(lesson);
  if (part === undefined || part < 1 || part > parts) {
    return { place: { lesson, part: 0 }, notices: [`The link's part "${clip(partText)}" is not valid (a whole number from 1 to ${parts}); starting lesson ${lesson} from its first part.`] };
  }
  return { place: { lesson, part: part - 1 }, notices: [] };
}

/** A query string with the place written in (or taken out, for none); its other keys kept. */
export function withLessonPlace(search: string, place: LessonPlace | undefined): string {
  const params = new URLSearchParams(search);
  params.delete('lesson');
  params.delete('part');
  if (place) {
    params.set('lesson', String(place.lesson));
    params.set('part', String(place.part + 1));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function wholeNumber(text: string): number | undefined {
  return /^\s*\d{1,4}\s*$/.test(text) ? Number(text) : undefined;
}

/** Shortens a tampered value before it is shown (as text, never as markup). */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

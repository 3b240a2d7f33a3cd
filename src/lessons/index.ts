/**
 * The guided path: the lessons in order (one per section of the RNN lesson, shared/seed/rnn-lesson.md), and
 * what the page derives from them — the settings a learner has at a given part, and the views and controls a
 * part shows. To add a lesson, write `lessonN….ts` beside these and list it in LESSONS.
 */
import { startingConfig, type TrainConfig } from '../shared/config';
import { PRESETS } from '../shared/presets';
import { lesson1 } from './lesson1Sequences';
import { lesson2 } from './lesson2HiddenState';
import { lesson3 } from './lesson3Shapes';
import { lesson4 } from './lesson4Bptt';
import { lesson5 } from './lesson5Gradients';
import { lesson6 } from './lesson6Lstm';
import { lesson7 } from './lesson7Gru';
import { lesson8 } from './lesson8LstmVsGru';
import { lesson9 } from './lesson9Applications';
import { lesson10 } from './lesson10Pytorch';
import type { CardControl, Lesson, LessonPart, ViewName } from './types';

export type * from './types';

/** Every lesson, in order of its number (lessons are written in parallel: list yours anywhere, one per line). */
export const LESSONS: readonly Lesson[] = [
  lesson1,
  lesson2,
  lesson3,
  lesson4,
  lesson5,
  lesson6,
  lesson7,
  lesson8,
  lesson9,
  lesson10,
].sort((a, b) => a.number - b.number);

/** Lesson n (1-based), or undefined. */
export function lessonAt(n: number): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.number === n);
}

/**
 * The settings a learner has on arriving at part `partIndex` (0-based) from outside (a link, the list): the
 * lesson's, then each earlier part's own settings and what each earlier experiment left behind, then this part's.
 */
export function settingsAt(lesson: Lesson, partIndex: number): Partial<TrainConfig> {
  let settings: Partial<TrainConfig> = { ...lesson.settings };
  lesson.parts.slice(0, partIndex + 1).forEach((part, k) => {
    settings = { ...settings, ...part.settings };
    if (part.kind === 'experiment' && k < partIndex) settings = { ...settings, ...part.settingsAfter };
  });
  return settings;
}

/** The whole config those settings give: the task's defaults (under the lesson's preset), then the settings. */
export function lessonConfig(lesson: Lesson, settings: Partial<TrainConfig>): TrainConfig {
  const over = lesson.preset ? PRESETS[lesson.preset]?.settings : {};
  return { ...startingConfig({ task: settings.task }, over), ...settings };
}

/** What a part shows: its views (the lesson's when it names none) and the card's controls. */
export function stageOf(lesson: Lesson, part: LessonPart): { views: readonly ViewName[]; controls: readonly CardControl[] } {
  return { views: part.views ?? lesson.views, controls: part.controls ?? [] };
}

/**
 * The page's blocks as a lesson sees them: each view block carries its `data-lesson-target` name, and while a
 * lesson part is open only the views it names are shown (the rest are hidden, kept mounted, so that they pick
 * up where they were when the learner leaves the lesson).
 */
import type { ReactNode } from 'react';
import { lessonAt, stageOf } from '../../lessons';
import type { ViewName } from '../../lessons/types';
import { useAppState } from '../storeContext';

/** The views the open lesson part shows; undefined in the full lab. */
export function useLessonViews(): readonly ViewName[] | undefined {
  const place = useAppState((s) => s.lessonPlace);
  const lesson = place && lessonAt(place.lesson);
  const part = lesson?.parts[place!.part];
  return lesson && part ? stageOf(lesson, part).views : undefined;
}

/** Whether a view is shown: always in the full lab; in a lesson, when the part names it. */
export function useViewShown(view: ViewName): boolean {
  const views = useLessonViews();
  return !views || views.includes(view);
}

/** A view block, named for the lessons' pointers, hidden while a lesson part does not show it. */
export function LessonRegion({ view, className, children }: { view: ViewName; className?: string; children: ReactNode }) {
  const shown = useViewShown(view);
  return (
    <div data-lesson-target={view} className={className} hidden={!shown}>
      {children}
    </div>
  );
}

/** Content shown only in the full lab (or, with `views`, when a lesson part shows one of them). */
export function OutsideLessons({ views = [], children }: { views?: readonly ViewName[]; children: ReactNode }) {
  const shownViews = useLessonViews();
  if (shownViews && !views.some((v) => shownViews.includes(v))) return null;
  return <>{children}</>;
}

/**
 * The lesson card, beside the live views (on a phone, a sheet at the bottom that folds away): where the
 * learner is on the path, the part's text, what it asks (prediction, experiment, reveal, check), the controls
 * it needs, and Back / Next / Leave the lesson.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { LESSONS, lessonAt, stageOf } from '../../lessons';
import type { Lesson, LessonPart } from '../../lessons/types';
import { canGoOn } from '../../state/lessonSlice';
import { RunButtons } from '../Controls';
import { PresetPicker } from '../PresetPicker';
import { SettingField } from '../SettingField';
import { useAppState } from '../storeContext';
import { CardText } from './CardText';
import { PartBody } from './PartBody';
import { useLessonPointer } from './useLessonPointer';
import './lessons.css';

/** The list of lessons, each a button; the current one marked. */
function LessonProgressNav({ current }: { current: number }) {
  const reached = useAppState((s) => s.lessonProgress.reached);
  const openLesson = useAppState((s) => s.openLesson);
  return (
    <nav aria-label="Lessons" className="lesson-progress">
      <ol>
        {LESSONS.map((lesson) => {
          const done = (reached[lesson.number] ?? -1) >= lesson.parts.length - 1;
          const state = lesson.number === current ? 'current' : done ? 'done' : (reached[lesson.number] ?? -1) >= 0 ? 'started' : 'not started';
          return (
            <li key={lesson.number}>
              <button
                type="button"
                className={`lesson-progress-item lesson-progress-${state.replace(' ', '-')}`}
                aria-current={lesson.number === current ? 'step' : undefined}
                aria-label={`Lesson ${lesson.number}: ${lesson.title} (${state})`}
                title={`${lesson.title} (${state})`}
                onClick={() => void openLesson(lesson.number, 0)}
              >
                {lesson.number}
                {done && lesson.number !== current ? ' ✓' : ''}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The part's live line (an experiment's progress, a live count). */
function Readout({ part }: { part: LessonPart }) {
  const text = useAppState((s) => part.readout?.(s) ?? '');
  return text ? <p className="lesson-readout">{text}</p> : null;
}

/** The controls the part shows on the card. */
function CardControls({ lesson, part }: { lesson: Lesson; part: LessonPart }) {
  const clipMode = useAppState((s) => s.config.clipMode);
  const controls = stageOf(lesson, part).controls;
  if (controls.length === 0) return null;
  return (
    <div className="lesson-controls" role="group" aria-label="Lesson controls">
      {controls.map((control) =>
        control === 'run' ? <RunButtons key={control} /> : control === 'preset' ? <PresetPicker key={control} /> : <SettingField key={control} name={control} disabled={control === 'clipThreshold' && clipMode === 'off'} />,
      )}
    </div>
  );
}

/** Why Next is not there yet. */
function waitingFor(part: LessonPart): string {
  if (part.kind === 'prediction') return 'Commit your prediction to go on.';
  if (part.kind === 'experiment') return 'Do the experiment to go on.';
  if (part.kind === 'check') return 'Answer the question to go on.';
  return '';
}

/** The card of the open lesson part; nothing in the full lab. */
export function LessonCard() {
  const place = useAppState((s) => s.lessonPlace);
  const ready = useAppState((s) => canGoOn(s));
  const nextPart = useAppState((s) => s.nextPart);
  const previousPart = useAppState((s) => s.previousPart);
  const leaveLesson = useAppState((s) => s.leaveLesson);
  const [collapsed, setCollapsed] = useState(false);
  const bodyId = useId();
  const hintId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const lesson = place && lessonAt(place.lesson);
  const part = lesson?.parts[place!.part];
  const key = place ? `${place.lesson}:${place.part}` : '';
  useLessonPointer(part?.pointer, key);

  // a new part: its heading takes the focus (not on the first card), so keyboard and screen reader follow
  const first = useRef(true);
  useEffect(() => {
    if (!key) return;
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus({ preventScroll: true });
  }, [key]);

  if (!lesson || !part || !place) return null;
  const last = place.part === lesson.parts.length - 1 && !lessonAt(lesson.number + 1);
  return (
    <aside className={`lesson-card${collapsed ? ' lesson-card-collapsed' : ''}`} aria-label="Lesson">
      <div className="lesson-card-top">
        <p className="lesson-kicker">
          Lesson {lesson.number}: {lesson.title} · part {place.part + 1} of {lesson.parts.length}
        </p>
        <button type="button" className="lesson-collapse" aria-expanded={!collapsed} aria-controls={bodyId} onClick={() => setCollapsed((c) => !c)}>
          {collapsed ? 'Show the card' : 'Hide the card'}
        </button>
      </div>
      <div id={bodyId} className="lesson-card-body" hidden={collapsed}>
        <LessonProgressNav current={lesson.number} />
        <h2 ref={heading} tabIndex={-1} className="lesson-part-title">
          {part.title}
        </h2>
        <div className="lesson-text">
          <CardText source={part.text} />
        </div>
        <PartBody lesson={lesson} part={part} />
        <Readout part={part} />
        <CardControls lesson={lesson} part={part} />
      </div>
      <div className="lesson-nav" role="group" aria-label="Move through the lesson">
        <button type="button" onClick={() => void previousPart()} disabled={place.lesson === 1 && place.part === 0}>
          Back
        </button>
        <button type="button" className="primary" onClick={() => void nextPart()} disabled={!ready} aria-describedby={ready ? undefined : hintId}>
          {last ? 'Finish' : 'Next'}
        </button>
        <button
          type="button"
          className="lesson-leave"
          onClick={() => {
            leaveLesson();
            // the card goes away: the focus goes back to the way in
            document.querySelector<HTMLButtonElement>('.lessons-button')?.focus();
          }}
        >
          Leave the lesson
        </button>
      </div>
      {!ready && (
        <p id={hintId} className="lesson-hint">
          {waitingFor(part)}
        </p>
      )}
    </aside>
  );
}

/** The header's way in: back to the lesson in progress, or the first. */
export function LessonsButton() {
  const resume = useAppState((s) => s.resumeLessons);
  return (
    <button type="button" className="lessons-button" onClick={() => void resume()}>
      Lessons
    </button>
  );
}

/** What a lesson part asks of the learner, by kind: a prediction to commit, an experiment's progress, the reveal, a check. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CheckPart, ExperimentPart, Lesson, LessonPart, Measured, PredictionPart, RevealPart } from '../../lessons/types';
import { progressKey } from '../../state/lessonSlice';
import { useAppState } from '../storeContext';
import { CardText } from './CardText';
import { RevealChart } from './RevealChart';

/** The prediction: options or a number; once committed it shows the answer, locked. */
function Prediction({ lesson, part }: { lesson: Lesson; part: PredictionPart }) {
  const answer = useAppState((s) => s.lessonProgress.answers[progressKey(lesson.number, part.id)]);
  const commit = useAppState((s) => s.answerPrediction);
  const [choice, setChoice] = useState<string>();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = useId();
  const ask = part.ask;
  const committed = answer !== undefined;
  // the Commit button goes away once pressed: the focus moves on to Next, which the answer has just enabled
  const wasCommitted = useRef(committed);
  useEffect(() => {
    if (committed && !wasCommitted.current) document.querySelector<HTMLButtonElement>('.lesson-nav .primary')?.focus();
    wasCommitted.current = committed;
  }, [committed]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ask.kind === 'choice') {
      if (choice) commit(part.id, choice);
      else setProblem('Choose one first.');
      return;
    }
    const value = Number(draft.trim());
    if (draft.trim() === '' || !Number.isFinite(value) || value < ask.min || value > ask.max) {
      setProblem(`Type a number from ${ask.min.toLocaleString('en-US')} to ${ask.max.toLocaleString('en-US')}.`);
      return;
    }
    commit(part.id, value);
  };

  return (
    <form className="lesson-ask" onSubmit={submit} aria-labelledby={`${id}-q`}>
      <p id={`${id}-q`} className="lesson-question">
        <CardText source={ask.question} inline />
      </p>
      {ask.kind === 'choice' ? (
        <fieldset className="lesson-options" disabled={committed}>
          <legend className="visually-hidden">Your prediction</legend>
          {ask.options.map((option) => (
            <label key={option.id} className="lesson-option">
              <input
                type="radio"
                name={`${id}-choice`}
                value={option.id}
                checked={(committed ? answer : choice) === option.id}
                onChange={() => {
                  setChoice(option.id);
                  setProblem(undefined);
                }}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="lesson-number">
          <label htmlFor={`${id}-n`}>{ask.label}</label>
          <input
            id={`${id}-n`}
            type="number"
            inputMode="numeric"
            min={ask.min}
            max={ask.max}
            value={committed ? String(answer) : draft}
            disabled={committed}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(undefined);
            }}
          />
        </div>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {committed ? (
        <p className="lesson-committed" aria-live="polite">
          Prediction committed. Press Next to test it.
        </p>
      ) : (
        <button type="submit" className="primary">
          Commit my prediction
        </button>
      )}
    </form>
  );
}

/** The experiment: what is left to do, and a note once it is done. */
function Experiment({ lesson, part }: { lesson: Lesson; part: ExperimentPart }) {
  const done = useAppState((s) => s.lessonProgress.measured[progressKey(lesson.number, part.id)] !== undefined);
  return (
    <p className={`lesson-experiment ${done ? 'lesson-experiment-done' : ''}`} aria-live="polite">
      {done ? 'Done: press Next to see what happened.' : 'The lesson waits for you to do this.'}
    </p>
  );
}

/** The reveal: the committed prediction against what the experiment measured. */
function RevealView({ lesson, part }: { lesson: Lesson; part: RevealPart }) {
  const answer = useAppState((s) => s.lessonProgress.answers[progressKey(lesson.number, part.prediction)]);
  const allMeasured = useAppState((s) => s.lessonProgress.measured);
  const measured = allMeasured[progressKey(lesson.number, part.experiment)];
  if (answer === undefined || !measured) {
    return <p className="lesson-missing">Make the prediction and do the experiment first: press Back.</p>;
  }
  // the lesson's other experiments, by id, for a reveal that compares runs
  const byExperiment: Record<string, Measured> = {};
  for (const p of lesson.parts) {
    const kept = p.kind === 'experiment' ? allMeasured[progressKey(lesson.number, p.id)] : undefined;
    if (kept && p.kind === 'experiment') byExperiment[p.id] = kept;
  }
  const reveal = part.reveal(answer, measured, byExperiment);
  return (
    <div className="lesson-reveal">
      <p className="lesson-verdict">{reveal.verdict}</p>
      <RevealChart reveal={reveal} />
      <p className="lesson-why">
        <CardText source={reveal.why} inline />
      </p>
    </div>
  );
}

/** The check: one question, feedback on the chosen option. */
function Check({ lesson, part }: { lesson: Lesson; part: CheckPart }) {
  const chosen = useAppState((s) => s.lessonProgress.checks[progressKey(lesson.number, part.id)]);
  const answer = useAppState((s) => s.answerCheck);
  const id = useId();
  const option = part.options.find((o) => o.id === chosen);
  return (
    <fieldset className="lesson-ask lesson-options">
      <legend className="lesson-question">{part.question}</legend>
      {part.options.map((o) => (
        <label key={o.id} className="lesson-option">
          <input type="radio" name={`${id}-check`} value={o.id} checked={chosen === o.id} onChange={() => answer(part.id, o.id)} /> {o.label}
        </label>
      ))}
      {option && (
        <p className={`lesson-feedback ${option.correct ? 'lesson-feedback-right' : 'lesson-feedback-wrong'}`} aria-live="polite">
          <strong>{option.correct ? 'Right.' : 'Not quite.'}</strong> {option.feedback}
        </p>
      )}
    </fieldset>
  );
}

/** The part's own widget (none for set-up, pointer and your-turn parts). */
export function PartBody({ lesson, part }: { lesson: Lesson; part: LessonPart }) {
  if (part.kind === 'prediction') return <Prediction key={`${lesson.number}:${part.id}`} lesson={lesson} part={part} />;
  if (part.kind === 'experiment') return <Experiment lesson={lesson} part={part} />;
  if (part.kind === 'reveal') return <RevealView lesson={lesson} part={part} />;
  if (part.kind === 'check') return <Check key={`${lesson.number}:${part.id}`} lesson={lesson} part={part} />;
  return null;
}

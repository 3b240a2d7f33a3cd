/**
 * The lessons as data, checked the way a reviewer would: every lesson has the parts the guided path promises
 * (a prediction, an experiment it waits for, a reveal of the one against the other, a check), cards stay short,
 * formulas typeset, pointers name a view the part shows, and settings are ones the config accepts.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, withChanges } from '../shared/config';
import { PRESETS } from '../shared/presets';
import { LESSONS, lessonConfig, settingsAt, stageOf } from './index';
import { parseCardText, wordCount } from './text';
import { VIEW_NAMES, type LessonPart } from './types';

/** Every piece of text a part's card shows (the reveal's sentences come from a sample answer). */
function cardText(part: LessonPart): string[] {
  const texts = [part.text];
  if (part.kind === 'prediction') texts.push(part.ask.question, ...(part.ask.kind === 'choice' ? part.ask.options.map((o) => o.label) : [part.ask.label]));
  if (part.kind === 'check') texts.push(part.question, ...part.options.map((o) => o.label));
  return texts;
}

describe('the lessons', () => {
  it('are numbered 1, 2, … in order', () => {
    expect(LESSONS.map((l) => l.number)).toEqual(LESSONS.map((_, k) => k + 1));
  });

  for (const lesson of LESSONS) {
    describe(`lesson ${lesson.number}, ${lesson.title}`, () => {
      it('has a prediction, an experiment, a reveal of the one against the other, a check and a your-turn', () => {
        const kinds = lesson.parts.map((p) => p.kind);
        for (const kind of ['prediction', 'experiment', 'reveal', 'check', 'your-turn']) expect(kinds).toContain(kind);
        for (const [k, part] of lesson.parts.entries()) {
          if (part.kind !== 'reveal') continue;
          const prediction = lesson.parts.findIndex((p) => p.kind === 'prediction' && p.id === part.prediction);
          const experiment = lesson.parts.findIndex((p) => p.kind === 'experiment' && p.id === part.experiment);
          // the learner commits before the experiment, and sees the reveal after it
          expect(prediction).toBeGreaterThanOrEqual(0);
          expect(experiment).toBeGreaterThan(prediction);
          expect(k).toBeGreaterThan(experiment);
        }
        const ids = lesson.parts.flatMap((p) => ('id' in p ? [p.id] : []));
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('keeps each card to 150 words, and its formulas typeset', () => {
        for (const part of lesson.parts) {
          const words = cardText(part).reduce((sum, text) => sum + wordCount(text), 0);
          expect(words, part.title).toBeLessThanOrEqual(150);
          const formulas = cardText(part).flatMap((text) => parseCardText(text).flat().flatMap((s) => (s.kind === 'formula' ? [s.tex] : [])));
          for (const tex of formulas) expect(() => katex.renderToString(tex, { throwOnError: true }), tex).not.toThrow();
          // a command whose backslash a template literal ate ("$\ln 4 \approx$" written with one backslash) still
          // typesets, as italic letters: "ln4approx"
          for (const tex of formulas) expect(tex, `${part.title}: a command without its backslash`).not.toMatch(/(^|[^\\a-zA-Z])(approx|ln|log|cdot|cdots|ldots|odot|sigma|tanh|times|leq|geq|partial|prod|sum|frac|mathrm|text)(?![a-zA-Z])/);
        }
      });

      it('points only at views the part shows, and shows known views and controls', () => {
        for (const part of lesson.parts) {
          const { views, controls } = stageOf(lesson, part);
          expect(views.length, part.title).toBeGreaterThan(0);
          for (const view of views) expect(VIEW_NAMES).toContain(view);
          for (const control of controls) expect(control === 'run' || control === 'preset' || control in CONFIG_FIELDS, control).toBe(true);
          if (part.pointer && 'lessonTarget' in part.pointer && part.pointer.lessonTarget !== 'status') expect(views, part.title).toContain(part.pointer.lessonTarget);
        }
      });

      it('starts from settings the config accepts, at every part', () => {
        if (lesson.preset) expect(PRESETS[lesson.preset]).toBeDefined();
        for (const k of lesson.parts.keys()) {
          const settings = settingsAt(lesson, k);
          const config = lessonConfig(lesson, settings);
          expect(withChanges(config, settings)).toEqual({ config });
        }
      });

      it('reveals in words and bars whatever the learner predicted', () => {
        for (const part of lesson.parts) {
          if (part.kind !== 'reveal') continue;
          const prediction = lesson.parts.find((p) => p.kind === 'prediction' && p.id === part.prediction);
          if (prediction?.kind !== 'prediction') throw new Error('no prediction');
          const answers = prediction.ask.kind === 'choice' ? prediction.ask.options.map((o) => o.id) : [prediction.ask.min, 1, prediction.ask.max];
          const measured = { step: 120, mse: 0.004, persistence: 0.083, mean: 0.5, parameters: 304, steps: 40, first: 5, count: 4, argmax: 20, largest: 0.1, middle: 0.003, last: 0.1, spread: 600 };
          for (const answer of answers) {
            const reveal = part.reveal(answer, measured);
            expect(reveal.verdict).not.toMatch(/undefined|NaN/);
            expect(reveal.marks.some((m) => m.kind === 'result')).toBe(true);
            expect(wordCount(reveal.why)).toBeLessThanOrEqual(40);
          }
        }
      });
    });
  }
});

describe('card text', () => {
  it('reads formulas, bold and paragraphs; a star inside a formula stays in the formula', () => {
    expect(parseCardText('Read **this**: $a^*_t = b$ now.\n\nNext\nline.')).toEqual([
      [
        { kind: 'text', text: 'Read ' },
        { kind: 'bold', text: 'this' },
        { kind: 'text', text: ': ' },
        { kind: 'formula', tex: 'a^*_t = b' },
        { kind: 'text', text: ' now.' },
      ],
      [{ kind: 'text', text: 'Next line.' }],
    ]);
    expect(wordCount('One $x_1 + x_2$ **two** three.')).toBe(4);
  });
});

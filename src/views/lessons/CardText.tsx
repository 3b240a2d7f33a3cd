/**
 * A lesson card's text: paragraphs of plain text, bold, and formulas. Formulas come only from the lesson source
 * (src/lessons/), never from what a learner typed, and KaTeX typesets them into their own element. (It builds
 * the DOM itself, as Equations.tsx does: the page's Content-Security-Policy refuses the inline style attributes
 * of an HTML string from renderToString, which would leave sub- and superscripts out of place.)
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import 'katex/dist/katex.min.css';
import { parseCardText, type Segment } from '../../lessons/text';

type Katex = typeof import('katex').default;
let katexModule: Promise<Katex> | undefined;

/** KaTeX, loaded once, when the first card with a formula is shown. */
function useKatex(needed: boolean): Katex | undefined {
  const [katex, setKatex] = useState<Katex>();
  useEffect(() => {
    if (!needed) return;
    let live = true;
    katexModule ??= import('katex').then((m) => m.default);
    void katexModule.then((k) => live && setKatex(() => k));
    return () => {
      live = false;
    };
  }, [needed]);
  return katex;
}

/** One formula from the lesson source, typeset (its TeX as text until KaTeX has loaded). */
function Formula({ tex, katex }: { tex: string; katex?: Katex }) {
  const ref = useRef<HTMLSpanElement>(null);
  // the span's children are KaTeX's, not React's: React renders it empty and never touches it again
  useLayoutEffect(() => {
    if (katex && ref.current) katex.render(tex, ref.current, { throwOnError: false, output: 'htmlAndMathml' });
  }, [katex, tex]);
  if (!katex) return <code className="lesson-tex">{tex}</code>;
  return <span ref={ref} className="lesson-formula" />;
}

function Segments({ segments, katex }: { segments: Segment[]; katex?: Katex }) {
  return (
    <>
      {segments.map((segment, k) =>
        segment.kind === 'formula' ? <Formula key={k} tex={segment.tex} katex={katex} /> : segment.kind === 'bold' ? <strong key={k}>{segment.text}</strong> : <span key={k}>{segment.text}</span>,
      )}
    </>
  );
}

/** Lesson source text as paragraphs (or as one inline run with `inline`). */
export function CardText({ source, inline = false }: { source: string; inline?: boolean }) {
  const paragraphs = useMemo(() => parseCardText(source), [source]);
  const katex = useKatex(paragraphs.some((p) => p.some((s) => s.kind === 'formula')));
  if (inline) return <Segments segments={paragraphs.flat()} katex={katex} />;
  return (
    <>
      {paragraphs.map((segments, k) =>
        // a paragraph that is one formula is a displayed equation
        segments.length === 1 && segments[0].kind === 'formula' ? (
          <p key={k} className="lesson-display">
            <Segments segments={segments} katex={katex} />
          </p>
        ) : (
          <p key={k}>
            <Segments segments={segments} katex={katex} />
          </p>
        ),
      )}
    </>
  );
}

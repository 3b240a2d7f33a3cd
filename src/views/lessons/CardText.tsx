/**
 * A lesson card's text: paragraphs of plain text, bold, and formulas. Formulas come only from the lesson source
 * (src/lessons/), never from what a learner typed, and are the only markup rendered as HTML (KaTeX's own).
 */
import { useEffect, useMemo, useState } from 'react';
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
  const html = useMemo(() => katex?.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' }), [katex, tex]);
  if (!html) return <code className="lesson-tex">{tex}</code>;
  // trusted: `tex` is lesson source (see the file's header), and KaTeX escapes what it typesets
  return <span className="lesson-formula" dangerouslySetInnerHTML={{ __html: html }} />;
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

/**
 * The card text's two marks, read into segments: `$…$` a formula, `**…**` bold; a blank line starts a new
 * paragraph. The page renders text segments as text and formula segments with KaTeX (lesson source only).
 */

/** A run of card text. */
export type Segment = { kind: 'text'; text: string } | { kind: 'bold'; text: string } | { kind: 'formula'; tex: string };

/** Paragraphs of segments. */
export function parseCardText(source: string): Segment[][] {
  return source
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim().replace(/\s*\n\s*/g, ' '))
    .filter((paragraph) => paragraph.length > 0)
    .map(parseParagraph);
}

function parseParagraph(paragraph: string): Segment[] {
  const segments: Segment[] = [];
  // a formula first, so that a * inside one is not read as bold
  const pattern = /\$([^$]+)\$|\*\*([^*]+)\*\*/g;
  let at = 0;
  for (const match of paragraph.matchAll(pattern)) {
    if (match.index > at) segments.push({ kind: 'text', text: paragraph.slice(at, match.index) });
    if (match[1] !== undefined) segments.push({ kind: 'formula', tex: match[1] });
    else segments.push({ kind: 'bold', text: match[2] });
    at = match.index + match[0].length;
  }
  if (at < paragraph.length) segments.push({ kind: 'text', text: paragraph.slice(at) });
  return segments;
}

/** Words a reader reads in the text (a formula counts as one). */
export function wordCount(source: string): number {
  return source
    .replace(/\$[^$]+\$/g, ' formula ')
    .replace(/\*\*/g, '')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

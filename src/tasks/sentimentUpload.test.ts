import { describe, expect, it } from 'vitest';
import { parseLabelledText } from './sentimentUpload';
import { TaskDataError } from './task';

/** 10 labelled rows as CSV lines (alternating labels). */
const TEN_ROWS = Array.from({ length: 10 }, (_, k) => `sentence number ${k} was ${k % 2 ? 'great' : 'awful'},${k % 2}`);

describe('the learner\'s labelled sentences', () => {
  it('reads CSV with and without a header, quoted fields and every label spelling', () => {
    const csv = ['text,label', '"Good, really good",positive', '"She said ""meh""",NEG', 'plain words,1', ...TEN_ROWS].join('\n');
    const rows = parseLabelledText(csv);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ text: 'Good, really good', label: 1 });
    expect(rows[1]).toEqual({ text: 'She said "meh"', label: 0 });
    expect(rows[2]).toEqual({ text: 'plain words', label: 1 });
    expect(parseLabelledText(TEN_ROWS.join('\r\n') + '\r\n')).toHaveLength(10);
    expect(parseLabelledText(['first, unquoted, with commas,Negative', ...TEN_ROWS].join('\n'))[0]).toEqual({ text: 'first, unquoted, with commas', label: 0 });
    expect(parseLabelledText(['"a quoted line\nbreak",pos', ...TEN_ROWS].join('\n'))[0]).toEqual({ text: 'a quoted line\nbreak', label: 1 });
  });

  it('reads TSV with and without a header', () => {
    const tsv = TEN_ROWS.map((row) => row.replace(/,(\d)$/, '\t$1'));
    expect(parseLabelledText(tsv.join('\n'))).toHaveLength(10);
    const rows = parseLabelledText(['text\tlabel', 'commas, stay, in text\tpos', ...tsv].join('\n'));
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual({ text: 'commas, stay, in text', label: 1 });
  });

  it('refuses each bad file with a message that says what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['  \n\n ', /empty/],
      ['\u0000\u0001PNG\u0002\u0003'.repeat(50), /binary/],
      ['\ufffd\u0007\ufffd\u0003ab'.repeat(200), /binary/],
      ['x'.repeat(1024 * 1024 + 1), /too large.*1 MB/],
      ['€'.repeat(350_000), /too large: 1\.0 MB/], // 350,000 characters, but 3 bytes each
      ['a,1\n'.repeat(20_001), /too long.*20000/],
      [[...TEN_ROWS.slice(0, 6), 'this one has no label', ...TEN_ROWS.slice(6)].join('\n'), /^Line 7 has no label: "this one has no label"/],
      [[...TEN_ROWS.slice(0, 6), 'an empty label,', ...TEN_ROWS.slice(6)].join('\n'), /^Line 7 has no label/],
      [['text,label', 'fine,1', 'unsure,maybe', ...TEN_ROWS].join('\n'), /^Line 3: label "maybe" is not one of 0, 1, negative, positive$/],
      [TEN_ROWS.slice(0, 9).join('\n'), /only 9 usable.*at least 10/],
      [[...TEN_ROWS.slice(0, 9), '!!!,1'].join('\n'), /only 9 usable/],
      [TEN_ROWS.map((row) => row.replace(/\d$/, '1')).join('\n'), /Every sentence .* positive/],
      [['"never closed,1', ...TEN_ROWS].join('\n'), /^Line 1: a quoted field is never closed/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseLabelledText(text), message.source).toThrow(TaskDataError);
      expect(() => parseLabelledText(text)).toThrow(message);
    }
  });
});

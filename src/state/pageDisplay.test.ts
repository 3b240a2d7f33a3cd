import { describe, expect, it } from 'vitest';
import { displayFromUrl, withDisplay } from './pageDisplay';

describe('the page display a link asks for', () => {
  it('hides settings by their address keys, once each, and embeds on 1 or true', () => {
    expect(displayFromUrl('?lesson=5&hide=cell,optimizer,cell&embed=1')).toEqual({ hidden: ['cell', 'optimizer'], embed: true, notices: [] });
    expect(displayFromUrl('?hide=hidden,seq-len&embed=true')).toEqual({ hidden: ['hiddenSize', 'sequenceLength'], embed: true, notices: [] });
    expect(displayFromUrl('')).toEqual({ hidden: [], embed: false, notices: [] });
  });

  it('ignores what it cannot use, with a notice, and never shows a tampered value whole', () => {
    const read = displayFromUrl(`?hide=cell,<img src=x>,${'z'.repeat(60)}&embed=yes`);
    expect(read.hidden).toEqual(['cell']);
    expect(read.embed).toBe(false);
    expect(read.notices).toEqual([
      'The link hides "<img src=x>", which is not a setting; ignored.',
      `The link hides "${'z'.repeat(40)}…", which is not a setting; ignored.`,
      'The link\'s embed "yes" is not 1 or 0; showing the whole page.',
    ]);
    expect(displayFromUrl('?embed=0').notices).toEqual([]);
  });

  it('writes the flags back into a rewritten address, and leaves them out for the full page', () => {
    expect(withDisplay('?cell=gru&hide=x', { hidden: ['cell', 'learningRate'], embed: true })).toBe('?cell=gru&hide=cell%2Clr&embed=1');
    expect(withDisplay('?cell=gru&embed=1', { hidden: [], embed: false })).toBe('?cell=gru');
  });
});

/** Notebook cells in nbformat 4 (the @jupyterlab/nbformat types): markdown and code, tagged by what they do. */
import type { ICodeCell, IMarkdownCell, INotebookContent, MultilineString } from '@jupyterlab/nbformat';

/** What a code cell does, as its tag: tests and scripts pick cells by it (e.g. run the numpy-only ones). */
export type CellRole = 'weights-name' | 'weights' | 'metadata' | 'model' | 'data' | 'evaluate' | 'training-data' | 'train';

/** nbformat keeps a cell's text as lines, each with its newline but the last. */
function sourceLines(text: string): MultilineString {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.map((line, k) => (k < lines.length - 1 ? `${line}\n` : line));
}

/** A markdown cell. */
export function markdownCell(id: string, text: string): IMarkdownCell {
  return { id, cell_type: 'markdown', metadata: {}, source: sourceLines(text) };
}

/** A code cell that has not run yet, tagged with its role. */
export function codeCell(role: CellRole, text: string): ICodeCell {
  return { id: role, cell_type: 'code', metadata: { tags: [role] }, source: sourceLines(text), execution_count: null, outputs: [] };
}

/** A notebook of cells, for a Python 3 kernel. */
export function notebook(cells: Array<IMarkdownCell | ICodeCell>): INotebookContent {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells,
  };
}

/** A table of values with a header row and a header column: the table alternative of a chart, or a readout. */
import type { ReactNode } from 'react';

/** One column: its header, and its cell in row r. */
export interface ValueColumn {
  key: string | number;
  header: ReactNode;
  cell: (row: number) => ReactNode;
}

/** Props: the columns, how many rows and each row's header; the corner is the header column's own header. */
export interface ValueTableProps {
  className?: string;
  caption?: ReactNode;
  corner: ReactNode;
  columns: ValueColumn[];
  rowCount: number;
  rowHeader: (row: number) => ReactNode;
}

/** The table. */
export function ValueTable({ className, caption, corner, columns, rowCount, rowHeader }: ValueTableProps) {
  return (
    <table className={className}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{corner}</th>
          {columns.map((column) => (
            <th key={column.key} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rowCount }, (_, r) => (
          <tr key={r}>
            <th scope="row">{rowHeader(r)}</th>
            {columns.map((column) => (
              <td key={column.key}>{column.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

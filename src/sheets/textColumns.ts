/**
 * Columns of an input table whose values are codes, not numbers: 学号, 考生号, 身份证号, 手机号. A CSV
 * copied into the output workbook keeps them as text (number format "@"), so 2021010101 is not summed,
 * shown as 2.02E+09 or stripped of a leading zero when someone edits it (issue 19).
 */
import { detectSheet } from './detect';
import type { RawTable } from './table';

const CODE_FIELDS = ['studentId', 'examNo', 'idNumber', 'phone'] as const;

/** Indexes (into the table's row arrays) of the code columns, and the index of the first data row. */
export interface CodeColumns {
  columns: ReadonlySet<number>;
  firstDataIndex: number;
}

export function codeColumns(table: RawTable): CodeColumns | null {
  const found = detectSheet(table).detected;
  if (!found) return null;
  const columns = new Set<number>();
  for (const field of CODE_FIELDS) {
    const ref = found.columns[field];
    if (ref) columns.add(ref.index);
  }
  return columns.size > 0 ? { columns, firstDataIndex: found.headerIndex + 1 } : null;
}

/** True when the cell at (row index, column index) of the table holds a code. */
export function isCodeCell(codes: CodeColumns | null, r: number, c: number): boolean {
  return codes !== null && r >= codes.firstDataIndex && codes.columns.has(c);
}

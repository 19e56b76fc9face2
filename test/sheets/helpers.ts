import type { CellValue, RawTable } from '../../src/sheets/table';

/** A RawTable starting at A1 from rows of values. */
export function table(sheet: string, rows: CellValue[][], extra: Partial<RawTable> = {}): RawTable {
  return { sheet, originRow: 1, originCol: 1, rows, ...extra };
}

export const rosterHeader = ['学号', '姓名', '专业', '年级'];

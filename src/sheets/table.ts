/**
 * A worksheet's values as a plain 2-D table, the same whatever host it came from (Office.js range
 * values, ExcelJS cells, a CSV file). The sheets layer detects kinds and parses rows from this.
 */

/** An Excel error value such as #N/A. */
export interface CellError {
  error: string;
}

/**
 * One cell value as a host gives it: formula results, not formulas. Date cells arrive as Date (ExcelJS)
 * or as a serial number (Office.js `values`); `text` is what Excel displays when the host knows it.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

export interface RawTable {
  /** Worksheet name (for a CSV: the file name without extension). */
  sheet: string;
  /** File the sheet came from (CLI / file mode), for messages. */
  file?: string;
  /** 1-based worksheet row of rows[0]. */
  originRow: number;
  /** 1-based worksheet column of rows[i][0]. */
  originCol: number;
  rows: CellValue[][];
  /** Display text of cells when the host has it (same shape as rows), e.g. to keep 学号 leading zeros. */
  text?: string[][];
  /** Number formats when known (same shape as rows), e.g. "@" or "yyyy-mm-dd". */
  numberFormats?: string[][];
  /** 1-based worksheet rows that are hidden (they are still read; an info issue says so). */
  hiddenRows?: number[];
  /**
   * Merged ranges (1-based worksheet rows and columns) when the host knows them. Only the top-left cell
   * of a merge holds its value; in data rows the value belongs to every row of the range (a 专业 merged
   * over a block of students).
   */
  merges?: CellRange[];
}

/** A rectangle of cells, 1-based worksheet rows and columns (inclusive). */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" → 27. */
export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B2:D5", "$B$2:$D$5" or "B2" → the range (corners in any order), or null for anything else. */
export function parseRange(ref: string): CellRange | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/u.exec(ref.toUpperCase());
  if (!m) return null;
  const [c1, r1, c2, r2] = [columnIndex(m[1] as string), Number(m[2]), columnIndex(m[3] ?? (m[1] as string)), Number(m[4] ?? m[2])];
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** A1 address of rows[r][c] of a table. */
export function tableAddress(t: RawTable, r: number, c: number): { row: number; column: string; cell: string } {
  const row = t.originRow + r;
  const column = columnLetter(t.originCol + c);
  return { row, column, cell: `${column}${row}` };
}

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
  /**
   * The cells column by column, when the host read them that way (the CSV reader: issue 17). Present
   * only while `rows` has not been built: reading `rows` builds it from these (once) and drops them, so
   * the two never disagree. Not enumerable: a copy made with `{ ...table }` holds `rows` only.
   */
  readonly columns?: TableColumns;
}

/**
 * A table's cells as dictionary-coded columns: per column, each row's number of its value (0: an empty
 * cell) and the distinct values. A 1 M-row grade export holds a few tens of thousands of distinct
 * texts: kept so, it is a few typed arrays instead of a JavaScript string and array per cell, and a
 * parser can work out what a value means once per distinct value instead of once per row.
 */
export interface TableColumns {
  /** Rows of the table. */
  height: number;
  /** Per column (rows[i][c]): each row's value number. */
  codes: Int32Array[];
  /** Per column: the values by number; values[c][0] is null (an empty cell). */
  values: CellValue[][];
}

/**
 * A table whose cells are `columns`: `rows` (every row as long as the widest, as other hosts give them)
 * is built on first access. Assigning `rows` replaces them (and drops the columns too).
 */
export function columnarTable(base: Omit<RawTable, 'rows' | 'columns'>, columns: TableColumns): RawTable {
  const table = { ...base } as RawTable;
  let cols: TableColumns | undefined = columns;
  let rows: CellValue[][] | undefined;
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    configurable: true,
    get(): CellValue[][] {
      if (rows === undefined) {
        rows = rowsOf(cols as TableColumns);
        cols = undefined;
      }
      return rows;
    },
    set(v: CellValue[][]) {
      rows = v;
      cols = undefined;
    },
  });
  Object.defineProperty(table, 'columns', { enumerable: false, configurable: true, get: () => cols });
  return table;
}

function rowsOf({ height, codes, values }: TableColumns): CellValue[][] {
  const rows: CellValue[][] = new Array<CellValue[]>(height);
  const width = codes.length;
  for (let r = 0; r < height; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c < width; c++) row.push((values[c] as CellValue[])[(codes[c] as Int32Array)[r] as number] as CellValue);
    rows[r] = row;
  }
  return rows;
}

/** Rows of a table (without building `rows` of a columnar one). */
export function tableHeight(t: RawTable): number {
  return t.columns ? t.columns.height : t.rows.length;
}

/** rows[r][c] of a table, null outside it (without building `rows` of a columnar one). */
export function cellAt(t: RawTable, r: number, c: number): CellValue {
  const cols = t.columns;
  if (!cols) return t.rows[r]?.[c] ?? null;
  const codes = cols.codes[c];
  return codes === undefined || r < 0 || r >= cols.height ? null : ((cols.values[c] as CellValue[])[codes[r] as number] as CellValue);
}

/** rows[r] of a table (a new array for a columnar one; [] outside the table). */
export function rowAt(t: RawTable, r: number): readonly CellValue[] {
  const cols = t.columns;
  if (!cols) return t.rows[r] ?? [];
  if (r < 0 || r >= cols.height) return [];
  return cols.codes.map((codes, c) => (cols.values[c] as CellValue[])[codes[r] as number] as CellValue);
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

/**
 * Limits every .xlsx reader applies (issue 14: hostile and broken files), shared by the streaming reader
 * (the CLI) and the ExcelJS one (the browser's file mode):
 * - a sheet is read as a dense table only as far as its data reaches: a stray cell far away (XFD1048576
 *   in a 1 KB side sheet) costs what that cell costs, never a table of the claimed size (strayCut);
 * - cell addresses beyond Excel's grid are not cells (validAddress);
 * - an ISO date cell (`<c t="d"><v>2024-03-25T00:00:00</v></c>`, written by openpyxl and others) is
 *   the date it says, as Excel reads it: its serial number, shown by the cell's format (isoToSerial).
 */
import { issueAt, type Issue } from '../../engine/issues';
import { columnLetter } from '../../sheets/table';
import { InputFileError } from '../inputFileError';

/** Excel's grid: 1,048,576 rows × 16,384 columns (A…XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * Empty rows / columns between the data and a cell for that cell to count as stray: a real table has no
 * gap of 10,000 empty rows or 256 empty columns inside it.
 */
export const STRAY_ROW_GAP = 10_000;
export const STRAY_COLUMN_GAP = 256;

/** Only a sheet whose dense table would exceed this many cells, and 8× its cells with values, is cut. */
const DENSE_CELLS = 2_000_000;

/** Where the data of a sheet ends, when cells beyond lie far away: the rows and columns kept. */
export interface StrayCut {
  lastRow: number;
  lastColumn: number;
}

/** The end of the first run of numbers (ascending, distinct) before a gap wider than `gap`. */
function endBeforeGap(sorted: readonly number[], gap: number): number {
  let end = sorted[0] ?? 0;
  for (let i = 1; i < sorted.length; i++) {
    const n = sorted[i] as number;
    if (n - end - 1 > gap) break;
    end = n;
  }
  return end;
}

/**
 * Whether a sheet of `lastRow` × `columns` with `valueCells` cells holding values (in the rows and the
 * columns listed, any order, repeats allowed) is mostly empty space, and if so how far its data reaches
 * (null: read it whole, as it is — every ordinary sheet).
 */
export function strayCut(lastRow: number, columns: number, valueCells: number, rows: Iterable<number>, cols: Iterable<number>): StrayCut | null {
  const dense = lastRow * columns;
  if (dense <= DENSE_CELLS || dense <= 8 * valueCells) return null;
  const sortedRows = [...new Set(rows)].sort((a, b) => a - b);
  const sortedCols = [...new Set(cols)].sort((a, b) => a - b);
  const cut = { lastRow: endBeforeGap(sortedRows, STRAY_ROW_GAP), lastColumn: endBeforeGap(sortedCols, STRAY_COLUMN_GAP) };
  return cut.lastRow >= lastRow && cut.lastColumn >= columns ? null : cut;
}

/** The warning for cells left out by strayCut, at the first of them (Chinese, says what to do). */
export function strayMessage(sheet: string, first: string, count: number, cut: StrayCut): string {
  return (
    `${sheet}!${first}：${count > 1 ? `此处等 ${count} 个单元格` : '此单元格'}远离表格的数据（数据只到第 ${cut.lastRow} 行、第 ${cut.lastColumn} 列，中间隔着大片空白），` +
    '没有作为表格的一部分读取。如果这是数据，请把它移到表格旁边；如果是误输入，请删除它。'
  );
}

/**
 * A merged range larger than one whole column (1,048,576 cells) is an error at its first cell: nobody
 * merges that much on purpose, and copying it into the result would visit every cell it covers
 * (A1:XFD1048576 is 17 billion).
 */
export const MAX_MERGE_CELLS = MAX_ROWS;

export function tooBigMerge(sheet: string, ref: string, range: { top: number; left: number }, cells: number): Issue {
  const at = { sheet, row: range.top, column: columnLetter(range.left) };
  return issueAt(
    'error',
    'MERGE_TOO_BIG',
    `${sheet}!${at.column}${at.row}：合并区域 ${ref} 覆盖 ${cells.toLocaleString('en-US')} 个单元格（超过一整列 ${MAX_MERGE_CELLS.toLocaleString('en-US')} 个），多为误操作（全选后合并）。请在 Excel 中选中该单元格，取消合并（或只合并需要的几格）后重试。`,
    at,
  );
}

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

/** A row and column inside Excel's grid. */
export function validAddress(row: number, col: number): boolean {
  return Number.isInteger(row) && Number.isInteger(col) && row >= 1 && row <= MAX_ROWS && col >= 1 && col <= MAX_COLUMNS;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u;

/**
 * An ISO 8601 date (and time) → Excel serial number in the workbook's date system, or null when the
 * text is not such a date. A time zone suffix is ignored: Excel keeps the wall-clock time written.
 */
export function isoToSerial(text: string, date1904 = false): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s, frac] = [1, 2, 3, 4, 5, 6, 7].map((i) => m[i]);
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const ms = Date.UTC(year, month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const serial = (ms - epoch) / 86_400_000;
  // Serials before 1900-03-01 count Excel's phantom 1900-02-29 (the 1900 system only).
  return !date1904 && serial < 61 ? serial - 1 : serial;
}

/** A cell the reader cannot read (a shared string that does not exist, an address off Excel's grid). */
export class CellReadError extends Error {
  constructor(
    message: string,
    readonly row: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CellReadError';
  }
}

/**
 * A cell the reader cannot read, as the file's error located at that cell (an address off the grid by
 * its row only: no column of the sheet is that cell).
 */
export function cellReadFileError(e: CellReadError, sheet: string, file: string): InputFileError {
  const at = e.column > 0 ? { sheet, row: e.row, column: columnLetter(e.column) } : { sheet, row: e.row };
  const where = at.column ? `${sheet}!${at.column}${at.row}` : `工作表“${sheet}”第${at.row}行`;
  return new InputFileError(`文件“${file}”：${where} ${e.message}。请在 Excel 中打开该文件检查这一格，重新保存为 .xlsx 后重试。`, file, at);
}

/** A cell address off Excel's grid (`ref` as written, or none: the position it was read at). */
export function offGridCell(ref: string | undefined, row: number, col: number): CellReadError {
  return new CellReadError(`单元格地址“${ref ?? `第${row}行第${col}列`}”超出了 Excel 的范围（最多 ${MAX_ROWS} 行、${MAX_COLUMNS} 列），文件已损坏`, Math.min(Math.max(row || 1, 1), MAX_ROWS), 0);
}

/** A row number off Excel's grid. */
export function offGridRow(r: string | undefined, row: number): CellReadError {
  return new CellReadError(`行号“${r}”超出了 Excel 的范围（1–${MAX_ROWS}），文件已损坏`, Math.min(Math.max(row || 1, 1), MAX_ROWS), 0);
}

/** A shared-string index (`value` as written) that is not one of the `count` strings of the file. */
export function missingSharedString(value: string, count: number, row: number, col: number): CellReadError {
  return new CellReadError(`单元格引用的共享字符串第 ${value.trim()} 号不存在（文件中只有 ${count} 个），文件已损坏`, row, col);
}

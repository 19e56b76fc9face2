/**
 * Sizes and cell conversions for Office.js requests. Pure (no Office.js), so it is unit-tested directly.
 */
import type { ModelCell } from '../../sheets/attachments/model';

/** Excel on the web rejects a request or a response over 5 MB; we stay well below. */
export const DEFAULT_REQUEST_BUDGET = 3_500_000;
/** Cells one range read may return (Excel's documented limit is 5,000,000; we stay below). */
export const DEFAULT_CELL_BUDGET = 1_000_000;
/** Rows of the first (probing) chunk when reading a sheet; later chunks are sized from measured bytes. */
export const PROBE_ROWS = 500;
/** Excel's limit of characters in one cell. */
export const MAX_CELL_TEXT = 32767;

/** Bytes of a string once UTF-8 encoded (what travels to Excel). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(x: unknown): number {
  return utf8Bytes(JSON.stringify(x));
}

/** One cell as written to Excel: its value and the number format that keeps it as intended. */
export interface ExcelCell {
  value: string | number | boolean;
  format: string;
}

/** Request bytes of one row written as a values array plus a numberFormat array. */
export function cellsBytes(row: readonly ExcelCell[]): number {
  return jsonBytes(row.map((c) => c.value)) + jsonBytes(row.map((c) => c.format));
}

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * How a model value is written so Excel keeps it as intended. Text columns (学号…) and every string
 * that is not a plain decimal number are written with format "@" — otherwise Excel would turn "00123"
 * into 123, "TRUE" into a boolean, "=…" into a formula or "2024-03-18" into a date. A plain decimal
 * string in a non-text column ("85.30") becomes a number shown with the same decimals ("0.00").
 */
export function toExcelCell(v: ModelCell, column: { text?: boolean; numberFormat?: string } = {}): ExcelCell {
  if (column.text) return { value: v === null ? '' : String(v), format: '@' };
  if (v === null) return { value: '', format: column.numberFormat ?? 'General' };
  if (typeof v === 'number') return { value: v, format: column.numberFormat ?? 'General' };
  if (DECIMAL.test(v)) {
    const decimals = v.includes('.') ? v.length - v.indexOf('.') - 1 : 0;
    return { value: Number(v), format: column.numberFormat ?? (decimals ? `0.${'0'.repeat(decimals)}` : '0') };
  }
  return { value: v, format: '@' };
}

/** Excel column width in characters → Office.js columnWidth in points (8.43 characters = 48 pt). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 5.25 + 3.75) * 4) / 4;
}

/**
 * Splits rows [0, count) into consecutive chunks whose estimated size stays within `budget` bytes and
 * `cellBudget` cells. `rowBytes(i)` estimates one row. Every chunk holds at least one row.
 */
export function chunkRows(count: number, columns: number, rowBytes: (i: number) => number, budget: number, cellBudget: number): { start: number; end: number; bytes: number }[] {
  const maxRows = Math.max(1, Math.floor(cellBudget / Math.max(1, columns)));
  const out: { start: number; end: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const b = rowBytes(i);
    if (i > start && (bytes + b > budget || i - start >= maxRows)) {
      out.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (count > start) out.push({ start, end: count, bytes });
  return out;
}

/** A sheet name Excel accepts (≤ 31 characters, none of : \ / ? * [ ], no leading/trailing '). */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return '工作表名称不能为空';
  if (name.length > 31) return `工作表名称“${name}”超过 31 个字符`;
  if (/[:\\/?*[\]]/.test(name)) return `工作表名称“${name}”含有不允许的字符 : \\ / ? * [ ]`;
  if (name.startsWith("'") || name.endsWith("'")) return `工作表名称“${name}”不能以单引号开头或结尾`;
  return null;
}

/**
 * A name for `wanted` that none of `taken` uses (ignoring case): "附件5 平均成绩排名公示(2)", shortened to
 * stay within 31 characters.
 */
export function distinctSheetName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let k = 2; ; k++) {
    const suffix = `(${k})`;
    const name = wanted.slice(0, 31 - suffix.length) + suffix;
    if (!taken(name)) return name;
  }
}

/** A rectangle of a read grid (0-based, relative to the grid). */
export interface GridRect {
  row0: number;
  col0: number;
  rows: number;
  cols: number;
}

/** True for a cell whose display text or number format can differ from its value: a number or TRUE/FALSE. */
function shownByFormat(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Where a values-only read must also load `text` and `numberFormat`: the rows from the first to the last
 * number (or TRUE/FALSE) of each column that holds one, side-by-side columns joined into one rectangle
 * when that costs at most a quarter more cells. A string's display text is the string itself (the parse
 * never reads a format or display of a string cell for anything but its messages), an empty cell's is ''.
 */
export function formattedRects(values: readonly (readonly unknown[])[]): GridRect[] {
  const spans: ({ first: number; last: number } | null)[] = [];
  for (let r = 0; r < values.length; r++) {
    const row = values[r]!;
    for (let c = 0; c < row.length; c++) {
      if (!shownByFormat(row[c])) continue;
      const s = spans[c];
      if (s) s.last = r;
      else spans[c] = { first: r, last: r };
    }
  }
  const out: GridRect[] = [];
  let open: { col0: number; cols: number; first: number; last: number; cells: number } | null = null;
  const close = () => {
    if (open) out.push({ row0: open.first, col0: open.col0, rows: open.last - open.first + 1, cols: open.cols });
    open = null;
  };
  for (let c = 0; c < spans.length; c++) {
    const s = spans[c];
    if (!s) {
      close();
      continue;
    }
    const own = s.last - s.first + 1;
    if (open) {
      const o: { col0: number; cols: number; first: number; last: number; cells: number } = open;
      const first = Math.min(o.first, s.first);
      const last = Math.max(o.last, s.last);
      if ((last - first + 1) * (o.cols + 1) <= 1.25 * (o.cells + own)) {
        open = { col0: o.col0, cols: o.cols + 1, first, last, cells: o.cells + own };
        continue;
      }
      close();
    }
    open = { col0: c, cols: 1, first: s.first, last: s.last, cells: own };
  }
  close();
  return out;
}

/** One numberFormat operation of a write: a 1×1 format for a run of cells of one column, or a 2-D array. */
export interface FormatOp {
  row0: number;
  col0: number;
  rows: number;
  cols: number;
  /** A single format for every cell (sent as a 1×1 array), or one per cell. */
  formats: string | string[][];
}

/** Estimated request bytes of one range operation that sets a 1×1 number format (object path + action). */
export const RUN_OP_BYTES = 160;

/**
 * The numberFormat operations that give the cells of `grid` (rows × columns of formats, placed at
 * row0/col0) their formats: per column, one operation per run of equal formats down the column when
 * that is at most half the size of the column's formats sent cell by cell (a saving smaller than that is
 * not worth more operations); the other columns, side by side, as 2-D arrays. The cells end up with
 * exactly the formats of `grid`.
 */
export function formatOps(grid: readonly (readonly string[])[], row0: number, col0: number): { ops: FormatOp[]; bytes: number } {
  const rows = grid.length;
  const cols = rows === 0 ? 0 : grid[0]!.length;
  const ops: FormatOp[] = [];
  let bytes = 0;
  let arrayFrom = -1;
  const flushArray = (end: number) => {
    if (arrayFrom < 0) return;
    const formats = grid.map((row) => row.slice(arrayFrom, end));
    ops.push({ row0, col0: col0 + arrayFrom, rows, cols: end - arrayFrom, formats });
    bytes += jsonBytes(formats) + RUN_OP_BYTES;
    arrayFrom = -1;
  };
  for (let c = 0; c < cols; c++) {
    const runs: { start: number; end: number; format: string }[] = [];
    let cellBytes = 0;
    for (let r = 0; r < rows; r++) {
      const f = grid[r]![c]!;
      cellBytes += utf8Bytes(f) + 3;
      const last = runs[runs.length - 1];
      if (last && last.format === f) last.end = r + 1;
      else runs.push({ start: r, end: r + 1, format: f });
    }
    if (2 * runs.length * RUN_OP_BYTES <= cellBytes) {
      flushArray(c);
      for (const run of runs) ops.push({ row0: row0 + run.start, col0: col0 + c, rows: run.end - run.start, cols: 1, formats: run.format });
      bytes += runs.length * RUN_OP_BYTES;
    } else if (arrayFrom < 0) arrayFrom = c;
  }
  flushArray(cols);
  return { ops, bytes };
}

/** Rows with an explicit height (1-based row → points) as runs of consecutive rows of equal height. */
export function heightRuns(heights: Readonly<Record<number, number>>): { first: number; count: number; height: number }[] {
  const rows = Object.keys(heights)
    .map(Number)
    .sort((a, b) => a - b);
  const out: { first: number; count: number; height: number }[] = [];
  for (const row of rows) {
    const h = heights[row]!;
    const last = out[out.length - 1];
    if (last && last.height === h && last.first + last.count === row) last.count++;
    else out.push({ first: row, count: 1, height: h });
  }
  return out;
}

/** Runs of equal neighbouring values: [20, 20, 9] → [{ start: 0, count: 2, value: 20 }, { start: 2, count: 1, value: 9 }]. */
export function equalRuns<T>(values: readonly T[]): { start: number; count: number; value: T }[] {
  const out: { start: number; count: number; value: T }[] = [];
  values.forEach((value, i) => {
    const last = out[out.length - 1];
    if (last && last.value === value) last.count++;
    else out.push({ start: i, count: 1, value });
  });
  return out;
}

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

/**
 * Legacy workbooks read outside Excel (SPEC §1): Excel 97–2003 .xls (BIFF8, what 正方 and others still
 * export) and WPS .et (the same OLE container), through SheetJS as published on npm by its maintainers'
 * mirror (`@e965/xlsx` 0.20.x; never the frozen `xlsx` package). SheetJS is loaded with a dynamic
 * import() only when such a file is read, so the task pane's initial JavaScript does not grow (webpack
 * emits it as a separate chunk).
 *
 * The tables have the shape the .xlsx reader gives (src/hosts/xlsx/read.ts): origin A1, one entry per
 * cell up to the used range, values (formula results; date-formatted numbers as UTC-midnight Dates;
 * error values as { error }), the display text (学号 leading zeros under a "000000" format), number
 * formats, hidden rows and merged ranges.
 */
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import type { CellRange, CellValue, RawTable } from '../../sheets/table';
import { isDateFormat } from '../../sheets/values';
import { csvToTable, decodeCsv } from '../csv/read';
import { InputFileError } from '../inputFileError';

/** .xls (Excel 97–2003) and .et (WPS) by name. */
export const isLegacyName = (name: string): boolean => /\.(xls|et)$/iu.test(name);

/** The OLE compound-file signature (D0 CF 11 E0 A1 B1 1A E1) that .xls and .et files start with. */
export function isOleBytes(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

export interface LegacySheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  table: RawTable;
}

/** Days from Excel's day 0 to 1970-01-01 (1900 date system, serials ≥ 61), and the 1904 system's shift. */
const EPOCH_1900 = 25569;
const SHIFT_1904 = 1462;

function dateOfSerial(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + SHIFT_1904 : serial;
  // Serials below 61 sit before Excel's fictitious 1900-02-29: one day later in the calendar.
  const fixed = !date1904 && days < 61 ? days + 1 : days;
  return new Date(Math.round((fixed - EPOCH_1900) * 86400) * 1000);
}

/** A SheetJS cell → the value the .xlsx reader would give, its display text and number format. */
function cellOf(cell: CellObject, date1904: boolean): { value: CellValue; text: string; format: string } {
  const format = typeof cell.z === 'string' ? cell.z : '';
  const shown = typeof cell.w === 'string' ? cell.w : '';
  switch (cell.t) {
    case 's':
      return { value: String(cell.v ?? ''), text: String(cell.v ?? ''), format };
    case 'b':
      return { value: Boolean(cell.v), text: shown, format };
    case 'e':
      return { value: { error: shown || '#N/A' }, text: shown, format };
    case 'd':
      return { value: cell.v instanceof Date ? cell.v : null, text: shown, format };
    case 'n': {
      const n = Number(cell.v);
      if (isDateFormat(format) && Number.isFinite(n)) return { value: dateOfSerial(n, date1904), text: shown, format };
      // What the .xlsx reader shows: a zero-padded 学号 keeps its zeros; "@" shows the plain number.
      if (Number.isInteger(n) && /^0+$/u.test(format)) return { value: n, text: String(n).padStart(format.length, '0'), format };
      return { value: n, text: format === '@' ? String(n) : shown, format };
    }
    default:
      return { value: null, text: '', format: '' };
  }
}

function sheetToTable(ws: WorkSheet, name: string, file: string, decodeRange: (ref: string) => { s: { r: number; c: number }; e: { r: number; c: number } }, encodeCell: (a: { r: number; c: number }) => string, date1904: boolean): RawTable {
  const ref = ws['!ref'];
  const rows: CellValue[][] = [];
  const text: string[][] = [];
  const numberFormats: string[][] = [];
  if (ref) {
    const range = decodeRange(ref);
    const width = range.e.c + 1;
    for (let r = 0; r <= range.e.r; r++) {
      const values = new Array<CellValue>(width).fill(null);
      const texts = new Array<string>(width).fill('');
      const formats = new Array<string>(width).fill('');
      for (let c = range.s.c; c <= range.e.c; c++) {
        const cell = ws[encodeCell({ r, c })] as CellObject | undefined;
        if (!cell || cell.t === 'z') continue;
        const read = cellOf(cell, date1904);
        values[c] = read.value;
        texts[c] = read.text;
        formats[c] = read.format;
      }
      rows.push(values);
      text.push(texts);
      numberFormats.push(formats);
    }
  }
  const hiddenRows = (ws['!rows'] ?? []).flatMap((row, r) => (row?.hidden ? [r + 1] : []));
  const merges: CellRange[] = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
  return { sheet: name, file, originRow: 1, originCol: 1, rows, text, numberFormats, hiddenRows, ...(merges.length > 0 ? { merges } : {}) };
}

/** Why SheetJS could not read the file, in Chinese, with what to do. */
function unreadable(fileName: string, e: unknown): InputFileError {
  const detail = e instanceof Error ? e.message : String(e);
  const encrypted = /password|encrypt/iu.test(detail);
  const what = encrypted ? '设置了打开密码（已加密）' : '已损坏或不是 Excel/WPS 表格文件';
  return new InputFileError(
    `文件“${fileName}”无法读取：它${what}（${detail}）。请在 Excel 或 WPS 中打开该文件${encrypted ? '、取消密码' : ''}后重新保存（.xls 或 .xlsx 均可），或从教务系统重新导出后再试。`,
    fileName,
  );
}

/**
 * What a file named .xls/.et really holds: an OLE workbook (BIFF, WPS), an .xlsx (zip), an HTML or XML
 * table (old exports that Excel opens as .xls), plain text (a CSV or tab-separated export), or none of
 * these (damaged: SheetJS would read any bytes as one text cell, so they are refused here).
 */
export function legacyContent(bytes: Uint8Array): 'ole' | 'zip' | 'markup' | 'text' | 'unknown' {
  if (isOleBytes(bytes)) return 'ole';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  // A torn OLE header, or control characters (other than tab and line breaks) where text should be.
  if (bytes.length === 0 || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) return 'unknown';
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return 'unknown';
  }
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < n && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c ? 'markup' : 'text';
}

/**
 * Reads a .xls / .et workbook from its bytes: every sheet with its state and table. A text export saved
 * under an .xls name is read as the CSV it is (GBK/UTF-8, comma or tab: src/hosts/csv/read.ts).
 */
export async function readLegacyWorkbook(bytes: Uint8Array, fileName: string): Promise<LegacySheet[]> {
  const content = legacyContent(bytes);
  if (content === 'unknown') {
    throw unreadable(fileName, new Error(isOleBytes(bytes.subarray(0, 8)) ? '文件不完整' : '文件内容不是 Excel 97-2003、WPS 或文本表格'));
  }
  if (content === 'text') {
    const table = csvToTable(bytes, fileName);
    return [{ name: table.sheet, state: 'visible', table }];
  }
  const XLSX = await import(/* webpackChunkName: "xls-reader" */ '@e965/xlsx');
  let wb: WorkBook;
  try {
    // raw: an HTML/XML table's texts stay texts (学号 0210101 keeps its zero); BIFF cells are typed anyway.
    const options = { cellNF: true, cellText: true, cellDates: false, cellFormula: false, raw: true } as const;
    // An HTML/XML table is decoded here (UTF-8, or GBK as old exports write it): SheetJS would read GBK
    // bytes as Latin-1 and garble every Chinese header.
    wb = content === 'markup' ? XLSX.read(decodeCsv(bytes).text, { ...options, type: 'string' }) : XLSX.read(bytes, { ...options, type: 'array' });
  } catch (e) {
    throw unreadable(fileName, e);
  }
  if (wb.SheetNames.length === 0) throw unreadable(fileName, new Error('没有工作表'));
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const states = ['visible', 'hidden', 'veryHidden'] as const;
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name] as WorkSheet;
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    return {
      name,
      state: states[hidden] ?? 'visible',
      table: sheetToTable(ws, name, fileName, XLSX.utils.decode_range, XLSX.utils.encode_cell, date1904),
    };
  });
}

/**
 * ExcelJS workbook → RawTable[] (values as Excel shows them: formula results, Date cells, error values,
 * display text for 学号-like numbers, number formats, hidden rows; a merged range's value only at its
 * top-left cell). Runs in Node and in the browser: node-only file reading is in `loadXlsxFile`.
 */
import type ExcelJS from 'exceljs';
import { issueAt, type Issue } from '../../engine/issues';
import { columnLetter, parseRange, type CellValue, type RawTable } from '../../sheets/table';
import { strayCut, strayMessage } from './bounds';

import { InputFileError } from '../inputFileError';

export { InputFileError };

/**
 * ExcelJS itself, imported when first needed (loading an .xlsx into it, a new result workbook): the
 * CLI reading CSV files for --json only never loads it (~0.3 s of node's start), nor does a page that
 * reads no workbook.
 */
export async function excelJs(): Promise<typeof ExcelJS> {
  // Eager for webpack: in the same chunk as before (no extra download), only run later.
  return (await import(/* webpackMode: "eager" */ 'exceljs')).default;
}

/** The first bytes of a file that is not an .xlsx (an .xls, a PDF, text) ⇒ InputFileError. */
export function checkXlsxSignature(bytes: Uint8Array, fileName: string): void {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new InputFileError(`文件“${fileName}”是旧版 Excel 97-2003 (.xls) 或加密的工作簿，无法读取。请在 Excel 中“另存为” .xlsx 格式（并取消密码）后重试。`, fileName);
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new InputFileError(`文件“${fileName}”不是 .xlsx 工作簿（文件内容不是 Excel 格式）。请确认文件类型，或在 Excel 中另存为 .xlsx 后重试。`, fileName);
  }
}

const CJK = /[\u4e00-\u9fff]/u;

/**
 * A damaged .xlsx in Chinese, without the libraries' English ("Corrupted zip: can't find end of central
 * directory", "3:65410: undefined entity.", "Invalid string length"): what is damaged, where when known,
 * and what to do. A reader's own Chinese message (xmlTokens.ts) is kept.
 */
export function damagedXlsxMessage(fileName: string, stage: string | null, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const where = stage ? `读取${stage}时` : '';
  const again = '请在 Excel（或 WPS）中打开该文件，确认内容无误后重新“另存为” .xlsx，再重试；如果打不开，请重新导出或向发送者重新索取该文件。';
  let what: string;
  if (e instanceof RangeError || /Invalid string length|Array buffer allocation|too large|ERR_STRING_TOO_LONG/iu.test(message)) {
    what = '文件中有过大的内容（例如极长的单元格或极多的单元格），超出了程序能处理的范围';
  } else if (/zip|central directory|end of data|signature|compression|deflate|inflate|invalid (stored|distance|block|code)|unexpected end of file|header check|incorrect (header|data)|crc32|size mismatch|compressed size/iu.test(message) || (e as { code?: unknown })?.code === 'Z_DATA_ERROR' || (e as { code?: unknown })?.code === 'Z_BUF_ERROR') {
    what = '文件的压缩结构已损坏（.xlsx 是一个压缩包，可能没有下载或复制完整）';
  } else if (CJK.test(message)) {
    what = `文件中的 XML 已损坏：${message}`;
  } else if (/entity|xml|sax|tag|attribute|unexpected|unclosed|close|text data|character|doctype|root/iu.test(message)) {
    what = '文件中的 XML 已损坏（有无法识别的标记或实体）';
  } else {
    what = '文件内容已损坏或不是 Excel 能写出的格式';
  }
  return `文件“${fileName}”无法作为 .xlsx 读取：${where}${what}。${again}`;
}

/**
 * Loads an .xlsx from bytes; anything else (an .xls, a PDF, a damaged file, a cell that cannot be read)
 * ⇒ InputFileError. Its worksheet XML is first read by the CLI's rules (sheetXmlFixes.ts: ISO dates,
 * rows and cells without `r`, shared strings, merges): what ExcelJS's browser bundle would misread is
 * rewritten; what cannot be read is located. Problems that leave the file readable (a merge too big to
 * load) go to `issues`.
 */
export async function loadXlsx(data: ArrayBuffer | Uint8Array, fileName: string, issues: Issue[] = []): Promise<ExcelJS.Workbook> {
  const original = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkXlsxSignature(original, fileName);
  const wb = new (await excelJs()).Workbook();
  try {
    // Imported here with JSZip (as ExcelJS is): a CSV-only run never loads them.
    const { fixSheetXml } = await import(/* webpackMode: "eager" */ './sheetXmlFixes');
    const bytes = await fixSheetXml(original, fileName, issues);
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await wb.xlsx.load(buf);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(damagedXlsxMessage(fileName, null, e), fileName);
  }
  return wb;
}

/** Node only: reads an .xlsx file from disk. */
export async function loadXlsxFile(path: string): Promise<ExcelJS.Workbook> {
  const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
  const { basename } = await import(/* webpackIgnore: true */ 'node:path');
  return loadXlsx(await readFile(path), basename(path));
}

export function fromExcelValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v && typeof v.error === 'string') return { error: v.error };
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      // A formula saved without its result (files written by scripts or some tools, never by Excel): its
      // value is unknown, which is not the same as empty — the cell reads as an error value, located.
      if (result === undefined || result === null) return { error: '#公式无计算结果' };
      return fromExcelValue(result as ExcelJS.CellValue);
    }
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('hyperlink' in v) return String((v as { hyperlink: unknown }).hyperlink);
  }
  return String(v);
}

/** What Excel shows for an integer under a zero-padding format ("000000" ⇒ 123 → "000123"). */
export function displayText(value: CellValue, numFmt: string | undefined, fallback: string): string {
  if (typeof value === 'number' && Number.isInteger(value) && numFmt && /^0+$/u.test(numFmt)) {
    return String(value).padStart(numFmt.length, '0');
  }
  if (typeof value === 'number' && numFmt === '@') return String(value);
  return fallback;
}

/**
 * One worksheet → RawTable (rows 1…rowCount, columns 1…columnCount), except that cells far away from
 * the data of a mostly empty sheet are left out (bounds.ts: strayCut) with a warning in `issues`.
 */
export function worksheetToTable(ws: ExcelJS.Worksheet, file?: string, issues?: Issue[]): RawTable {
  let rowCount = ws.rowCount;
  let colCount = ws.columnCount;
  if (rowCount * colCount > 2_000_000) {
    const rowsWith: number[] = [];
    const colsWith: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.value === null || cell.value === undefined) return;
        rowsWith.push(r);
        colsWith.push(c);
      });
    });
    const cut = strayCut(rowCount, colCount, rowsWith.length, rowsWith, colsWith);
    if (cut) {
      const strays = rowsWith.map((r, i) => [r, colsWith[i] as number] as const).filter(([r, c]) => r > cut.lastRow || c > cut.lastColumn);
      const first = strays[0];
      if (first && issues) {
        const at = { sheet: ws.name, row: first[0], column: columnLetter(first[1]) };
        issues.push(issueAt('warning', 'FAR_AWAY_CELLS', strayMessage(ws.name, `${at.column}${at.row}`, strays.length, cut), at));
      }
      rowCount = Math.min(rowCount, cut.lastRow);
      colCount = Math.min(colCount, cut.lastColumn);
    }
  }
  const rows: CellValue[][] = [];
  const text: string[][] = [];
  const numberFormats: string[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    if (row.hidden) hiddenRows.push(r);
    const values: CellValue[] = new Array<CellValue>(colCount).fill(null);
    const texts: string[] = new Array<string>(colCount).fill('');
    const formats: string[] = new Array<string>(colCount).fill('');
    if (row.cellCount > 0) {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > colCount) return;
        if (cell.isMerged && cell.master !== cell) return;
        const v = fromExcelValue(cell.value);
        values[c - 1] = v;
        const fmt = cell.numFmt;
        formats[c - 1] = fmt ?? '';
        texts[c - 1] = displayText(v, fmt, typeof v === 'string' ? v : cell.text);
      });
    }
    rows.push(values);
    text.push(texts);
    numberFormats.push(formats);
  }
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).flatMap((m) => {
    const range = parseRange(m);
    if (!range || range.top > rowCount || range.left > colCount) return [];
    return [{ ...range, bottom: Math.min(range.bottom, rowCount), right: Math.min(range.right, colCount) }];
  });
  return { sheet: ws.name, file, originRow: 1, originCol: 1, rows, text, numberFormats, hiddenRows, ...(merges.length > 0 ? { merges } : {}) };
}

/** Every visible-or-hidden worksheet except `skip` (owned sheets). Very hidden sheets are never inputs. */
export function workbookToTables(wb: ExcelJS.Workbook, file?: string, skip: readonly string[] = []): RawTable[] {
  return wb.worksheets.filter((ws) => ws.state !== 'veryHidden' && !skip.includes(ws.name)).map((ws) => worksheetToTable(ws, file));
}

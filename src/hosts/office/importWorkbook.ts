/**
 * Imports a second workbook (the roster often arrives as its own .xlsx) into the open workbook.
 *
 * - ExcelApi 1.13 (Microsoft 365, Excel on the web): workbook.insertWorksheetsFromBase64 copies the
 *   sheets with their formatting in one request, when the file fits the request budget.
 * - Otherwise (Excel 2016/2019, a file too big for one request, or Excel refusing the insert, e.g. a
 *   clashing sheet name): the file is parsed in the pane with ExcelJS (loaded lazily, only then) and its
 *   values and number formats are written through the host in budget-sized requests, under distinct names.
 *   The result says which way was taken and why.
 * - An .xls / WPS .et file (insertWorksheetsFromBase64 takes only .xlsx) is parsed in the pane by SheetJS
 *   (src/hosts/xls/read.ts, loaded lazily) and written the second way.
 */
import { isLegacyName, isOleBytes, readLegacyWorkbook } from '../xls/read';
import { InputFileError } from '../inputFileError';
import type { OfficeWorkbookHost } from './officeHost';
import { OfficeHostError, toHostError } from './errors';
import { DEFAULT_REQUEST_BUDGET } from './payload';

export type PlainValue = string | number | boolean | null;

export interface PlainSheet {
  name: string;
  values: PlainValue[][];
  formats: (string | null)[][];
  hidden: boolean;
}

export interface ImportResult {
  /** Names of the sheets now in the workbook (may differ from the file's names when they clashed). */
  sheets: string[];
  method: 'insertWorksheetsFromBase64' | 'exceljs' | 'sheetjs';
  /** Why the ExcelJS path was taken (Chinese), when it was. */
  note?: string;
}

/** Base64 of bytes without Node's Buffer (runs in the pane). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) out += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(out);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** One ExcelJS cell value → a plain value Office.js can write (dates become Excel serial numbers). */
export function plainValue(v: unknown): PlainValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86400000;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result);
    if (typeof o.error === 'string') return o.error;
    if (typeof o.text === 'string') return o.text; // hyperlink
    if (o.text && typeof o.text === 'object') return plainValue(o.text);
  }
  return String(v);
}

/** Reads every worksheet of an .xlsx (values from A1 and number formats) with ExcelJS, lazily imported. */
export async function readWorkbookValues(data: ArrayBuffer): Promise<PlainSheet[]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data);
  const sheets: PlainSheet[] = [];
  wb.eachSheet((ws) => {
    const values: PlainValue[][] = [];
    const formats: (string | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const vr: PlainValue[] = [];
      const fr: (string | null)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = plainValue(cell.value);
        vr[c - 1] = v;
        fr[c - 1] = cell.numFmt || (cell.value instanceof Date ? 'yyyy-mm-dd' : null);
      });
      values[r - 1] = vr;
      formats[r - 1] = fr;
    });
    const width = Math.max(0, ...values.map((r) => (r ? r.length : 0)));
    for (let r = 0; r < values.length; r++) {
      const vr = values[r] ?? [];
      const fr = formats[r] ?? [];
      values[r] = Array.from({ length: width }, (_, c) => vr[c] ?? null);
      formats[r] = Array.from({ length: width }, (_, c) => fr[c] ?? null);
    }
    sheets.push({ name: ws.name, values, formats, hidden: ws.state !== 'visible' });
  });
  return sheets;
}

/** Every visible-or-hidden sheet of an .xls/.et as values from A1 (dates as serials) and number formats. */
export async function readLegacyValues(data: ArrayBuffer, fileName: string): Promise<PlainSheet[]> {
  const sheets = await readLegacyWorkbook(new Uint8Array(data), fileName);
  return sheets
    .filter((s) => s.state !== 'veryHidden')
    .map((s) => ({
      name: s.name,
      values: s.table.rows.map((r) => r.map((v) => plainValue(v))),
      formats: (s.table.numberFormats ?? s.table.rows.map((r) => r.map(() => ''))).map((r) => r.map((f) => (f === '' ? null : f))),
      hidden: s.state !== 'visible',
    }));
}

const FALLBACK_CODES = new Set(['ItemAlreadyExists', 'InvalidArgument', 'RequestPayloadSizeLimitExceeded', 'UnsupportedOperation', 'NotImplemented', 'ApiNotFound']);

/**
 * Imports `data` (the bytes of an .xlsx chosen in the file picker) into the open workbook.
 * Hidden sheets of the file are skipped on the ExcelJS path.
 */
export async function importWorkbook(host: OfficeWorkbookHost, data: ArrayBuffer, fileName: string, requestBudget = DEFAULT_REQUEST_BUDGET): Promise<ImportResult> {
  const legacy = isLegacyName(fileName) || isOleBytes(new Uint8Array(data, 0, Math.min(8, data.byteLength)));
  if (!legacy && !/\.(xlsx|xlsm)$/i.test(fileName)) {
    throw new OfficeHostError(`无法导入“${fileName}”：只支持 .xlsx、.xls 和 WPS .et 工作簿。若是 .csv 文件，请先在 Excel 中打开并“另存为”Excel 工作簿(.xlsx)。`, 'InvalidArgument');
  }
  let note: string | undefined;
  if (legacy) {
    let legacySheets: PlainSheet[];
    try {
      legacySheets = await readLegacyValues(data, fileName);
    } catch (e) {
      if (e instanceof InputFileError) throw new OfficeHostError(e.message, 'InvalidArgument', { cause: e });
      throw e;
    }
    return { sheets: await writeSheets(host, legacySheets), method: 'sheetjs', note: '旧版 .xls / WPS .et 文件：已在任务窗格中读取后写入（只复制值和数字格式）。' };
  }
  if (!host.supports('1.13')) note = '当前 Excel 不支持 ExcelApi 1.13，已在任务窗格中读取文件后写入（只复制值和数字格式）。';
  else {
    const base64 = toBase64(new Uint8Array(data));
    if (base64.length > requestBudget) note = `文件较大（${Math.round(data.byteLength / 1024)} KB），超过一次请求的上限，已分批写入（只复制值和数字格式）。`;
    else {
      try {
        const names = await Excel.run(async (context) => {
          const inserted = context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
          await context.sync();
          return inserted.value;
        });
        return { sheets: names, method: 'insertWorksheetsFromBase64' };
      } catch (e) {
        const err = toHostError(e, `导入“${fileName}”`);
        if (!FALLBACK_CODES.has(err.code)) throw err;
        note = `Excel 未能直接插入工作表（${err.message}），已改为在任务窗格中读取文件后写入（只复制值和数字格式）。`;
      }
    }
  }
  let sheets: PlainSheet[];
  try {
    sheets = await readWorkbookValues(data);
  } catch (e) {
    throw new OfficeHostError(`无法读取“${fileName}”：文件不是有效的 .xlsx 工作簿或已损坏（${e instanceof Error ? e.message : String(e)}）。请在 Excel 中打开并另存为 .xlsx 后重试。`, 'InvalidArgument', { cause: e });
  }
  return { sheets: await writeSheets(host, sheets), method: 'exceljs', note };
}

/** Writes the visible sheets through the host, in budget-sized requests; returns their names there. */
async function writeSheets(host: OfficeWorkbookHost, sheets: readonly PlainSheet[]): Promise<string[]> {
  const names: string[] = [];
  for (const s of sheets) {
    if (s.hidden) continue;
    names.push(await host.writePlainSheet(s.name, s.values, s.formats));
  }
  return names;
}

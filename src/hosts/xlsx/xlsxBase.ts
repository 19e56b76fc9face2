/**
 * The first .xlsx as the base of --out without loading its big sheets into ExcelJS (issue 6).
 *
 * The result workbook keeps the base's own sheets as they are (values, styles, widths, merges, print
 * setup…). Loading the whole file into ExcelJS took ~67 s and ~4 GB at 20,000 students, for a grade
 * export nobody changes. Here ExcelJS loads a copy of the file in which each big worksheet (its XML part
 * over `limits.bigSheet` bytes) has an empty <sheetData/>: every sheet setting, column, merge, validation and
 * the styles come from ExcelJS as before, and the big sheets' rows are read again from the file, row by
 * row, when the result is written (writeWorkbook.ts, `copied`). Sheets the run writes into (the result
 * block) and the meta sheet are always loaded whole.
 * A big sheet's hyperlinks and cell notes are not kept (ExcelJS attaches them to cells it loaded).
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { patchExcelJs } from './exceljsPatches';
import { jszipData } from './exceljsInternals';
import { damagedXlsxMessage, InputFileError } from './read';
import { fixSheetXml } from './sheetXmlFixes';
import { partStream, sameFile, streamSheetCells, type SheetSink, type StreamedWorkbook } from './streamRead';

patchExcelJs();

/** Worksheet XML above `bigSheet` bytes is read row by row for the output (20,000 students' grades: ~350 MB). */
export const limits = { bigSheet: 32 * 1024 * 1024 };

/** Reads a big sheet's cells again, as ExcelJS would hold them (`pause` awaited now and then). */
export type SheetCells = (sink: SheetSink, pause?: () => Promise<void>) => Promise<void>;

/**
 * How the browser loads a base (file mode's worker, issue 17): parts unzipped by fflate (browserZip.ts),
 * and the sheets ExcelJS's browser build loads rewritten first by the CLI's reading rules
 * (sheetXmlFixes.ts; the CLI's ExcelJS is patched instead: exceljsPatches.ts).
 */
export interface BaseOptions {
  openPart?: (file: JSZip.JSZipObject) => AsyncIterable<Uint8Array>;
  fixXml?: boolean;
}

/**
 * Loads `bytes` into ExcelJS with the big sheets' rows left out (except the sheets `keepWhole` names);
 * returns the workbook and, per left-out sheet, how to read its cells.
 */
export async function loadBase(bytes: Uint8Array, read: StreamedWorkbook, keepWhole: (sheet: string) => boolean, fileName = '', options: BaseOptions = {}): Promise<{ wb: ExcelJS.Workbook; cells: Map<string, SheetCells> }> {
  // The file is read again here, at the end of the run: saved in between (in Excel, while the run was
  // computing), it is no longer what the result was computed from — written into the result workbook,
  // its sheets would silently disagree with the result columns and 附件.
  if (read.seen && !sameFile(bytes, read.seen)) {
    throw new InputFileError(
      `文件“${fileName}”在本次运行读取之后被修改过（例如在 Excel 中又保存了一次）：结果是按修改前的内容算出的，写进工作簿会与修改后的内容对不上，因此没有写出。请保存并关闭该文件后重新运行。`,
      fileName,
    );
  }
  try {
    return await loadBaseOf(bytes, read, keepWhole, fileName, options);
  } catch (e) {
    // The file was read, yet ExcelJS (or JSZip under it) refuses it: damaged in a way the reader let
    // pass — the file's error, in Chinese (issue 14), not an internal one.
    throw new InputFileError(damagedXlsxMessage(fileName, null, e), fileName);
  }
}

async function loadBaseOf(bytes: Uint8Array, read: StreamedWorkbook, keepWhole: (sheet: string) => boolean, fileName: string, options: BaseOptions): Promise<{ wb: ExcelJS.Workbook; cells: Map<string, SheetCells> }> {
  const zip = await JSZip.loadAsync(bytes);
  const open = options.openPart ?? partStream;
  const cells = new Map<string, SheetCells>();
  for (const [sheet, path] of read.parts) {
    const part = zip.file(path);
    const size = jszipData(part)?.uncompressedSize;
    const skeleton = read.withoutRows.get(sheet);
    if (!part || !skeleton || keepWhole(sheet) || size === undefined || size <= limits.bigSheet) continue;
    cells.set(sheet, (sink, pause) => streamSheetCells(open(part), read.context, sink, pause));
    zip.file(path, skeleton);
  }
  const wb = new ExcelJS.Workbook();
  let copy = cells.size === 0 ? bytes : await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  // The reader reported what the rules find (MERGE_TOO_BIG…) when the file was read: not again here.
  if (options.fixXml) copy = await fixSheetXml(copy, fileName, []);
  await wb.xlsx.load(copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength) as ArrayBuffer);
  return { wb, cells };
}

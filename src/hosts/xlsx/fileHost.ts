/**
 * WorkbookHost over an in-memory ExcelJS workbook (CLI `--out`, browser file mode). What it wrote before
 * is known from the meta record (src/hosts/meta.ts) in a very hidden sheet, so a re-run replaces exactly
 * its own result block and its own sheets; the user's cells and sheets never change.
 */
import { codeColumns, isCodeCell } from '../../sheets/textColumns';
import type ExcelJS from 'exceljs';
import type { ColumnMappings, ResultBlock, RunStamp, SheetInfo, WorkbookHost } from '../host';
import { recordWithout } from '../../sheets/privacy';
import { emptyMeta, freeMetaSheetName, inResultBlock, isToolMetaSheet, parseMeta, serializeMeta, type MetaRecord } from '../meta';
import type { SheetModel } from '../../sheets/attachments/model';
import { columnLetter, type RawTable } from '../../sheets/table';
import { excelJs, worksheetToTable } from './read';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** The 附件 writer with the ExcelJS internals it uses, imported when first needed (not for --json alone). */
const sheetModelWriter = () => import(/* webpackMode: "eager" */ './sheetModelWriter');

/** A worksheet name not yet used in the workbook: "附件5", "附件5(2)", … (≤ 31 characters). */
export function uniqueSheetName(wb: ExcelJS.Workbook, wanted: string): string {
  return freeSheetName(new Set(wb.worksheets.map((w) => w.name.toLowerCase())), wanted);
}

/** A worksheet name not in `taken` (names in lower case): "附件5", "附件5(2)", … (≤ 31 characters). */
function freeSheetName(taken: ReadonlySet<string>, wanted: string): string {
  const base = wanted.replace(/[:\\/?*[\]]/gu, '_').slice(0, 31) || 'Sheet';
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = `(${n})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * A problem with a user's sheet found while writing (a cell in the way of the result block): the Chinese
 * message and the cell, so that the caller reports it as a located error issue instead of a crash.
 */
export class SheetWriteError extends Error {
  constructor(
    message: string,
    readonly at: { sheet: string; row: number; column: string },
  ) {
    super(message);
    this.name = 'SheetWriteError';
  }
}

/** Excel's last column (XFD). */
export const MAX_COLUMNS = 16384;

/** Last column holding a value in any row (formatting alone does not count), and the first row holding it. */
function lastValueColumn(ws: ExcelJS.Worksheet): { column: number; row: number } {
  let last = 0;
  let at = 1;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.value !== null && cell.value !== undefined && cell.value !== '' && c > last) {
        last = c;
        at = r;
      }
    });
  });
  return { column: last, row: at };
}

function isEmptyCell(cell: ExcelJS.Cell): boolean {
  return cell.value === null || cell.value === undefined || cell.value === '';
}

/** A workbook as this host holds it (ExcelJS's): other layers name the type without importing ExcelJS. */
export type XlsxWorkbook = ExcelJS.Workbook;

/** A new, empty workbook (the result workbook when no .xlsx was given). */
export async function newWorkbook(): Promise<XlsxWorkbook> {
  return new (await excelJs()).Workbook();
}

/**
 * The table without the result block written by an earlier run (its cells read as empty), so that a
 * re-run sees exactly the user's data: same inputs, same fingerprint, same results.
 */
export function stripResultBlocks(table: RawTable, blocks: MetaRecord['resultBlocks']): RawTable {
  const mine = blocks.filter((b) => b.sheet === table.sheet);
  if (mine.length === 0) return table;
  const blank = (r: number, c: number) => inResultBlock(mine, r, c);
  const rows = table.rows.map((row, i) => row.map((v, j) => (blank(table.originRow + i, table.originCol + j) ? null : v)));
  const text = table.text?.map((row, i) => row.map((v, j) => (blank(table.originRow + i, table.originCol + j) ? '' : v)));
  const out: RawTable = { ...table, rows };
  if (text) out.text = text;
  // Trailing columns that are now empty everywhere are dropped.
  let width = 0;
  for (const row of rows) for (let j = row.length - 1; j >= width; j--) if (row[j] !== null) { width = j + 1; break; }
  out.rows = rows.map((r) => r.slice(0, width));
  if (out.text) out.text = out.text.map((r) => r.slice(0, width));
  if (out.numberFormats) out.numberFormats = out.numberFormats.map((r) => r.slice(0, width));
  return out;
}

export class XlsxFileHost implements WorkbookHost {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  /** The tool's meta sheet (recognised by what it holds, not by its name alone: isToolMetaSheet), if any. */
  metaSheet(): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((ws) => isToolMetaSheet(ws.name, ws.state, ws.getCell('A1').value));
  }

  /** The meta record; a damaged one is an error (never silently replaced). */
  readMeta(): MetaRecord {
    const ws = this.metaSheet();
    if (!ws) return emptyMeta();
    const v = ws.getCell('A1').value;
    const r = parseMeta(typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
    if (!r.ok) throw new Error(r.message);
    return r.meta;
  }

  private writeMeta(meta: MetaRecord): void {
    const ws = this.metaSheet() ?? this.workbook.addWorksheet(freeMetaSheetName(this.workbook.worksheets.map((w) => w.name)), { state: 'veryHidden' });
    ws.state = 'veryHidden';
    const cell = ws.getCell('A1');
    cell.numFmt = '@';
    // Fixed key order, so that the same state always gives the same text.
    const ordered: MetaRecord = { format: meta.format, ownedSheets: meta.ownedSheets, resultBlocks: meta.resultBlocks };
    if (meta.settings !== undefined) ordered.settings = meta.settings;
    if (meta.mappings !== undefined) ordered.mappings = meta.mappings;
    cell.value = serializeMeta(ordered);
  }

  /** The 公示用工作簿 (issue 18): the tool's record names none of `omitted` (sheets left out of the file). */
  forgetSheets(omitted: Iterable<string>): void {
    if (this.metaSheet()) this.writeMeta(recordWithout(this.readMeta(), new Set(omitted)));
  }

  async listSheets(): Promise<SheetInfo[]> {
    const meta = this.readMeta();
    const metaSheet = this.metaSheet();
    return this.workbook.worksheets.map((ws) => ({
      name: ws.name,
      owned: ws === metaSheet || meta.ownedSheets.includes(ws.name),
      visible: ws.state === 'visible' || ws.state === undefined,
    }));
  }

  async readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable> {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new Error(`工作簿中没有名为“${name}”的工作表。`);
    const table = worksheetToTable(ws);
    onProgress?.(table.rows.length, table.rows.length);
    return table;
  }

  /** Every input sheet (not owned, not very hidden) as a table, without an earlier result block. */
  async readInputs(): Promise<RawTable[]> {
    const meta = this.readMeta();
    const sheets = await this.listSheets();
    const out: RawTable[] = [];
    for (const s of sheets) {
      const ws = this.workbook.getWorksheet(s.name);
      if (s.owned || !ws || ws.state === 'veryHidden') continue;
      out.push(stripResultBlocks(await this.readSheet(s.name), meta.resultBlocks));
    }
    return out;
  }

  async writeResultBlock(block: ResultBlock): Promise<void> {
    const ws = this.workbook.getWorksheet(block.sheet);
    if (!ws) throw new Error(`无法写入结果列：工作簿中没有工作表“${block.sheet}”。`);
    const meta = this.readMeta();
    const previous = meta.resultBlocks.find((b) => b.sheet === block.sheet);
    const width = block.headers.length;
    const used = previous ? null : lastValueColumn(ws);
    const start = previous ? previous.startColumn : used!.column + 1;
    const end = start + width - 1;
    if (end > MAX_COLUMNS) {
      // A note far to the right (XFD1): the block would run past Excel's last column.
      const at = { sheet: block.sheet, row: used?.row ?? block.headerRow, column: columnLetter(used?.column ?? start) };
      throw new SheetWriteError(
        `无法写入结果列：${block.sheet}!${at.column}${at.row} 有内容，结果列（${width} 列）要写在已用数据的右侧，但右侧已没有空列（Excel 最多 ${MAX_COLUMNS} 列，到 XFD 列）。请删除或移走该单元格（或其右侧远处的内容）后重试。`,
        at,
      );
    }
    // A loop, not Math.max(...rows): 100,000 arguments come near the stack's limit.
    let lastRow = block.headerRow;
    for (const r of block.rows) if (r.row > lastRow) lastRow = r.row;
    const old = previous ? [previous] : [];
    const inOld = (r: number, c: number) => inResultBlock(old, r, c);

    // The user's own cells never change: every target cell outside the old block must be empty.
    // Cells through their row (ws.getRow(r).getCell(c), the very cells ws.getCell(r, c) gives) without
    // an address string made and parsed per cell.
    for (let r = block.headerRow; r <= lastRow; r++) {
      const row = ws.getRow(r);
      for (let c = start; c <= end; c++) {
        if (!inOld(r, c) && !isEmptyCell(row.getCell(c))) {
          throw new SheetWriteError(
            `无法写入结果列：${block.sheet}!${columnLetter(c)}${r} 已有内容，而结果列要写在 ${columnLetter(start)}–${columnLetter(end)} 列。请移走该处内容后重试。`,
            { sheet: block.sheet, row: r, column: columnLetter(c) },
          );
        }
      }
    }
    if (previous) {
      for (let r = previous.headerRow; r <= previous.lastRow; r++) {
        for (let c = previous.startColumn; c <= previous.endColumn; c++) {
          const cell = ws.getCell(r, c);
          cell.value = null;
          cell.style = {};
        }
      }
    }
    block.headers.forEach((h, i) => {
      const cell = ws.getCell(block.headerRow, start + i);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      ws.getColumn(start + i).width = h === '原因/备注' ? 40 : h.startsWith('录取') ? 22 : 12;
    });
    const text = new Set(block.textColumns ?? []);
    for (const { row, values } of block.rows) {
      const cells = ws.getRow(row);
      values.forEach((v, i) => {
        const header = block.headers[i] ?? '';
        const cell = cells.getCell(start + i);
        if (text.has(header)) {
          cell.numFmt = '@';
          cell.value = v === null ? null : String(v);
          return;
        }
        cell.value = v;
        const fmt = block.numberFormats?.[header];
        if (fmt && typeof v === 'number') cell.numFmt = fmt;
      });
    }
    const rest = meta.resultBlocks.filter((b) => b.sheet !== block.sheet);
    this.writeMeta({
      ...meta,
      resultBlocks: [...rest, { sheet: block.sheet, headerRow: block.headerRow, startColumn: start, endColumn: end, lastRow }],
    });
  }

  /**
   * With `deferred`, each owned sheet is added empty (its name and place taken) and its model put in
   * `deferred` under the actual name, for a streaming writer to render (the CLI's --out).
   */
  async writeOwnedSheets(models: SheetModel[], _run?: RunStamp, deferred?: Map<string, SheetModel>): Promise<Map<string, string>> {
    const meta = this.readMeta();
    // The meta sheet goes before the owned sheets, so that sheet order is the same on every re-run.
    this.writeMeta(meta);
    for (const name of meta.ownedSheets) {
      const ws = this.workbook.getWorksheet(name);
      if (ws && ws !== this.metaSheet()) this.workbook.removeWorksheet(ws.id);
    }
    const names = new Map<string, string>();
    // The names taken, kept as sheets are added (not the workbook's list again per sheet: 4,000 附件 at
    // 100,000 students).
    const taken = new Set(this.workbook.worksheets.map((w) => w.name.toLowerCase()));
    for (const model of models) {
      const actual = freeSheetName(taken, model.name);
      taken.add(actual.toLowerCase());
      const ws = this.workbook.addWorksheet(actual, {
        pageSetup: { paperSize: 9, orientation: model.orientation },
      });
      if (deferred) deferred.set(actual, model);
      else (await sheetModelWriter()).writeSheetModel(ws, model);
      names.set(model.name, actual);
    }
    this.writeMeta({ ...meta, ownedSheets: [...names.values()] });
    return names;
  }

  async loadSettings(): Promise<unknown | null> {
    return this.readMeta().settings ?? null;
  }

  async saveSettings(settings: unknown, mappings?: ColumnMappings): Promise<void> {
    this.writeMeta({ ...this.readMeta(), settings, ...(mappings && Object.keys(mappings).length > 0 ? { mappings } : {}) });
  }

  async loadMappings(): Promise<ColumnMappings | null> {
    return this.readMeta().mappings ?? null;
  }
}

/** A number Excel would show exactly as written: no leading zero, at most 15 significant digits. */
const plainNumber = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/u;

/** A CSV text written as a number (see tableCellValue). */
export function isPlainNumberText(v: string): boolean {
  return plainNumber.test(v);
}

/**
 * How a table (CSV) value is written: the cell value, and whether the cell is formatted as text. A
 * `code` cell (学号, 考生号, 身份证号, 手机号: see codeColumns) stays text even when it looks like a number.
 */
export function tableCellValue(v: Exclude<RawTable['rows'][number][number], null>, code = false): { value: ExcelJS.CellValue; text: boolean } {
  if (typeof v === 'object' && !(v instanceof Date)) return { value: { error: v.error } as ExcelJS.CellErrorValue, text: false };
  if (code && typeof v === 'number') return { value: String(v), text: true };
  if (typeof v === 'string' && plainNumber.test(v) && !code) return { value: Number(v), text: false };
  // Other CSV text stays text, so 学号 like 001 and 18-digit 身份证号 keep every digit.
  return { value: v, text: typeof v === 'string' };
}

/** Adds a table (a CSV file) as a new worksheet of values; returns the sheet's actual name. */
export function addTableAsSheet(wb: ExcelJS.Workbook, table: RawTable): string {
  const name = uniqueSheetName(wb, table.sheet);
  const ws = wb.addWorksheet(name);
  const codes = codeColumns(table);
  table.rows.forEach((values, r) => {
    values.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(table.originRow + r, table.originCol + c);
      const { value, text } = tableCellValue(v, isCodeCell(codes, r, c));
      if (text) cell.numFmt = '@';
      cell.value = value;
    });
  });
  return name;
}

/**
 * Copies a worksheet (values, formula results as values, styles, widths, merges) into `wb`, leaving out
 * the result block an earlier run wrote on it (`blocks` from the source workbook's meta record).
 */
export function copyWorksheet(
  source: ExcelJS.Worksheet,
  wb: ExcelJS.Workbook,
  wantedName: string,
  blocks: MetaRecord['resultBlocks'] = [],
): string {
  const mine = blocks.filter((b) => b.sheet === source.name);
  const inBlock = (r: number, c: number) => inResultBlock(mine, r, c);
  const name = uniqueSheetName(wb, wantedName);
  const ws = wb.addWorksheet(name, { state: source.state === 'veryHidden' ? 'hidden' : source.state });
  source.columns?.forEach((col, i) => {
    if (col.width) ws.getColumn(i + 1).width = col.width;
  });
  source.eachRow({ includeEmpty: false }, (row, r) => {
    const target = ws.getRow(r);
    if (row.height) target.height = row.height;
    if (row.hidden) target.hidden = true;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (inBlock(r, c)) return;
      const t = target.getCell(c);
      const v = cell.value;
      // Formulas may point at sheets of the other file: keep what they showed.
      t.value = v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) ? ((v as { result?: ExcelJS.CellValue }).result ?? null) : v;
      t.style = { ...cell.style };
    });
  });
  const merges = (source.model as { merges?: string[] }).merges ?? [];
  for (const m of merges) ws.mergeCells(m);
  return name;
}

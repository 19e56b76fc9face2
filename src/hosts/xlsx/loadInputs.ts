/**
 * Input files → the tables to analyse and what the result workbook is built from: one set of rules for
 * the CLI (`zsb run`) and the browser's file mode, so that both read the same files the same way.
 * - every sheet of every .xlsx, .xls / .et (read by SheetJS, loaded only then: src/hosts/xls/read.ts) and
 *   every .csv (UTF-8 or GBK) is an input, except sheets the tool wrote
 *   (recorded in the workbook's meta) and very hidden ones; an earlier result block reads as empty;
 * - the first .xlsx is the base of the result workbook; the other files' sheets are added to it under
 *   unique names (`extra`; an .xls/.et sheet, like a CSV, as its values);
 * - settings load from the first workbook that holds some (a previous result workbook);
 * - a file that cannot be read, or a damaged meta record, is an error issue (Chinese, naming the file
 *   and, for the meta, the cell), never a crash.
 * Runs in the browser: it takes bytes (or an already read workbook), never a path.
 */
import ExcelJS from 'exceljs';
import { issueAt, type Issue } from '../../engine/issues';
import { META_SHEET, isToolMetaSheet, parseMeta, type MetaRecord } from '../meta';
import { csvToTable, isCsvName } from '../csv/read';
import { columnLetter, tableHeight, type CellValue, type RawTable } from '../../sheets/table';
import { isLegacyName, isOleBytes, readLegacyWorkbook, type LegacySheet } from '../xls/read';
import { MAX_CELL_CHARS } from './bounds';
import { SNAPSHOT_SHEET } from '../../sheets/attachments/changeReport';
import { addTableAsSheet, copyWorksheet, stripResultBlocks, XlsxFileHost } from './fileHost';
import { InputFileError, loadXlsx, worksheetToTable } from './read';

/** A sheet to add to the result workbook: its name there, how to add it, and its table when it is a CSV. */
export interface ExtraSheet {
  name: string;
  add: (wb: ExcelJS.Workbook) => string;
  table?: RawTable;
  /** A sheet read without its workbook (addSheetTables): which one (file key, sheet), for the caller to copy. */
  source?: { file: string; sheet: string; blocks: MetaRecord['resultBlocks'] };
}

/** A worksheet read without its workbook (the CLI's streaming reader): name, state and table. */
export interface SheetTable {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  table: RawTable;
}

/**
 * SPEC §1.6: a cell longer than 32,767 characters (Excel's limit: the file was not written by Excel, or
 * a CSV field ran on) is an error at that cell — it could not be written back, and is no real value.
 * One error per cell, at most 20 per table (then one more saying how many).
 */
function tooLongCells(table: RawTable, issues: Issue[]): void {
  // A columnar table (CSV) holds each distinct value once: nothing to do unless one of them is too long.
  if (table.columns?.values.every((vs) => vs.every((v) => typeof v !== 'string' || v.length <= MAX_CELL_CHARS))) return;
  let found = 0;
  const rows = table.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as CellValue[];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length <= MAX_CELL_CHARS) continue;
      found++;
      if (found > 20) continue;
      const at = { sheet: table.sheet, row: table.originRow + r, column: columnLetter(table.originCol + c) };
      const where = `${at.sheet}!${at.column}${at.row}`;
      issues.push(
        issueAt('error', 'CELL_TOO_LONG', `${where}：有 ${v.length.toLocaleString('en-US')} 个字符，超过了 Excel 单元格 ${MAX_CELL_CHARS.toLocaleString('en-US')} 个字符的上限${table.file ? `（文件“${table.file}”）` : ''}。这不是正常的单元格内容（文件可能已损坏，或 CSV 的引号没有配对），请检查并删短该单元格后重试。`, at),
      );
    }
  }
  if (found > 20) issues.push(issueAt('error', 'CELL_TOO_LONG', `工作表“${table.sheet}”共有 ${found} 个单元格超过 ${MAX_CELL_CHARS} 个字符（上面只列出前 20 个）。`, { sheet: table.sheet, row: table.originRow }));
}

export { isCsvName };

export class InputSet {
  readonly tables: RawTable[] = [];
  /** Problems with whole files (unreadable, damaged meta). */
  readonly issues: Issue[] = [];
  settings: unknown | null = null;
  /** The 数据 step's corrections saved in the first workbook that holds some, or null. */
  mappings: MetaRecord['mappings'] | null = null;
  /** Data rows read, for progress messages. */
  rows = 0;
  /** The first .xlsx, the base of the result workbook (its own sheets stay as they are). */
  base: { wb: ExcelJS.Workbook; host: XlsxFileHost } | null = null;
  /** The other files' sheets, in order, to add to the result workbook. */
  readonly extra: ExtraSheet[] = [];
  /** The base workbook's 结果快照 sheet(s), written by an earlier run (issue 18: 变更对比); never inputs. */
  readonly snapshots: RawTable[] = [];
  private readonly taken = new Set<string>();
  private sawWorkbook = false;

  /** A name not yet used for an input sheet: "成绩", "成绩(2)", … */
  private claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${wanted.slice(0, 28)}(${n})`;
    this.taken.add(name.toLowerCase());
    return name;
  }

  private push(table: RawTable): void {
    this.tables.push(table);
    this.rows += tableHeight(table);
    tooLongCells(table, this.issues);
  }

  /** A file that cannot be read at all (message in Chinese, saying what to do). */
  unreadable(message: string, at?: InputFileError['at']): void {
    this.issues.push(issueAt('error', 'UNREADABLE_FILE', message, at ?? null));
  }

  /** The meta record of a workbook (damaged ⇒ error issue at ZSB_META!A1, read as none). */
  private meta(file: string, read: () => MetaRecord): MetaRecord | null {
    try {
      const meta = read();
      if (meta.settings !== undefined && this.settings === null) this.settings = meta.settings;
      if (meta.mappings !== undefined && this.mappings === null) this.mappings = meta.mappings;
      return meta;
    } catch (e) {
      this.issues.push(issueAt('error', 'BAD_META', `文件“${file}”：${e instanceof Error ? e.message : String(e)}`, { sheet: META_SHEET, row: 1, column: 'A' }));
      return null;
    }
  }

  /**
   * Reads one file from its bytes: .csv/.txt by name; .xls/.et by name, or any file that is an OLE
   * container (an .xls saved as .xlsx); anything else as .xlsx.
   */
  async addFile(name: string, bytes: Uint8Array): Promise<void> {
    try {
      if (isCsvName(name)) this.addCsv(name, bytes);
      else if (isLegacyName(name) || isOleBytes(bytes)) this.addLegacy(name, await readLegacyWorkbook(bytes, name));
      else {
        const found: Issue[] = [];
        const wb = await loadXlsx(bytes, name, found);
        this.issues.push(...found);
        this.addWorkbook(name, wb);
      }
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      this.unreadable(e.message, e.at);
    }
  }

  addCsv(name: string, bytes: Uint8Array): void {
    // The table itself, renamed (a copy would build the rows of its columns).
    const table: RawTable = csvToTable(bytes, name);
    table.sheet = this.claim(table.sheet);
    this.push(table);
    this.extra.push({ name: table.sheet, add: (wb) => addTableAsSheet(wb, table), table });
  }

  /**
   * A .xls/.et workbook's sheets (never the base: ExcelJS cannot rewrite it): each input sheet — not very
   * hidden ones, nor a meta sheet — is read and, like a CSV, added to the result as its values.
   */
  addLegacy(name: string, sheets: readonly LegacySheet[]): void {
    for (const s of sheets) {
      if (s.name === META_SHEET || s.state === 'veryHidden') continue;
      const table: RawTable = { ...s.table, sheet: this.claim(s.name) };
      this.push(table);
      this.extra.push({ name: table.sheet, add: (wb) => addTableAsSheet(wb, table), table });
    }
  }

  /** An .xlsx loaded into ExcelJS: its input sheets are read, and copied into the result when not the base. */
  addWorkbook(name: string, wb: ExcelJS.Workbook): void {
    const host = new XlsxFileHost(wb);
    const meta = this.meta(name, () => host.readMeta());
    const isBase = this.addSheets(
      wb.worksheets,
      host.metaSheet()?.name ?? null,
      meta,
      (ws) => worksheetToTable(ws, name, this.issues),
      (ws, sheet, blocks) => ({ name: sheet, add: (out) => copyWorksheet(ws, out, sheet, blocks) }),
    );
    if (isBase) this.base = { wb, host };
  }

  /**
   * An .xlsx read sheet by sheet without ExcelJS objects (the CLI): the same tables, sheet names and
   * settings as addWorkbook. The caller builds the result from the file itself: the base when this is
   * the first .xlsx, else the sheets listed in `extra` with their `source`. Returns the file's meta
   * record (null if damaged).
   */
  addSheetTables(name: string, sheets: readonly (SheetTable & { issues?: Issue[] })[], key = name): MetaRecord | null {
    const metaSheet = sheets.find((s) => isToolMetaSheet(s.name, s.state, s.table.rows[0]?.[0] ?? null));
    for (const s of sheets) if (s !== metaSheet && s.issues) this.issues.push(...s.issues);
    const meta = this.meta(name, () => {
      const v = metaSheet?.table.rows[0]?.[0] ?? null;
      const r = parseMeta(metaSheet ? (typeof v === 'string' ? v : v === null ? null : String(v)) : null);
      if (!r.ok) throw new Error(r.message);
      return r.meta;
    });
    this.addSheets(
      sheets,
      metaSheet?.name ?? null,
      meta,
      (s) => s.table,
      (s, sheet, blocks) => ({
        name: sheet,
        add: () => {
          throw new Error(`内部错误：工作表“${sheet}”须由调用方从文件“${name}”复制`);
        },
        source: { file: key, sheet: s.name, blocks },
      }),
    );
    return meta;
  }

  /**
   * A workbook's sheets (addWorkbook, addSheetTables): every input sheet's table — not the meta sheet,
   * sheets the tool wrote or very hidden ones, an earlier result block read as empty — and, when the
   * workbook is not the base, its sheet for the result under a unique name. Returns whether it is the base.
   */
  private addSheets<S extends { name: string; state: string }>(
    sheets: readonly S[],
    metaSheet: string | null,
    meta: MetaRecord | null,
    tableOf: (s: S) => RawTable,
    extraOf: (s: S, sheet: string, blocks: MetaRecord['resultBlocks']) => ExtraSheet,
  ): boolean {
    const owned = meta?.ownedSheets ?? [];
    const blocks = meta?.resultBlocks ?? [];
    const isBase = !this.sawWorkbook;
    this.sawWorkbook = true;
    if (isBase) for (const s of sheets) this.taken.add(s.name.toLowerCase());
    for (const s of sheets) {
      if (isBase && owned.includes(s.name) && s.name.startsWith(SNAPSHOT_SHEET)) this.snapshots.push(tableOf(s));
      if (s.name === metaSheet || owned.includes(s.name) || s.state === 'veryHidden') continue;
      const sheet = isBase ? s.name : this.claim(s.name);
      this.push({ ...stripResultBlocks(tableOf(s), blocks), sheet });
      if (!isBase) this.extra.push(extraOf(s, sheet, blocks));
    }
    return isBase;
  }

  /** True once an .xlsx was read (the next one is not the base). */
  get hasWorkbook(): boolean {
    return this.sawWorkbook;
  }
}

/**
 * File mode (issue 7): the input files picked in the browser become one WorkbookHost for the pane.
 * Reading follows the CLI's `zsb run` exactly, so that the downloaded workbook equals the CLI's `--out`:
 * - every sheet of every .xlsx and every .csv (UTF-8 or GBK) is an input, except sheets the tool wrote
 *   (recorded in the workbook's meta) and very hidden ones; an earlier result block reads as empty;
 * - the first .xlsx is the base of the result workbook; the other files' sheets are copied into it under
 *   unique names; results and 附件 are written by XlsxFileHost;
 * - settings load from the first workbook that holds some (a previous result workbook).
 * Nothing leaves the browser: the result is offered as a download made from memory.
 */
import ExcelJS from 'exceljs';
import { issueAt, type Issue } from '../../engine/issues';
import type { ResultBlock, SheetInfo, WorkbookHost } from '../../hosts/host';
import { META_SHEET, type MetaRecord } from '../../hosts/meta';
import { csvToTable } from '../../hosts/csv/read';
import { addTableAsSheet, copyWorksheet, stripResultBlocks, XlsxFileHost } from '../../hosts/xlsx/fileHost';
import { InputFileError, loadXlsx, worksheetToTable } from '../../hosts/xlsx/read';
import type { SheetModel } from '../../sheets/attachments/model';
import type { RawTable } from '../../sheets/table';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

const XLSX = /\.(xlsx|xlsm)$/iu;
const CSV = /\.(csv|txt)$/iu;

/** Files the pane cannot read at all, in Chinese (checked before reading). */
export function unsupportedFileMessage(name: string): string | null {
  if (XLSX.test(name) || CSV.test(name)) return null;
  if (/\.xls$/iu.test(name)) return `“${name}”是旧版 .xls 文件，本工具（ExcelJS）无法读取。请在 Excel 或 WPS 中“另存为” .xlsx 后再选择。`;
  if (/\.(et|ods|numbers)$/iu.test(name)) return `“${name}”不是 Excel 格式。请在 WPS 或 LibreOffice 中“另存为” .xlsx 后再选择。`;
  return `“${name}”不是 .xlsx 或 .csv 文件，无法读取。`;
}

export class FileSession implements WorkbookHost {
  readonly tables: RawTable[] = [];
  /** Problems with whole files (unreadable, damaged meta), shown in the 数据 step. */
  readonly problems: Issue[] = [];
  readonly fileNames: string[] = [];
  private settings: unknown | null = null;
  private output: { wb: ExcelJS.Workbook; host: XlsxFileHost } | null = null;
  private base: ExcelJS.Workbook | null = null;
  private readonly extra: ((wb: ExcelJS.Workbook) => string)[] = [];
  private readonly extraNames: string[] = [];
  private readonly taken = new Set<string>();

  private constructor() {}

  /** Reads the files in the order given (the first .xlsx is the base of the result workbook). */
  static async open(files: PickedFile[]): Promise<FileSession> {
    const s = new FileSession();
    for (const f of files) await s.add(f);
    return s;
  }

  private claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${wanted.slice(0, 28)}(${n})`;
    this.taken.add(name.toLowerCase());
    return name;
  }

  private async add(file: PickedFile): Promise<void> {
    this.fileNames.push(file.name);
    const unsupported = unsupportedFileMessage(file.name);
    if (unsupported) {
      this.problems.push(issueAt('error', 'UNREADABLE_FILE', unsupported));
      return;
    }
    try {
      if (CSV.test(file.name)) {
        const t = csvToTable(file.bytes, file.name);
        const table: RawTable = { ...t, sheet: this.claim(t.sheet) };
        this.tables.push(table);
        this.extra.push((wb) => addTableAsSheet(wb, table));
        this.extraNames.push(table.sheet);
        return;
      }
      const wb = await loadXlsx(file.bytes, file.name);
      const host = new XlsxFileHost(wb);
      let meta: MetaRecord | null = null;
      try {
        meta = host.readMeta();
        if (meta.settings !== undefined && this.settings === null) this.settings = meta.settings;
      } catch (e) {
        this.problems.push(issueAt('error', 'BAD_META', `文件“${file.name}”：${e instanceof Error ? e.message : String(e)}`, { sheet: META_SHEET, row: 1, column: 'A' }));
      }
      const owned = meta?.ownedSheets ?? [];
      const isBase = this.base === null;
      if (isBase) {
        this.base = wb;
        for (const ws of wb.worksheets) this.taken.add(ws.name.toLowerCase());
      }
      for (const ws of wb.worksheets) {
        if (ws.name === META_SHEET || owned.includes(ws.name) || ws.state === 'veryHidden') continue;
        const sheet = isBase ? ws.name : this.claim(ws.name);
        this.tables.push({ ...stripResultBlocks(worksheetToTable(ws, file.name), meta?.resultBlocks ?? []), sheet });
        if (!isBase) {
          this.extra.push((out) => copyWorksheet(ws, out, sheet, meta?.resultBlocks ?? []));
          this.extraNames.push(sheet);
        }
      }
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      this.problems.push(issueAt('error', 'UNREADABLE_FILE', e.message));
    }
  }

  /** The result workbook, built on first write: the base workbook plus the other files' sheets. */
  private out(): { wb: ExcelJS.Workbook; host: XlsxFileHost } {
    if (this.output) return this.output;
    const wb = this.base ?? new ExcelJS.Workbook();
    this.extra.forEach((add, i) => {
      const actual = add(wb);
      if (actual !== this.extraNames[i]) throw new Error(`内部错误：工作表名“${this.extraNames[i]}”在结果工作簿中变成了“${actual}”`);
    });
    this.output = { wb, host: new XlsxFileHost(wb) };
    return this.output;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.tables.map((t) => ({ name: t.sheet, owned: false, visible: true }));
  }

  async readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable> {
    const t = this.tables.find((x) => x.sheet === name);
    if (!t) throw new Error(`没有名为“${name}”的工作表。`);
    onProgress?.(t.rows.length, t.rows.length);
    return t;
  }

  writeResultBlock(block: ResultBlock): Promise<void> {
    return this.out().host.writeResultBlock(block);
  }

  writeOwnedSheets(models: SheetModel[]): Promise<Map<string, string>> {
    return this.out().host.writeOwnedSheets(models);
  }

  async loadSettings(): Promise<unknown | null> {
    return this.settings;
  }

  async saveSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    if (this.output) await this.output.host.saveSettings(settings);
  }

  /** True once results were written (there is something to download). */
  get hasOutput(): boolean {
    return this.output !== null;
  }

  /** The result workbook as .xlsx bytes, with the settings of the run stored inside (like the CLI's --out). */
  async resultBytes(settings: unknown): Promise<Uint8Array> {
    const { wb, host } = this.out();
    this.settings = settings;
    await host.saveSettings(settings);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
}

/** "柳州职业技术学院-2021级-专升本推荐结果-2024-04-15.xlsx" (characters Windows forbids are replaced). */
export function resultFileName(school: string, cohorts: readonly number[], date: Date): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const grade = [...new Set(cohorts)].sort((a, b) => a - b).map((c) => `${c}级`).join('、');
  const name = [school, grade, '专升本推荐结果', day].filter((s) => s !== '').join('-');
  return `${name.replace(/[\\/:*?"<>|]/gu, '_')}.xlsx`;
}

/**
 * File mode (issue 7): the input files picked in the browser become one WorkbookHost for the pane.
 * Reading is the CLI's `zsb run` (the same InputSet, src/hosts/xlsx/loadInputs.ts), so that the
 * downloaded workbook equals the CLI's `--out`: the first .xlsx is the base of the result workbook, the
 * other files' sheets are copied into it under unique names; results and 附件 are written by
 * XlsxFileHost; settings load from the first workbook that holds some (a previous result workbook).
 * Nothing leaves the browser: the result is offered as a download made from memory.
 */
import type { Issue } from '../../engine/issues';
import type { ColumnMappings, ResultBlock, SheetInfo, WorkbookHost } from '../../hosts/host';
import { newWorkbook, workbookBytes, XlsxFileHost, type XlsxWorkbook } from '../../hosts/xlsx/fileHost';
import { isLegacyName } from '../../hosts/xls/read';
import { InputSet, isCsvName } from '../../hosts/xlsx/loadInputs';
import type { SheetModel } from '../../sheets/attachments/model';
import { beijingDate } from '../../sheets/beijingTime';
import { sensitiveSheets } from '../../sheets/privacy';
import type { RawTable } from '../../sheets/table';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
  /**
   * Reads the file again from disk (the browser's File: file.arrayBuffer()). Absent for bytes that have
   * no file behind them (the sample). Rejects when the browser no longer lets the page read it.
   */
  reread?: () => Promise<Uint8Array>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const XLSX = /\.(xlsx|xlsm)$/iu;

/** Files the pane cannot read at all, in Chinese (checked before reading). */
export function unsupportedFileMessage(name: string): string | null {
  if (XLSX.test(name) || isCsvName(name) || isLegacyName(name)) return null;
  if (/\.(ods|numbers)$/iu.test(name)) return `“${name}”不是 Excel 或 WPS 表格格式。请在 LibreOffice 或 Numbers 中“另存为” .xlsx 后再选择。`;
  return `“${name}”不是 .xlsx、.xls、.et 或 .csv 文件，无法读取。`;
}

export class FileSession implements WorkbookHost {
  readonly fileNames: string[] = [];
  private inputs = new InputSet();
  private settings: unknown | null = null;
  private mappings: ColumnMappings | null = null;
  private output: { wb: XlsxWorkbook; host: XlsxFileHost } | null = null;
  private files: PickedFile[] = [];

  private constructor() {}

  get tables(): RawTable[] {
    return this.inputs.tables;
  }

  /** Problems with whole files (unreadable, damaged meta), shown in the 数据 step. */
  get problems(): Issue[] {
    return this.inputs.issues;
  }

  /** Reads the files in the order given (the first .xlsx is the base of the result workbook). */
  static async open(files: PickedFile[]): Promise<FileSession> {
    const s = new FileSession();
    s.fileNames.push(...files.map((f) => f.name));
    s.files = files;
    s.inputs = await FileSession.read(files);
    s.settings = s.inputs.settings;
    s.mappings = s.inputs.mappings ?? null;
    return s;
  }

  private static async read(files: PickedFile[]): Promise<InputSet> {
    const inputs = new InputSet();
    for (const f of files) {
      const unsupported = unsupportedFileMessage(f.name);
      if (unsupported) inputs.unreadable(unsupported);
      else await inputs.addFile(f.name, f.bytes);
    }
    return inputs;
  }

  /**
   * SPEC §4.6 in file mode: the chosen files are read again from disk before every 计算 and write. When
   * one changed, the inputs (and the result workbook, built from the base file) start over from the new
   * contents. When the browser refuses (Chrome does once a file was modified, moved or deleted after it
   * was chosen), the user is told to choose the files again.
   */
  async refresh(): Promise<void> {
    const fresh: PickedFile[] = [];
    for (const f of this.files) {
      if (!f.reread) {
        fresh.push(f);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await f.reread();
      } catch (err) {
        const why = err instanceof Error && err.name ? `（${err.name}）` : '';
        throw new Error(
          `浏览器不允许再次读取“${f.name}”${why}：文件在选择之后被修改、移动或删除时，浏览器只保留选择时的副本。请点“重新选择文件”，再选一次这些文件。`,
        );
      }
      fresh.push({ ...f, bytes });
    }
    if (fresh.every((f, i) => sameBytes(f.bytes, this.files[i]!.bytes))) return;
    this.files = fresh;
    this.inputs = await FileSession.read(fresh);
    this.output = null;
  }

  /** The result workbook, built on first write: the base workbook plus the other files' sheets. */
  private out(): { wb: XlsxWorkbook; host: XlsxFileHost } {
    if (this.output) return this.output;
    const wb = this.inputs.base?.wb ?? newWorkbook();
    for (const e of this.inputs.extra) {
      const actual = e.add(wb);
      if (actual !== e.name) throw new Error(`内部错误：工作表名“${e.name}”在结果工作簿中变成了“${actual}”`);
    }
    this.output = { wb, host: new XlsxFileHost(wb) };
    return this.output;
  }

  async listSheets(): Promise<SheetInfo[]> {
    // The previous run's 结果快照 (owned: never an input) is listed for the change comparison (issue 18).
    return [
      ...this.tables.map((t) => ({ name: t.sheet, owned: false, visible: true })),
      ...this.inputs.snapshots.map((t) => ({ name: t.sheet, owned: true, visible: true })),
    ];
  }

  async readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable> {
    const t = this.tables.find((x) => x.sheet === name) ?? this.inputs.snapshots.find((x) => x.sheet === name);
    if (!t) throw new Error(`没有名为“${name}”的工作表。`);
    onProgress?.(t.rows.length, t.rows.length);
    return t;
  }

  writeResultBlock(block: ResultBlock): Promise<void> {
    return this.out().host.writeResultBlock(block);
  }

  /** Names (as written) of the internal sheets of the last 附件 run: 附件7, 计算说明, 结果快照… (issue 18). */
  internalSheets: string[] = [];

  async writeOwnedSheets(models: SheetModel[]): Promise<Map<string, string>> {
    const names = await this.out().host.writeOwnedSheets(models);
    this.internalSheets = models.filter((m) => !m.publicity).map((m) => names.get(m.name) ?? m.name);
    return names;
  }

  async loadSettings(): Promise<unknown | null> {
    return this.settings;
  }

  async saveSettings(settings: unknown, mappings?: ColumnMappings): Promise<void> {
    this.settings = settings;
    if (mappings) this.mappings = mappings;
    if (this.output) await this.output.host.saveSettings(settings, this.mappings ?? undefined);
  }

  async loadMappings(): Promise<ColumnMappings | null> {
    return this.mappings;
  }

  /** True once results were written (there is something to download). */
  get hasOutput(): boolean {
    return this.output !== null;
  }

  /** The result workbook as .xlsx bytes, with the settings of the run stored inside (like the CLI's --out). */
  async resultBytes(settings: unknown, omit: readonly string[] = []): Promise<Uint8Array> {
    const { wb, host } = this.out();
    this.settings = settings;
    await host.saveSettings(settings, this.mappings ?? undefined);
    return workbookBytes(wb, omit);
  }

  /** What a 公示用工作簿 leaves out: the internal sheets and every input sheet holding IDs or phone numbers. */
  publicOmissions(): { sheet: string; why: string }[] {
    return [
      ...this.internalSheets.map((sheet) => ({ sheet, why: '内部资料' })),
      ...sensitiveSheets(this.tables).map((s) => ({ sheet: s.sheet, why: `含${s.holds}` })),
    ];
  }
}

/** "柳州职业技术学院-2021级-专升本推荐结果-2024-04-15.xlsx" (the Beijing day; characters Windows forbids are replaced). */
export function resultFileName(school: string, cohorts: readonly number[], date: Date): string {
  const day = beijingDate(date);
  const grade = [...new Set(cohorts)].sort((a, b) => a - b).map((c) => `${c}级`).join('、');
  const name = [school, grade, '专升本推荐结果', day].filter((s) => s !== '').join('-');
  return `${name.replace(/[\\/:*?"<>|]/gu, '_')}.xlsx`;
}

/**
 * File mode's work (issue 17): reading the picked files, computing, the 附件 and the result workbook. It runs
 * in the file worker (file.worker.ts), so that the page's main thread never waits on a whole-workbook load,
 * the engine or the writing of the download; in Node (tests, browsers without Worker) it runs in-thread
 * through the same protocol (fileClient.ts).
 * Reading is the CLI's `zsb run` (the same InputSet, src/hosts/xlsx/loadInputs.ts), so that the downloaded
 * workbook equals the CLI's `--out`: the first .xlsx is the base of the result workbook, the other files'
 * sheets are copied into it under unique names; results and 附件 are written by XlsxFileHost.
 */
import type { Config } from '../../engine/config';
import type { EngineOutput } from '../../engine/result';
import type { ColumnMappings, ResultBlock } from '../../hosts/host';
import { isLegacyName } from '../../hosts/xls/read';
import { newWorkbook, workbookBytes, XlsxFileHost, type XlsxWorkbook } from '../../hosts/xlsx/fileHost';
import { InputSet, isCsvName } from '../../hosts/xlsx/loadInputs';
import { analyse } from '../../pipeline';
import { buildAllAttachments, type AttachmentMeta } from '../../sheets/attachments';
import type { SheetModel } from '../../sheets/attachments/model';
import type { RawTable } from '../../sheets/table';
import type { AnalyseOutcome } from '../../worker/protocol';

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

const XLSX = /\.(xlsx|xlsm)$/iu;

/** Files the pane cannot read at all, in Chinese (checked before reading). */
export function unsupportedFileMessage(name: string): string | null {
  if (XLSX.test(name) || isCsvName(name) || isLegacyName(name)) return null;
  if (/\.(ods|numbers)$/iu.test(name)) return `“${name}”不是 Excel 或 WPS 表格格式。请在 LibreOffice 或 Numbers 中“另存为” .xlsx 后再选择。`;
  return `“${name}”不是 .xlsx、.xls、.et 或 .csv 文件，无法读取。`;
}

/**
 * How the result workbook becomes bytes: today ExcelJS's writeBuffer of the whole workbook (fileHost's
 * workbookBytes); the lean streaming writer of the CLI plugs in here (same workbook, same sheets left out).
 */
export type ResultWriter = (wb: XlsxWorkbook, omit: readonly string[], onProgress: (stage: string) => void) => Promise<Uint8Array>;

export const excelJsWriter: ResultWriter = (wb, omit) => workbookBytes(wb, omit);

/** Reports a stage of the work ("读取 成绩.xlsx…"), with how far it is when known. */
export type Progress = (stage: string, done?: number, total?: number) => void;

export class FileCore {
  private inputs = new InputSet();
  private output: { wb: XlsxWorkbook; host: XlsxFileHost } | null = null;
  /** The outputs of the last runs, by run number: the 附件 are built from the run the pane shows. */
  private readonly runs = new Map<number, { output: EngineOutput; models?: SheetModel[] }>();
  private nextRun = 1;

  constructor(private readonly writer: ResultWriter = excelJsWriter) {}

  get tables(): RawTable[] {
    return this.inputs.tables;
  }

  get set(): InputSet {
    return this.inputs;
  }

  /** Reads the files in the order given (the first .xlsx is the base of the result workbook). */
  async open(files: readonly FileBytes[], progress: Progress = () => {}): Promise<void> {
    const inputs = new InputSet();
    for (const [i, f] of files.entries()) {
      progress(`读取“${f.name}”…`, i, files.length);
      const unsupported = unsupportedFileMessage(f.name);
      if (unsupported) inputs.unreadable(unsupported);
      else await inputs.addFile(f.name, f.bytes);
    }
    progress('读取完成', files.length, files.length);
    this.inputs = inputs;
    this.output = null;
    this.runs.clear();
  }

  /** The engine on the tables read (or on tables the pane changed: column corrections). */
  analyse(tables: RawTable[], config: Config): AnalyseOutcome & { run: number } {
    const a = analyse(tables, config);
    const run = this.nextRun++;
    if (a.output) {
      this.runs.set(run, { output: a.output });
      // Two runs are kept: the one on screen and the one being computed.
      for (const k of this.runs.keys()) if (k < run - 1) this.runs.delete(k);
    }
    return { parsed: a.parsed, output: a.output, issues: a.issues, run };
  }

  /** Every 附件 of run `run` (kept here for writeOwnedSheets); what the pane needs of each model. */
  attachments(run: number, config: Config, meta: AttachmentMeta): SheetModel[] {
    const r = this.runs.get(run);
    if (!r) throw new Error('计算结果已过期，请重新计算后再生成附件。');
    r.models = buildAllAttachments(r.output, config, meta);
    return r.models;
  }

  /** Models of run `run` built by attachments(). */
  modelsOf(run: number): SheetModel[] {
    const models = this.runs.get(run)?.models;
    if (!models) throw new Error('附件已过期，请重新生成。');
    return models;
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

  get hasOutput(): boolean {
    return this.output !== null;
  }

  writeResultBlock(block: ResultBlock): Promise<void> {
    return this.out().host.writeResultBlock(block);
  }

  writeOwnedSheets(models: SheetModel[]): Promise<Map<string, string>> {
    return this.out().host.writeOwnedSheets(models);
  }

  async saveSettings(settings: unknown, mappings: ColumnMappings | null): Promise<void> {
    if (this.output) await this.output.host.saveSettings(settings, mappings ?? undefined);
  }

  /** The result workbook as .xlsx bytes, with the settings of the run stored inside (like the CLI's --out). */
  async resultBytes(settings: unknown, mappings: ColumnMappings | null, omit: readonly string[], progress: Progress = () => {}): Promise<Uint8Array> {
    const { wb, host } = this.out();
    await host.saveSettings(settings, mappings ?? undefined);
    progress('打包工作簿…');
    return this.writer(wb, omit, (stage) => progress(stage));
  }
}

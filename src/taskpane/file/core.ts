/**
 * File mode's work (issue 17): reading the picked files, computing, the 附件 and the result workbook. It runs
 * in the file worker (file.worker.ts), so that the page's main thread never waits on a whole-workbook load,
 * the engine or the writing of the download; in Node (tests, browsers without Worker) it runs in-thread
 * through the same protocol (fileClient.ts).
 * Reading is the CLI's `zsb run` (the same InputSet, src/hosts/xlsx/loadInputs.ts, and the same streaming
 * reader of .xlsx, src/hosts/xlsx/streamRead.ts, unzipping with fflate: browserZip.ts), so that the
 * downloaded workbook equals the CLI's `--out`: the first .xlsx is the base of the result workbook, the
 * other files' sheets are copied into it under unique names; results and 附件 are written by
 * XlsxFileHost. The workbooks are loaded into ExcelJS only when the result is first written.
 */
import type { Config } from '../../engine/config';
import type { EngineOutput } from '../../engine/result';
import type { ColumnMappings, ResultBlock } from '../../hosts/host';
import { isLegacyName, isOleBytes } from '../../hosts/xls/read';
import { browserPartStream } from '../../hosts/xlsx/browserZip';
import { copyWorksheet, newWorkbook, workbookBytes, XlsxFileHost, type XlsxWorkbook } from '../../hosts/xlsx/fileHost';
import { InputSet, isCsvName } from '../../hosts/xlsx/loadInputs';
import { InputFileError, loadXlsx } from '../../hosts/xlsx/read';
import { streamXlsx } from '../../hosts/xlsx/streamRead';
import { analyse } from '../../pipeline';
import { buildAllAttachments, type AttachmentMeta } from '../../sheets/attachments';
import type { SheetModel } from '../../sheets/attachments/model';
import { unsupportedFileMessage } from './fileKinds';
import type { RawTable } from '../../sheets/table';
import type { AnalyseOutcome } from '../../worker/protocol';

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/**
 * How the result workbook becomes bytes: today ExcelJS's writeBuffer of the whole workbook (fileHost's
 * workbookBytes); the lean streaming writer of the CLI plugs in here (same workbook, same sheets left out).
 */
export type ResultWriter = (wb: XlsxWorkbook, omit: readonly string[], onProgress: (stage: string) => void) => Promise<Uint8Array>;

export const excelJsWriter: ResultWriter = (wb, omit) => workbookBytes(wb, omit);

/** Reports a stage of the work ("读取 成绩.xlsx…"), with how far it is when known. */
export type Progress = (stage: string, done?: number, total?: number) => void;

/**
 * One file into `inputs`, as `zsb run` reads it: CSV, .xls/.et (or an .xls under an .xlsx name) whole;
 * an .xlsx with the streaming reader, keyed "index:name" for building the result later.
 */
async function readFile(inputs: InputSet & { baseKey?: string }, f: FileBytes, index: number): Promise<void> {
  if (isCsvName(f.name) || isLegacyName(f.name) || isOleBytes(f.bytes)) {
    await inputs.addFile(f.name, f.bytes);
    return;
  }
  const key = `${index}:${f.name}`;
  try {
    const isBase = !inputs.hasWorkbook;
    const workbook = await streamXlsx(f.bytes, f.name, browserPartStream);
    inputs.addSheetTables(f.name, workbook.sheets, key);
    if (isBase) inputs.baseKey = key;
  } catch (e) {
    // Whatever a file makes the reader do, it is that file's error (named), never a crash.
    if (e instanceof InputFileError) inputs.unreadable(e.message, e.at);
    else inputs.unreadable(`读取文件“${f.name}”时出错：${e instanceof Error ? e.message : String(e)}。文件可能已损坏，请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试。`);
  }
}

export class FileCore {
  private inputs: InputSet & { baseKey?: string } = new InputSet();
  private files: readonly FileBytes[] = [];
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
    const inputs: InputSet & { baseKey?: string } = new InputSet();
    for (const [i, f] of files.entries()) {
      progress(`读取“${f.name}”…`, i, files.length);
      const unsupported = unsupportedFileMessage(f.name);
      if (unsupported) inputs.unreadable(unsupported);
      else await readFile(inputs, f, i);
    }
    progress('读取完成', files.length, files.length);
    this.inputs = inputs;
    this.files = files;
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

  /**
   * The result workbook, built on first write as the CLI builds --out: the base workbook (the first .xlsx,
   * loaded now) plus the other files' sheets — a CSV or .xls sheet as its values, another .xlsx's sheet
   * copied from that workbook (loaded now too).
   */
  private async out(progress: Progress = () => {}): Promise<{ wb: XlsxWorkbook; host: XlsxFileHost }> {
    if (this.output) return this.output;
    const loaded = new Map<string, XlsxWorkbook>();
    const load = async (key: string) => {
      let wb = loaded.get(key);
      if (!wb) {
        const f = this.files[Number(key.slice(0, key.indexOf(':')))]!;
        progress(`载入“${f.name}”…`);
        wb = await loadXlsx(f.bytes, f.name);
        loaded.set(key, wb);
      }
      return wb;
    };
    const base = this.inputs.base?.wb ?? (this.baseKey !== null ? await load(this.baseKey) : await newWorkbook());
    for (const e of this.inputs.extra) {
      let actual: string;
      if (e.source) {
        const from = (await load(e.source.file)).getWorksheet(e.source.sheet);
        if (!from) throw new Error(`内部错误：文件中没有工作表“${e.source.sheet}”`);
        actual = copyWorksheet(from, base, e.name, e.source.blocks);
      } else actual = e.add(base);
      if (actual !== e.name) throw new Error(`内部错误：工作表名“${e.name}”在结果工作簿中变成了“${actual}”`);
    }
    this.output = { wb: base, host: new XlsxFileHost(base) };
    return this.output;
  }

  /** The key ("index:name") of the first .xlsx read by the streaming reader: the base of the result. */
  private get baseKey(): string | null {
    return this.inputs.baseKey ?? null;
  }

  async writeResultBlock(block: ResultBlock, progress?: Progress): Promise<void> {
    return (await this.out(progress)).host.writeResultBlock(block);
  }

  async writeOwnedSheets(models: SheetModel[], progress?: Progress): Promise<Map<string, string>> {
    return (await this.out(progress)).host.writeOwnedSheets(models);
  }

  async saveSettings(settings: unknown, mappings: ColumnMappings | null): Promise<void> {
    if (this.output) await this.output.host.saveSettings(settings, mappings ?? undefined);
  }

  /** The result workbook as .xlsx bytes, with the settings of the run stored inside (like the CLI's --out). */
  async resultBytes(settings: unknown, mappings: ColumnMappings | null, omit: readonly string[], progress: Progress = () => {}): Promise<Uint8Array> {
    const { wb, host } = await this.out(progress);
    await host.saveSettings(settings, mappings ?? undefined);
    progress('打包工作簿…');
    return this.writer(wb, omit, (stage) => progress(stage));
  }
}

/**
 * File mode's work (issue 17): reading the picked files, computing, the 附件 and the result workbook. It runs
 * in the file worker (file.worker.ts), so that the page's main thread never waits on a whole-workbook load,
 * the engine or the writing of the download; in Node (tests, browsers without Worker) it runs in-thread
 * through the same protocol (fileClient.ts).
 * Reading is the CLI's `zsb run` (the same InputSet, src/hosts/xlsx/loadInputs.ts, and the same streaming
 * reader of .xlsx, src/hosts/xlsx/streamRead.ts, unzipping with fflate: browserZip.ts), so that the
 * downloaded workbook equals the CLI's `--out`: the first .xlsx is the base of the result workbook, the
 * other files' sheets are copied into it under unique names; results and 附件 are written by
 * XlsxFileHost. Writing is the CLI's too: the same plan (src/hosts/xlsx/resultWorkbook.ts — the base
 * loaded without its big sheets' rows, CSV tables written from their columns, the 附件 rendered from
 * their models) and the same streaming writer, into the browser's zip (streamedBytes).
 */
import type { Config } from '../../engine/config';
import type { EngineOutput } from '../../engine/result';
import type { ColumnMappings, ResultBlock } from '../../hosts/host';
import { isLegacyName, isOleBytes } from '../../hosts/xls/read';
import { browserPartStream } from '../../hosts/xlsx/browserZip';
import { InputSet, isCsvName } from '../../hosts/xlsx/loadInputs';
import { InputFileError } from '../../hosts/xlsx/read';
import { buildResultWorkbook, streamedSheets, type ResultWorkbook, type XlsxSource } from '../../hosts/xlsx/resultWorkbook';
import { streamXlsx } from '../../hosts/xlsx/streamRead';
import { streamedBytes } from '../../hosts/xlsx/streamWrite';
import type { GzipEvents, GzipPart } from '../../hosts/xlsx/zipWriter';
import { analyse } from '../../pipeline';
import { buildAllAttachments, type AttachmentMeta } from '../../sheets/attachments';
import type { SheetModel } from '../../sheets/attachments/model';
import { buildWordDocs } from '../../sheets/attachments/wordDocs';
import { unsupportedFileMessage } from './fileKinds';
import type { RawTable } from '../../sheets/table';
import type { AnalyseOutcome } from '../../worker/protocol';

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** Reports a stage of the work ("读取 成绩.xlsx…"), with how far it is when known. */
export type Progress = (stage: string, done?: number, total?: number) => void;

/** The .xlsx files read by the streaming reader: the first is the base of the result, the others by key. */
interface XlsxFiles {
  base: XlsxSource | null;
  others: Map<string, XlsxSource>;
}

/**
 * One file into `inputs`, as `zsb run` reads it: CSV, .xls/.et (or an .xls under an .xlsx name) whole;
 * an .xlsx with the streaming reader, keyed "index:name" for building the result later.
 */
async function readFile(inputs: InputSet, xlsx: XlsxFiles, f: FileBytes, index: number): Promise<void> {
  if (isCsvName(f.name) || isLegacyName(f.name) || isOleBytes(f.bytes)) {
    await inputs.addFile(f.name, f.bytes);
    return;
  }
  const key = `${index}:${f.name}`;
  try {
    const isBase = !inputs.hasWorkbook;
    const workbook = await streamXlsx(f.bytes, f.name, browserPartStream);
    const meta = inputs.addSheetTables(f.name, workbook.sheets, key);
    const source: XlsxSource = { name: f.name, bytes: async () => f.bytes, workbook, meta };
    if (isBase) xlsx.base = source;
    else xlsx.others.set(key, source);
  } catch (e) {
    // Whatever a file makes the reader do, it is that file's error (named), never a crash.
    if (e instanceof InputFileError) inputs.unreadable(e.message, e.at);
    else inputs.unreadable(`读取文件“${f.name}”时出错：${e instanceof Error ? e.message : String(e)}。文件可能已损坏，请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试。`);
  }
}

const CJK = /[\u4e00-\u9fff]/u;

/**
 * A failure while the download is written, as the pane shows it: a Chinese message as it is (a cell in
 * the way, a damaged file), the browser's memory limits as "too big", anything else as an internal error
 * — in Chinese, named, never a stack trace; no file is offered.
 */
function writeFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (CJK.test(message) && !message.startsWith('内部错误')) return message;
  if (e instanceof RangeError || /allocation failed|out of memory/iu.test(message)) return `工作簿太大，浏览器的内存不够写出它（${message}）。请用命令行 zsb run … --out 生成，或按二级学院分开计算。`;
  return `生成工作簿时发生内部错误（${e instanceof Error ? e.name : typeof e}：${message}），没有生成下载文件。请把输入文件和这段提示发给维护者。`;
}

/** A write into the result workbook (applied again when the workbook has to be built again). */
type Written = (out: ResultWorkbook) => Promise<unknown>;

export class FileCore {
  private inputs = new InputSet();
  private xlsx: XlsxFiles = { base: null, others: new Map() };
  private output: ResultWorkbook | null = null;
  /** The last write of each kind (a result block per sheet, the 附件, the settings), oldest first. */
  private written = new Map<string, Written>();
  /** Every sheet a run's result block goes to (the rosters): loaded whole, never a placeholder. */
  private readonly targets = new Set<string>();
  /** The outputs of the last runs, by run number: the 附件 are built from the run the pane shows. */
  private readonly runs = new Map<number, { output: EngineOutput; models?: SheetModel[] }>();
  private nextRun = 1;

  /** `gzip`: the download's compressor (default: the browser's, browserZip.ts). */
  constructor(private readonly gzip?: (on: GzipEvents) => GzipPart) {}

  get tables(): RawTable[] {
    return this.inputs.tables;
  }

  get set(): InputSet {
    return this.inputs;
  }

  /** Reads the files in the order given (the first .xlsx is the base of the result workbook). */
  async open(files: readonly FileBytes[], progress: Progress = () => {}): Promise<void> {
    const inputs = new InputSet();
    const xlsx: XlsxFiles = { base: null, others: new Map() };
    for (const [i, f] of files.entries()) {
      progress(`读取“${f.name}”…`, i, files.length);
      const unsupported = unsupportedFileMessage(f.name);
      if (unsupported) inputs.unreadable(unsupported);
      else await readFile(inputs, xlsx, f, i);
    }
    progress('读取完成', files.length, files.length);
    this.inputs = inputs;
    this.xlsx = xlsx;
    this.output = null;
    this.written.clear();
    this.targets.clear();
    this.runs.clear();
  }

  /** The engine on the tables read (or on tables the pane changed: column corrections). */
  analyse(tables: RawTable[], config: Config): AnalyseOutcome & { run: number } {
    const a = analyse(tables, config);
    const run = this.nextRun++;
    for (const d of a.parsed.sheets) if (d.kind === 'roster') this.targets.add(d.sheet);
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

  /** The Word versions of run `run` (附件8-1, 10-1, 11-1) as .docx bytes; [] when there is none to make. */
  async wordDocs(run: number, config: Config, meta: AttachmentMeta): Promise<{ fileName: string; bytes: Uint8Array }[]> {
    const r = this.runs.get(run);
    if (!r) throw new Error('计算结果已过期，请重新计算后再生成 Word 版。');
    const docs = buildWordDocs(buildAllAttachments(r.output, config, meta));
    if (docs.length === 0) return [];
    const { wordDocument } = await import(/* webpackChunkName: "docx" */ '../../hosts/docx/wordWriter');
    const out: { fileName: string; bytes: Uint8Array }[] = [];
    for (const doc of docs) out.push({ fileName: doc.fileName, bytes: await wordDocument(doc) });
    return out;
  }

  /** Models of run `run` built by attachments(). */
  modelsOf(run: number): SheetModel[] {
    const models = this.runs.get(run)?.models;
    if (!models) throw new Error('附件已过期，请重新生成。');
    return models;
  }

  /**
   * The result workbook, built on first write as the CLI builds --out (resultWorkbook.ts): the base
   * workbook (the first .xlsx) without its big sheets' rows, the other files' sheets as placeholders or
   * copies, the sheets results go to loaded whole.
   */
  private async out(progress: Progress = () => {}): Promise<ResultWorkbook> {
    if (this.output) return this.output;
    if (this.xlsx.base) progress(`载入“${this.xlsx.base.name}”…`);
    const out = await buildResultWorkbook(this.inputs, this.xlsx.base, this.xlsx.others, this.targets, { openPart: browserPartStream, fixXml: true });
    // Each download writes the workbook again: the CSV tables stay whole.
    out.plan.keepTables = true;
    this.output = out;
    for (const w of this.written.values()) await w(out);
    return out;
  }

  /** Writes into the result workbook, and remembers it (as the last write of `kind`) for a rebuild. */
  private async write<T>(kind: string, what: (out: ResultWorkbook) => Promise<T>, progress?: Progress): Promise<T> {
    const out = await this.out(progress);
    this.written.delete(kind);
    this.written.set(kind, what);
    return what(out);
  }

  async writeResultBlock(block: ResultBlock, progress?: Progress): Promise<void> {
    // A sheet no run took for a roster (a column corrected since) is a placeholder: built again with it whole.
    if (!this.targets.has(block.sheet)) {
      this.targets.add(block.sheet);
      if (this.output && streamedSheets(this.output.plan).has(block.sheet)) this.output = null;
    }
    await this.write(`block:${block.sheet}`, (out) => out.host.writeResultBlock(block), progress);
  }

  async writeOwnedSheets(models: SheetModel[], progress?: Progress): Promise<Map<string, string>> {
    return this.write('附件', async (out) => {
      // The 附件 are placeholders, rendered from their models when the workbook is written.
      out.plan.deferred.clear();
      return out.host.writeOwnedSheets(models, undefined, out.plan.deferred);
    }, progress);
  }

  async saveSettings(settings: unknown, mappings: ColumnMappings | null): Promise<void> {
    if (this.output) await this.write('settings', (out) => out.host.saveSettings(settings, mappings ?? undefined));
  }

  /**
   * The result workbook as .xlsx bytes, with the settings of the run stored inside (like the CLI's
   * --out); `omit`: sheets left out (the 公示用工作簿, like --public) — the workbook itself stays whole.
   */
  async resultBytes(settings: unknown, mappings: ColumnMappings | null, omit: readonly string[], progress: Progress = () => {}): Promise<Uint8Array> {
    const { wb, host, plan } = await this.out(progress);
    await this.saveSettings(settings, mappings);
    const meta = host.metaSheet()?.getCell('A1');
    const record = meta?.value;
    try {
      if (omit.length > 0) {
        host.forgetSheets(omit);
        plan.omit = new Set(omit);
      }
      return await streamedBytes(wb, plan, (sheet, done, total) => progress(sheet === '' ? '打包工作簿…' : `写出第 ${done + 1}/${total} 张工作表“${sheet}”…`, done, total), this.gzip);
    } catch (e) {
      throw new Error(writeFailure(e));
    } finally {
      if (meta) meta.value = record;
      delete plan.omit;
    }
  }
}

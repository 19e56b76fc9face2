/**
 * File mode (issue 7): the input files picked in the browser become one WorkbookHost for the pane.
 * Since issue 17 the work happens in the file worker (core.ts: reading with the CLI's InputSet, the
 * engine, the 附件 and the result workbook, so that the download equals the CLI's `--out`); this side
 * holds what the pane shows — the tables (sent over in pieces), problems, settings — and forwards every
 * write. 取消 ends the worker; the next request opens the files again in a fresh one.
 * Nothing leaves the browser: the result is offered as a download made from memory.
 */
import type { Config } from '../../engine/config';
import type { Issue } from '../../engine/issues';
import type { EngineOutput } from '../../engine/result';
import type { ColumnMappings, ResultBlock, SheetInfo, WorkbookHost } from '../../hosts/host';
import type { AttachmentMeta } from '../../sheets/attachments';
import type { SheetModel } from '../../sheets/attachments/model';
import { beijingDate } from '../../sheets/beijingTime';
import { rememberFingerprint } from '../../sheets/fingerprint';
import type { SensitiveSheet } from '../../sheets/privacy';
import type { RawTable } from '../../sheets/table';
import { EngineCancelled, reviveOutcome, type EngineClient, type EngineProgress } from '../../worker/client';
import type { AnalyseOutcome } from '../../worker/protocol';
import { FileCancelled, TableAssembler, type FileClient } from './fileClient';
import type { OpenSummary } from './fileProtocol';

export { unsupportedFileMessage } from './fileKinds';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
  /**
   * Reads the file again from disk (the browser's File: file.arrayBuffer()). Absent for bytes that have
   * no file behind them (the sample). Rejects when the browser no longer lets the page read it.
   */
  reread?: () => Promise<Uint8Array>;
}

/** Byte for byte, four bytes at a time where both are aligned (a 15 MB file: ~4 M steps, not 15 M). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const n = a.length >> 2;
    const x = new Int32Array(a.buffer, a.byteOffset, n);
    const y = new Int32Array(b.buffer, b.byteOffset, n);
    for (let k = 0; k < n; k++) if (x[k] !== y[k]) return false;
    i = n << 2;
  }
  for (; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Progress of the work in the worker: a stage, and how far when known. */
export type FileProgress = (stage: string, done: number, total: number) => void;

/** A run computed in the worker: how to compute it again there (after 取消 ended that worker). */
interface Run {
  run: number;
  generation: number;
  tables: (number | RawTable)[];
  config: Config;
}

export class FileSession implements WorkbookHost {
  readonly fileNames: string[] = [];
  private files: PickedFile[] = [];
  private read: RawTable[] = [];
  private issues: Issue[] = [];
  private snapshots: RawTable[] = [];
  private sensitive: SensitiveSheet[] = [];
  private settings: unknown | null = null;
  private mappings: ColumnMappings | null = null;
  /** The worker generation the files were opened in (a new worker after 取消 holds nothing). */
  private openedIn = -1;
  private wrote = false;
  private readonly runs = new WeakMap<EngineOutput, Run>();
  private readonly built = new WeakMap<SheetModel[], number>();

  private constructor(private readonly client: FileClient) {}

  get tables(): RawTable[] {
    return this.read;
  }

  /** Problems with whole files (unreadable, damaged meta), shown in the 数据 step. */
  get problems(): Issue[] {
    return this.issues;
  }

  /** Reads the files in the order given (the first .xlsx is the base of the result workbook). */
  static async open(files: PickedFile[], client?: FileClient, onProgress?: FileProgress): Promise<FileSession> {
    const s = new FileSession(client ?? new (await import('./inlineFileClient')).InlineFileClient());
    s.fileNames.push(...files.map((f) => f.name));
    s.files = files;
    const summary = await s.openInWorker(onProgress, true);
    s.settings = summary.settings;
    s.mappings = summary.mappings;
    return s;
  }

  /** Sends the files to the worker, which reads them; with `keep`, the pane takes the tables it sends back. */
  private async openInWorker(onProgress?: FileProgress, keep = true): Promise<OpenSummary> {
    const assembler = new TableAssembler();
    // Copies (the worker reads them, the page compares them with the disk later).
    const files = this.files.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));
    const summary = await this.client.call<OpenSummary>({ op: 'open', files }, { onProgress, onPiece: keep ? (p) => assembler.add(p) : undefined }, files.map((f) => f.bytes.buffer));
    this.openedIn = this.client.generation;
    this.wrote = false;
    if (keep) {
      this.read = assembler.tables;
      this.issues = summary.problems;
      this.snapshots = summary.snapshots;
      this.sensitive = summary.sensitive;
      rememberFingerprint(this.read, summary.fingerprints.all);
      this.read.forEach((t, i) => rememberFingerprint([t], summary.fingerprints.each[i]!));
    }
    return summary;
  }

  /** The worker holds the files (opens them again in a new worker after 取消). */
  private async ready(onProgress?: FileProgress): Promise<void> {
    if (this.openedIn !== this.client.generation) await this.openInWorker(onProgress, false);
  }

  /** Hears the worker's stages of the writes the pane's controller asks for (the download shows them). */
  onStage: ((stage: string) => void) | null = null;

  private stage(): { onProgress: FileProgress } {
    return { onProgress: (stage) => this.onStage?.(stage) };
  }

  /** Ends the work in progress in the worker (取消); true when something was running there. */
  cancel(): boolean {
    return this.client.cancel();
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
    await this.openInWorker();
  }

  /** The engine, in the worker, on the tables it read (a corrected table is sent along). */
  readonly engine: EngineClient = {
    analyse: async (tables: RawTable[], config: Config, onProgress?: (p: EngineProgress) => void): Promise<AnalyseOutcome> => {
      const progress = (stage: string, done: number, total: number) => onProgress?.({ stage, done, total });
      await this.ready(progress);
      const refs = tables.map((t) => {
        const i = this.read.indexOf(t);
        return i >= 0 ? i : t;
      });
      let outcome: AnalyseOutcome & { run: number };
      try {
        outcome = await this.client.call<AnalyseOutcome & { run: number }>({ op: 'analyse', tables: refs, config }, { onProgress: progress });
      } catch (err) {
        // 取消 in the 计算 step ends the file worker: to the pane that is a cancelled computation.
        throw err instanceof FileCancelled ? new EngineCancelled() : err;
      }
      const { run, ...rest } = outcome;
      const revived = reviveOutcome(rest);
      if (revived.output) this.runs.set(revived.output, { run, generation: this.client.generation, tables: refs, config });
      return revived;
    },
    cancel: () => this.client.cancel(),
    dispose: () => {
      this.client.cancel();
    },
  };

  /** The worker's run of `output`, computed again there when 取消 ended the worker that held it. */
  private async runOf(output: EngineOutput): Promise<number> {
    const r = this.runs.get(output);
    if (!r) throw new Error('计算结果已过期，请重新计算后再生成附件。');
    if (r.generation === this.client.generation && this.openedIn === this.client.generation) return r.run;
    await this.ready();
    const again = await this.client.call<{ run: number }>({ op: 'analyse', tables: r.tables, config: r.config });
    Object.assign(r, { run: again.run, generation: this.client.generation });
    return r.run;
  }

  /** The 附件, built in the worker from the run on screen; the pane gets them without their tables. */
  async ownedSheets(output: EngineOutput, config: Config, meta: AttachmentMeta, onProgress?: FileProgress): Promise<SheetModel[]> {
    const run = await this.runOf(output);
    const models = await this.client.call<SheetModel[]>({ op: 'attachments', run, config, meta }, { onProgress: onProgress ?? this.stage().onProgress });
    this.built.set(models, run);
    return models;
  }

  /** The Word versions of the run on screen, made in the worker (its 附件 models and the .docx writer). */
  async wordDocs(output: EngineOutput, config: Config, meta: AttachmentMeta, onProgress?: FileProgress): Promise<{ fileName: string; bytes: Uint8Array }[]> {
    const run = await this.runOf(output);
    return this.client.call<{ fileName: string; bytes: Uint8Array }[]>({ op: 'wordDocs', run, config, meta }, { onProgress: onProgress ?? this.stage().onProgress });
  }

  async listSheets(): Promise<SheetInfo[]> {
    // The previous run's 结果快照 (owned: never an input) is listed for the change comparison (issue 18).
    return [
      ...this.tables.map((t) => ({ name: t.sheet, owned: false, visible: true })),
      ...this.snapshots.map((t) => ({ name: t.sheet, owned: true, visible: true })),
    ];
  }

  async readSheet(name: string, onProgress?: (done: number, total: number) => void): Promise<RawTable> {
    const t = this.tables.find((x) => x.sheet === name) ?? this.snapshots.find((x) => x.sheet === name);
    if (!t) throw new Error(`没有名为“${name}”的工作表。`);
    onProgress?.(t.rows.length, t.rows.length);
    return t;
  }

  async writeResultBlock(block: ResultBlock): Promise<void> {
    await this.ready(this.stage().onProgress);
    await this.client.call({ op: 'writeResultBlock', block }, this.stage());
    this.wrote = true;
  }

  /** Names (as written) of the internal sheets of the last 附件 run: 附件7, 计算说明, 结果快照… (issue 18). */
  internalSheets: string[] = [];

  async writeOwnedSheets(models: SheetModel[]): Promise<Map<string, string>> {
    const run = this.built.get(models);
    await this.ready(this.stage().onProgress);
    const names = await this.client.call<Map<string, string>>(run !== undefined ? { op: 'writeOwnedSheets', run, models: null } : { op: 'writeOwnedSheets', run: null, models }, this.stage());
    this.wrote = true;
    this.internalSheets = models.filter((m) => !m.publicity).map((m) => names.get(m.name) ?? m.name);
    return names;
  }

  async loadSettings(): Promise<unknown | null> {
    return this.settings;
  }

  async saveSettings(settings: unknown, mappings?: ColumnMappings): Promise<void> {
    this.settings = settings;
    if (mappings) this.mappings = mappings;
    if (this.wrote) await this.client.call({ op: 'saveSettings', settings, mappings: this.mappings });
  }

  async loadMappings(): Promise<ColumnMappings | null> {
    return this.mappings;
  }

  /** The result workbook as .xlsx bytes, with the settings of the run stored inside (like the CLI's --out). */
  async resultBytes(settings: unknown, omit: readonly string[] = [], onProgress?: FileProgress): Promise<Uint8Array> {
    this.settings = settings;
    await this.ready(onProgress);
    return this.client.call<Uint8Array>({ op: 'resultBytes', settings, mappings: this.mappings, omit: [...omit] }, { onProgress });
  }

  /** What a 公示用工作簿 leaves out: the internal sheets and every input sheet holding IDs or phone numbers. */
  publicOmissions(): { sheet: string; why: string }[] {
    return [
      ...this.internalSheets.map((sheet) => ({ sheet, why: '内部资料' })),
      ...this.sensitive.map((s) => ({ sheet: s.sheet, why: `含${s.holds}` })),
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

/**
 * Messages between the file-mode page and its worker (file.worker.ts), and the worker's side of them
 * (free of `self`, so that Node tests run it in-thread). Tables travel to the page in pieces of
 * ROWS_PER_MESSAGE rows: one structured clone of a 6,000-student grade sheet (~90 MB) would hold the
 * page's main thread for seconds; a piece is a few milliseconds. The result workbook's bytes are
 * transferred, not copied.
 */
import type { Config } from '../../engine/config';
import type { Issue } from '../../engine/issues';
import type { ColumnMappings, ResultBlock } from '../../hosts/host';
import type { AttachmentMeta } from '../../sheets/attachments';
import type { SheetModel } from '../../sheets/attachments/model';
import { fingerprintTables } from '../../sheets/fingerprint';
import { sensitiveSheets, type SensitiveSheet } from '../../sheets/privacy';
import type { RawTable } from '../../sheets/table';
import { receivedStage } from '../../worker/handler';
import type { AnalyseOutcome } from '../../worker/protocol';
import type { FileBytes, FileCore } from './core';

export const ROWS_PER_MESSAGE = 1000;

export type FileRequest =
  | { id: number; op: 'open'; files: FileBytes[] }
  /** Each table: its index among the tables read (unchanged), or the table itself (a corrected copy). */
  | { id: number; op: 'analyse'; tables: (number | RawTable)[]; config: Config }
  | { id: number; op: 'attachments'; run: number; config: Config; meta: AttachmentMeta }
  /** The Word versions (.docx) of run `run`, built here from its own 附件 models. */
  | { id: number; op: 'wordDocs'; run: number; config: Config; meta: AttachmentMeta }
  | { id: number; op: 'writeResultBlock'; block: ResultBlock }
  /** `run`: the models attachments() built for that run (kept in the worker); else `models`. */
  | { id: number; op: 'writeOwnedSheets'; run: number | null; models: SheetModel[] | null }
  | { id: number; op: 'saveSettings'; settings: unknown; mappings: ColumnMappings | null }
  | { id: number; op: 'resultBytes'; settings: unknown; mappings: ColumnMappings | null; omit: string[] };

/** What `open` answers, after the tables' pieces. */
export interface OpenSummary {
  problems: Issue[];
  settings: unknown | null;
  mappings: ColumnMappings | null;
  tableCount: number;
  /** The base workbook's 结果快照 sheets (small). */
  snapshots: RawTable[];
  /** The input sheets a 公示用工作簿 leaves out (a scan of every cell: done here, not on the page). */
  sensitive: SensitiveSheet[];
  /** fingerprintTables of all tables, and of each alone (the page would spend ~0.3 s per 6,000 students). */
  fingerprints: { all: string; each: string[] };
}

/** A piece of table `index`: rows from `start`; the first piece also carries the table without rows. */
export interface TablePiece {
  index: number;
  start: number;
  head?: Omit<RawTable, 'rows' | 'text' | 'numberFormats'> & { rowCount: number; hasText: boolean; hasFormats: boolean };
  rows: RawTable['rows'];
  text?: string[][];
  numberFormats?: string[][];
}

export type FileResponse =
  | { id: number; type: 'progress'; stage: string; done: number; total: number }
  | ({ id: number; type: 'piece' } & TablePiece)
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'failure'; message: string; detail: string };

export type Post = (message: FileResponse, transfer?: Transferable[]) => void;

function postTables(id: number, tables: readonly RawTable[], post: Post): void {
  tables.forEach((t, index) => {
    const { rows, text, numberFormats, ...rest } = t;
    const head = { ...rest, rowCount: rows.length, hasText: text !== undefined, hasFormats: numberFormats !== undefined };
    for (let start = 0; start === 0 || start < rows.length; start += ROWS_PER_MESSAGE) {
      const end = start + ROWS_PER_MESSAGE;
      const piece: TablePiece = { index, start, rows: rows.slice(start, end) };
      if (start === 0) piece.head = head;
      if (text) piece.text = text.slice(start, end);
      if (numberFormats) piece.numberFormats = numberFormats.slice(start, end);
      post({ id, type: 'piece', ...piece });
    }
  });
}

/** Runs one request on `core` and posts its progress, pieces, then exactly one `done` or `failure`. */
export async function handleFileRequest(core: FileCore, req: FileRequest, post: Post): Promise<void> {
  const { id } = req;
  const progress = (stage: string, done = 0, total = 0) => post({ id, type: 'progress', stage, done, total });
  try {
    switch (req.op) {
      case 'open': {
        await core.open(req.files, progress);
        progress('把工作表交给窗格…');
        postTables(id, core.tables, post);
        const set = core.set;
        const summary: OpenSummary = {
          problems: set.issues,
          settings: set.settings,
          mappings: set.mappings ?? null,
          tableCount: core.tables.length,
          snapshots: set.snapshots,
          sensitive: sensitiveSheets(core.tables),
          fingerprints: { all: fingerprintTables(core.tables), each: core.tables.map((t) => fingerprintTables([t])) },
        };
        post({ id, type: 'done', value: summary });
        return;
      }
      case 'analyse': {
        const tables = req.tables.map((t) => (typeof t === 'number' ? core.tables[t]! : t));
        progress(receivedStage(tables), 0, 1);
        const outcome: AnalyseOutcome & { run: number } = core.analyse(tables, req.config);
        progress('计算完成', 1, 1);
        post({ id, type: 'done', value: outcome });
        return;
      }
      case 'attachments': {
        progress('生成附件…');
        const models = core.attachments(req.run, req.config, req.meta);
        // The page needs only each model's name and whether it is public; the models stay here.
        post({ id, type: 'done', value: models.map((m) => ({ ...m, tables: [] })) });
        return;
      }
      case 'wordDocs': {
        progress('生成 Word 版…');
        const docs = await core.wordDocs(req.run, req.config, req.meta);
        post({ id, type: 'done', value: docs }, docs.map((d) => d.bytes.buffer));
        return;
      }
      case 'writeResultBlock':
        progress('写回结果列…');
        await core.writeResultBlock(req.block, progress);
        post({ id, type: 'done', value: null });
        return;
      case 'writeOwnedSheets': {
        progress('写入附件工作表…');
        const names = await core.writeOwnedSheets(req.run !== null ? core.modelsOf(req.run) : req.models ?? [], progress);
        post({ id, type: 'done', value: names });
        return;
      }
      case 'saveSettings':
        await core.saveSettings(req.settings, req.mappings);
        post({ id, type: 'done', value: null });
        return;
      case 'resultBytes': {
        const bytes = await core.resultBytes(req.settings, req.mappings, req.omit, progress);
        post({ id, type: 'done', value: bytes }, [bytes.buffer]);
        return;
      }
      default:
        throw new Error(`文件模式收到未知的请求：${String((req as { op?: unknown }).op)}`);
    }
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    post({ id, type: 'failure', message: err instanceof Error ? err.message : String(err), detail });
  }
}

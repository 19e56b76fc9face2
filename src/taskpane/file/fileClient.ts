/**
 * The page's side of the file worker (over src/worker/rpc.ts, as the engine client): one request at a
 * time in flight per call, answers matched by id, tables put together from their pieces. `cancel()` ends the worker at once (取消): whatever it held is
 * gone, and the next request starts a fresh one (the session reopens its files there first).
 * Without Worker (Node tests) the same handler runs in-thread (inlineFileClient.ts).
 */
import type { RawTable } from '../../sheets/table';
import { failureError, WorkerRpc, type Waiting, type WithoutId, type WorkerPort } from '../../worker/rpc';
import type { FileRequest, FileResponse, TablePiece } from './fileProtocol';

export type FileCall = WithoutId<FileRequest>;

export interface CallHooks {
  onProgress?: (stage: string, done: number, total: number) => void;
  onPiece?: (piece: TablePiece) => void;
}

/** The part of a Worker this client uses. */
export type FileWorkerLike = WorkerPort<FileRequest, FileResponse>;

export class FileCancelled extends Error {
  constructor() {
    super('已取消。');
    this.name = 'FileCancelled';
  }
}

export type Pending = Waiting<CallHooks>;

export interface FileClient {
  call<T>(request: FileCall, hooks?: CallHooks, transfer?: Transferable[]): Promise<T>;
  /** Ends the work in progress (the worker and all it held); true when there was a worker to end. */
  cancel(): boolean;
  /** A new worker (after cancel) holds nothing: the caller must open the files again. */
  readonly generation: number;
}

export class WorkerFileClient implements FileClient {
  private readonly rpc: WorkerRpc<FileRequest, FileResponse, CallHooks>;
  generation = 0;

  constructor(spawn: () => FileWorkerLike) {
    this.rpc = new WorkerRpc(spawn, { name: '后台线程', receive: (msg, p) => settle(p, msg), onSpawn: () => this.generation++ });
  }

  call<T>(request: FileCall, hooks: CallHooks = {}, transfer: Transferable[] = []): Promise<T> {
    return this.rpc.call<T>(request, hooks, transfer);
  }

  cancel(): boolean {
    const had = this.rpc.running;
    // What the ended worker held is gone: callers see a new generation at once.
    if (had) this.generation++;
    this.rpc.end(() => new FileCancelled());
    return had;
  }
}

/** One answer of the file worker for a waiting request (also the in-thread client's, inlineFileClient.ts). */
export function settle(p: Pending, msg: FileResponse): void {
  if (msg.type === 'progress') p.onProgress?.(msg.stage, msg.done, msg.total);
  else if (msg.type === 'piece') p.onPiece?.(msg);
  else if (msg.type === 'done') p.resolve(msg.value);
  else p.reject(failureError(msg));
}

/** Puts tables together from their pieces, in order. */
export class TableAssembler {
  readonly tables: RawTable[] = [];

  add(piece: TablePiece): void {
    if (piece.head) {
      const { rowCount, hasText, hasFormats, ...rest } = piece.head;
      const t: RawTable = { ...rest, rows: new Array(rowCount) };
      if (hasText) t.text = new Array(rowCount);
      if (hasFormats) t.numberFormats = new Array(rowCount);
      this.tables[piece.index] = t;
    }
    const t = this.tables[piece.index];
    if (!t) throw new Error(`内部错误：工作表 ${piece.index} 的数据先于表头到达`);
    piece.rows.forEach((r, i) => (t.rows[piece.start + i] = r));
    piece.text?.forEach((r, i) => (t.text![piece.start + i] = r));
    piece.numberFormats?.forEach((r, i) => (t.numberFormats![piece.start + i] = r));
  }
}

/**
 * The page's side of the file worker: one request at a time in flight per call, answers matched by id,
 * tables put together from their pieces. `cancel()` ends the worker at once (取消): whatever it held is
 * gone, and the next request starts a fresh one (the session reopens its files there first).
 * Without Worker (Node tests) the same handler runs in-thread (inlineFileClient.ts).
 */
import type { RawTable } from '../../sheets/table';
import type { FileRequest, FileResponse, TablePiece } from './fileProtocol';

/** Distributive Omit: a request without its id, per kind. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type FileCall = WithoutId<FileRequest>;

export interface CallHooks {
  onProgress?: (stage: string, done: number, total: number) => void;
  onPiece?: (piece: TablePiece) => void;
}

/** The part of a Worker this client uses. */
export interface FileWorkerLike {
  postMessage(message: FileRequest, transfer?: Transferable[]): void;
  onmessage: ((ev: { data: FileResponse }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
  terminate(): void;
}

export class FileCancelled extends Error {
  constructor() {
    super('已取消。');
    this.name = 'FileCancelled';
  }
}

export interface Pending extends CallHooks {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export interface FileClient {
  call<T>(request: FileCall, hooks?: CallHooks, transfer?: Transferable[]): Promise<T>;
  /** Ends the work in progress (the worker and all it held); true when there was a worker to end. */
  cancel(): boolean;
  /** A new worker (after cancel) holds nothing: the caller must open the files again. */
  readonly generation: number;
}

export class WorkerFileClient implements FileClient {
  private worker: FileWorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  generation = 0;

  constructor(private readonly spawn: () => FileWorkerLike) {}

  call<T>(request: FileCall, hooks: CallHooks = {}, transfer: Transferable[] = []): Promise<T> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...hooks });
      try {
        worker.postMessage({ ...request, id } as FileRequest, transfer);
      } catch (err) {
        this.pending.delete(id);
        reject(new Error(`无法把数据交给后台线程：${err instanceof Error ? err.message : String(err)}`));
      }
    });
  }

  cancel(): boolean {
    const had = this.worker !== null;
    this.worker?.terminate();
    this.worker = null;
    // What the ended worker held is gone: callers see a new generation at once.
    if (had) this.generation++;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new FileCancelled());
    }
    return had;
  }

  private ensure(): FileWorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    this.generation++;
    w.onmessage = (ev) => this.receive(ev.data);
    w.onerror = (ev) => {
      const message = `后台线程意外停止：${ev.message ?? '未知原因'}。请重试；若再次出现，请联系技术支持。`;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(new Error(message));
      }
      w.terminate();
      if (this.worker === w) this.worker = null;
    };
    this.worker = w;
    return w;
  }

  private receive(msg: FileResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    settle(p, msg, () => this.pending.delete(msg.id));
  }
}

export function settle(p: Pending, msg: FileResponse, finished: () => void): void {
  if (msg.type === 'progress') p.onProgress?.(msg.stage, msg.done, msg.total);
  else if (msg.type === 'piece') p.onPiece?.(msg);
  else if (msg.type === 'done') {
    finished();
    p.resolve(msg.value);
  } else {
    finished();
    const e = new Error(msg.message);
    (e as Error & { detail?: string }).detail = msg.detail;
    p.reject(e);
  }
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

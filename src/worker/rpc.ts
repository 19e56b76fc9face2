/**
 * Request/response over a Web Worker, shared by the engine client (client.ts) and file mode's client
 * (taskpane/file/fileClient.ts): the worker is spawned on first use; each request gets an id and waits in
 * a map until its last answer (progress and pieces may come before); a worker that crashes fails every
 * waiting request and the next request spawns a fresh one; `end` terminates the worker at once (取消) —
 * what it held is gone, and an answer it had already queued reaches nobody.
 * Parameterised by the message shapes: what an answer means is the caller's `receive`.
 */

/** A request without its id (the client numbers them), per kind of a union. */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The part of a Worker the client uses (a real Worker, or a fake in tests). */
export interface WorkerPort<Req, Res> {
  postMessage(message: Req, transfer?: Transferable[]): void;
  onmessage: ((ev: { data: Res }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
  terminate(): void;
}

/** A request waiting for its answer: the caller's hooks, and how to end it (once; later calls do nothing). */
export type Waiting<Hooks> = Hooks & {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
};

export interface RpcOptions<Res, Hooks> {
  /** The worker as the user knows it, in messages: 后台线程, 计算引擎. */
  name: string;
  /** One answer for a waiting request: a hook for progress, `resolve`/`reject` for its last answer. */
  receive: (message: Res, waiting: Waiting<Hooks>) => void;
  /** Called with each newly spawned worker. */
  onSpawn?: () => void;
}

/** A worker's failure answer as an Error: its Chinese message, the original text kept as `detail`. */
export function failureError(msg: { message: string; detail?: string }): Error {
  const e = new Error(msg.message);
  (e as Error & { detail?: string }).detail = msg.detail;
  return e;
}

export class WorkerRpc<Req extends { id: number }, Res extends { id: number }, Hooks extends object> {
  private worker: WorkerPort<Req, Res> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Waiting<Hooks>>();

  constructor(
    private readonly spawn: () => WorkerPort<Req, Res>,
    private readonly options: RpcOptions<Res, Hooks>,
  ) {}

  /** Requests waiting for their answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Whether a worker is running (busy or not). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Sends `request` (numbered here) and resolves with what `receive` resolves it with. `transfer`: moved, not copied. */
  call<T>(request: WithoutId<Req>, hooks: Hooks, transfer?: Transferable[]): Promise<T> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const finish = () => this.pending.delete(id);
      this.pending.set(id, {
        ...hooks,
        resolve: (v: unknown) => finish() && resolve(v as T),
        reject: (e: Error) => finish() && reject(e),
      });
      try {
        const message = { ...request, id } as unknown as Req;
        if (transfer) worker.postMessage(message, transfer);
        else worker.postMessage(message);
      } catch (err) {
        this.pending.get(id)?.reject(new Error(`无法把数据交给${this.options.name}：${err instanceof Error ? err.message : String(err)}`));
      }
    });
  }

  /**
   * Terminates the worker (if any) and rejects every waiting request with `reason()`; the next request
   * spawns a fresh worker. True when there was a worker to end.
   */
  end(reason: () => Error): boolean {
    const had = this.worker !== null;
    this.worker?.terminate();
    this.worker = null;
    this.failAll(reason);
    return had;
  }

  private failAll(reason: () => Error): void {
    for (const p of [...this.pending.values()]) p.reject(reason());
  }

  private ensure(): WorkerPort<Req, Res> {
    if (this.worker) return this.worker;
    const w = this.spawn();
    w.onmessage = (ev) => {
      // An answer to a request no longer waiting (cancelled, or its worker crashed) reaches nobody.
      const p = this.pending.get(ev.data.id);
      if (p) this.options.receive(ev.data, p);
    };
    w.onerror = (ev) => {
      // A crashed worker cannot answer: fail everything waiting and start a fresh one next time.
      w.terminate();
      if (this.worker !== w) return; // an ended worker: its requests were failed when it was ended
      this.worker = null;
      const message = `${this.options.name}意外停止：${ev.message ?? '未知原因'}。请重试；若再次出现，请联系技术支持。`;
      this.failAll(() => new Error(message));
    };
    this.worker = w;
    this.options.onSpawn?.();
    return w;
  }
}

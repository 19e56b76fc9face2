/**
 * The pane's side of the engine: `EngineClient.analyse` sends the tables to the Web Worker and resolves
 * with its outcome; progress arrives on the way. The UI only knows this interface, so tests can give it
 * an in-thread engine.
 */
import { AttemptTable } from '../engine/attemptTable';
import type { Config } from '../engine/config';
import { CourseScores } from '../engine/courseScores';
import type { RawTable } from '../sheets/table';
import { handleEngineRequest } from './handler';
import type { AnalyseFn, AnalyseOutcome, EngineRequest, EngineResponse } from './protocol';

export interface EngineProgress {
  stage: string;
  done: number;
  total: number;
}

export interface EngineClient {
  analyse(tables: RawTable[], config: Config, onProgress?: (p: EngineProgress) => void): Promise<AnalyseOutcome>;
  /**
   * 取消 (issue 18): stops every computation under way; each waiting `analyse` rejects with
   * EngineCancelled. True when something was stopped. Absent where the engine cannot be stopped (the
   * inline engine runs on the pane's own thread).
   */
  cancel?(): boolean;
  dispose(): void;
}

/** What a cancelled `analyse` rejects with (not a failure: the user asked for it). */
export class EngineCancelled extends Error {
  constructor() {
    super('计算已取消。');
    this.name = 'EngineCancelled';
  }
}

/** The part of a Worker this client uses (a real Worker, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  onmessage: ((ev: { data: EngineResponse }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve: (o: AnalyseOutcome) => void;
  reject: (e: Error) => void;
  onProgress?: (p: EngineProgress) => void;
}

/**
 * An outcome as it arrives from the worker: structured clone keeps data, Maps and typed arrays, but the
 * engine's column stores (attempt table, per-course scores) come back as plain objects without their
 * methods. Gives them back their classes.
 */
export function reviveOutcome(o: AnalyseOutcome): AnalyseOutcome {
  if (o.parsed) AttemptTable.revive(o.parsed.input.attempts);
  if (o.output) for (const d of o.output.students.values()) CourseScores.revive(d.courses);
  return o;
}

export class WorkerEngineClient implements EngineClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly spawn: () => WorkerLike) {}

  analyse(tables: RawTable[], config: Config, onProgress?: (p: EngineProgress) => void): Promise<AnalyseOutcome> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<AnalyseOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        worker.postMessage({ type: 'analyse', id, tables, config });
      } catch (err) {
        this.pending.delete(id);
        reject(new Error(`无法把数据交给计算引擎：${err instanceof Error ? err.message : String(err)}`));
      }
    });
  }

  /**
   * Terminates the worker in the middle of its work (a computation cannot be interrupted from inside: the
   * worker is busy until it ends). Nothing it did survives it; the next `analyse` spawns a fresh worker.
   */
  cancel(): boolean {
    if (this.pending.size === 0) return false;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new EngineCancelled());
    }
    this.worker?.terminate();
    this.worker = null;
    return true;
  }

  dispose(): void {
    this.failAll('计算已取消。');
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    w.onmessage = (ev) => this.receive(ev.data);
    w.onerror = (ev) => {
      // A crashed worker cannot answer: fail everything waiting and start a fresh one next time.
      this.failAll(`计算引擎意外停止：${ev.message ?? '未知原因'}。请重试；若再次出现，请联系技术支持。`);
      w.terminate();
      if (this.worker === w) this.worker = null;
    };
    this.worker = w;
    return w;
  }

  private receive(msg: EngineResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return; // an answer to a cancelled request
    if (msg.type === 'progress') {
      p.onProgress?.({ stage: msg.stage, done: msg.done, total: msg.total });
    } else if (msg.type === 'result') {
      this.pending.delete(msg.id);
      p.resolve(reviveOutcome(msg.outcome));
    } else {
      this.pending.delete(msg.id);
      const e = new Error(msg.message);
      (e as Error & { detail?: string }).detail = msg.detail;
      p.reject(e);
    }
  }

  private failAll(message: string): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Error(message));
    }
  }
}

/**
 * Runs the pipeline on the calling thread through the same protocol (Node tests, and browsers without
 * Worker support). In Excel this would risk the 5-second watchdog on a big school, so the pane uses it
 * only when `Worker` is missing.
 */
export class InlineEngineClient implements EngineClient {
  private nextId = 1;
  constructor(private readonly analyseFn: AnalyseFn) {}

  async analyse(tables: RawTable[], config: Config, onProgress?: (p: EngineProgress) => void): Promise<AnalyseOutcome> {
    let outcome: AnalyseOutcome | null = null;
    let failure: Error | null = null;
    await handleEngineRequest({ type: 'analyse', id: this.nextId++, tables, config }, this.analyseFn, (msg) => {
      if (msg.type === 'progress') onProgress?.({ stage: msg.stage, done: msg.done, total: msg.total });
      else if (msg.type === 'result') outcome = msg.outcome;
      else failure = new Error(msg.message);
    });
    if (failure) throw failure;
    if (!outcome) throw new Error('计算引擎没有返回结果。');
    return outcome;
  }

  dispose(): void {}
}

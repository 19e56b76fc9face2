/**
 * The pane's side of the engine: `EngineClient.analyse` sends the tables to the Web Worker and resolves
 * with its outcome; progress arrives on the way (the worker plumbing: rpc.ts, shared with file mode). The UI only knows this interface, so tests can give it
 * an in-thread engine.
 */
import { AttemptTable } from '../engine/attemptTable';
import type { Config } from '../engine/config';
import { CourseScores } from '../engine/courseScores';
import type { RawTable } from '../sheets/table';
import { handleEngineRequest } from './handler';
import type { AnalyseFn, AnalyseOutcome, EngineRequest, EngineResponse } from './protocol';
import { failureError, WorkerRpc, type WorkerPort } from './rpc';

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
export type WorkerLike = WorkerPort<EngineRequest, EngineResponse>;

interface Hooks {
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
  private readonly rpc: WorkerRpc<EngineRequest, EngineResponse, Hooks>;

  constructor(spawn: () => WorkerLike) {
    this.rpc = new WorkerRpc(spawn, {
      name: '计算引擎',
      receive: (msg, p) => {
        if (msg.type === 'progress') p.onProgress?.({ stage: msg.stage, done: msg.done, total: msg.total });
        else if (msg.type === 'result') p.resolve(reviveOutcome(msg.outcome));
        else p.reject(failureError(msg));
      },
    });
  }

  analyse(tables: RawTable[], config: Config, onProgress?: (p: EngineProgress) => void): Promise<AnalyseOutcome> {
    return this.rpc.call<AnalyseOutcome>({ type: 'analyse', tables, config }, { onProgress });
  }

  /**
   * Terminates the worker in the middle of its work (a computation cannot be interrupted from inside: the
   * worker is busy until it ends). Nothing it did survives it; the next `analyse` spawns a fresh worker.
   */
  cancel(): boolean {
    if (this.rpc.waiting === 0) return false;
    this.rpc.end(() => new EngineCancelled());
    return true;
  }

  dispose(): void {
    this.rpc.end(() => new Error('计算已取消。'));
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
      else failure = failureError(msg);
    });
    if (failure) throw failure;
    if (!outcome) throw new Error('计算引擎没有返回结果。');
    return outcome;
  }

  dispose(): void {}
}

/**
 * Messages between the pane and the engine Web Worker. Everything crosses by structured clone
 * (RawTable cells may be Date; EngineOutput holds Maps — both clone fine).
 */
import type { Config } from '../engine/config';
import type { Issue } from '../engine/issues';
import type { EngineOutput } from '../engine/result';
import type { ParsedWorkbook } from '../sheets/parse';
import type { RawTable } from '../sheets/table';

/** What the pipeline gives back (SPEC §3.3 result + every issue). `parsed` is the pipeline's own summary. */
export interface AnalyseOutcome {
  /** null only in tests that do not need it. */
  parsed: ParsedWorkbook | null;
  /** null when an error issue stopped the computation. */
  output: EngineOutput | null;
  issues: Issue[];
}

/** A pipeline function as the worker runs it; `onProgress` is called between stages when supported. */
export type AnalyseFn = (
  tables: RawTable[],
  config: Config,
  onProgress?: (stage: string, done: number, total: number) => void,
) => AnalyseOutcome | Promise<AnalyseOutcome>;

export interface AnalyseRequest {
  type: 'analyse';
  id: number;
  tables: RawTable[];
  config: Config;
}

export type EngineRequest = AnalyseRequest;

export interface ProgressMessage {
  type: 'progress';
  id: number;
  /** Chinese stage text, shown under the progress bar. */
  stage: string;
  done: number;
  total: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  outcome: AnalyseOutcome;
}

export interface FailureMessage {
  type: 'failure';
  id: number;
  /** Chinese message for the pane. */
  message: string;
  /** The original error text, kept for the 计算说明 / support. */
  detail: string;
}

export type EngineResponse = ProgressMessage | ResultMessage | FailureMessage;

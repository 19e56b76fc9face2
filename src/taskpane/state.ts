/**
 * The pane's whole state and every transition, as one pure reducer (unit-tested in test/taskpane).
 * Components dispatch actions; effects (reading sheets, the worker, writing) live in `controller.ts`.
 */
import { defaultConfig, type Config, type ConfigProblem } from '../engine/config';
import { hasErrors, sortIssues, type Issue } from '../engine/issues';
import type { RunSnapshot } from '../sheets/runDiff';
import type { RawTable } from '../sheets/table';
import type { AnalyseOutcome } from '../worker/protocol';
import type { RunStamp } from '../hosts/host';
import { applyOverrides, describeSheet, type Overrides, type SheetView } from './dataView';
import { configFromDraft, draftFromConfig, type ConfigKey, type SettingsDraft } from './settingsForm';
import { runBanner } from './issueSummary';
import { groupSummary, type GroupSummaryRow } from './summary';

export type StepId = 'data' | 'settings' | 'run' | 'output';
export const steps: { id: StepId; label: string }[] = [
  { id: 'data', label: '1 数据' },
  { id: 'settings', label: '2 设置' },
  { id: 'run', label: '3 计算' },
  { id: 'output', label: '4 输出' },
];

export type OpStatus = 'idle' | 'busy' | 'done' | 'failed';
export interface OpState {
  status: OpStatus;
  message: string | null;
}
const idleOp: OpState = { status: 'idle', message: null };

export interface RunState {
  status: OpStatus;
  stage: string;
  progress: number;
  message: string | null;
  /** After 取消 (issue 18): what happened, shown beside what the pane held before (not an error). */
  notice?: string | null;
  /** While busy: the pane as it was before 计算 was clicked, given back by 取消. */
  before?: { run: RunState; result: PaneState['result']; output: PaneState['output'] };
}

/**
 * While the 输出 step writes (Excel): which of its steps runs, and whether 取消 is still safe — only
 * before anything is written (see controller.writeOutputs).
 */
export interface WriteProgress {
  step: number;
  steps: number;
  stage: string;
  cancellable: boolean;
}

export interface PaneState {
  step: StepId;
  data: {
    status: OpStatus;
    message: string | null;
    /** 0…1 while reading. */
    progress: number;
    /** While reading: "正在读取第 2/9 张工作表“成绩”…". */
    reading?: string;
    tables: RawTable[];
    overrides: Overrides;
    views: SheetView[];
  };
  settings: {
    /** The last valid settings (what a run uses). */
    config: Config;
    draft: SettingsDraft;
    problems: ConfigProblem[];
    /** Draft differs from what is saved in the workbook. */
    dirty: boolean;
    save: OpState;
  };
  run: RunState;
  result: {
    outcome: AnalyseOutcome;
    /** Which run this is (input fingerprint and time), stored with what it writes (SPEC §4.6). */
    run: RunStamp;
    groups: GroupSummaryRow[];
    issues: Issue[];
    blocked: boolean;
    /**
     * The previous run's outcomes (the workbook's 结果快照, issue 18): undefined until looked up, null when
     * there is none.
     */
    previous?: RunSnapshot | null;
  } | null;
  output: {
    write: OpState & { conflict?: boolean };
    attachments: OpState;
    /** When the result columns and the 附件 in the workbook come from different runs: why (else null). */
    runs: string | null;
    /** While writing: the step under way (else absent). */
    progress?: WriteProgress | null;
  };
}


export type Action =
  | { type: 'go'; step: StepId }
  | { type: 'dataLoading' }
  | { type: 'dataProgress'; done: number; total: number; sheet?: string; index?: number }
  /** 取消 while reading: the sheets read before (if any) stay. */
  | { type: 'dataCancelled' }
  | { type: 'dataLoaded'; tables: RawTable[] }
  | { type: 'dataFailed'; message: string }
  /** A re-read before computing or writing found different contents (the result, if any, is dropped). */
  | { type: 'dataRefreshed'; tables: RawTable[]; message: string }
  | { type: 'setKind'; sheet: string; kind: SheetView['kind'] | undefined }
  | { type: 'mapColumn'; sheet: string; column: string; field: string | null }
  /** The column choices saved in the workbook with the settings. */
  | { type: 'mappingsLoaded'; overrides: Overrides }
  | { type: 'settingsLoaded'; config: Config; problems: ConfigProblem[] }
  | { type: 'settingChanged'; key: ConfigKey; value: string | boolean }
  | { type: 'settingsReset' }
  | { type: 'settingsSaving' }
  | { type: 'settingsSaved' }
  | { type: 'settingsSaveFailed'; message: string }
  | { type: 'runStarted' }
  | { type: 'runProgress'; stage: string; done: number; total: number }
  | { type: 'runDone'; outcome: AnalyseOutcome; run: RunStamp }
  | { type: 'runFailed'; message: string }
  /** 取消 while computing: the pane as before 计算, with a notice. */
  | { type: 'runCancelled' }
  | { type: 'previousLoaded'; snapshot: RunSnapshot | null }
  | { type: 'opStarted'; op: 'write' | 'attachments' }
  | { type: 'opDone'; op: 'write' | 'attachments'; message: string }
  | { type: 'opFailed'; op: 'write' | 'attachments'; message: string; conflict?: boolean }
  | { type: 'writeProgress'; progress: WriteProgress | null }
  /** 取消 before anything was written: nothing changed in the workbook. */
  | { type: 'opCancelled'; op: 'write' | 'attachments'; message: string }
  | { type: 'outputRuns'; message: string | null };

export const RUN_CANCELLED = '已取消计算，工作簿没有任何改动。需要时请再点“开始计算”。';
export const RUN_CANCELLED_KEPT = '已取消计算，工作簿没有任何改动。下面仍是上次计算的结果。';

export function initialState(config: Config = defaultConfig()): PaneState {
  return {
    step: 'data',
    data: { status: 'idle', message: null, progress: 0, tables: [], overrides: {}, views: [] },
    settings: { config, draft: draftFromConfig(config), problems: [], dirty: false, save: idleOp },
    run: { status: 'idle', stage: '', progress: 0, message: null },
    result: null,
    output: { write: idleOp, attachments: idleOp, runs: null },
  };
}

/** Why the 计算 button is disabled (null = it may run). */
export function runBlocker(s: PaneState): string | null {
  if (s.data.status !== 'done') return '请先在“数据”步骤读取工作表。';
  if (!s.data.views.some((v) => v.kind === 'roster')) return '没有识别到学生名册，请检查“数据”步骤。';
  if (!s.data.views.some((v) => v.kind === 'grades')) return '没有识别到成绩表，请检查“数据”步骤。';
  if (s.settings.problems.length > 0) return '设置有误，请先在“设置”步骤改正。';
  if (s.run.status === 'busy') return '正在计算…';
  return null;
}

/** Why writing is not allowed (null = allowed). SPEC §4.1: any error issue ⇒ nothing is written. */
export function writeBlocker(s: PaneState): string | null {
  if (!s.result) return '请先完成“计算”。';
  if (s.result.blocked) return '存在错误，不能写回。请先按问题列表改正数据后重新计算。';
  if (s.output.write.status === 'busy' || s.output.attachments.status === 'busy') return '正在写入…';
  return null;
}

export function stepEnabled(s: PaneState, step: StepId): boolean {
  if (step === 'run') return s.data.status === 'done';
  if (step === 'output') return s.result !== null;
  return true;
}

/** The tables a run reads: what was read, with the user's corrections applied. */
export function tablesForRun(s: PaneState): RawTable[] {
  return applyOverrides(s.data.tables, s.data.overrides);
}

function views(tables: RawTable[], overrides: Overrides): SheetView[] {
  return tables.map((t) => describeSheet(t, overrides[t.sheet]));
}

/** Inputs changed: a result computed from the old inputs must not be written. */
function invalidate(s: PaneState): PaneState {
  if (!s.result && s.run.status === 'idle') return s;
  return {
    ...s,
    result: null,
    run: { status: 'idle', stage: '', progress: 0, message: s.result ? '数据或设置已更改，请重新计算。' : null },
    output: { write: idleOp, attachments: idleOp, runs: null },
  };
}

/** A correction in the 数据 step: it is saved with the settings, so 设置 shows “未保存”. */
function withOverrides(s: PaneState, overrides: Overrides): PaneState {
  return {
    ...s,
    data: { ...s.data, overrides, views: views(s.data.tables, overrides) },
    settings: { ...s.settings, dirty: true, save: idleOp },
  };
}

/** The data step after a (re-)read: corrections survive for the sheets that still exist. */
function withTables(s: PaneState, tables: RawTable[]): PaneState {
  const names = new Set(tables.map((t) => t.sheet));
  const overrides = Object.fromEntries(Object.entries(s.data.overrides).filter(([k]) => names.has(k)));
  const v = views(tables, overrides);
  const inputs = v.filter((x) => x.kind !== null).length;
  return {
    ...s,
    data: {
      status: 'done',
      message: inputs === 0 ? '没有找到可识别的输入表。请确认名册、成绩表的表头在前10个非空行内。' : null,
      progress: 1,
      tables,
      overrides,
      views: v,
    },
  };
}

/**
 * The actions whose drawing is large — a school's sheets read, a run's result — which the pane dispatches
 * as a React transition (issue 17: no main-thread task over 200 ms). Progress and clicks are not: they
 * must show at once, and go before a transition still being drawn.
 */
export function isBulky(a: Action): boolean {
  return a.type === 'runDone' || a.type === 'dataLoaded';
}

export function reducer(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case 'go':
      return stepEnabled(s, a.step) ? { ...s, step: a.step } : s;
    case 'dataLoading':
      return invalidate({ ...s, data: { ...s.data, status: 'busy', message: null, progress: 0, reading: undefined } });
    case 'dataProgress':
      return {
        ...s,
        data: {
          ...s.data,
          progress: a.total > 0 ? Math.min(1, a.done / a.total) : 0,
          reading: a.sheet !== undefined ? `正在读取第 ${(a.index ?? 0) + 1}/${a.total} 张工作表“${a.sheet}”…` : s.data.reading,
        },
      };
    case 'dataCancelled':
      return {
        ...s,
        data: {
          ...s.data,
          status: s.data.tables.length > 0 ? 'done' : 'idle',
          reading: undefined,
          message: s.data.tables.length > 0 ? '已取消读取：仍使用上次读取的工作表内容。' : '已取消读取：尚未读取任何工作表。',
        },
      };
    case 'dataLoaded':
      return invalidate(withTables(s, a.tables));
    case 'dataRefreshed': {
      // During a run (busy) only the data changes: the run goes on with the tables just read. The result
      // held before no longer matches the data, so 取消 must not give it back.
      const next = withTables(s, a.tables);
      if (s.run.status === 'busy') {
        const before = s.run.before && { run: { status: 'idle' as const, stage: '', progress: 0, message: a.message || null }, result: null, output: { write: idleOp, attachments: idleOp, runs: null } };
        return { ...next, result: null, run: { ...s.run, before } };
      }
      const dropped = invalidate(next);
      return { ...dropped, run: { ...dropped.run, message: a.message } };
    }
    case 'dataFailed':
      return { ...s, data: { ...s.data, status: 'failed', message: a.message } };
    case 'setKind': {
      const prev = s.data.overrides[a.sheet] ?? {};
      // A new kind means other fields: the column choices made for the old kind no longer apply.
      const next = a.kind === undefined ? {} : { kind: a.kind };
      const overrides = { ...s.data.overrides, [a.sheet]: prev.kind === a.kind ? prev : next };
      return invalidate(withOverrides(s, overrides));
    }
    case 'mapColumn': {
      const prev = s.data.overrides[a.sheet] ?? {};
      const overrides = { ...s.data.overrides, [a.sheet]: { ...prev, columns: { ...prev.columns, [a.column]: a.field } } };
      return invalidate(withOverrides(s, overrides));
    }
    case 'mappingsLoaded':
      return invalidate({ ...s, data: { ...s.data, overrides: a.overrides, views: views(s.data.tables, a.overrides) } });
    case 'settingsLoaded':
      return invalidate({
        ...s,
        settings: { config: a.config, draft: draftFromConfig(a.config), problems: a.problems, dirty: false, save: idleOp },
      });
    case 'settingChanged': {
      const draft = { ...s.settings.draft, [a.key]: a.value };
      const parsed = configFromDraft(draft);
      const settings =
        'config' in parsed
          ? { ...s.settings, draft, config: parsed.config, problems: [], dirty: true, save: idleOp }
          : { ...s.settings, draft, problems: parsed.problems, dirty: true, save: idleOp };
      return invalidate({ ...s, settings });
    }
    case 'settingsReset': {
      const config = defaultConfig();
      return invalidate({ ...s, settings: { config, draft: draftFromConfig(config), problems: [], dirty: true, save: idleOp } });
    }
    case 'settingsSaving':
      return { ...s, settings: { ...s.settings, save: { status: 'busy', message: null } } };
    case 'settingsSaved':
      return { ...s, settings: { ...s.settings, dirty: false, save: { status: 'done', message: '设置已保存到工作簿。' } } };
    case 'settingsSaveFailed':
      return { ...s, settings: { ...s.settings, save: { status: 'failed', message: a.message } } };
    case 'runStarted':
      if (runBlocker(s) !== null) return s;
      return {
        ...s,
        result: null,
        output: { ...s.output, write: idleOp, attachments: idleOp },
        run: { status: 'busy', stage: '准备数据…', progress: 0, message: null, before: { run: { ...s.run, notice: null }, result: s.result, output: s.output } },
      };
    case 'runProgress':
      if (s.run.status !== 'busy') return s;
      return { ...s, run: { ...s.run, stage: a.stage, progress: a.total > 0 ? Math.min(1, a.done / a.total) : s.run.progress } };
    case 'runDone': {
      if (s.run.status !== 'busy') return s;
      const issues = sortIssues(a.outcome.issues);
      const blocked = hasErrors(issues) || a.outcome.output === null;
      const groups = a.outcome.output ? groupSummary(a.outcome.output.result) : [];
      return {
        ...s,
        run: {
          status: 'done',
          stage: '计算完成',
          progress: 1,
          message: runBanner(groups.length, issues, blocked),
        },
        result: { outcome: a.outcome, run: a.run, groups, issues, blocked },
      };
    }
    case 'previousLoaded':
      return s.result ? { ...s, result: { ...s.result, previous: a.snapshot } } : s;
    case 'runFailed':
      return { ...s, run: { status: 'failed', stage: '', progress: 0, message: a.message } };
    case 'runCancelled': {
      const before = s.run.before;
      if (s.run.status !== 'busy' || !before) return s;
      const notice = before.result ? RUN_CANCELLED_KEPT : RUN_CANCELLED;
      return { ...s, result: before.result, output: before.output, run: { ...before.run, notice } };
    }
    case 'opStarted':
      return { ...s, output: { ...s.output, [a.op]: { status: 'busy', message: null } } };
    case 'opDone':
      return { ...s, output: { ...s.output, progress: null, [a.op]: { status: 'done', message: a.message } } };
    case 'opFailed':
      return { ...s, output: { ...s.output, progress: null, [a.op]: { status: 'failed', message: a.message, ...(a.conflict ? { conflict: true } : {}) } } };
    case 'opCancelled':
      return { ...s, output: { ...s.output, progress: null, [a.op]: { status: 'idle', message: a.message } } };
    case 'writeProgress':
      return { ...s, output: { ...s.output, progress: a.progress } };
    case 'outputRuns':
      return { ...s, output: { ...s.output, runs: a.message } };
  }
}

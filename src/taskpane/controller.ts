/**
 * The pane's effects: read sheets, load/save settings, run the engine worker, write results and 附件.
 * Each takes the services and a dispatch, so tests drive them with an in-memory host and engine.
 * Every failure becomes a Chinese message in the state; nothing is swallowed.
 */
import type { Config } from '../engine/config';
import type { Issue } from '../engine/issues';
import type { EngineOutput } from '../engine/result';
import type { OutputRuns, ResultBlock, ResultBlockOptions, ResultBlockReport, RunStamp, WorkbookHost } from '../hosts/host';
import type { AttachmentMeta } from '../sheets/attachments';
import type { SheetModel } from '../sheets/attachments/model';
import { beijingTime } from '../sheets/beijingTime';
import { fingerprintTables } from '../sheets/fingerprint';
import type { RawTable } from '../sheets/table';
import { EngineCancelled, type EngineClient } from '../worker/client';
import type { AnalyseOutcome } from '../worker/protocol';
import { loadPreviousSnapshot } from './changes';
import { configFromStored } from './settingsForm';
import type { Overrides } from './dataView';
import { reducer, runBlocker, tablesForRun, writeBlocker, type Action, type PaneState } from './state';
import { withMeaning } from './summary';

export interface PaneServices {
  host: WorkbookHost;
  engine: EngineClient;
  /** The result columns for the roster sheet(s) (SPEC §3.1). */
  resultBlocks(outcome: AnalyseOutcome): ResultBlock[];
  /** Every 附件 sheet and 计算说明 (SPEC §3.2). */
  attachments(output: EngineOutput, config: Config, meta: AttachmentMeta): SheetModel[];
  /**
   * The 附件 for writeOwnedSheets, built where the host writes them (file mode: in its worker, issue 17;
   * the models the pane gets may have no table rows). Absent: `attachments` on this thread.
   */
  ownedSheets?: (output: EngineOutput, config: Config, meta: AttachmentMeta) => Promise<SheetModel[]>;
  /**
   * The Word versions (.docx bytes), built where the 附件 are (file mode: in its worker, issue 17).
   * Absent: built on this thread from `attachments`.
   */
  wordDocs?: (output: EngineOutput, config: Config, meta: AttachmentMeta) => Promise<{ fileName: string; bytes: Uint8Array }[]>;
  now(): Date;
  /** Names of the inputs for 计算说明 (file mode: the file names, as the CLI prints them). */
  sources?: () => string[];
  /**
   * Excel mode: copies the sheets of another .xlsx (the roster often arrives as its own file) into the open
   * workbook; resolves to a Chinese summary. Absent where the host cannot import.
   */
  importWorkbook?: (file: { name: string; data: ArrayBuffer }) => Promise<string>;
}

export type Dispatch = (a: Action) => void;

/** Error → Chinese text (hosts already give Chinese messages; anything else is labelled). */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Every input sheet as it is now (never the tool's own sheets); `onSheet(i, n, done)` reports progress. */
async function readInputs(
  svc: PaneServices,
  onSheet: (i: number, total: number, fraction: number, name: string) => void,
  signal?: AbortSignal,
): Promise<RawTable[]> {
  await svc.host.refresh?.();
  const sheets = (await svc.host.listSheets()).filter((s) => !s.owned);
  const tables: RawTable[] = [];
  for (let i = 0; i < sheets.length; i++) {
    // 取消 takes effect between sheets: a sheet is read whole or not at all, and nothing read is kept.
    if (signal?.aborted) throw new Cancelled();
    const name = sheets[i]!.name;
    onSheet(i, sheets.length, 0, name);
    tables.push(await svc.host.readSheet(name, (done, total) => onSheet(i, sheets.length, total > 0 ? done / total : 0, name)));
  }
  return tables;
}

/** Thrown by readInputs' callers with the sheet that failed. */
function readFailure(err: unknown, current: string): string {
  return current ? `读取工作表“${current}”失败：${errorText(err)}` : `无法读取工作表：${errorText(err)}`;
}

/** Thrown where work stops for 取消 (between sheets, before a write, after the engine was stopped). */
class Cancelled extends Error {}

function wasCancelled(err: unknown, signal?: AbortSignal): boolean {
  return err instanceof Cancelled || err instanceof EngineCancelled || signal?.aborted === true;
}

/** The reading in progress per pane, for 取消. */
const reading = new WeakMap<PaneServices, AbortController>();

/** 取消 while the sheets are read: stops before the next sheet; the sheets read before stay as they were. */
export function cancelLoadData(svc: PaneServices): void {
  reading.get(svc)?.abort();
}

export async function loadData(svc: PaneServices, dispatch: Dispatch): Promise<void> {
  const abort = new AbortController();
  reading.get(svc)?.abort();
  reading.set(svc, abort);
  dispatch({ type: 'dataLoading' });
  let current = '';
  try {
    let total = 0;
    const tables = await readInputs(
      svc,
      (i, n, fraction, name) => {
        current = name;
        total = n;
        dispatch({ type: 'dataProgress', done: i + fraction, total: n, sheet: name, index: i });
      },
      abort.signal,
    );
    dispatch({ type: 'dataProgress', done: total, total });
    dispatch({ type: 'dataLoaded', tables });
  } catch (err) {
    if (err instanceof Cancelled) dispatch({ type: 'dataCancelled' });
    else dispatch({ type: 'dataFailed', message: readFailure(err, current) });
  } finally {
    if (reading.get(svc) === abort) reading.delete(svc);
  }
}

/**
 * SPEC §4.6 never stale: reads every input sheet again and compares it with what the pane holds. When
 * anything differs the pane takes the new contents (a result computed from the old ones is dropped).
 * Returns the tables as they are now and whether they changed.
 */
export async function refreshInputs(
  svc: PaneServices,
  s: PaneState,
  dispatch: Dispatch,
  message: string,
  signal?: AbortSignal,
  onSheet?: (i: number, total: number, name: string) => void,
): Promise<{ tables: RawTable[]; changed: boolean }> {
  let current = '';
  let tables: RawTable[];
  try {
    tables = await readInputs(
      svc,
      (i, n, _f, name) => {
        if (name !== current) onSheet?.(i, n, name);
        current = name;
      },
      signal,
    );
  } catch (err) {
    if (err instanceof Cancelled) throw err;
    throw new Error(readFailure(err, current));
  }
  const changed = changedSheets(s.data.tables, tables);
  if (changed.length > 0) dispatch({ type: 'dataRefreshed', tables, message: message.replace('{sheets}', changed.map((n) => `“${n}”`).join('、')) });
  return { tables, changed: changed.length > 0 };
}

/** Names of the sheets whose contents differ (added, removed or edited). */
export function changedSheets(before: readonly RawTable[], after: readonly RawTable[]): string[] {
  const print = (ts: readonly RawTable[]) => new Map(ts.map((t) => [t.sheet, fingerprintTables([t])]));
  const a = print(before);
  const b = print(after);
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n));
}

/** Imports another workbook into the open one, then re-reads the sheets. Never throws: returns the outcome. */
export async function importWorkbookFile(
  svc: PaneServices,
  dispatch: Dispatch,
  file: { name: string; data: ArrayBuffer },
): Promise<{ ok: boolean; message: string }> {
  if (!svc.importWorkbook) return { ok: false, message: '当前环境不能导入工作簿。' };
  let message: string;
  try {
    message = await svc.importWorkbook(file);
  } catch (err) {
    return { ok: false, message: `导入“${file.name}”失败：${errorText(err)}` };
  }
  await loadData(svc, dispatch);
  return { ok: true, message };
}

export async function loadSettings(svc: PaneServices, dispatch: Dispatch): Promise<void> {
  try {
    const stored = await svc.host.loadSettings();
    // The column choices of the 数据 step travel with the settings (SPEC §1.6).
    const mappings = (await svc.host.loadMappings?.()) ?? null;
    if (mappings) dispatch({ type: 'mappingsLoaded', overrides: mappings as Overrides });
    const { config, problems } = configFromStored(stored);
    dispatch({
      type: 'settingsLoaded',
      config,
      problems: problems.map((p) => ({ ...p, message: `工作簿中保存的设置有误（${p.path}）：${p.message}。已改用默认值，请检查后重新保存。` })),
    });
  } catch (err) {
    dispatch({ type: 'settingsSaveFailed', message: `读取工作簿中保存的设置失败：${errorText(err)}` });
  }
}

export async function saveSettings(svc: PaneServices, s: PaneState, dispatch: Dispatch): Promise<void> {
  if (s.settings.problems.length > 0) {
    dispatch({ type: 'settingsSaveFailed', message: '设置有误，未保存。请先改正标红的项目。' });
    return;
  }
  dispatch({ type: 'settingsSaving' });
  try {
    await svc.host.saveSettings(s.settings.config, s.data.overrides);
    dispatch({ type: 'settingsSaved' });
  } catch (err) {
    dispatch({ type: 'settingsSaveFailed', message: `保存设置失败：${errorText(err)}` });
  }
}

/** The computation under way per pane, for 取消. */
const computing = new WeakMap<PaneServices, AbortController>();

/**
 * 取消 while computing (issue 18): stops reading between sheets, or stops the engine (the worker is
 * terminated; a fresh one computes next time). The pane goes back to what it showed before 计算; nothing
 * was written. False when nothing was under way.
 */
export function cancelRun(svc: PaneServices): boolean {
  const run = computing.get(svc);
  if (!run) return false;
  run.abort();
  svc.engine.cancel?.();
  return true;
}

/** Whether 取消 can stop a computation that has reached the engine (not where it runs on the pane's thread). */
export function canCancelEngine(svc: PaneServices): boolean {
  return typeof svc.engine.cancel === 'function';
}

export async function runEngine(svc: PaneServices, s: PaneState, dispatch: Dispatch): Promise<void> {
  const blocker = runBlocker(s);
  if (blocker) {
    dispatch({ type: 'runFailed', message: blocker });
    return;
  }
  const abort = new AbortController();
  computing.set(svc, abort);
  dispatch({ type: 'runStarted' });
  dispatch({ type: 'runProgress', stage: '读取工作表的当前内容…', done: 0, total: 0 });
  try {
    // The workbook as it is now: rulings typed into 裁定结果, corrected grades… (SPEC §4.6).
    const { tables } = await refreshInputs(svc, s, dispatch, '', abort.signal, (i, n, name) =>
      dispatch({ type: 'runProgress', stage: `读取工作表的当前内容：第 ${i + 1}/${n} 张“${name}”…`, done: 0, total: 0 }),
    );
    await compute(svc, { ...s, data: { ...s.data, tables } }, dispatch, abort.signal);
  } catch (err) {
    if (wasCancelled(err, abort.signal)) dispatch({ type: 'runCancelled' });
    else dispatch({ type: 'runFailed', message: errorText(err) });
  } finally {
    if (computing.get(svc) === abort) computing.delete(svc);
  }
}

/** Runs the engine on `s`'s tables (with the user's corrections) and records the run. */
async function compute(svc: PaneServices, s: PaneState, dispatch: Dispatch, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new Cancelled();
  const tables = tablesForRun(s);
  const outcome = await svc.engine.analyse(tables, s.settings.config, (p) =>
    dispatch({ type: 'runProgress', stage: p.stage, done: p.done, total: p.total }),
  );
  // 取消 clicked as the answer arrived: the user asked for the pane as before, so it stays so.
  if (signal?.aborted) throw new Cancelled();
  dispatch({ type: 'runDone', outcome, run: { fingerprint: fingerprintTables(tables), at: svc.now().toISOString() } });
}

const CHANGED_SINCE_RUN = '工作表{sheets}在计算之后有改动。已按当前内容重新计算，本次没有写入任何内容。请在“计算”页查看新结果后再写回。';

/**
 * Before any write: the sheets are read again; if they differ from what the result was computed from,
 * nothing is written — the pane recomputes from the current contents and asks the user to look first.
 * Returns true when the write may go on.
 */
async function stillCurrent(
  svc: PaneServices,
  s: PaneState,
  dispatch: Dispatch,
  op: 'write' | 'attachments',
  signal?: AbortSignal,
  onSheet?: (i: number, total: number, name: string) => void,
): Promise<boolean> {
  const { tables, changed } = await refreshInputs(svc, s, dispatch, CHANGED_SINCE_RUN, signal, onSheet);
  if (!changed) return true;
  dispatch({ type: 'runStarted' });
  try {
    await compute(svc, { ...s, data: { ...s.data, tables } }, dispatch, signal);
  } catch (err) {
    if (wasCancelled(err, signal)) {
      dispatch({ type: 'runCancelled' });
      throw new Cancelled();
    }
    dispatch({ type: 'runFailed', message: errorText(err) });
  }
  dispatch({ type: 'opFailed', op, message: CHANGED_SINCE_RUN.replace('{sheets}', changedSheets(s.data.tables, tables).map((n) => `“${n}”`).join('、')) });
  return false;
}

/** 写回结果列: the result block(s) next to the roster (SPEC §3.1), after checking the data is current. */
export async function writeResults(svc: PaneServices, s: PaneState, dispatch: Dispatch, options: ResultBlockOptions & { verified?: boolean } = {}): Promise<boolean> {
  const blocker = writeBlocker(s);
  if (blocker || !s.result) {
    dispatch({ type: 'opFailed', op: 'write', message: blocker ?? '请先完成“计算”。' });
    return false;
  }
  dispatch({ type: 'opStarted', op: 'write' });
  try {
    if (!options.verified && !(await stillCurrent(svc, s, dispatch, 'write'))) return false;
    const blocks = svc.resultBlocks(s.result.outcome).map((b) => ({ ...b, run: s.result!.run }));
    if (blocks.length === 0) throw new Error('没有可写回的学生名册。');
    const said: string[] = [];
    for (const b of blocks) said.push(reportText(b, await svc.host.writeResultBlock(b, options)));
    dispatch({ type: 'opDone', op: 'write', message: said.join('') });
    return true;
  } catch (err) {
    dispatch({ type: 'opFailed', op: 'write', message: `写回失败：${errorText(err)}`, conflict: conflictOf(err) });
    return false;
  }
}

/** The success message: only what the host says it did. */
function reportText(b: ResultBlock, r: ResultBlockReport | void): string {
  if (!r) return `已在“${b.sheet}”右侧写回 ${b.headers.length} 列结果，共 ${b.rows.length} 行。`;
  const checked =
    r.checked === 'cells'
      ? '写入前已逐格核对：被替换的单元格都是上次写入的结果或空白。'
      : r.checked === 'headers'
        ? '旧的结果列由早期版本写入，只核对了表头；请检查该区域中是否有您自己填写的内容。'
        : '写入的区域原为空白。';
  const moved = r.moved.length > 0 ? `您在旧结果列中填写的 ${r.moved.length} 个单元格已移到右侧（${r.moved.slice(0, 3).map((m) => `${m.from}→${m.to}`).join('，')}${r.moved.length > 3 ? ' 等' : ''}）。` : '';
  return `已在“${r.sheet}”的 ${r.columns} 列写回 ${b.headers.length} 列结果，共 ${r.rows} 行。${checked}${moved}`;
}

/** A write stopped because the user typed inside the old block: the pane offers to move those cells. */
function conflictOf(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'UserCellsInBlock';
}

export async function writeAttachments(svc: PaneServices, s: PaneState, dispatch: Dispatch, verified = false): Promise<boolean> {
  const blocker = writeBlocker(s);
  const output = s.result?.outcome.output;
  if (blocker || !s.result || !output) {
    dispatch({ type: 'opFailed', op: 'attachments', message: blocker ?? '请先完成“计算”。' });
    return false;
  }
  dispatch({ type: 'opStarted', op: 'attachments' });
  try {
    if (!verified && !(await stillCurrent(svc, s, dispatch, 'attachments'))) return false;
    const tables = tablesForRun(s);
    const meta: AttachmentMeta = {
      inputFingerprint: fingerprintTables(tables),
      generatedAt: s.result.run.at,
      sources: svc.sources?.() ?? tables.map((t) => t.sheet),
      // Exactly the pipeline's list and order (the CLI passes the same), not the pane's display order.
      issues: s.result.outcome.issues,
      // 变更对比 (issue 18): compared with the 结果快照 the previous run left in the workbook.
      previous: s.result.previous !== undefined ? s.result.previous : await loadPreviousSnapshot(svc.host),
    };
    const models = svc.ownedSheets ? await svc.ownedSheets(output, s.settings.config, meta) : svc.attachments(output, s.settings.config, meta);
    const names = await svc.host.writeOwnedSheets(models, s.result.run);
    const renamed = [...names].filter(([a, b]) => a !== b).map(([a, b]) => `“${a}”已有同名的用户工作表，改用“${b}”`);
    dispatch({
      type: 'opDone',
      op: 'attachments',
      message: `已生成 ${models.length} 张工作表（${listShort([...names.values()])}）。${renamed.length ? renamed.join('；') + '。' : ''}`,
    });
    return true;
  } catch (err) {
    dispatch({ type: 'opFailed', op: 'attachments', message: `生成附件失败：${errorText(err)}` });
    return false;
  }
}

/**
 * 写回结果列并生成附件 — one action, so that the columns and the 附件 come from the same run (SPEC §4.6).
 * If the second half fails, the pane says which run each output now comes from.
 */
export async function writeOutputs(svc: PaneServices, get: () => PaneState, dispatch: Dispatch, options: ResultBlockOptions = {}): Promise<void> {
  const s = get();
  const blocker = writeBlocker(s);
  if (blocker) {
    dispatch({ type: 'opFailed', op: 'write', message: blocker });
    return;
  }
  const job = { abort: new AbortController(), writing: false };
  writing.set(svc, job);
  const step = (n: number, stage: string) => dispatch({ type: 'writeProgress', progress: { step: n, steps: 3, stage, cancellable: n === 1 } });
  try {
    // One check for both halves: cells the write moves beside the block become the user's data and must
    // not make the 附件 half look stale.
    dispatch({ type: 'opStarted', op: 'write' });
    step(1, '核对工作表在计算后是否有改动…');
    try {
      const current = await stillCurrent(svc, s, dispatch, 'write', job.abort.signal, (i, n, name) =>
        step(1, `核对工作表在计算后是否有改动：第 ${i + 1}/${n} 张“${name}”…`),
      );
      if (!current) return;
      if (job.abort.signal.aborted) throw new Cancelled();
    } catch (err) {
      if (wasCancelled(err, job.abort.signal)) dispatch({ type: 'opCancelled', op: 'write', message: WRITE_CANCELLED });
      else dispatch({ type: 'opFailed', op: 'write', message: `写回失败：${errorText(err)}` });
      return;
    }
    // From here on 取消 is refused: see WRITE_NOT_CANCELLABLE.
    job.writing = true;
    step(2, '写回结果列…');
    // `s` still holds the run just checked (the pane's own state may not have re-rendered yet: a click's
    // getState() lags behind dispatch), so both halves write that run.
    if (!(await writeResults(svc, s, dispatch, { ...options, verified: true }))) return;
    step(3, '生成附件工作表…');
    await writeAttachments(svc, s, dispatch, true);
    await checkOutputRuns(svc, dispatch);
  } finally {
    if (writing.get(svc) === job) writing.delete(svc);
    dispatch({ type: 'writeProgress', progress: null });
  }
}

/** The 写回结果列并生成附件 under way per pane, for 取消. */
const writing = new WeakMap<PaneServices, { abort: AbortController; writing: boolean }>();

export const WRITE_CANCELLED = '已取消写入：工作簿没有任何改动（结果列和附件都是原来的样子）。';

/**
 * Why 取消 ends once writing has begun. The result columns are written first (one request); the 附件
 * must come from the same run (SPEC §4.6), and Excel cannot take back cells already written — stopping
 * after the columns would leave them and the 附件 from different runs. The 附件 themselves are built in
 * hidden temporary sheets and swapped in by one last request, so a failure never leaves half of them.
 */
export const WRITE_NOT_CANCELLABLE =
  '正在写入，不能中途取消：结果列已开始写入，附件必须与它出自同一次计算，中途停止会使两者不一致。附件先写在隐藏的临时工作表中，最后一步才一次替换旧附件。';

/**
 * 取消 of 写回结果列并生成附件: honoured only while the sheets are checked (re-read, recomputed when they
 * changed) — before anything is written, so the workbook stays exactly as it was. False once writing
 * has begun (or nothing is under way).
 */
export function cancelWrite(svc: PaneServices): boolean {
  const job = writing.get(svc);
  if (!job || job.writing) return false;
  job.abort.abort();
  svc.engine.cancel?.();
  return true;
}

/** Reads which runs the outputs in the workbook come from and warns when they differ. */
export async function checkOutputRuns(svc: PaneServices, dispatch: Dispatch): Promise<void> {
  if (!svc.host.outputRuns) return;
  try {
    dispatch({ type: 'outputRuns', message: mismatchText(await svc.host.outputRuns()) });
  } catch (err) {
    dispatch({ type: 'outputRuns', message: `无法读取结果列和附件的计算来源：${errorText(err)}` });
  }
}

/** Null when the result columns and the 附件 come from the same run (or only one exists). */
export function mismatchText(runs: OutputRuns): string | null {
  const when = (r: RunStamp | null) => (r ? `${beijingTime(r.at)}的计算（数据指纹 ${r.fingerprint.slice(0, 8)}）` : '早期版本或未知的计算');
  const att = runs.attachments;
  const differ = runs.blocks.filter((b) => !sameRun(b.run, att));
  if (runs.blocks.length === 0 || !att || differ.length === 0) return null;
  return (
    `注意：工作簿中的结果列与附件不是同一次计算的结果。` +
    differ.map((b) => `“${b.sheet}”的结果列来自${when(b.run)}`).join('；') +
    `；附件和“计算说明”来自${when(att)}。请点“写回结果列并生成附件”使两者一致后再发送或打印。`
  );
}

function sameRun(a: RunStamp | null, b: RunStamp | null): boolean {
  return !!a && !!b && a.fingerprint === b.fingerprint && a.at === b.at;
}

/** "a、b、c" for up to 4 names, else "first … last". */
function listShort(names: string[]): string {
  return names.length <= 4 ? names.join('、') : `${names[0]}、${names[1]} … ${names[names.length - 1]}`;
}

/**
 * SPEC §1.6 from the issue list: the user says what an unrecognised value means. The choice becomes the
 * setting valueMeanings (saved in the workbook at once, so every host reads the value the same way); the
 * result is dropped until 重新计算.
 */
export async function chooseMeaning(svc: PaneServices, get: () => PaneState, dispatch: Dispatch, column: string, value: string, meaning: string): Promise<void> {
  const draft = String(get().settings.draft.valueMeanings ?? '');
  const action: Action = { type: 'settingChanged', key: 'valueMeanings', value: withMeaning(draft, column, value, meaning) };
  dispatch(action);
  await saveSettings(svc, reducer(get(), action), dispatch);
}

/** The 定位 button: select the issue's cell (or its row when no column is known). */
export async function locate(svc: PaneServices, issue: Issue): Promise<string | null> {
  if (!issue.sheet || !svc.host.selectCell) return null;
  const target = issue.cell ?? (issue.row !== null ? `${issue.row}:${issue.row}` : 'A1');
  try {
    await svc.host.selectCell(issue.sheet, target);
    return null;
  } catch (err) {
    return `无法定位到 ${issue.sheet}!${target}：${errorText(err)}`;
  }
}

/**
 * The pane's effects: read sheets, load/save settings, run the engine worker, write results and 附件.
 * Each takes the services and a dispatch, so tests drive them with an in-memory host and engine.
 * Every failure becomes a Chinese message in the state; nothing is swallowed.
 */
import type { Config } from '../engine/config';
import type { Issue } from '../engine/issues';
import type { EngineOutput } from '../engine/result';
import type { ResultBlock, WorkbookHost } from '../hosts/host';
import type { AttachmentMeta } from '../sheets/attachments';
import type { SheetModel } from '../sheets/attachments/model';
import { fingerprintTables } from '../sheets/fingerprint';
import type { RawTable } from '../sheets/table';
import type { EngineClient } from '../worker/client';
import type { AnalyseOutcome } from '../worker/protocol';
import { loadPreviousSnapshot } from './changes';
import { configFromStored } from './settingsForm';
import { runBlocker, tablesForRun, writeBlocker, type Action, type PaneState } from './state';

export interface PaneServices {
  host: WorkbookHost;
  engine: EngineClient;
  /** The result columns for the roster sheet(s) (SPEC §3.1). */
  resultBlocks(outcome: AnalyseOutcome): ResultBlock[];
  /** Every 附件 sheet and 计算说明 (SPEC §3.2). */
  attachments(output: EngineOutput, config: Config, meta: AttachmentMeta): SheetModel[];
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

export async function loadData(svc: PaneServices, dispatch: Dispatch): Promise<void> {
  dispatch({ type: 'dataLoading' });
  let current = '';
  try {
    const sheets = (await svc.host.listSheets()).filter((s) => !s.owned);
    const tables: RawTable[] = [];
    for (let i = 0; i < sheets.length; i++) {
      current = sheets[i]!.name;
      dispatch({ type: 'dataProgress', done: i, total: sheets.length });
      tables.push(
        await svc.host.readSheet(current, (done, total) =>
          dispatch({ type: 'dataProgress', done: i + (total > 0 ? done / total : 0), total: sheets.length }),
        ),
      );
    }
    dispatch({ type: 'dataProgress', done: sheets.length, total: sheets.length });
    dispatch({ type: 'dataLoaded', tables });
  } catch (err) {
    dispatch({ type: 'dataFailed', message: current ? `读取工作表“${current}”失败：${errorText(err)}` : `无法列出工作表：${errorText(err)}` });
  }
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
    await svc.host.saveSettings(s.settings.config);
    dispatch({ type: 'settingsSaved' });
  } catch (err) {
    dispatch({ type: 'settingsSaveFailed', message: `保存设置失败：${errorText(err)}` });
  }
}

export async function runEngine(svc: PaneServices, s: PaneState, dispatch: Dispatch): Promise<void> {
  const blocker = runBlocker(s);
  if (blocker) {
    dispatch({ type: 'runFailed', message: blocker });
    return;
  }
  dispatch({ type: 'runStarted' });
  try {
    const outcome = await svc.engine.analyse(tablesForRun(s), s.settings.config, (p) =>
      dispatch({ type: 'runProgress', stage: p.stage, done: p.done, total: p.total }),
    );
    dispatch({ type: 'runDone', outcome });
  } catch (err) {
    dispatch({ type: 'runFailed', message: errorText(err) });
  }
}

export async function writeResults(svc: PaneServices, s: PaneState, dispatch: Dispatch): Promise<void> {
  const blocker = writeBlocker(s);
  if (blocker || !s.result) {
    dispatch({ type: 'opFailed', op: 'write', message: blocker ?? '请先完成“计算”。' });
    return;
  }
  dispatch({ type: 'opStarted', op: 'write' });
  try {
    const blocks = svc.resultBlocks(s.result.outcome);
    if (blocks.length === 0) throw new Error('没有可写回的学生名册。');
    let rows = 0;
    for (const b of blocks) {
      await svc.host.writeResultBlock(b);
      rows += b.rows.length;
    }
    const where = blocks.map((b) => `“${b.sheet}”`).join('、');
    dispatch({ type: 'opDone', op: 'write', message: `已在${where}右侧写回 ${blocks[0]!.headers.length} 列结果，共 ${rows} 行。您自己的单元格未被改动。` });
  } catch (err) {
    dispatch({ type: 'opFailed', op: 'write', message: `写回失败：${errorText(err)}` });
  }
}

export async function writeAttachments(svc: PaneServices, s: PaneState, dispatch: Dispatch): Promise<void> {
  const blocker = writeBlocker(s);
  const output = s.result?.outcome.output;
  if (blocker || !s.result || !output) {
    dispatch({ type: 'opFailed', op: 'attachments', message: blocker ?? '请先完成“计算”。' });
    return;
  }
  dispatch({ type: 'opStarted', op: 'attachments' });
  try {
    const tables = tablesForRun(s);
    const meta: AttachmentMeta = {
      inputFingerprint: fingerprintTables(tables),
      generatedAt: svc.now().toISOString(),
      sources: svc.sources?.() ?? tables.map((t) => t.sheet),
      // Exactly the pipeline's list and order (the CLI passes the same), not the pane's display order.
      issues: s.result.outcome.issues,
      // 变更对比 (issue 18): compared with the 结果快照 the previous run left in the workbook.
      previous: s.result.previous !== undefined ? s.result.previous : await loadPreviousSnapshot(svc.host),
    };
    const models = svc.attachments(output, s.settings.config, meta);
    const names = await svc.host.writeOwnedSheets(models);
    const renamed = [...names].filter(([a, b]) => a !== b).map(([a, b]) => `“${a}”已有同名的用户工作表，改用“${b}”`);
    dispatch({
      type: 'opDone',
      op: 'attachments',
      message: `已生成 ${models.length} 张工作表（${listShort([...names.values()])}）。${renamed.length ? renamed.join('；') + '。' : ''}`,
    });
  } catch (err) {
    dispatch({ type: 'opFailed', op: 'attachments', message: `生成附件失败：${errorText(err)}` });
  }
}

/** "a、b、c" for up to 4 names, else "first … last". */
function listShort(names: string[]): string {
  return names.length <= 4 ? names.join('、') : `${names[0]}、${names[1]} … ${names[names.length - 1]}`;
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

import { defaultConfig } from '../../src/engine/config';
import type { Issue } from '../../src/engine/issues';
import type { EngineOutput } from '../../src/engine/result';
import type { RawTable } from '../../src/sheets/table';
import { initialState, isBulky, reducer, RUN_CANCELLED, RUN_CANCELLED_KEPT, runBlocker, stepEnabled, tablesForRun, writeBlocker, type Action, type PaneState } from '../../src/taskpane/state';

const roster: RawTable = { sheet: '名册', originRow: 1, originCol: 1, rows: [['学号', '姓名', '专业', '年级'], ['1', '张三', '机电', 2021]] };
const grades: RawTable = { sheet: '成绩', originRow: 1, originCol: 1, rows: [['学号', '课程名称', '成绩'], ['1', '高数', 80]] };
const notes: RawTable = { sheet: '说明', originRow: 1, originCol: 1, rows: [['本工作簿用于…']] };

const output = { result: { version: 1, config: defaultConfig(), groups: [], students: [], issues: [] }, students: new Map(), groups: new Map() } as unknown as EngineOutput;
const RUN = { fingerprint: 'f', at: '2024-04-15T00:00:00.000Z' };
const issue = (severity: Issue['severity']): Issue => ({ severity, code: 'X', message: 'm', sheet: '成绩', row: 2, column: 'C', cell: 'C2' });

const run = (s: PaneState, ...actions: Action[]) => actions.reduce(reducer, s);
const loaded = () => run(initialState(), { type: 'dataLoading' }, { type: 'dataLoaded', tables: [roster, grades, notes] });

describe('pane reducer', () => {
  it('starts at 数据 with the default settings and nothing to run', () => {
    const s = initialState();
    expect(s.step).toBe('data');
    expect(s.settings.config).toEqual(defaultConfig());
    expect(runBlocker(s)).toContain('数据');
    expect(stepEnabled(s, 'run')).toBe(false);
    expect(reducer(s, { type: 'go', step: 'output' }).step).toBe('data');
  });

  it('describes the read sheets and allows the run once a roster and grades are found', () => {
    const s = loaded();
    expect(s.data.views.map((v) => v.kind)).toEqual(['roster', 'grades', null]);
    expect(runBlocker(s)).toBeNull();
    expect(reducer(s, { type: 'go', step: 'run' }).step).toBe('run');
  });

  it('blocks the run without grades, and while a setting is invalid', () => {
    const noGrades = run(initialState(), { type: 'dataLoaded', tables: [roster] });
    expect(runBlocker(noGrades)).toContain('成绩');
    const bad = reducer(loaded(), { type: 'settingChanged', key: 'quotaPercent', value: '三十' });
    expect(bad.settings.problems.length).toBeGreaterThan(0);
    expect(bad.settings.config.quotaPercent).toBe(30);
    expect(runBlocker(bad)).toContain('设置');
    expect(reducer(bad, { type: 'runStarted' }).run.status).toBe('idle');
    const fixed = reducer(bad, { type: 'settingChanged', key: 'quotaPercent', value: '25' });
    expect(fixed.settings.problems).toEqual([]);
    expect(fixed.settings.config.quotaPercent).toBe(25);
    expect(fixed.settings.dirty).toBe(true);
  });

  it('tracks progress, then shows the result; writing is allowed only without error issues', () => {
    let s = run(loaded(), { type: 'runStarted' }, { type: 'runProgress', stage: '计算中', done: 1, total: 4 });
    expect(s.run).toMatchObject({ status: 'busy', stage: '计算中', progress: 0.25 });
    const ok = reducer(s, { type: 'runDone', outcome: { parsed: null, output, issues: [issue('warning')] }, run: RUN });
    expect(ok.result!.blocked).toBe(false);
    expect(writeBlocker(ok)).toBeNull();
    expect(stepEnabled(ok, 'output')).toBe(true);
    s = reducer(s, { type: 'runDone', outcome: { parsed: null, output, issues: [issue('info'), issue('error')] }, run: RUN });
    expect(s.result!.blocked).toBe(true);
    expect(s.result!.issues.map((i) => i.severity)).toEqual(['error', 'info']);
    expect(writeBlocker(s)).toContain('错误');
    expect(s.run.message).toContain('1 个错误');
    // The same words in every host: file mode has no 定位 button, so none is promised (the list shows sheet!cell).
    expect(s.run.message).not.toContain('定位');
  });

  it('blocks writing when the pipeline gave no output even without an error issue', () => {
    const s = run(loaded(), { type: 'runStarted' }, { type: 'runDone', outcome: { parsed: null, output: null, issues: [] }, run: RUN });
    expect(writeBlocker(s)).not.toBeNull();
  });

  it('forgets the result when data or settings change after a run, so an old result is never written', () => {
    const done = run(loaded(), { type: 'runStarted' }, { type: 'runDone', outcome: { parsed: null, output, issues: [] }, run: RUN });
    for (const a of [
      { type: 'settingChanged', key: 'rankPercent', value: '50' },
      { type: 'mapColumn', sheet: '名册', column: 'B', field: null },
      { type: 'setKind', sheet: '说明', kind: null },
      { type: 'dataLoading' },
      { type: 'settingsReset' },
    ] as Action[]) {
      const s = reducer(done, a);
      expect(s.result).toBeNull();
      expect(writeBlocker(s)).not.toBeNull();
      expect(s.run.message).toContain('重新计算');
    }
  });

  it('ignores a late result after the inputs changed', () => {
    const running = run(loaded(), { type: 'runStarted' });
    const changed = reducer({ ...running, run: { ...running.run, status: 'idle' } }, { type: 'runDone', outcome: { parsed: null, output, issues: [] }, run: RUN });
    expect(changed.result).toBeNull();
  });

  it('passes the column corrections to the run and keeps them across a re-read', () => {
    let s = reducer(loaded(), { type: 'mapColumn', sheet: '名册', column: 'B', field: null });
    expect(tablesForRun(s).find((t) => t.sheet === '名册')!.rows[0]).toEqual(['学号', '', '专业', '年级']);
    s = run(s, { type: 'dataLoading' }, { type: 'dataLoaded', tables: [roster, grades] });
    expect(s.data.overrides).toEqual({ 名册: { columns: { B: null } } });
    expect(s.data.views[0]!.missing).toEqual(['姓名']);
  });

  it('records write and attachment outcomes separately', () => {
    let s = run(loaded(), { type: 'runStarted' }, { type: 'runDone', outcome: { parsed: null, output, issues: [] }, run: RUN });
    s = run(s, { type: 'opStarted', op: 'write' });
    expect(writeBlocker(s)).toBe('正在写入…');
    s = run(s, { type: 'opDone', op: 'write', message: '已写回 2 行' }, { type: 'opFailed', op: 'attachments', message: '失败' });
    expect(s.output.write).toEqual({ status: 'done', message: '已写回 2 行' });
    expect(s.output.attachments).toEqual({ status: 'failed', message: '失败' });
  });

  it('loads settings from the workbook as saved (not dirty) and reports stored problems', () => {
    const config = { ...defaultConfig(), quotaPercent: 20 };
    const s = reducer(initialState(), { type: 'settingsLoaded', config, problems: [{ path: 'x', message: '未知的设置项：x' }] });
    expect(s.settings.draft.quotaPercent).toBe('20');
    expect(s.settings.dirty).toBe(false);
    expect(s.settings.problems).toHaveLength(1);
  });

  it('取消 while computing gives back the pane as before 计算 — unless the data changed meanwhile (then no result)', () => {
    const done = run(loaded(), { type: 'runStarted' }, { type: 'runDone', outcome: { parsed: null, output, issues: [issue('warning')] }, run: RUN });
    const busy = run(done, { type: 'runStarted' }, { type: 'runProgress', stage: '计算中', done: 0, total: 1 });
    expect(busy.result).toBeNull();
    const back = reducer(busy, { type: 'runCancelled' });
    expect(back.result).toBe(done.result);
    expect(back.run).toEqual({ ...done.run, notice: RUN_CANCELLED_KEPT });
    // A late answer of the stopped run changes nothing.
    expect(reducer(back, { type: 'runDone', outcome: { parsed: null, output, issues: [] }, run: RUN })).toBe(back);
    // The sheets were found changed while re-reading: the old result no longer fits them.
    const edited = { ...grades, rows: [...grades.rows, ['1', '英语', 70]] };
    const changed = run(busy, { type: 'dataRefreshed', tables: [roster, edited, notes], message: '' }, { type: 'runCancelled' });
    expect(changed.result).toBeNull();
    expect(changed.data.tables[1]).toBe(edited);
    expect(changed.run).toMatchObject({ status: 'idle', notice: RUN_CANCELLED });
    // Not busy: nothing to cancel.
    expect(reducer(done, { type: 'runCancelled' })).toBe(done);
  });
});

describe('bulky actions (issue 17: drawn as a React transition)', () => {
  test('a run\'s result and the sheets read are bulky; progress, clicks and failures are drawn at once', () => {
    // The two actions that bring thousands of rows onto the screen (672 ms in one task at 6,000 students).
    expect(isBulky({ type: 'runDone' } as Action)).toBe(true);
    expect(isBulky({ type: 'dataLoaded', tables: [] })).toBe(true);
    // Urgent: they must show while a transition is still being drawn (progress bars, 取消, step tabs).
    for (const a of [{ type: 'runProgress', stage: 's', done: 1, total: 2 }, { type: 'go', step: 'run' }, { type: 'runFailed', message: 'x' }, { type: 'dataLoading' }, { type: 'runCancelled' }] as Action[]) {
      expect(isBulky(a)).toBe(false);
    }
  });
});

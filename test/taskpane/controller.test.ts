import type { ResultBlock, SheetInfo, WorkbookHost } from '../../src/hosts/host';
import type { SheetModel } from '../../src/sheets/attachments/model';
import { analyse } from '../../src/pipeline';
import { buildResultBlocks } from '../../src/sheets/resultColumns';
import type { RawTable } from '../../src/sheets/table';
import { cancelLoadData, chooseMeaning, loadData, loadSettings, locate, runEngine, saveSettings, writeAttachments, writeResults, type PaneServices } from '../../src/taskpane/controller';
import { unknownValueChoice } from '../../src/taskpane/summary';
import { UnknownValues } from '../../src/sheets/unknownValues';
import { initialState, reducer, type Action, type PaneState } from '../../src/taskpane/state';
import { InlineEngineClient } from '../../src/worker/client';

/** A small in-memory workbook host that records what the pane writes. */
class MemoryHost implements WorkbookHost {
  blocks: ResultBlock[] = [];
  owned: SheetModel[] = [];
  settings: unknown = null;
  selected: [string, string][] = [];
  constructor(private readonly tables: RawTable[], private readonly failRead: string | null = null) {}
  async listSheets(): Promise<SheetInfo[]> {
    return [...this.tables.map((t) => ({ name: t.sheet, owned: false, visible: true })), { name: '附件5', owned: true, visible: true }];
  }
  async readSheet(name: string): Promise<RawTable> {
    if (name === this.failRead) throw new Error('工作簿已关闭');
    if (name === '附件5') throw new Error('owned sheets must not be read');
    return this.tables.find((t) => t.sheet === name)!;
  }
  async writeResultBlock(b: ResultBlock) {
    this.blocks.push(b);
  }
  async writeOwnedSheets(models: SheetModel[]) {
    this.owned = models;
    return new Map(models.map((m) => [m.name, m.name]));
  }
  async loadSettings() {
    return this.settings;
  }
  async saveSettings(s: unknown) {
    this.settings = s;
  }
  async selectCell(sheet: string, cell: string) {
    this.selected.push([sheet, cell]);
  }
}

const roster: RawTable = {
  sheet: '名册', originRow: 1, originCol: 1,
  rows: [['学号', '姓名', '专业', '年级'], ['001', '张三', '机电', 2021], ['002', '李四', '机电', 2021], ['003', '王五', '机电', 2021]],
};
const grades = (bad: boolean): RawTable => ({
  sheet: '成绩', originRow: 1, originCol: 1,
  rows: [['学号', '课程名称', '成绩', '学期'], ['001', '高数', 90, 1], ['002', '高数', bad ? '好' : 80, 1], ['003', '高数', 70, 1]],
});

function harness(tables: RawTable[], failRead: string | null = null) {
  const host = new MemoryHost(tables, failRead);
  const models: SheetModel[] = [{ name: '附件5 测试', title: 't', subtitles: [], tables: [], footnotes: [], publicity: true, orientation: 'portrait' }];
  const services: PaneServices = {
    host,
    engine: new InlineEngineClient((t, c) => analyse(t, c)),
    resultBlocks: (o) => (o.output && o.parsed ? buildResultBlocks(o.output, o.parsed.sheets) : []),
    attachments: () => models,
    now: () => new Date('2024-04-15T00:00:00Z'),
  };
  let state: PaneState = initialState();
  const dispatch = (a: Action) => {
    state = reducer(state, a);
  };
  return { host, services, dispatch, get: () => state };
}

describe('pane controller over an in-memory host and the real pipeline', () => {
  it('reads the input sheets (never the owned ones), runs, writes the result block and the 附件', async () => {
    const h = harness([roster, grades(false)]);
    await loadData(h.services, h.dispatch);
    expect(h.get().data.views.map((v) => v.kind)).toEqual(['roster', 'grades']);
    await runEngine(h.services, h.get(), h.dispatch);
    expect(h.get().run.status).toBe('done');
    expect(h.get().result!.groups[0]).toMatchObject({ size: 3, quota: 0, top60: 1 });
    await writeResults(h.services, h.get(), h.dispatch);
    expect(h.get().output.write.status).toBe('done');
    expect(h.host.blocks).toHaveLength(1);
    expect(h.host.blocks[0]!.rows.map((r) => [r.row, r.values[0], r.values[2]])).toEqual([[2, 90, 1], [3, 80, 2], [4, 70, 3]]);
    await writeAttachments(h.services, h.get(), h.dispatch);
    expect(h.get().output.attachments.message).toContain('附件5 测试');
  });

  it('an error issue blocks writing: nothing reaches the workbook; 定位 selects the bad cell', async () => {
    const h = harness([roster, grades(true)]);
    await loadData(h.services, h.dispatch);
    await runEngine(h.services, h.get(), h.dispatch);
    const error = h.get().result!.issues.find((i) => i.severity === 'error')!;
    expect(error).toMatchObject({ sheet: '成绩', cell: 'C3' });
    await writeResults(h.services, h.get(), h.dispatch);
    await writeAttachments(h.services, h.get(), h.dispatch);
    expect(h.host.blocks).toEqual([]);
    expect(h.host.owned).toEqual([]);
    expect(h.get().output.write.status).toBe('failed');
    expect(await locate(h.services, error)).toBeNull();
    expect(h.host.selected).toEqual([['成绩', 'C3']]);
  });

  it('取消 while reading stops before the next sheet and keeps the sheets read before', async () => {
    const h = harness([roster, grades(false)]);
    await loadData(h.services, h.dispatch);
    expect(h.get().data.tables.map((t) => t.sheet)).toEqual(['名册', '成绩']);
    // Second read: 取消 is clicked while 名册 is being read, and the workbook has changed meanwhile.
    const reads: string[] = [];
    const read = h.host.readSheet.bind(h.host);
    h.host.readSheet = async (name: string) => {
      reads.push(name);
      if (name === '名册') cancelLoadData(h.services);
      const t = await read(name);
      return { ...t, rows: [...t.rows, ['004', '新生', '机电', 2021]] };
    };
    await loadData(h.services, h.dispatch);
    expect(reads).toEqual(['名册']); // 成绩 never read
    expect(h.get().data).toMatchObject({ status: 'done', message: '已取消读取：仍使用上次读取的工作表内容。' });
    // The tables are the ones read before: nothing of the cancelled read (名册 with 004) was taken.
    expect(h.get().data.tables.map((t) => [t.sheet, t.rows.length])).toEqual([['名册', 4], ['成绩', 4]]);
    // Nothing read yet: back to the start.
    const fresh = harness([roster]);
    fresh.host.readSheet = async () => {
      cancelLoadData(fresh.services);
      return roster;
    };
    fresh.host.listSheets = async () => [{ name: '名册', owned: false, visible: true }, { name: '名册2', owned: false, visible: true }];
    await loadData(fresh.services, fresh.dispatch);
    expect(fresh.get().data).toMatchObject({ status: 'idle', message: '已取消读取：尚未读取任何工作表。', tables: [] });
  });

  it('the progress names the sheet being read (第 i/n 张)', () => {
    let s = initialState();
    s = reducer(s, { type: 'dataLoading' });
    s = reducer(s, { type: 'dataProgress', done: 1.5, total: 4, sheet: '成绩', index: 1 });
    expect(s.data).toMatchObject({ status: 'busy', progress: 0.375, reading: '正在读取第 2/4 张工作表“成绩”…' });
  });

  it('a failed read names the sheet; settings round-trip through the workbook', async () => {
    const h = harness([roster, grades(false)], '成绩');
    await loadData(h.services, h.dispatch);
    expect(h.get().data).toMatchObject({ status: 'failed', message: '读取工作表“成绩”失败：工作簿已关闭' });
    h.dispatch({ type: 'settingChanged', key: 'quotaPercent', value: '20' });
    await saveSettings(h.services, h.get(), h.dispatch);
    expect(h.host.settings).toMatchObject({ quotaPercent: 20 });
    const again = harness([roster]);
    again.host.settings = { quotaPercent: 15, bogus: 1 };
    await loadSettings(again.services, again.dispatch);
    expect(again.get().settings.config.quotaPercent).toBe(30);
    expect(again.get().settings.problems[0]!.message).toContain('已改用默认值');
  });

  it('an unrecognised value\'s meaning chosen from the issue list is saved in the workbook as valueMeanings', async () => {
    // The warning exactly as the parsers word it (src/sheets/unknownValues.ts).
    const seen = new UnknownValues();
    seen.note('学籍异动', '待定', '否', { sheet: '名册', row: 3, column: 'E' }, '是、否、休学、复学、留级、转专业');
    const issue = seen.issues()[0]!;
    const choice = unknownValueChoice(issue)!;
    expect(choice).toEqual({ column: '学籍异动', value: '待定', choices: ['是', '否', '休学', '复学', '留级', '转专业'] });
    expect(unknownValueChoice({ code: 'BAD_SCORE', message: issue.message })).toBeNull();
    const h = harness([roster, grades(false)]);
    await loadData(h.services, h.dispatch);
    await runEngine(h.services, h.get(), h.dispatch);
    await chooseMeaning(h.services, h.get, h.dispatch, choice.column, choice.value, '是');
    expect(h.host.settings).toMatchObject({ valueMeanings: { 学籍异动: { 待定: '是' } } });
    expect(h.get().settings.config.valueMeanings).toEqual({ 学籍异动: { 待定: '是' } });
    expect(h.get().result).toBeNull(); // computed with the old reading: dropped until 重新计算
    // Choosing again replaces the line instead of adding a second one.
    await chooseMeaning(h.services, h.get, h.dispatch, choice.column, choice.value, '否');
    expect(h.get().settings.draft.valueMeanings).toBe('学籍异动|待定=否');
  });
});

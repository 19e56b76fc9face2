/**
 * SPEC §3.1, §4.6 scenarios of issue 15, through the real pane controller, the real Office host, the real
 * pipeline and the strict fake Excel holding the sample school's workbook. Each is what a secretary did;
 * each must end safely: the pane works on the workbook as it is now, never overwrites what she typed,
 * and never leaves result columns and 附件 from different runs without saying so.
 */
import * as path from 'path';
import { analyse } from '../../src/pipeline';
import { OfficeWorkbookHost } from '../../src/hosts/office/officeHost';
import { META_SHEET } from '../../src/hosts/meta';
import { loadXlsxFile, workbookToTables } from '../../src/hosts/xlsx/read';
import { RESULT_HEADERS } from '../../src/sheets/resultColumns';
import type { RawTable } from '../../src/sheets/table';
import { checkOutputRuns, loadData, runEngine, writeOutputs, writeResults, type PaneServices } from '../../src/taskpane/controller';
import { createServices } from '../../src/taskpane/services';
import { initialState, reducer, type Action, type PaneState } from '../../src/taskpane/state';
import { InlineEngineClient } from '../../src/worker/client';
import { installFakeOffice, type FakeExcelController } from '../fakes/excel';
import { tableToFake } from '../e2e/support';
import { userHash } from '../hosts/office/helpers';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample', '示例学校-2024专升本.xlsx');
const FIN = '学生名册-财经与物流管理学院';
const ME = '学生名册-机电工程学院';
let tables: RawTable[];
let excel: FakeExcelController;

beforeAll(async () => {
  tables = workbookToTables(await loadXlsxFile(SAMPLE));
});
afterEach(() => excel?.uninstall());

function pane() {
  excel = installFakeOffice(globalThis, { sheets: tables.map(tableToFake) });
  const host = new OfficeWorkbookHost();
  let clock = Date.parse('2024-04-15T01:00:00Z');
  const services: PaneServices = { ...createServices(host, new InlineEngineClient((t, c) => analyse(t, c))), now: () => new Date((clock += 60_000)) };
  let state: PaneState = initialState();
  const dispatch = (a: Action) => {
    state = reducer(state, a);
  };
  const get = () => state;
  return { host, services, dispatch, get };
}

/** Column letter of a header in row `headerRow` of a fake sheet. */
function columnOf(name: string, headerRow: number, header: string): string {
  const row = excel.values(name)[headerRow - 1]!;
  const i = row.indexOf(header);
  if (i < 0) throw new Error(`${name} 第${headerRow}行没有“${header}”`);
  return String.fromCharCode(65 + Math.floor(i / 26) - 1).replace('@', '') + String.fromCharCode(65 + (i % 26));
}

const tiePending = (s: PaneState) => s.result!.groups.reduce((n, g) => n + g.tiePending, 0);

describe('the pane works on the workbook as it is now', () => {
  it('rulings typed into 裁定结果 after computing are honoured by 重新计算 (no 重新读取 needed)', async () => {
    const p = pane();
    await loadData(p.services, p.dispatch);
    await runEngine(p.services, p.get(), p.dispatch);
    // Worked out from the golden result: 0521310025 and 0521310027 tie at 79.10 in 大数据与会计 (rows 28, 30).
    expect(tiePending(p.get())).toBe(2);
    excel.userSet(FIN, 'AB28', [['推荐']]);
    excel.userSet(FIN, 'AB30', [['不推荐']]);
    await runEngine(p.services, p.get(), p.dispatch);
    expect(tiePending(p.get())).toBe(0);
    const status = (id: string) => p.get().result!.outcome.output!.result.students.find((s) => s.studentId === id)!.status;
    expect(status('0521310025')).toBe('recommended_quota');
    expect(status('0521310027')).not.toBe('tie_pending');
    expect(status('0521310027')).not.toBe('recommended_quota');
  });

  it('a grade corrected to 105 after computing: 写回 recomputes, shows the error and writes nothing', async () => {
    const p = pane();
    await loadData(p.services, p.dispatch);
    await runEngine(p.services, p.get(), p.dispatch);
    expect(p.get().result!.blocked).toBe(false);
    const before = userHash(excel, () => false);
    // 成绩 row 4 is 0121010001's 思想道德与法治 (J = 总评成绩).
    excel.userSet('成绩', 'J4', [[105]]);
    const edited = userHash(excel, () => false);
    expect(edited).not.toBe(before);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write).toMatchObject({ status: 'failed' });
    expect(p.get().output.write.message).toMatch(/“成绩”在计算之后有改动.*没有写入/);
    expect(p.get().result!.blocked).toBe(true);
    expect(p.get().result!.issues.some((i) => i.severity === 'error' && i.sheet === '成绩' && i.cell === 'J4')).toBe(true);
    // Nothing written: every sheet as the user left it, no 附件, no meta sheet.
    expect(userHash(excel, () => false)).toBe(edited);
    expect(excel.sheetNames().some((n) => n.startsWith('附件') || n === META_SHEET)).toBe(false);
  });
});

/** Writes the outputs once (the first run of the day). */
async function computedAndWritten() {
  const p = pane();
  await loadData(p.services, p.dispatch);
  await runEngine(p.services, p.get(), p.dispatch);
  await writeOutputs(p.services, p.get, p.dispatch);
  expect(p.get().output.write.status).toBe('done');
  expect(p.get().output.attachments.status).toBe('done');
  return p;
}

/** Values of a sheet's user columns A…AB (the block starts at AC: the sample rosters are 28 columns wide). */
const userPart = (name: string, width = 28) => excel.values(name).map((r) => r.slice(0, width));

describe('the result block is found by what moves with the cells', () => {
  it('the success message says where it wrote and that the cells replaced were checked', async () => {
    const p = await computedAndWritten();
    expect(p.get().output.write.message).toMatch(/已在“学生名册-机电工程学院”的 AC–AM 列写回 11 列结果.*写入的区域原为空白/);
    await runEngine(p.services, p.get(), p.dispatch);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write.message).toMatch(/AC–AM 列.*逐格核对：被替换的单元格都是上次写入的结果或空白/);
  });

  it('"我的批注" typed into 递补顺序: the write stops and asks; nothing is erased; moving keeps it beside the block', async () => {
    const p = await computedAndWritten();
    const col = columnOf(ME, 1, '递补顺序');
    excel.userSet(ME, `${col}5`, [['我的批注']]);
    const before = userHash(excel, (n) => n === META_SHEET);
    await runEngine(p.services, p.get(), p.dispatch);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write).toMatchObject({ status: 'failed', conflict: true });
    expect(p.get().output.write.message).toContain(`${col}5“我的批注”`);
    expect(p.get().output.write.message).not.toContain('未被改动');
    expect(userHash(excel, (n) => n === META_SHEET)).toBe(before);
    // The user agrees to move it: it lands in the first empty column right of the block, same row.
    await writeOutputs(p.services, p.get, p.dispatch, { moveUserCells: true });
    expect(p.get().output.write.status).toBe('done');
    expect(p.get().output.write.message).toContain(`${col}5→AN5`);
    expect(excel.cell(ME, 'AN5').value).toBe('我的批注');
    expect(p.get().output.attachments.status).toBe('done');
    expect(excel.cell(ME, `${col}5`).value).not.toBe('我的批注');
  });

  it('a column inserted in the roster (宿舍号): the block moves with it; 裁定结果 and 志愿3 stay the user\'s; nothing stale is left', async () => {
    const p = await computedAndWritten();
    excel.userInsertColumns(ME, 'J'); // before 年级
    excel.userSet(ME, 'J1', [['宿舍号']]);
    const userBefore = userPart(ME, 29);
    await runEngine(p.services, p.get(), p.dispatch);
    // Worked out: the same students and results as without the column (a 宿舍号 changes nothing).
    const expected = analyse(tables, p.get().settings.config).output!.result.students.map((s) => [s.studentId, s.status, s.allocation]);
    expect(p.get().result!.outcome.output!.result.students.map((s) => [s.studentId, s.status, s.allocation])).toEqual(expected);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write.message).toMatch(/AD–AN 列/);
    const header = excel.values(ME)[0]!;
    expect(header.slice(29, 40)).toEqual([...RESULT_HEADERS]);
    expect(header).toHaveLength(40); // no stale column left behind at AN…
    expect(header[28]).toBe('裁定结果');
    expect(userPart(ME, 29)).toEqual(userBefore);
    expect(excel.names()['ZSB_Result_1']).toMatch(/^学生名册-机电工程学院!\$AD\$1:\$AN\$\d+$/);
  });

  it('a renamed roster sheet: the block is found under the new name and replaced, not duplicated', async () => {
    const p = await computedAndWritten();
    excel.userRenameSheet(ME, '机电名册');
    await loadData(p.services, p.dispatch);
    await runEngine(p.services, p.get(), p.dispatch);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write.status).toBe('done');
    expect(excel.values('机电名册')[0]).toHaveLength(28 + RESULT_HEADERS.length);
    expect(excel.names()['ZSB_Result_1']).toMatch(/^机电名册!\$AC\$1:\$AM\$/);
  });

  it('text typed below the roster, under the block: kept; a longer block would stop and ask', async () => {
    const p = await computedAndWritten();
    const last = excel.values(ME).length;
    excel.userSet(ME, `AC${last + 2}`, [['制表人：王老师']]);
    await runEngine(p.services, p.get(), p.dispatch);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.write.status).toBe('done');
    expect(excel.cell(ME, `AC${last + 2}`).value).toBe('制表人：王老师');
  });

  it('Excel in cell-edit mode: a clear Chinese message; the same click works once the edit is finished', async () => {
    const p = await computedAndWritten();
    excel.setCellEditMode(true);
    await runEngine(p.services, p.get(), p.dispatch);
    expect(p.get().run).toMatchObject({ status: 'failed' });
    expect(p.get().run.message).toMatch(/单元格编辑状态.*Enter 或 Esc.*再重试/);
    excel.setCellEditMode(false);
    await runEngine(p.services, p.get(), p.dispatch);
    expect(p.get().run.status).toBe('done');
  });
});

describe('result columns and 附件 from different runs are never silent', () => {
  it('one action writes both from the same run; a later columns-only write is reported as differing', async () => {
    const p = await computedAndWritten();
    await checkOutputRuns(p.services, p.dispatch);
    expect(p.get().output.runs).toBeNull();
    // Re-run at 20 % and write only the columns (as an older pane, or a failed 附件 step, would leave it).
    p.dispatch({ type: 'settingChanged', key: 'quotaPercent', value: '20' });
    await runEngine(p.services, p.get(), p.dispatch);
    await writeResults(p.services, p.get(), p.dispatch);
    await checkOutputRuns(p.services, p.dispatch);
    // Times in Beijing time (issue 18), whatever the machine's zone: the clock runs from 01:00Z, a minute a call.
    expect(p.get().output.runs).toMatch(/结果列与附件不是同一次计算的结果.*“学生名册-机电工程学院”的结果列来自2024-04-15 09:\d\d（北京时间）的计算.*附件和“计算说明”来自2024-04-15 09:\d\d（北京时间）的计算/);
    await writeOutputs(p.services, p.get, p.dispatch);
    expect(p.get().output.runs).toBeNull();
  });
});

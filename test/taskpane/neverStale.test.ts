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

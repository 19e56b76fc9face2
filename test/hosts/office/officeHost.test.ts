import { installFakeOffice } from '../../fakes/excel';
import type { FakeExcelController } from '../../fakes/excel';
import { OfficeWorkbookHost, TEMP_PREFIX } from '../../../src/hosts/office/officeHost';
import { OfficeHostError } from '../../../src/hosts/office/errors';
import { META_SHEET } from '../../../src/hosts/meta';
import type { ResultBlock } from '../../../src/hosts/host';
import { hash, rankingModel, roster, userHash, workbookState } from './helpers';

const HEADERS = ['平均成绩', '计入课程数', '排名', '专业人数', '是否前60%', '是否符合条件', '推荐结果', '递补顺序', '原因/备注', '录取院校', '录取专业'];

function resultBlock(n: number, variant = 0): ResultBlock {
  return {
    sheet: '学生名册',
    headerRow: 2,
    headers: HEADERS,
    rows: Array.from({ length: n }, (_, i) => ({
      row: 3 + i,
      values: [(70 + ((i + variant) % 30) + 0.3).toFixed(2), 20, i + 1, n, i < n * 0.6 ? '是' : '否', '是', '拟推荐', null, variant ? `第${variant}次` : '', '广西大学', '00123'],
    })),
    textColumns: ['录取专业'],
  };
}

let excel: FakeExcelController;
let host: OfficeWorkbookHost;

beforeEach(() => {
  excel = installFakeOffice(globalThis, { sheets: [roster(20), { name: '说明', values: [['这是用户自己的工作表']] }] });
  host = new OfficeWorkbookHost();
});
afterEach(() => excel.uninstall());

describe('reading', () => {
  test('readSheet returns the used range with origin, values, display text and formats', async () => {
    excel.userSet('说明', 'C5', [[12, 45369], ['#N/A', true]]);
    const t = await host.readSheet('说明');
    expect(t.originRow).toBe(1);
    expect(t.originCol).toBe(1);
    expect(t.rows[0]![0]).toBe('这是用户自己的工作表');
    expect(t.rows[4]!.slice(2)).toEqual([12, 45369]);
    expect(t.rows[5]!.slice(2)).toEqual([{ error: '#N/A' }, true]);
    expect(t.rows[1]![0]).toBeNull();
    const r = await host.readSheet('学生名册');
    expect(r.rows[2]![0]).toBe('021000000');
    expect(r.text![2]![0]).toBe('021000000');
    // A string's format is not read (issue 17: formats only where a column holds numbers); 'full' reads it.
    expect(r.numberFormats![2]![0]).toBe('General');
    expect((await new OfficeWorkbookHost({ payload: 'full' }).readSheet('学生名册')).numberFormats![2]![0]).toBe('@');
    expect(r.rows).toHaveLength(22);
  });

  test('readSheet keeps 学号 digits visible through the display text when stored as a formatted number', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [{ name: 'S', values: [[null, null], [null, '学号'], [null, 123]], numberFormats: [[], [], [null, '000000']] }] });
    const t = await host.readSheet('S');
    expect(t.originRow).toBe(2);
    expect(t.originCol).toBe(2);
    expect(t.rows[1]![0]).toBe(123);
    expect(t.text![1]![0]).toBe('000123');
  });

  test('a missing sheet gives a Chinese error naming it', async () => {
    await expect(host.readSheet('不存在的表')).rejects.toThrow(/读取工作表时出错（工作表“不存在的表”）：找不到/);
  });

  test('reads in chunks that stay under the request budget, with progress', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(3000)] });
    const small = new OfficeWorkbookHost({ requestBudget: 200_000 });
    const progress: number[] = [];
    const t = await small.readSheet('学生名册', (done) => progress.push(done));
    expect(t.rows).toHaveLength(3002);
    expect(t.rows[3001]![1]).toBe('学生2999');
    expect(excel.stats.largestResponseBytes).toBeLessThanOrEqual(200_000);
    expect(excel.stats.roundTrips).toBeGreaterThan(5);
    expect(progress[progress.length - 1]).toBe(3002);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  test('when Excel refuses a chunk as too big, the same rows are read again in smaller chunks', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(2000)] }, { maxRequestBytes: 60_000 });
    const t = await host.readSheet('学生名册'); // the host expects 3.5 MB; this Excel allows 60 KB
    expect(t.rows).toHaveLength(2002);
    expect(t.rows.map((r) => r[1])).toEqual(roster(2000).values!.map((r) => r[1] ?? null));
    expect(excel.stats.largestResponseBytes).toBeGreaterThan(60_000); // the refused ones
    const refused = excel.stats.requests.filter((r) => r.responseBytes > 60_000);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(5); // it learns the limit instead of trying big chunks again
  });

  test('a single row too big for one request is reported in Chinese', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [{ name: 'S', values: [['长'.repeat(30000), '长'.repeat(30000)]] }] }, { maxRequestBytes: 100_000 });
    await expect(host.readSheet('S')).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded', sheet: 'S' });
  });

  test('listSheets hides the meta sheet and flags owned sheets', async () => {
    await host.writeOwnedSheets([rankingModel(12)]);
    const list = await host.listSheets();
    expect(list.map((s) => s.name)).toEqual(['学生名册', '说明', '附件5 平均成绩排名公示']);
    expect(list.find((s) => s.name === '附件5 平均成绩排名公示')!.owned).toBe(true);
    expect(list.find((s) => s.name === '学生名册')!.owned).toBe(false);
    expect(excel.sheetNames()).toContain(META_SHEET);
    expect(excel.visibility(META_SHEET)).toBe('VeryHidden');
  });
});

describe('result block', () => {
  test('is written right of the roster data, IDs as text, averages as numbers with 2 decimals', async () => {
    const otherSheets = userHash(excel, (n) => n === '学生名册');
    const userColumns = hash(JSON.stringify(excel.values('学生名册').map((r) => r.slice(0, 12))));
    await host.writeResultBlock(resultBlock(20));
    // roster has 12 columns (A–L): block starts at M
    expect(excel.cell('学生名册', 'M2').value).toBe('平均成绩');
    expect(excel.cell('学生名册', 'M2').style.bold).toBe(true);
    expect(excel.cell('学生名册', 'M3')).toMatchObject({ value: 70.3, numberFormat: '0.00', text: '70.30' });
    expect(excel.cell('学生名册', 'W3')).toMatchObject({ value: '00123', numberFormat: '@', text: '00123' });
    expect(excel.cell('学生名册', 'Q3')).toMatchObject({ value: '是', numberFormat: '@' });
    // user cells A1:L22 unchanged
    const values = excel.values('学生名册');
    expect(values.map((r) => r.slice(0, 12))).toEqual(roster(20).values!.map((r) => r.map((v) => (v === null ? '' : v))));
    expect(hash(JSON.stringify(excel.values('学生名册').map((r) => r.slice(0, 12))))).toBe(userColumns);
    expect(userHash(excel, (n) => n === '学生名册' || n === META_SHEET)).toBe(otherSheets);
    for (let r = 1; r <= 22; r++) expect(excel.cell('学生名册', `L${r}`).style).toEqual({});
  });

  test('a re-run replaces exactly that block: same cells, no new columns', async () => {
    await host.writeResultBlock(resultBlock(20, 1));
    await host.writeResultBlock(resultBlock(20));
    const once = workbookState(excel);
    await host.writeResultBlock(resultBlock(20));
    expect(workbookState(excel)).toBe(once);
    expect(excel.values('学生名册')[0]).toHaveLength(12 + HEADERS.length);
    expect(excel.cell('学生名册', 'U3').value).toBe(''); // variant 1's 备注 was replaced
  });

  test('a block whose record was lost (meta sheet deleted) is recognised by its headers and replaced', async () => {
    await host.writeResultBlock(resultBlock(20, 1));
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(META_SHEET).delete();
      await context.sync();
    });
    await host.writeResultBlock(resultBlock(20));
    expect(excel.values('学生名册')[1]).toHaveLength(12 + HEADERS.length);
    expect(excel.cell('学生名册', 'M3').value).toBe(70.3);
    expect(excel.cell('学生名册', 'U3').value).toBe('');
  });

  test('a shorter re-run clears the rows it no longer fills', async () => {
    await host.writeResultBlock(resultBlock(20));
    await host.writeResultBlock(resultBlock(10));
    expect(excel.cell('学生名册', 'M12').value).toBe(79.3);
    expect(excel.cell('学生名册', 'M13').value).toBe('');
    expect(excel.cell('学生名册', 'M13').numberFormat).toBe('General');
  });

  test('readSheet does not return the block as roster data', async () => {
    await host.writeResultBlock(resultBlock(20));
    const t = await host.readSheet('学生名册');
    expect(t.rows[1]!.slice(12).every((v) => v === null)).toBe(true);
    expect(t.rows[1]![11]).toBe('报名状态');
  });

  test('refuses to overwrite when the user typed into the block area; nothing is written', async () => {
    await host.writeResultBlock(resultBlock(20));
    excel.userSet('学生名册', 'O2', [['我的列']]);
    const state = workbookState(excel);
    const err = await host.writeResultBlock(resultBlock(20, 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeHostError);
    expect((err as OfficeHostError).code).toBe('UserCellsInBlock');
    expect((err as OfficeHostError).message).toMatch(/工作表“学生名册”.*O2“我的列”/);
    expect(workbookState(excel)).toBe(state);
  });

  test('refuses when the user wrote below the old block where the new one grows', async () => {
    await host.writeResultBlock(resultBlock(10));
    excel.userSet('学生名册', 'N15', [['手写']]);
    await expect(host.writeResultBlock(resultBlock(20))).rejects.toMatchObject({ code: 'UserCellsInBlock', cell: 'N15' });
  });

  test('block located by its defined name: a column deleted inside it, with user data to its right, stops the write', async () => {
    await host.writeResultBlock(resultBlock(20));
    excel.userSet('学生名册', 'X2', [['备用列']]); // right of the block (M–W)
    excel.userDeleteColumns('学生名册', 'P'); // 专业人数: block now M–V, the user's X is W
    const state = workbookState(excel);
    await expect(host.writeResultBlock(resultBlock(20))).rejects.toMatchObject({ code: 'UserCellsInBlock', cell: 'W2' });
    expect(workbookState(excel)).toBe(state);
  });

  test('an empty column inserted inside the block is absorbed: the block is rewritten in place, 11 columns', async () => {
    await host.writeResultBlock(resultBlock(20));
    excel.userInsertColumns('学生名册', 'P');
    const report = await host.writeResultBlock(resultBlock(20, 3));
    expect(report).toMatchObject({ columns: 'M–W', checked: 'cells', moved: [] });
    expect(excel.values('学生名册')[1]!.slice(12)).toEqual(HEADERS);
  });

  test('the whole block deleted by the user: its name refers to #REF!; a fresh block is written right of the data', async () => {
    await host.writeResultBlock(resultBlock(20));
    excel.userDeleteColumns('学生名册', 'M', 11);
    expect(excel.names()).toEqual({ ZSB_Result_1: '#REF!' });
    const report = await host.writeResultBlock(resultBlock(20));
    expect(report).toMatchObject({ columns: 'M–W', checked: 'none' });
    expect(excel.names()).toEqual({ ZSB_Result_2: '学生名册!$M$2:$W$22' }); // the #REF! name is removed
  });

  test('a row inserted in the roster: the block grows with it; rows match by 学号, nothing is the user\'s', async () => {
    const keyed = (variant: number, shiftFrom = Infinity) => {
      const b = resultBlock(20, variant);
      b.rows = b.rows.map((r, i) => ({ ...r, key: `S${i}`, row: r.row >= shiftFrom ? r.row + 1 : r.row }));
      return b;
    };
    await host.writeResultBlock(keyed(0));
    excel.userInsertRows('学生名册', 10);
    expect(excel.names()).toEqual({ ZSB_Result_1: '学生名册!$M$2:$W$23' });
    const report = await host.writeResultBlock(keyed(4, 10));
    expect(report).toMatchObject({ checked: 'cells', moved: [] });
    expect(excel.cell('学生名册', 'M10').value).toBe('');
    expect(excel.cell('学生名册', 'M11').value).toBe(Number(keyed(4)[`rows`][7]!.values[0]));
  });

  test('rejects rows at or above the header row', async () => {
    const bad = resultBlock(2);
    bad.rows[0]!.row = 2;
    await expect(host.writeResultBlock(bad)).rejects.toThrow(/不在表头行 2 之下/);
  });
});

describe('owned sheets', () => {
  test('are written print-ready', async () => {
    const names = await host.writeOwnedSheets([rankingModel(30)]);
    const name = names.get('附件5 平均成绩排名公示')!;
    expect(name).toBe('附件5 平均成绩排名公示');
    expect(excel.visibility(name)).toBe('Visible');
    expect(excel.cell(name, 'A1').value).toBe('柳州职业技术学院2021级各专业各科考试平均成绩排名公示');
    expect(excel.cell(name, 'A1').style).toMatchObject({ bold: true, fontSize: 16, horizontalAlignment: 'Center' });
    expect(excel.merges(name)).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2', 'A3:H3', 'A4:H4']));
    // first table: caption row 4, header row 5
    expect(excel.cell(name, 'B5')).toMatchObject({ value: '学号' });
    expect(excel.cell(name, 'B5').style).toMatchObject({ bold: true, borderEdgeTop: 'Continuous', borderEdgeBottom: 'Continuous' });
    expect(excel.cell(name, 'B6')).toMatchObject({ value: '021000000', numberFormat: '@' });
    expect(excel.cell(name, 'E6')).toMatchObject({ value: 60, numberFormat: '0.00', text: '60.00' });
    expect(excel.cell(name, 'C6').style.borderInsideHorizontal).toBe('Continuous');
    expect(excel.freeze(name)).toEqual({ rows: 5, columns: 0 });
    expect(excel.columnWidths(name).get(1)).toBe(77.25); // 14 characters
    expect(excel.pageLayout(name)).toMatchObject({ orientation: 'Portrait', paperSize: 'A4', centerFooter: '第 &P 页，共 &N 页' });
    expect(host.warnings).toEqual([]);
  });

  test('a single-table sheet repeats its header row on every page', async () => {
    const m = rankingModel(6);
    m.tables = [m.tables[0]!];
    await host.writeOwnedSheets([m]);
    expect(excel.pageLayout(m.name).printTitleRows).toBe('$5:$5');
  });

  test('a re-run replaces owned sheets: no duplicates, same content', async () => {
    await host.writeOwnedSheets([rankingModel(30)]);
    const first = workbookState(excel);
    const names = excel.sheetNames();
    await host.writeOwnedSheets([rankingModel(30)]);
    expect(excel.sheetNames()).toEqual(names);
    expect(workbookState(excel)).toBe(first);
  });

  test("a user's sheet with an owned name is kept; ours gets a distinct name, again on re-run", async () => {
    excel.userSet('附件5 平均成绩排名公示', 'A1', [['用户自己做的附件5']]);
    const userBefore = excel.fingerprint('附件5 平均成绩排名公示');
    const names = await host.writeOwnedSheets([rankingModel(12)]);
    expect(names.get('附件5 平均成绩排名公示')).toBe('附件5 平均成绩排名公示(2)');
    expect(excel.fingerprint('附件5 平均成绩排名公示')).toBe(userBefore);
    await host.writeOwnedSheets([rankingModel(12)]);
    expect(excel.sheetNames().filter((n) => n.startsWith('附件5'))).toEqual(['附件5 平均成绩排名公示', '附件5 平均成绩排名公示(2)']);
    expect(excel.fingerprint('附件5 平均成绩排名公示')).toBe(userBefore);
  });

  test('a long name that clashes is shortened to stay within 31 characters', async () => {
    const long = '附件5 平均成绩排名公示机电一体化技术专业二零二一级';
    expect(long.length).toBeLessThanOrEqual(31);
    excel.userSet(long, 'A1', [['x']]);
    const names = await host.writeOwnedSheets([rankingModel(3, long)]);
    const got = names.get(long)!;
    expect(got.length).toBeLessThanOrEqual(31);
    expect(got.endsWith('(2)')).toBe(true);
  });

  test('with ExcelApi 1.7 only: written without print settings and a Chinese warning', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(5)] }, { excelApi: '1.7' });
    const h = new OfficeWorkbookHost();
    await h.writeOwnedSheets([rankingModel(12)]);
    expect(excel.pageLayout('附件5 平均成绩排名公示')).toEqual({});
    expect(excel.freeze('附件5 平均成绩排名公示')).toEqual({ rows: 5, columns: 0 });
    expect(h.warnings[0]).toMatch(/ExcelApi 1\.9.*页面布局/);
  });

  test('print settings refused as invalid by this Excel: the sheets are still written, with a Chinese warning', async () => {
    await host.writeOwnedSheets([rankingModel(12)]);
    excel.resetStats();
    await host.writeOwnedSheets([rankingModel(12)]);
    const trips = excel.stats.roundTrips; // …, print settings, swap
    excel.failAtRoundTrip(trips - 1, 'InvalidArgument');
    const names = await host.writeOwnedSheets([rankingModel(12, '附件11 拟推荐名单公示')]);
    expect(excel.sheetNames()).toContain(names.get('附件11 拟推荐名单公示'));
    expect(excel.pageLayout('附件11 拟推荐名单公示')).toEqual({});
    expect(excel.cell('附件11 拟推荐名单公示', 'B6').value).toBe('021000000');
    expect(host.warnings.join('\n')).toMatch(/打印格式未能全部设置.*页面布局/);
  });

  test('a write request Excel refuses as too big is re-sent in halves, nothing lost', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(3000)] }, { maxRequestBytes: 100_000 });
    const h = new OfficeWorkbookHost({ requestBudget: 400_000 }); // expects more than this Excel allows
    await h.writeOwnedSheets([rankingModel(3000)]);
    const refused = excel.stats.requests.filter((r) => r.requestBytes > 100_000);
    expect(refused.length).toBeGreaterThan(0);
    const name = '附件5 平均成绩排名公示';
    const values = excel.values(name);
    const ids = values.map((r) => r[1]).filter((v) => typeof v === 'string' && /^0\d{8}$/.test(v));
    expect(new Set(ids).size).toBe(3000);
    expect(excel.sheetNames().some((n) => n.startsWith(TEMP_PREFIX))).toBe(false);
  });

  test('models with an invalid or duplicated name are refused before anything is written', async () => {
    const state = workbookState(excel);
    await expect(host.writeOwnedSheets([rankingModel(3, '附件5/公示')])).rejects.toThrow(/不允许的字符/);
    await expect(host.writeOwnedSheets([rankingModel(3), rankingModel(3)])).rejects.toThrow(/出现了两次/);
    expect(workbookState(excel)).toBe(state);
  });
});

describe('failure in the middle of a write', () => {
  /** Runs `write` with a failure at round trip k, for every k the write uses. */
  async function everyFailure(
    prepare: () => Promise<void>,
    write: () => Promise<unknown>,
    applied: 'none' | 'all',
  ): Promise<{ failures: number; outcomes: Set<string> }> {
    await prepare();
    const before = workbookState(excel);
    excel.resetStats();
    await write();
    const after = workbookState(excel);
    const trips = excel.stats.roundTrips;
    const outcomes = new Set<string>();
    let failures = 0;
    for (let k = 1; k <= trips; k++) {
      excel.uninstall();
      excel = installFakeOffice(globalThis, { sheets: [roster(40), { name: '说明', values: [['这是用户自己的工作表']] }] });
      host = new OfficeWorkbookHost({ requestBudget: 20_000 });
      await prepare();
      excel.failAtRoundTrip(k, 'InactiveWorkbook', applied);
      const err = await write().then(
        () => null,
        (e: unknown) => e,
      );
      if (err) {
        failures++;
        expect(err).toBeInstanceOf(OfficeHostError);
        expect((err as Error).message).toMatch(/工作簿当前不处于活动状态/);
      }
      const state = workbookState(excel);
      if (state !== before && state !== after) throw new Error(`round trip ${k} of ${trips} (${applied}) left a half-written workbook: ${excel.sheetNames().join(', ')}`);
      outcomes.add(state === before ? 'before' : 'after');
    }
    return { failures, outcomes };
  }

  test('owned sheets: the workbook is as before or the complete new run, never half', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(40), { name: '说明', values: [['这是用户自己的工作表']] }] });
    host = new OfficeWorkbookHost({ requestBudget: 20_000 });
    const prepare = async () => void (await host.writeOwnedSheets([rankingModel(40, '附件5 平均成绩排名公示')]));
    const write = () => host.writeOwnedSheets([rankingModel(40, '附件5 平均成绩排名公示'), { ...rankingModel(40, '附件10 申报名单公示'), title: '申报名单' }]);
    const none = await everyFailure(prepare, write, 'none');
    expect(none.failures).toBeGreaterThan(5);
    expect(none.outcomes).toEqual(new Set(['before']));
    const all = await everyFailure(prepare, write, 'all');
    expect(all.outcomes.has('after')).toBe(true);
  });

  test('result block: as before or complete', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(40), { name: '说明', values: [['这是用户自己的工作表']] }] });
    host = new OfficeWorkbookHost({ requestBudget: 20_000 });
    const block = resultBlock(40);
    block.rows = block.rows.map((r) => ({ ...r, row: r.row }));
    const prepare = async () => void (await host.writeResultBlock(resultBlock(40, 1)));
    const none = await everyFailure(prepare, () => host.writeResultBlock(block), 'none');
    expect(none.outcomes).toEqual(new Set(['before']));
  });

  test('temporary sheets left by a failed clean-up are removed by the next run', async () => {
    await host.writeOwnedSheets([rankingModel(10)]);
    excel.resetStats();
    await host.writeOwnedSheets([rankingModel(10)]);
    const trips = excel.stats.roundTrips; // the last one is the swap
    excel.failAtRoundTrip(trips, 'ConnectionFailure'); // the swap…
    excel.failAtRoundTrip(trips + 1, 'ConnectionFailure'); // …and the clean-up after it
    const err = await host.writeOwnedSheets([rankingModel(10)]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/连接中断.*临时工作表未能清除/);
    const temps = excel.sheetNames().filter((n) => n.startsWith(TEMP_PREFIX));
    expect(temps).toHaveLength(1);
    expect(excel.visibility(temps[0]!)).toBe('VeryHidden');
    expect((await host.listSheets()).some((s) => s.name.startsWith(TEMP_PREFIX))).toBe(false);
    await host.writeOwnedSheets([rankingModel(10)]);
    expect(excel.sheetNames().filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });
});

describe('settings', () => {
  test('are stored in the very hidden meta sheet and read back', async () => {
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ rankPercent: 60, quotaPercent: 30 });
    expect(await host.loadSettings()).toEqual({ rankPercent: 60, quotaPercent: 30 });
    expect(excel.visibility(META_SHEET)).toBe('VeryHidden');
    const meta = JSON.parse(String(excel.cell(META_SHEET, 'A1').value));
    expect(meta).toMatchObject({ format: 1, settings: { rankPercent: 60 } });
    await host.writeOwnedSheets([rankingModel(3)]);
    expect(await host.loadSettings()).toEqual({ rankPercent: 60, quotaPercent: 30 });
  });

  test('a damaged meta record is reported in Chinese with its cell, not replaced', async () => {
    await host.saveSettings({});
    expect(excel.visibility(META_SHEET)).toBe('VeryHidden');
    excel.userSet(META_SHEET, 'A1', [['{not json']]);
    await expect(host.loadSettings()).rejects.toMatchObject({ code: 'MetaDamaged', sheet: META_SHEET, cell: 'A1' });
    await expect(host.saveSettings({})).rejects.toThrow(/ZSB_META!A1.*不是有效的 JSON/);
    expect(excel.cell(META_SHEET, 'A1').value).toBe('{not json');
  });
});

test('selectCell activates the sheet and selects the cell', async () => {
  await host.selectCell('说明', 'B7');
  expect(excel.selection()).toEqual({ sheet: '说明', address: 'B7' });
});

describe('a sheet of the user named ZSB_META (issue 14: the meta sheet is recognised by what it holds)', () => {
  let userSheet: string;
  beforeEach(() => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, {
      sheets: [roster(5), { name: META_SHEET, values: [['学号', '奖项'], ['021000001', '省级一等奖']] }],
    });
    host = new OfficeWorkbookHost();
    userSheet = excel.fingerprint(META_SHEET);
  });

  test('is listed and read as an input; the tool meta goes to ZSB_META(2), very hidden; the sheet of the user is untouched', async () => {
    expect((await host.listSheets()).map((s) => s.name)).toEqual(['学生名册', META_SHEET]);
    expect((await host.readSheet(META_SHEET)).rows[1]).toEqual(['021000001', '省级一等奖']);
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ quotaPercent: 30 });
    expect(excel.visibility(`${META_SHEET}(2)`)).toBe('VeryHidden');
    expect(JSON.parse(String(excel.cell(`${META_SHEET}(2)`, 'A1').value))).toMatchObject({ settings: { quotaPercent: 30 } });
    expect(await host.loadSettings()).toEqual({ quotaPercent: 30 });
    await host.writeResultBlock({ ...resultBlock(5), headerRow: 2 });
    await host.writeOwnedSheets([rankingModel(3)]);
    expect((await host.listSheets()).map((s) => s.name)).toEqual(expect.arrayContaining(['学生名册', META_SHEET]));
    expect((await host.listSheets()).map((s) => s.name)).not.toContain(`${META_SHEET}(2)`);
    expect(excel.visibility(META_SHEET)).toBe('Visible');
    expect(excel.fingerprint(META_SHEET)).toBe(userSheet);
    expect(await host.loadSettings()).toEqual({ quotaPercent: 30 });
  });

  test('a very hidden ZSB_META whose A1 is no JSON (made by a macro of the user) is not the meta sheet either', async () => {
    excel.uninstall();
    excel = installFakeOffice(globalThis, { sheets: [roster(5), { name: META_SHEET, visibility: 'VeryHidden', values: [[20240325]] }] });
    host = new OfficeWorkbookHost();
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ quotaPercent: 25 });
    expect(excel.cell(META_SHEET, 'A1').value).toBe(20240325);
    expect(await host.loadSettings()).toEqual({ quotaPercent: 25 });
    expect(excel.visibility(`${META_SHEET}(2)`)).toBe('VeryHidden');
  });
});

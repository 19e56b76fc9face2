/**
 * 变更对比 (issue 18 point 7): the sample run, then the same inputs after a grade correction. The expected
 * changes are worked out by hand from the sample's cells; the snapshot sheet is written with ExcelJS and read
 * back, as the next run reads it from the workbook.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { defaultConfig } from '../../src/engine/config';
import { writeSheetModel } from '../../src/hosts/xlsx/sheetModelWriter';
import { loadXlsxFile, worksheetToTable, workbookToTables } from '../../src/hosts/xlsx/read';
import { analyse } from '../../src/pipeline';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { readSnapshot, SNAPSHOT_SHEET } from '../../src/sheets/attachments/changeReport';
import { SheetNamer } from '../../src/sheets/attachments/common';
import { changeText, diffRuns, snapshotOf, type RunSnapshot } from '../../src/sheets/runDiff';
import type { RawTable } from '../../src/sheets/table';

const config = defaultConfig();
let tables: RawTable[];
beforeAll(async () => {
  tables = workbookToTables(await loadXlsxFile(path.join(__dirname, '../../assets/sample/示例学校-2024专升本.xlsx')), '示例学校-2024专升本.xlsx');
});

function setCell(t: RawTable[], sheet: string, address: string, value: number): RawTable[] {
  return t.map((x) => {
    if (x.sheet !== sheet) return x;
    const [, col, row] = /^([A-Z]+)([0-9]+)$/.exec(address)!;
    const c = [...col!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - x.originCol;
    const r = Number(row) - x.originRow;
    return { ...x, rows: x.rows.map((cells, i) => (i === r ? cells.map((v, j) => (j === c ? value : v)) : cells)), text: undefined };
  });
}

function run(t: RawTable[], at: string): RunSnapshot {
  const a = analyse(t, config);
  return snapshotOf(a.output!.result, config, at);
}

describe('diffRuns', () => {
  it('the same inputs: nobody changed', () => {
    expect(diffRuns(run(tables, 'a'), run(tables, 'b'))).toEqual([]);
  });

  it('a corrected 补考 score: the student, and whoever it moves in the group, with causes', () => {
    const before = run(tables, '2024-03-18 14:05（北京时间）');
    // 0521310022 赵婧: 财务会计 补考 J3385 52 → 61. cap60 ⇒ the course counts 60 and is passed.
    // By hand: the sum 1029 becomes 1029 − 52 + 60 = 1037; 1037 / 14 = 74.0714… ⇒ 74.07.
    const after = run(setCell(tables, '成绩', 'J3385', 61), '2024-03-19 09:00（北京时间）');
    const changes = diffRuns(before, after);
    const zhao = changes.find((c) => c.studentId === '0521310022')!;
    expect(zhao.kind).toBe('changed');
    expect(zhao.changes.find((f) => f.field === '平均成绩')).toEqual({ field: '平均成绩', before: '73.50', after: '74.07' });
    expect(zhao.why[0]).toBe('本人的成绩或计入平均分的课程有变化');
    // The failed course is gone from the reasons (60 passes); whether NOT_TOP60 stays depends on the new rank.
    expect(zhao.why[1]).toMatch(/^资格原因：有不及格课程：财务会计；成绩排名未在前60% → (成绩排名未在前60%|无)$/u);
    expect(changeText(zhao)).toContain('平均成绩 73.50 → 74.07');
    // Every other change is in the same group (2021级 大数据与会计), caused by 赵婧 moving up: same average, new rank.
    for (const c of changes.filter((x) => x.studentId !== '0521310022')) {
      expect(c.group).toBe('2021级 大数据与会计');
      expect(c.changes.some((f) => f.field === '平均成绩')).toBe(false);
    }
  });

  it('students added to and removed from the roster', () => {
    const row = (id: string) => ({ studentId: id, name: id, group: 'g', average: '80.00', rank: 1, groupSize: 1, eligible: true, status: '符合条件', substituteOrder: null, allocation: null, reasons: '' });
    const d = diffRuns({ at: null, rows: [row('1'), row('2')] }, { at: null, rows: [row('2'), row('3')] });
    expect(d.map((c) => [c.studentId, c.kind])).toEqual([
      ['3', 'added'],
      ['1', 'removed'],
    ]);
  });

  it('rank moved only by others, and a status moved by the quota, name their causes', () => {
    const base = { studentId: 'x', name: '甲', group: 'g', average: '80.00', rank: 5, groupSize: 20, eligible: true, status: '推荐（占指标）', substituteOrder: null, allocation: 'A大学/B专业', reasons: '' };
    const [c] = diffRuns({ at: null, rows: [base] }, { at: null, rows: [{ ...base, rank: 6, status: '递补候选', substituteOrder: 1, allocation: null }] });
    expect(changeText(c!)).toBe('排名 5/20 → 6/20；推荐结果 推荐（占指标） → 递补候选；递补顺序 — → 1；录取 A大学/B专业 → —');
    expect(c!.why).toEqual(['本人平均成绩未变，同组其他学生的平均成绩有变化']);
  });
});

describe('结果快照 and 结果变更说明 sheets', () => {
  it('the snapshot written to an .xlsx reads back equal; a previous snapshot gives the change sheet', async () => {
    const a = analyse(tables, config);
    const sheets = buildAllAttachments(a.output!, config, { inputFingerprint: 'f', generatedAt: '2024-03-18T06:05:00Z', sources: [], issues: a.issues });
    const model = sheets.find((s) => s.name === SNAPSHOT_SHEET)!;
    expect(model.publicity).toBe(false);
    const wb = new ExcelJS.Workbook();
    writeSheetModel(wb.addWorksheet(model.name), model);
    const back = await new ExcelJS.Workbook().xlsx.load(await wb.xlsx.writeBuffer());
    const read = readSnapshot(worksheetToTable(back.getWorksheet(SNAPSHOT_SHEET)!))!;
    const expected = snapshotOf(a.output!.result, config, '2024-03-18 14:05（北京时间）');
    expect(read).toEqual(expected);
    expect(read.rows).toHaveLength(255);

    const b = analyse(setCell(tables, '成绩', 'J3385', 61), config);
    const next = buildAllAttachments(b.output!, config, { inputFingerprint: 'g', generatedAt: '2024-03-19T01:00:00Z', sources: [], issues: b.issues, previous: read });
    const report = next.find((s) => s.name === '结果变更说明')!;
    expect(report.subtitles[0]).toContain('本次计算（2024-03-19 09:00（北京时间））与上次结果（2024-03-18 14:05（北京时间））对比');
    const rows = report.tables[0]!.rows;
    expect(rows.find((r) => r[1] === '0521310022')?.[5]).toContain('平均成绩 73.50 → 74.07');
  });

  it('a sheet that is not a snapshot is not read as one', () => {
    const t: RawTable = { sheet: SNAPSHOT_SHEET, originRow: 1, originCol: 1, rows: [['随便写的'], ['学号', '姓名']] };
    expect(readSnapshot(t)).toBeNull();
    expect(new SheetNamer().name(SNAPSHOT_SHEET)).toBe(SNAPSHOT_SHEET);
  });
});

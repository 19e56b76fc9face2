import { defaultConfig } from '../../src/engine/config';
import { analyse, resultJson } from '../../src/pipeline';
import { buildResultBlocks, RESULT_HEADERS, remarksOf } from '../../src/sheets/resultColumns';
import type { StudentResult } from '../../src/engine/result';
import { table } from './helpers';

const config = defaultConfig();

/** Two rosters (one per college) and grades: 5 students in one group, average = their score. */
function inputs(badScore = false) {
  const r1 = table('机电学院', [
    ['机电学院名册', null, null, null, null],
    ['学号', '姓名', '专业', '年级', '报名状态'],
    ['01', '甲', '机电', 2021, '已报名'],
    ['02', '乙', '机电', 2021, '已报名'],
    ['03', '丙', '机电', 2021, '放弃'],
  ]);
  const r2 = table('汽车学院', [
    ['学号', '姓名', '专业', '年级', '报名状态'],
    ['04', '丁', '机电', 2021, '已报名'],
    ['05', '戊', '机电', 2021, ''],
  ]);
  const scores: Record<string, number | string> = { '01': 90, '02': 80, '03': 70, '04': 60, '05': badScore ? '好' : 50 };
  const g = table('成绩', [['学号', '课程名称', '成绩', '学期'], ...Object.entries(scores).map(([id, s]) => [id, '高数', s, 1])]);
  return [r1, g, r2];
}

describe('pipeline', () => {
  test('parse + engine: combined issues sorted; canWrite when no error', () => {
    const a = analyse(inputs(), config);
    expect(a.output).not.toBeNull();
    expect(a.canWrite).toBe(true);
    // the engine's issue (no 教学计划 ⇒ inferred plan) is merged with the parser's
    expect(a.issues.filter((i) => i.code === 'PLAN_INFERRED')).toHaveLength(1);
    expect(a.output?.result.issues).toEqual(a.issues);
    const sev = a.issues.map((i) => i.severity);
    expect([...sev].sort((x, y) => ['error', 'warning', 'info'].indexOf(x) - ['error', 'warning', 'info'].indexOf(y))).toEqual(sev);
    expect(a.output?.result.students.map((s) => [s.studentId, s.rank])).toEqual([
      ['01', 1],
      ['02', 2],
      ['03', 3],
      ['04', 4],
      ['05', 5],
    ]);
  });

  test('a parse error still runs the engine (JSON shows results) but forbids writing', () => {
    const a = analyse(inputs(true), config);
    expect(a.canWrite).toBe(false);
    expect(a.output?.result.students).toHaveLength(5);
    expect(a.issues[0]).toMatchObject({ severity: 'error', code: 'BAD_SCORE', sheet: '成绩', cell: 'C6' });
    expect(resultJson(a, config).issues).toEqual(a.issues);
  });

  test('no roster ⇒ no output, an empty §3.3 result holding the issues', () => {
    const a = analyse([inputs()[1]!], config);
    expect(a.output).toBeNull();
    expect(a.canWrite).toBe(false);
    const r = resultJson(a, config);
    expect(r).toMatchObject({ version: 1, groups: [], students: [] });
    expect(r.issues.map((i) => i.code)).toContain('NO_ROSTER');
  });

  test('row order of the inputs never changes a result', () => {
    const a = analyse(inputs(), config).output?.result.students;
    // data rows reversed under each header (the first roster has a title row above its header)
    const shuffled = inputs().map((t, i) => {
      const head = i === 0 ? 2 : 1;
      return { ...t, rows: [...t.rows.slice(0, head), ...t.rows.slice(head).reverse()] };
    });
    expect(analyse(shuffled, config).output?.result.students).toEqual(a);
  });
});

describe('SPEC §3.1 result columns', () => {
  test('one block per roster sheet at its header row, rows are the students’ own rows, values in Chinese', () => {
    const a = analyse(inputs(), config);
    const blocks = buildResultBlocks(a.output!, a.parsed.sheets);
    expect(blocks.map((b) => [b.sheet, b.headerRow, b.rows.map((r) => r.row)])).toEqual([
      ['机电学院', 2, [3, 4, 5]],
      ['汽车学院', 1, [2, 3]],
    ]);
    expect(blocks[0]?.headers).toEqual([...RESULT_HEADERS]);
    expect(blocks[0]?.numberFormats).toEqual({ 平均成绩: '0.00' });
    const s01 = a.output!.result.students.find((s) => s.studentId === '01')!;
    const row = blocks[0]!.rows[0]!.values;
    expect(row.slice(0, 8)).toEqual([90, s01.countedCourses, 1, 5, '是', s01.eligible ? '是' : '否', expect.any(String), s01.substituteOrder]);
    const s05 = blocks[1]!.rows[1]!.values;
    // 50 分, rank 5 of 5: not top 60 %, failed
    expect(s05[4]).toBe('否');
    expect(s05[5]).toBe('否');
    expect(s05[6]).toBe('不符合条件');
    expect(String(s05[8])).toContain('成绩排名未在前60%');
    expect(String(s05[8])).toContain('有不及格课程：高数');
  });

  test('原因/备注 lists every reason with course names, and explains special statuses', () => {
    const base: StudentResult = {
      studentId: '1', name: 'a', group: 'g', average: '70.00', countedCourses: 3, missingCourses: ['英语'], failedCourses: ['高数', '物理'],
      rank: 3, groupSize: 5, top60: true, eligible: false, direct: false, priority: true, veteran: false, status: 'ineligible',
      reasons: ['MISSING_COURSE', 'FAILED_COURSE'], substituteOrder: null, filledVacancy: false, allocation: null, allocationPending: false,
    };
    expect(remarksOf(base)).toBe('有未修课程：英语；有不及格课程：高数、物理；同等条件优先');
    expect(remarksOf({ ...base, reasons: [], status: 'tie_pending', priority: false })).toContain('待领导小组裁定');
    expect(remarksOf({ ...base, reasons: [], priority: false, filledVacancy: true, status: 'recommended_quota' })).toBe('递补');
  });
});

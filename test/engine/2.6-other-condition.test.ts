/**
 * SPEC §2.6 / §1.1 (issue 13 point 4): OTHER_CONDITION from 其他不符合条件 / 资格审查意见 (non-empty and not
 * negative) for everyone; no DIRECTED reason for 退役士兵 (细则 一(一)'s 定向 exclusion is for 应届生);
 * 入学年级 read as 年级 only when no 年级 column exists.
 */
import { runEngine } from '../../src/engine/index';
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { table } from '../sheets/helpers';
import { groupWithScores } from './builders';

const cfg = defaultConfig();

describe('OTHER_CONDITION', () => {
  test('a condition text excludes the student (应届生 and 退役士兵), with the text in the notes', () => {
    // 5 students 90..50: ranks 1..5, top60 = ranks 1..3 (3 × 100 ≤ 60 × 5).
    const inp = groupWithScores([90, 80, 70, 60, 50], (i) =>
      i === 0 ? { otherCondition: '已被本科录取' } : i === 1 ? { veteran: true, otherCondition: '服役期间受部队处分' } : {},
    );
    const out = runEngine(inp, cfg);
    const by = new Map(out.result.students.map((s) => [s.studentId, s]));
    expect(by.get('s001')!.reasons).toEqual(['OTHER_CONDITION']);
    expect(by.get('s002')!.reasons).toEqual(['OTHER_CONDITION']);
    expect(by.get('s003')!.reasons).toEqual([]);
    expect(out.students.get('s001')!.notes).toContain('资格审查意见：已被本科录取');
    // Not a veteran-course warning.
    expect(out.result.issues.filter((i) => i.code === 'VETERAN_COURSES')).toEqual([]);
  });

  test('read from the roster: 无 / 符合条件 / - / blank are no condition; any other text is', () => {
    const roster = table('名册', [
      ['学号', '姓名', '专业', '年级', '资格审查意见'],
      ['01', '甲', '机电', 2021, '无'],
      ['02', '乙', '机电', 2021, '符合条件'],
      ['03', '丙', '机电', 2021, '-'],
      ['04', '丁', '机电', 2021, null],
      ['05', '戊', '机电', 2021, '2022年以来已被综合考查录取'],
    ]);
    const grades = table('成绩', [['学号', '课程名称', '成绩'], ...['01', '02', '03', '04', '05'].map((id) => [id, '高数', 90])]);
    const a = analyse([roster, grades], cfg);
    expect(a.output!.result.students.map((s) => [s.studentId, s.reasons])).toEqual([
      ['01', []],
      ['02', []],
      ['03', []],
      ['04', []],
      ['05', ['OTHER_CONDITION']],
    ]);
  });
});

describe('DIRECTED is for 应届生 only', () => {
  test('a 定向 退役士兵 has no DIRECTED reason; a 定向 应届生 has', () => {
    const inp = groupWithScores([90, 80, 70, 60, 50], (i) => (i === 0 ? { trainingType: 'directed', veteran: true } : i === 1 ? { trainingType: 'directed' } : {}));
    const by = new Map(runEngine(inp, cfg).result.students.map((s) => [s.studentId, s]));
    expect(by.get('s001')!.reasons).toEqual([]);
    expect(by.get('s002')!.reasons).toEqual(['DIRECTED']);
  });
});

describe('年级 vs 入学年级 (SPEC §1.1)', () => {
  const grades = table('成绩', [['学号', '课程名称', '成绩'], ['01', '高数', 90], ['02', '高数', 80]]);
  test('both columns: 年级 is the cohort (a 复学 student ranked with 2021), whatever the column order; 入学年级 said unused', () => {
    const roster = table('名册', [
      ['学号', '姓名', '专业', '入学年级', '年级'],
      ['01', '甲', '机电', 2020, 2021],
      ['02', '乙', '机电', 2021, 2021],
    ]);
    const a = analyse([roster, grades], cfg);
    expect(a.output!.result.students.map((s) => s.group)).toEqual(['2021|机电|普通', '2021|机电|普通']);
    expect(a.issues.filter((i) => i.code === 'DUPLICATE_COLUMN')).toEqual([]);
    expect(a.issues.find((i) => i.code === 'FALLBACK_COLUMN_UNUSED')).toMatchObject({ severity: 'info', cell: 'D1' });
  });
  test('only 入学年级: it is read as 年级', () => {
    const roster = table('名册', [['学号', '姓名', '专业', '入学年级'], ['01', '甲', '机电', 2020], ['02', '乙', '机电', 2021]]);
    const a = analyse([roster, grades], cfg);
    expect(a.output!.result.students.map((s) => s.group)).toEqual(['2020|机电|普通', '2021|机电|普通']);
  });
});

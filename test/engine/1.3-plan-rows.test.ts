/**
 * SPEC §1.3: 教学计划 rows per 培养类型 / 排名组 (a row with them applies only to that track / 排名组; rows without
 * apply to every group of the 专业), and a course without 课程代码 identified by (课程名称, 学期).
 */
import { runEngine } from '../../src/engine/index';
import { defaultConfig } from '../../src/engine/config';
import { analyse } from '../../src/pipeline';
import { table } from '../sheets/helpers';
import { attempt, input, planCourse, student } from './builders';

const cfg = defaultConfig();

describe('(课程名称, 学期) identity of a course without a code', () => {
  // Issue 13 reproduction. Plan: 大学英语 term 1, 大学英语 term 2, 高等数学 term 1, no codes.
  // Grades: 大学英语 t1 60, 大学英语 t2 80, 高等数学 60 ⇒ (60 + 80 + 60) / 3 = 200 / 3 = 66.67.
  // Read as one course, the two 正考 of 大学英语 were a "duplicate" and gave (80 + 60) / 2 = 70.00.
  const plan = [planCourse('大学英语', { term: 1 }), planCourse('大学英语', { term: 2 }), planCourse('高等数学', { term: 1 })];
  const s = student('a1');

  test('大学英语 in term 1 and term 2 are two courses; each grade row matches by its own term: 66.67', () => {
    const attempts = [attempt('a1', '大学英语', 80, { term: 2 }), attempt('a1', '高等数学', 60, { term: 1 }), attempt('a1', '大学英语', 60, { term: 1 })];
    const out = runEngine(input({ students: [s], attempts, plan }), cfg);
    const r = out.result.students[0]!;
    expect(r.average).toBe('66.67');
    expect(r.countedCourses).toBe(3);
    expect(out.result.issues.filter((i) => /重复|DUPLICATE/u.test(i.code))).toEqual([]);
    // The two courses are told apart wherever they are named.
    expect(out.groups.get(r.group)!.courses.map((c) => c.courseName)).toEqual(['大学英语（第1学期）', '高等数学', '大学英语（第2学期）']);
  });

  test('only the term-2 grade exists: the term-1 course is missing (0) and named with its term', () => {
    const attempts = [attempt('a1', '大学英语', 80, { term: 2 }), attempt('a1', '高等数学', 60, { term: 1 })];
    const r = runEngine(input({ students: [s], attempts, plan }), cfg).result.students[0]!;
    // (0 + 80 + 60) / 3 = 46.67
    expect(r.average).toBe('46.67');
    expect(r.missingCourses).toEqual(['大学英语（第1学期）']);
  });

  test('the same through the sheets, with academic terms as text and rows shuffled', () => {
    const roster = table('名册', [['学号', '姓名', '专业', '年级'], ['a1', '甲', '机电', 2021]]);
    const grades = table('成绩', [
      ['学号', '课程名称', '成绩', '学期'],
      ['a1', '高等数学', '60', '2021-2022-1'],
      ['a1', '大学英语', '80', '2021-2022-2'],
      ['a1', '大学英语', '60', '2021-2022-1'],
    ]);
    const planSheet = table('教学计划', [['专业', '课程名称', '学期'], ['机电', '大学英语', 2], ['机电', '高等数学', 1], ['机电', '大学英语', 1]]);
    expect(analyse([roster, grades, planSheet], cfg).output!.result.students[0]!.average).toBe('66.67');
  });
});

describe('plan rows per 培养类型 / 排名组', () => {
  // 机电 2021: 普通 students p1, 扩招 student k1, 天工班 student t1. Plan: 课程A for all; 课程B only 扩招;
  // 课程C only 天工班. Each student scored 90 in A and has nothing else.
  const students = [student('p1'), student('k1', { trainingType: 'expanded' }), student('t1', { rankingGroup: '天工班' })];
  const attempts = students.map((s) => attempt(s.studentId, '课程A', 90));
  const plan = [planCourse('课程A'), planCourse('课程B', { track: '扩招' }), planCourse('课程C', { rankingGroup: '天工班' })];

  test('a row with 培养类型 / 排名组 applies only there; a row without applies to every group', () => {
    const out = runEngine(input({ students, attempts, plan }), cfg);
    const by = new Map(out.result.students.map((r) => [r.studentId, r]));
    // p1: only 课程A ⇒ 90.00. k1: A + B (missing 0) ⇒ 45.00. t1: A + C (missing 0) ⇒ 45.00.
    expect([by.get('p1')!.average, by.get('p1')!.missingCourses]).toEqual(['90.00', []]);
    expect([by.get('k1')!.average, by.get('k1')!.missingCourses]).toEqual(['45.00', ['课程B']]);
    expect([by.get('t1')!.average, by.get('t1')!.missingCourses]).toEqual(['45.00', ['课程C']]);
  });

  test('the sheet columns 培养类型 and 排名组 of the 教学计划 are read', () => {
    const roster = table('名册', [
      ['学号', '姓名', '专业', '年级', '培养类型', '排名组'],
      ['p1', '甲', '机电', 2021, '普通', null],
      ['k1', '乙', '机电', 2021, '扩招', null],
      ['t1', '丙', '机电', 2021, null, '天工班'],
    ]);
    const grades = table('成绩', [['学号', '课程名称', '成绩', '学期'], ['p1', '课程A', 90, 1], ['k1', '课程A', 90, 1], ['t1', '课程A', 90, 1]]);
    const planSheet = table('教学计划', [
      ['专业', '培养类型', '排名组', '课程名称', '学期'],
      ['机电', null, null, '课程A', 1],
      ['机电', '扩招', null, '课程B', 1],
      ['机电', null, '天工班', '课程C', 1],
    ]);
    const a = analyse([roster, grades, planSheet], cfg);
    expect(a.output!.result.students.map((r) => [r.studentId, r.average])).toEqual([
      ['k1', '45.00'],
      ['p1', '90.00'],
      ['t1', '45.00'],
    ]);
  });
});

/**
 * What the join of grade rows to the plan courses P reports per group (src/engine/plan.ts):
 * PLAN_COURSE_UNTAKEN (a plan course nobody of the group has a grade row for), OUTSIDE_PLAN (SPEC §2.4:
 * rows outside P are ignored, info), and the group's P as the 附件 sheets show it (planDetails).
 */
import { buildGroups } from '../../src/engine/groups';
import { makePlan, outsidePlanIssue, planDetails, untakenCourses, type PlannedCourse } from '../../src/engine/plan';
import { attempt, student } from './builders';

const group = buildGroups([student('2'), student('1', { source: { sheet: '学生名册', row: 2 } })])[0];
const courseA: PlannedCourse = { courseKey: 'code:K1', courseName: '课程A', courseCode: 'K1', term: 1, source: { sheet: '教学计划', row: 4, column: 'C' } };
const courseB: PlannedCourse = { courseKey: 'name:课程B', courseName: '课程B', term: 2, source: { sheet: '教学计划', row: 5 } };
const plan = makePlan([courseA, courseB], false);

describe('untakenCourses (PLAN_COURSE_UNTAKEN)', () => {
  it('one warning per plan course without any grade row in the group, at the plan cell', () => {
    const issues = untakenCourses(group, plan, Uint8Array.from([1, 0]), 3);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', code: 'PLAN_COURSE_UNTAKEN', sheet: '教学计划', row: 5 });
    expect(issues[0].message).toContain('教学计划 第5行：教学计划课程“课程B”在2021级 机电一体化技术中没有任何学生有成绩（该组 2 人都缺这门课');
  });
  it('nothing for an inferred P, nor for a group without any grade row', () => {
    expect(untakenCourses(group, makePlan([courseA, courseB], true), Uint8Array.from([0, 0]), 3)).toEqual([]);
    expect(untakenCourses(group, plan, Uint8Array.from([0, 0]), 0)).toEqual([]);
  });
});

describe('outsidePlanIssue (OUTSIDE_PLAN)', () => {
  it('null when every row is in P', () => {
    expect(outsidePlanIssue(group, [])).toBeNull();
  });
  it('counts the rows, names up to five courses in code-unit order, at the first member', () => {
    // 7 rows of 6 distinct courses (庚 twice; one row without a name is named by its code 甲X).
    const names = ['庚', '乙', '丙', '丁', '戊', '庚'];
    const rows = [...names.map((n) => attempt('1', n, 80)), attempt('2', '', 80, { courseName: undefined, courseCode: '甲X' })];
    const i = outsidePlanIssue(group, rows);
    // Code-unit order: 丁 U+4E01, 丙 U+4E19, 乙 U+4E59, 庚 U+5E9A, 戊 U+620A, 甲X U+7532.
    expect(i).toMatchObject({ severity: 'info', code: 'OUTSIDE_PLAN', sheet: '学生名册', row: 2 });
    expect(i?.message).toBe('2021级 机电一体化技术：7 条成绩不属于计入平均分的教学计划课程（丁、丙、乙、庚、戊 等 6 门），已忽略');
  });
});

describe('planDetails', () => {
  it('the courses of P in order, with 课程代码 only when the course has one', () => {
    expect(planDetails(group, plan)).toEqual({
      key: '2021|机电一体化技术|普通',
      courses: [
        { courseKey: 'code:K1', courseName: '课程A', courseCode: 'K1', term: 1 },
        { courseKey: 'name:课程B', courseName: '课程B', term: 2 },
      ],
      planInferred: false,
    });
  });
});

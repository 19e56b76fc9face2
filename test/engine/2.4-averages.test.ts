/** SPEC §2.4 (and §1.3): counted courses, missing courses, the exact average; plan given or inferred. */
import { computeAverage } from '../../src/engine/averages';
import { buildGroups } from '../../src/engine/groups';
import { runEngine } from '../../src/engine/index';
import type { Attempt, PlanCourse, Student } from '../../src/engine/model';
import { buildGroupPlan } from '../../src/engine/plan';
import { attempt, config, input, planCourse, student } from './builders';

const cfg = config();

function averageOf(s: Student, plan: PlanCourse[] | null, attempts: Attempt[], others: Student[] = [], c = cfg) {
  const [group] = buildGroups([s, ...others]).filter((g) => g.members.includes(s));
  const { plan: p } = buildGroupPlan(group, plan, attempts, c);
  return computeAverage(s, p, attempts.filter((a) => a.studentId === s.studentId), c);
}

const plan3 = () => [planCourse('高等数学'), planCourse('大学英语', { term: 2 }), planCourse('机械制图', { term: 3 })];

describe('§2.4 students without 学籍异动', () => {
  it('counted = P; a plan course without an attempt counts as 0 and is missing', () => {
    const s = student('1');
    const r = averageOf(s, plan3(), [attempt('1', '高等数学', 90), attempt('1', '大学英语', 81, { term: 2 })]);
    expect(r.countedCourses).toBe(3);
    expect(r.missingCourses).toEqual(['机械制图']);
    expect(r.exact).toEqual({ num: 17100, den: 3 });
    expect(r.display).toBe('57.00');
    expect(r.courses.map((c) => c.source)).toEqual(['first', 'first', 'missing']);
  });
  it('failed courses are listed and still counted', () => {
    const r = averageOf(student('1'), plan3(), [
      attempt('1', '高等数学', 50),
      attempt('1', '大学英语', 70),
      attempt('1', '机械制图', 70),
    ]);
    expect(r.failedCourses).toEqual(['高等数学']);
    expect(r.display).toBe('63.33');
  });
  it('a course whose only row is a 补考/重修 or a 缓考 counts by §2.3 like any other (not as a plain first sitting)', () => {
    const rows = [
      attempt('1', '高等数学', 85, { kind: 'makeup' }),
      attempt('1', '大学英语', 55, { kind: 'retake', term: 2 }),
      attempt('1', '机械制图', 75, { kind: 'deferred', term: 3 }),
    ];
    const r = averageOf(student('1'), plan3(), rows);
    // cap60: a passing later attempt counts as the pass mark; a failing one as its score.
    expect(r.courses.toArray().map((c) => [c.hundredths, c.source, c.passed, c.laterKind])).toEqual([
      [6000, 'later', true, 'makeup'],
      [5500, 'later', false, 'retake'],
      [7500, 'first', true, undefined],
    ]);
    expect(r.failedCourses).toEqual(['大学英语']);
    expect(averageOf(student('1'), plan3(), rows, [], config({ attemptPolicy: 'best' })).courses.at(0)?.hundredths).toBe(8500);
  });
  it('a score exactly at the pass mark passes', () => {
    const r = averageOf(student('1'), plan3(), [attempt('1', '高等数学', 60), attempt('1', '大学英语', 59.99, { term: 2 }), attempt('1', '机械制图', 100, { term: 3 })]);
    expect(r.courses.toArray().map((c) => c.passed)).toEqual([true, false, true]);
    expect(r.failedCourses).toEqual(['大学英语']);
  });
  it('an exempt course is removed from counted', () => {
    const r = averageOf(student('1'), plan3(), [
      attempt('1', '高等数学', { kind: 'exempt' }),
      attempt('1', '大学英语', 80),
      attempt('1', '机械制图', 90),
    ]);
    expect(r.countedCourses).toBe(2);
    expect(r.display).toBe('85.00');
    expect(r.courses.at(0)).toMatchObject({ source: 'exempt', counted: false, hundredths: null });
  });
  it('a 缓考 without a score counts as 0 (missing) with a warning at the grade row', () => {
    const pend = attempt('1', '高等数学', { kind: 'pending' }, { kind: 'deferred' });
    const r = averageOf(student('1'), [planCourse('高等数学'), planCourse('大学英语')], [pend, attempt('1', '大学英语', 80)]);
    expect(r.display).toBe('40.00');
    expect(r.missingCourses).toEqual(['高等数学']);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'PENDING_SCORE', row: pend.source.row })]);
  });
});

describe('§2.4 students with 学籍异动', () => {
  it('counted = the plan courses with a valid attempt; missing ones neither count nor are a reason', () => {
    const s = student('1', { statusChange: true });
    const r = averageOf(s, plan3(), [attempt('1', '高等数学', 90), attempt('1', '大学英语', 81)]);
    expect(r.countedCourses).toBe(2);
    expect(r.missingCourses).toEqual([]);
    expect(r.display).toBe('85.50');
    expect(r.courses.at(2)).toMatchObject({ source: 'not_taken', counted: false });
  });
  it('an attempt after the cutoff is not a valid attempt', () => {
    const s = student('1', { statusChange: true });
    const r = averageOf(s, plan3(), [attempt('1', '高等数学', 90), attempt('1', '大学英语', 60, { date: '2024-03-19' })]);
    expect(r.countedCourses).toBe(1);
    expect(r.display).toBe('90.00');
  });
  it('late grades of a 异动 student are reported once (info at the roster row)', () => {
    const s = student('1', { statusChange: true });
    const r = averageOf(s, plan3(), [attempt('1', '高等数学', 90), attempt('1', '大学英语', 60, { date: '2024-03-19' }), attempt('1', '机械制图', 60, { date: '2024-04-01' })]);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'AFTER_CUTOFF', row: s.source.row })]);
    expect(r.issues[0].message).toContain('大学英语、机械制图');
    expect(averageOf(student('2'), plan3(), [attempt('2', '大学英语', 60, { date: '2024-03-19' })]).issues).toEqual([]);
  });
  it('nothing counted ⇒ no average', () => {
    const r = averageOf(student('1', { statusChange: true }), plan3(), []);
    expect(r.exact).toBeNull();
    expect(r.display).toBeNull();
  });
});

describe('§2.4 plan courses P', () => {
  it('only countedTerms and 计入平均分 courses of the 专业 and cohort count; others are outside P', () => {
    const plan = [
      planCourse('高等数学'),
      planCourse('顶岗实习', { term: 6 }),
      planCourse('劳动教育', { counted: false }),
      planCourse('汽车构造', { major: '汽车检测与维修技术' }),
      planCourse('旧课程', { cohort: 2020 }),
      planCourse('新课程', { cohort: 2021, term: 2 }),
    ];
    const r = averageOf(student('1'), plan, [attempt('1', '高等数学', 80), attempt('1', '顶岗实习', 95, { term: 6 }), attempt('1', '劳动教育', 95)]);
    expect(r.courses.map((c) => c.courseName)).toEqual(['高等数学', '新课程']);
    expect(r.outsidePlan.map((a) => a.courseName)).toEqual(['顶岗实习', '劳动教育']);
    expect(r.display).toBe('40.00');
  });
  it('a counted plan row without 学期 is left out with a warning at that row', () => {
    const row = planCourse('无学期课程', { term: null });
    const [group] = buildGroups([student('1')]);
    const { plan, issues } = buildGroupPlan(group, [planCourse('高等数学'), row], [], cfg);
    expect(plan.courses.map((c) => c.courseName)).toEqual(['高等数学']);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'PLAN_NO_TERM', row: row.source.row })]);
  });
  it('a cohort-specific row wins over an all-cohort row of the same course', () => {
    const [group] = buildGroups([student('1')]);
    const { plan } = buildGroupPlan(group, [planCourse('高等数学', { term: 1 }), planCourse('高等数学', { cohort: 2021, term: 2 })], [], cfg);
    expect(plan.courses.map((c) => c.term)).toEqual([2]);
  });
  it('a 教学计划 without the group\'s 专业 falls back to inference, with a warning that says why', () => {
    const [group] = buildGroups([student('1')]);
    const { plan, issues } = buildGroupPlan(group, [planCourse('汽车构造', { major: '汽车检测与维修技术' })], [attempt('1', '高等数学', 80)], cfg);
    expect(plan.inferred).toBe(true);
    expect(plan.courses.map((c) => c.courseName)).toEqual(['高等数学']);
    expect(issues[0].message).toContain('教学计划表中没有 2021级 机电一体化技术 的课程');
  });
  it('countedTerms is a setting', () => {
    const c = config({ countedTerms: [1, 2, 3, 4, 5, 6] });
    const r = averageOf(student('1'), [planCourse('高等数学'), planCourse('顶岗实习', { term: 6 })], [attempt('1', '高等数学', 80), attempt('1', '顶岗实习', 90)], [], c);
    expect(r.countedCourses).toBe(2);
  });
  it('joins by code when both sides have one, else by normalised name', () => {
    const plan = [planCourse('高等数学', { courseCode: 'M01' }), planCourse('大学 英语（一）', { term: 2 }), planCourse('制图', { courseCode: 'D01', term: 3 })];
    const r = averageOf(student('1'), plan, [
      attempt('1', '高等数学Ⅰ', 90, { courseCode: 'M01' }), // name differs, code matches
      attempt('1', '大学英语(一)', 80), // full-width brackets and a space differ
      attempt('1', '制图', 70, { courseCode: 'D99' }), // same name, different code: not the course
    ]);
    expect(r.courses.map((c) => c.hundredths)).toEqual([9000, 8000, 0]);
    expect(r.outsidePlan).toHaveLength(1);
  });
});

describe('§1.3 plan inference without a 教学计划', () => {
  // 4 non-异动 students: 高数 taken by all, 英语 by 2 (50 %), 选修 by 1 (25 %), 实习 term 6 by all.
  const students = [student('1'), student('2'), student('3'), student('4'), student('5', { statusChange: true })];
  const attempts = [
    ...['1', '2', '3', '4'].map((id) => attempt(id, '高等数学', 80, { courseCode: 'M01' })),
    attempt('1', '高等数学', 80), // same course without its code joins the coded one
    attempt('1', '大学英语', 70, { term: 2 }),
    attempt('2', '大学英语', 70, { term: 2 }),
    attempt('3', '选修课', 90, { term: 2 }),
    attempt('5', '选修课', 90, { term: 2 }), // 异动 students do not vote
    ...['1', '2', '3', '4'].map((id) => attempt(id, '顶岗实习', 90, { term: 6 })),
  ];
  it('keeps courses of terms 1–5 taken by ≥ 50 % of the non-异动 students, with one warning per group', () => {
    const [group] = buildGroups(students);
    const { plan, issues } = buildGroupPlan(group, null, attempts, cfg);
    expect(plan.inferred).toBe(true);
    expect(plan.courses.map((c) => c.courseName)).toEqual(['高等数学', '大学英语']);
    expect(plan.courses[0].courseCode).toBe('M01');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', code: 'PLAN_INFERRED' });
    expect(issues[0].message).toContain('2021级 机电一体化技术 的计入课程按成绩推断');
    expect(issues[0].message).toContain('共 2 门');
  });
  it('planInferencePercent is a setting', () => {
    const [group] = buildGroups(students);
    const { plan } = buildGroupPlan(group, null, attempts, config({ planInferencePercent: 25 }));
    expect(plan.courses.map((c) => c.courseName)).toEqual(['高等数学', '大学英语', '选修课']);
  });
  it('runEngine infers per group and reports it in the result', () => {
    const out = runEngine(input({ students, attempts, plan: null }), cfg);
    expect(out.groups.get('2021|机电一体化技术|普通')?.planInferred).toBe(true);
    expect(out.result.issues.filter((i) => i.code === 'PLAN_INFERRED')).toHaveLength(1);
    const s3 = out.result.students.find((s) => s.studentId === '3');
    expect(s3).toMatchObject({ countedCourses: 2, missingCourses: ['大学英语'], average: '40.00' });
  });
  it('grades outside P give one info issue per group', () => {
    const out = runEngine(input({ students, attempts, plan: [planCourse('高等数学', { courseCode: 'M01' })] }), cfg);
    const info = out.result.issues.filter((i) => i.code === 'OUTSIDE_PLAN');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ severity: 'info' });
    expect(info[0].message).toContain('8 条成绩');
  });
});

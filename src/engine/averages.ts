/**
 * SPEC §2.4: counted courses, missing courses and the exact average of one student.
 */
import { cutoffApplies, effectiveScore, withinCutoff } from './attempts';
import type { Config } from './config';
import { formatAverage, fraction, type Fraction } from './exact';
import { issueAt, type Issue } from './issues';
import type { Attempt, Student } from './model';
import { matchCourse, type GroupPlan, type PlannedCourse } from './plan';
import type { CourseScore } from './result';

export interface StudentAverage {
  /** One entry per plan course of P, in plan order. */
  courses: CourseScore[];
  countedCourses: number;
  /** Names of plan courses without a valid attempt that count as 0 (students without 学籍异动). */
  missingCourses: string[];
  /** Names of counted courses not passed. */
  failedCourses: string[];
  /** Σ effective / |counted| in hundredths, null when nothing is counted (NO_GRADES). */
  exact: Fraction | null;
  /** "85.30" or null. */
  display: string | null;
  /** Grade rows of this student that belong to no course of P. */
  outsidePlan: Attempt[];
  issues: Issue[];
}

const NO_ATTEMPTS: readonly Attempt[] = [];

/** One course's entry, built field by field (object spread was the engine's hot spot; so was a closure here). */
function courseScore(pc: PlannedCourse, hundredths: number | null, source: CourseScore['source'], passed: boolean, counted: boolean): CourseScore {
  const cs: CourseScore = { courseKey: pc.courseKey, courseName: pc.courseName, term: pc.term, hundredths, source, passed, counted };
  if (pc.courseCode !== undefined) cs.courseCode = pc.courseCode;
  return cs;
}

export function computeAverage(student: Student, plan: GroupPlan, attempts: readonly Attempt[], config: Config): StudentAverage {
  const issues: Issue[] = [];
  const byCourse = new Map<string, Attempt[]>();
  const outsidePlan: Attempt[] = [];
  for (const a of attempts) {
    const c = matchCourse(plan, a);
    if (!c) {
      outsidePlan.push(a);
      continue;
    }
    const list = byCourse.get(c.courseKey);
    if (list) list.push(a);
    else byCourse.set(c.courseKey, [a]);
  }

  const courses: CourseScore[] = [];
  const missingCourses: string[] = [];
  const failedCourses: string[] = [];
  let sum = 0;
  let count = 0;
  for (const pc of plan.courses) {
    const { effective, issues: own } = effectiveScore(byCourse.get(pc.courseKey) ?? NO_ATTEMPTS, student.statusChange, config, pc.courseName);
    for (const i of own) issues.push(i);
    switch (effective.kind) {
      case 'exempt':
        courses.push(courseScore(pc, null, 'exempt', true, false));
        break;
      case 'score': {
        const cs = courseScore(pc, effective.hundredths, effective.source, effective.passed, true);
        if (effective.mark !== undefined) cs.mark = effective.mark;
        const k = effective.attempt.kind;
        if (effective.source === 'later' && (k === 'makeup' || k === 'retake')) cs.laterKind = k;
        courses.push(cs);
        sum += effective.hundredths;
        count += 1;
        if (!effective.passed) failedCourses.push(pc.courseName);
        break;
      }
      case 'pending':
      case 'none': {
        if (effective.kind === 'pending') {
          issues.push(
            issueAt(
              'warning',
              'PENDING_SCORE',
              `学号 ${student.studentId}（${student.name}）的课程“${pc.courseName}”为缓考且尚无成绩，` +
                (student.statusChange ? '暂不计入平均分' : '按未修计 0 分') +
                '；如已有成绩请补录',
              effective.attempt.source,
            ),
          );
        }
        if (student.statusChange) {
          // 学籍异动: only the courses actually completed (by the cutoff) count.
          courses.push(courseScore(pc, null, effective.kind === 'pending' ? 'pending' : 'not_taken', false, false));
        } else {
          courses.push(courseScore(pc, 0, effective.kind === 'pending' ? 'pending' : 'missing', false, true));
          count += 1;
          missingCourses.push(pc.courseName);
        }
        break;
      }
    }
  }
  if (cutoffApplies(student.statusChange, config)) {
    const late = plan.courses.filter((pc) => (byCourse.get(pc.courseKey) ?? []).some((a) => !withinCutoff(a, config)));
    if (late.length > 0) {
      const who = student.statusChange ? '为学籍异动学生' : '（设置为截止日期适用于全体学生）';
      issues.push(
        issueAt(
          'info',
          'AFTER_CUTOFF',
          `学号 ${student.studentId}（${student.name}）${who}，课程 ${late.map((c) => c.courseName).join('、')} 有晚于 ${config.gradeCutoff} 的成绩，按细则不计入`,
          student.source,
        ),
      );
    }
  }
  const exact = count > 0 ? fraction(sum, count) : null;
  return {
    courses,
    countedCourses: count,
    missingCourses,
    failedCourses,
    exact,
    display: exact ? formatAverage(exact, config.averageDecimals) : null,
    outsidePlan,
    issues,
  };
}

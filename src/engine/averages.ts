/**
 * SPEC §2.4: counted courses, missing courses and the exact average of one student.
 */
import { cutoffApplies, effectiveScore, singleEffectiveScore, withinCutoff, type EffectiveScore } from './attempts';
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
  // One literal per shape (same keys, same order as adding courseCode afterwards): adding a property to
  // ~1 M fresh objects was a quarter of the engine's time.
  return pc.courseCode !== undefined
    ? { courseKey: pc.courseKey, courseName: pc.courseName, term: pc.term, hundredths, source, passed, counted, courseCode: pc.courseCode }
    : { courseKey: pc.courseKey, courseName: pc.courseName, term: pc.term, hundredths, source, passed, counted };
}

/** A plan's course keys numbered 0…k−1 (a slot per distinct courseKey), and each plan course's slot. */
interface PlanSlots {
  slotOf: Map<string, number>;
  courseSlot: number[];
}

const slotsCache = new WeakMap<GroupPlan, PlanSlots>();

function planSlots(plan: GroupPlan): PlanSlots {
  let s = slotsCache.get(plan);
  if (!s) {
    const slotOf = new Map<string, number>();
    const courseSlot = plan.courses.map((pc) => {
      let i = slotOf.get(pc.courseKey);
      if (i === undefined) {
        i = slotOf.size;
        slotOf.set(pc.courseKey, i);
      }
      return i;
    });
    s = { slotOf, courseSlot };
    slotsCache.set(plan, s);
  }
  return s;
}

/**
 * A student's attempts by plan course key, in attempt order: as a map of lists, but without a list per
 * course (most courses have exactly one attempt; this runs for every student).
 */
class AttemptsByCourse {
  private readonly one: (Attempt | undefined)[];
  private many: Map<number, Attempt[]> | undefined;
  constructor(private readonly slots: PlanSlots) {
    this.one = new Array<Attempt | undefined>(slots.slotOf.size);
  }
  add(courseKey: string, a: Attempt): boolean {
    const slot = this.slots.slotOf.get(courseKey);
    if (slot === undefined) return false;
    const list = this.many?.get(slot);
    if (list) list.push(a);
    else {
      const prior = this.one[slot];
      if (prior === undefined) this.one[slot] = a;
      else (this.many ??= new Map()).set(slot, [prior, a]);
    }
    return true;
  }
  /** The only attempt of plan course i, when it has exactly one. */
  single(i: number): Attempt | undefined {
    const slot = this.slots.courseSlot[i];
    return this.many?.has(slot) ? undefined : this.one[slot];
  }
  list(i: number): readonly Attempt[] {
    const slot = this.slots.courseSlot[i];
    const list = this.many?.get(slot);
    if (list) return list;
    const a = this.one[slot];
    return a === undefined ? NO_ATTEMPTS : [a];
  }
}

export function computeAverage(student: Student, plan: GroupPlan, attempts: readonly Attempt[], config: Config): StudentAverage {
  const issues: Issue[] = [];
  const byCourse = new AttemptsByCourse(planSlots(plan));
  const outsidePlan: Attempt[] = [];
  for (const a of attempts) {
    const c = matchCourse(plan, a);
    // A course matched outside plan.courses (never from buildGroupPlan) has no attempts, as before.
    if (!c) {
      outsidePlan.push(a);
      continue;
    }
    byCourse.add(c.courseKey, a);
  }

  const courses: CourseScore[] = [];
  const missingCourses: string[] = [];
  const failedCourses: string[] = [];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < plan.courses.length; i++) {
    const pc = plan.courses[i];
    const one = byCourse.single(i);
    let effective: EffectiveScore;
    if (one !== undefined) effective = singleEffectiveScore(one, student.statusChange, config);
    else {
      const r = effectiveScore(byCourse.list(i), student.statusChange, config, pc.courseName);
      effective = r.effective;
      for (const issue of r.issues) issues.push(issue);
    }
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
    const late = plan.courses.filter((_, i) => byCourse.list(i).some((a) => !withinCutoff(a, config)));
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

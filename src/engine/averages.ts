/**
 * SPEC §2.4: counted courses, missing courses and the exact average of one student.
 */
import { exactSize } from './exactSize';
import { attemptSetOf, rowSet, type AttemptSet, type AttemptTable } from './attemptTable';
import {
  cutoffApplies,
  dateWithinCutoff,
  effectiveScore,
  packedHundredths,
  packedKind,
  packedLater,
  packedMarked,
  packedPassed,
  packEffective,
  passHundredths,
  singleEffectivePacked,
  type PackedEffective,
} from './attempts';
import type { Config } from './config';
import { formatAverage, fraction, type Fraction } from './exact';
import { issueAt, type Issue } from './issues';
import type { Attempt, Student } from './model';
import { courseOfCode, matchCourse, type GroupPlan, type PlannedCourse } from './plan';
import { CourseScoreStore, CourseScores } from './courseScores';

export interface StudentAverage {
  /** One entry per plan course of P, in plan order. */
  courses: CourseScores;
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

const NO_ATTEMPTS: readonly number[] = [];

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
 * Scratch per table for slotMatcher: the slot of each 课程代码 number for the plan of generation stamp[id].
 * One pair of arrays per run, reused by every group (a per-group array would cost groups × codes).
 */
const codeSlots = new WeakMap<AttemptTable, { stamp: Int32Array; slot: Int32Array }>();
let generation = 0;

/**
 * `(i) => slot of row i's plan course, or −1 outside P` (−3: see below). The slot of each 课程代码 that
 * matches by code is remembered by the code's number (an array read per row); other rows go through
 * matchCourse (by name).
 */
export function slotMatcher(plan: GroupPlan, table: AttemptTable): (i: number) => number {
  const slots = planSlots(plan);
  let scratch = codeSlots.get(table);
  if (!scratch || scratch.stamp.length < table.courseCode.size) {
    scratch = { stamp: new Int32Array(table.courseCode.size), slot: new Int32Array(table.courseCode.size) };
    codeSlots.set(table, scratch);
  }
  const { stamp, slot } = scratch;
  const gen = ++generation;
  // −3: a course that is not one of plan.courses (never from buildGroupPlan): its rows are ignored.
  const slotOf = (c: PlannedCourse | null | undefined) => (c ? (slots.slotOf.get(c.courseKey) ?? -3) : -1);
  return (i) => {
    const id = table.courseCode.idAt(i);
    if (id !== 0) {
      if (stamp[id] !== gen) {
        stamp[id] = gen;
        // −1 here: the code matches no course by code, the name decides.
        slot[id] = slotOf(courseOfCode(plan, table.courseCode.at(i)));
      }
      if (slot[id] !== -1) return slot[id];
    }
    return slotOf(matchCourse(plan, { courseCode: table.courseCode.at(i), courseName: table.courseName.at(i), term: table.term(i) }));
  };
}

/**
 * A student's attempts (row indices) by plan course key, in attempt order: as a map of lists, but without
 * a list per course (most courses have exactly one attempt; this runs for every student).
 */
class AttemptsByCourse {
  /** Row index of the course's attempt, −1 when none. */
  private readonly one: number[];
  private many: Map<number, number[]> | undefined;
  constructor(private readonly slots: PlanSlots) {
    this.one = new Array<number>(slots.slotOf.size).fill(-1);
  }
  add(slot: number, i: number): void {
    const list = this.many?.get(slot);
    if (list) list.push(i);
    else {
      const prior = this.one[slot];
      if (prior === -1) this.one[slot] = i;
      else (this.many ??= new Map()).set(slot, [prior, i]);
    }
  }
  /** The only attempt of plan course c, when it has exactly one; else −1. */
  single(c: number): number {
    const slot = this.slots.courseSlot[c];
    return this.many?.has(slot) ? -1 : this.one[slot];
  }
  list(c: number): readonly number[] {
    const slot = this.slots.courseSlot[c];
    const list = this.many?.get(slot);
    if (list) return list;
    const i = this.one[slot];
    return i === -1 ? NO_ATTEMPTS : [i];
  }
}

/**
 * @param attempts the student's grade rows (objects, or rows of the run's table).
 * @param run what a run shares among its students (all optional):
 *   `match`: `slotMatcher(plan, table)` (it remembers course codes per plan);
 *   `taken`: taken[i] is set to 1 when plan course i has any grade row of this student;
 *   `scores`: the store the per-course scores are kept in.
 */
export function computeAverage(
  student: Student,
  plan: GroupPlan,
  attempts: readonly Attempt[] | AttemptSet,
  config: Config,
  run: { match?: (i: number) => number; taken?: Uint8Array; scores?: CourseScoreStore } = {},
): StudentAverage {
  const { table, rows, from, to } = attemptSetOf(attempts);
  const slotOfRow = run.match ?? slotMatcher(plan, table);
  const taken = run.taken;
  const issues: Issue[] = [];
  const byCourse = new AttemptsByCourse(planSlots(plan));
  const outsidePlan: Attempt[] = [];
  for (let k = from; k < to; k++) {
    const i = rows[k];
    const slot = slotOfRow(i);
    if (slot === -1) {
      outsidePlan.push(table.get(i));
      continue;
    }
    // A course matched outside plan.courses (never from buildGroupPlan) has no attempts, as before.
    if (slot < 0) continue;
    byCourse.add(slot, i);
  }

  const courses = new CourseScores(plan.courses, run.scores);
  const missingCourses: string[] = [];
  const failedCourses: string[] = [];
  let sum = 0;
  let count = 0;
  // The usual course — one attempt, a first sitting with a plain score, no cutoff to check — taken
  // straight from the table: its effective score is that score (what singleEffectivePacked gives).
  const noCutoff = !cutoffApplies(student.statusChange, config);
  const pass = passHundredths(config);
  for (let i = 0; i < plan.courses.length; i++) {
    const pc = plan.courses[i];
    const one = byCourse.single(i);
    const plainFirst = one !== -1 && noCutoff ? table.plainFirstSitting(one) : -1;
    if (plainFirst >= 0) {
      if (taken) taken[i] = 1;
      const passed = plainFirst >= pass;
      courses.addFirst(plainFirst, passed);
      sum += plainFirst;
      count += 1;
      if (!passed) failedCourses.push(pc.courseName);
      continue;
    }
    if (taken && (one !== -1 || byCourse.list(i).length > 0)) taken[i] = 1;
    // The effective score (SPEC §2.3) packed into a number, and the row it came from (−1: none).
    let effective: PackedEffective;
    let row = one;
    if (one !== -1) effective = singleEffectivePacked(table, one, student.statusChange, config);
    else {
      const r = effectiveScore(rowSet(table, byCourse.list(i)), student.statusChange, config, pc.courseName);
      effective = packEffective(r.effective);
      row = r.effective.kind === 'none' ? -1 : r.effective.row;
      for (const issue of r.issues) issues.push(issue);
    }
    const kind = packedKind(effective);
    switch (kind) {
      case 'exempt':
        courses.add(null, 'exempt', true, false);
        break;
      case 'score': {
        const h = packedHundredths(effective);
        const passed = packedPassed(effective);
        const later = packedLater(effective);
        const k = table.kind(row);
        const mark = packedMarked(effective) ? (table.score(row) as { mark?: string }).mark : undefined;
        courses.add(h, later ? 'later' : 'first', passed, true, mark, later && (k === 'makeup' || k === 'retake') ? k : undefined);
        sum += h;
        count += 1;
        if (!passed) failedCourses.push(pc.courseName);
        break;
      }
      case 'pending':
      case 'none': {
        if (kind === 'pending') {
          issues.push(
            issueAt(
              'warning',
              'PENDING_SCORE',
              `学号 ${student.studentId}（${student.name}）的课程“${pc.courseName}”为缓考且尚无成绩，` +
                (student.statusChange ? '暂不计入平均分' : '按未修计 0 分') +
                '；如已有成绩请补录',
              table.source(row),
            ),
          );
        }
        if (student.statusChange) {
          // 学籍异动: only the courses actually completed (by the cutoff) count.
          courses.add(null, kind === 'pending' ? 'pending' : 'not_taken', false, false);
        } else {
          courses.add(0, kind === 'pending' ? 'pending' : 'missing', false, true);
          count += 1;
          missingCourses.push(pc.courseName);
        }
        break;
      }
    }
  }
  if (cutoffApplies(student.statusChange, config)) {
    const late = plan.courses.filter((_, c) => byCourse.list(c).some((i) => !dateWithinCutoff(table.date.at(i), config)));
    if (late.length > 0) {
      // 细则 二(一)2 for 学籍异动 students; for the others only the setting cutoffAppliesToAll (not the 细则).
      const basis = student.statusChange
        ? '学籍异动学生只计截止日期前的成绩（细则 二(一)2）'
        : '设置“截止日期适用于全部学生”已开启（细则只对学籍异动学生有此要求）';
      issues.push(
        issueAt(
          'info',
          'AFTER_CUTOFF',
          `${student.studentId}（${student.name}）：课程 ${late.map((c) => c.courseName).join('、')} 有晚于 ${config.gradeCutoff} 的成绩，这些成绩不计入，${basis}；该课程在截止日期前的成绩（如正考）照常计算`,
          student.source,
        ),
      );
    }
  }
  const exact = count > 0 ? fraction(sum, count) : null;
  return {
    courses,
    countedCourses: count,
    missingCourses: exactSize(missingCourses),
    failedCourses: exactSize(failedCourses),
    exact,
    display: exact ? formatAverage(exact, config.averageDecimals) : null,
    outsidePlan,
    issues,
  };
}

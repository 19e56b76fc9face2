/**
 * SPEC §2.6: eligibility reasons (all that apply). 应届生 and 退役大学生士兵 differ: a veteran's failed or
 * missing courses are a note, not a reason, unless `veteranRequiresPass`.
 */
import { exactSize } from './exactSize';
import type { Config } from './config';
import { issueAt, type Issue } from './issues';
import type { Student } from './model';
import type { ReasonCode } from './result';

export interface EligibilityInput {
  student: Student;
  hasAverage: boolean;
  missingCourses: readonly string[];
  failedCourses: readonly string[];
  top60: boolean;
}

export interface Eligibility {
  eligible: boolean;
  /** In the fixed order DIRECTED, SANCTION, NO_GRADES, MISSING_COURSE, FAILED_COURSE, NOT_TOP60, OTHER_CONDITION. */
  reasons: ReasonCode[];
  /** Chinese notes (e.g. a veteran's failed courses that are not a reason). */
  notes: string[];
}

/** How every note on a 退役大学生士兵's failed or missing courses begins. */
const veteranNote = '退役大学生士兵';

export function courseList(names: readonly string[]): string {
  return names.join('、');
}

export function assessEligibility(x: EligibilityInput, config: Config): Eligibility {
  const reasons: ReasonCode[] = [];
  const notes: string[] = [];
  const { student } = x;
  const coursesAreReasons = !student.veteran || config.veteranRequiresPass;
  // 细则 一(一) excludes 定向 students among 应届生 only; 一(二) (退役大学生士兵) has no such exclusion (SPEC §2.6).
  if (student.trainingType === 'directed' && !student.veteran) reasons.push('DIRECTED');
  if (student.sanction) reasons.push('SANCTION');
  if (!x.hasAverage) reasons.push('NO_GRADES');
  if (x.missingCourses.length > 0) {
    if (coursesAreReasons) reasons.push('MISSING_COURSE');
    else notes.push(`${veteranNote}有未修课程：${courseList(x.missingCourses)}（不影响选拔资格）`);
  }
  if (x.failedCourses.length > 0) {
    if (coursesAreReasons) reasons.push('FAILED_COURSE');
    else notes.push(`${veteranNote}有不及格课程：${courseList(x.failedCourses)}（不影响选拔资格）`);
  }
  if (!x.top60) reasons.push('NOT_TOP60');
  // 其他不符合条件 / 资格审查意见 (服役期间受部队处分, 已被本科录取…) applies to everyone (细则 二(一)1, 二(二)2–4).
  if (student.otherCondition !== undefined) {
    reasons.push('OTHER_CONDITION');
    notes.push(`资格审查意见：${student.otherCondition}`);
  }
  return { eligible: reasons.length === 0, reasons: exactSize(reasons), notes: exactSize(notes) };
}

/**
 * A 退役大学生士兵's failed or missing courses are not a reason (unless `veteranRequiresPass`) but are listed
 * as a warning (VETERAN_COURSES, SPEC §2.6) at the student's roster row; null when there are none.
 */
export function veteranCoursesIssue(student: Student, e: Eligibility): Issue | null {
  const notes = e.notes.filter((n) => n.startsWith(veteranNote));
  if (notes.length === 0) return null;
  return issueAt('warning', 'VETERAN_COURSES', `${student.studentId}（${student.name}）：${notes.join('；')}`, student.source);
}

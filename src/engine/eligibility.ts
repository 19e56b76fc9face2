/**
 * SPEC §2.6: eligibility reasons (all that apply). 应届生 and 退役大学生士兵 differ: a veteran's failed or
 * missing courses are a note, not a reason, unless `veteranRequiresPass`.
 */
import { exactSize } from './exactSize';
import type { Config } from './config';
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
  /** In the fixed order DIRECTED, SANCTION, NO_GRADES, MISSING_COURSE, FAILED_COURSE, NOT_TOP60. */
  reasons: ReasonCode[];
  /** Chinese notes (e.g. a veteran's failed courses that are not a reason). */
  notes: string[];
}

export function courseList(names: readonly string[]): string {
  return names.join('、');
}

export function assessEligibility(x: EligibilityInput, config: Config): Eligibility {
  const reasons: ReasonCode[] = [];
  const notes: string[] = [];
  const { student } = x;
  const coursesAreReasons = !student.veteran || config.veteranRequiresPass;
  if (student.trainingType === 'directed') reasons.push('DIRECTED');
  if (student.sanction) reasons.push('SANCTION');
  if (!x.hasAverage) reasons.push('NO_GRADES');
  if (x.missingCourses.length > 0) {
    if (coursesAreReasons) reasons.push('MISSING_COURSE');
    else notes.push(`退役大学生士兵有未修课程：${courseList(x.missingCourses)}（不影响选拔资格）`);
  }
  if (x.failedCourses.length > 0) {
    if (coursesAreReasons) reasons.push('FAILED_COURSE');
    else notes.push(`退役大学生士兵有不及格课程：${courseList(x.failedCourses)}（不影响选拔资格）`);
  }
  if (!x.top60) reasons.push('NOT_TOP60');
  return { eligible: reasons.length === 0, reasons: exactSize(reasons), notes: exactSize(notes) };
}

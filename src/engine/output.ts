/**
 * SPEC §3.3: the result of a run, assembled from each student's reckoning — the order of the students
 * (group, rank with no rank last, 学号), each group's line (N, quota base, Q and how many of each
 * recommended status), each student's line and the details the 附件 sheets need. The shapes are in result.ts.
 */
import type { StudentAverage } from './averages';
import type { Config } from './config';
import type { Fraction } from './exact';
import { compareText, type Group } from './groups';
import { sortIssues, uniqueIssues, type Issue } from './issues';
import type { ProgramSeats, EngineInput, Student } from './model';
import type { WalkOutcome } from './recommendation';
import type { Allocation, AwardEvidence, EngineOutput, GroupDetails, GroupResult, ReasonCode, Status, StudentDetails, StudentResult } from './result';

/** One student's state while a run goes through SPEC §2: each step fills its part. */
export interface Reckoning {
  student: Student;
  group: Group;
  /** §2.4 */
  avg: StudentAverage;
  /** §2.5: the ranked value (rankKey), null without an average. */
  key: Fraction | null;
  rank: number | null;
  top60: boolean;
  /** §2.6 */
  eligible: boolean;
  reasons: ReasonCode[];
  notes: string[];
  /** §2.7 */
  direct: boolean;
  priority: boolean;
  evidence: AwardEvidence[];
  /** §2.8 */
  outcome: WalkOutcome | null;
  /** §2.9 */
  allocation: Allocation | null;
  allocationPending: boolean;
}

/** A student's reckoning after §2.4 (nothing decided yet). */
export function startReckoning(student: Student, group: Group, avg: StudentAverage, key: Fraction | null): Reckoning {
  return {
    student,
    group,
    avg,
    key,
    rank: null,
    top60: false,
    eligible: false,
    reasons: [],
    notes: [],
    direct: false,
    priority: false,
    evidence: [],
    outcome: null,
    allocation: null,
    allocationPending: false,
  };
}

/** Order of the students in the result: group key, rank (no rank last), then 学号. */
export function compareForOutput(a: Reckoning, b: Reckoning): number {
  return (
    compareText(a.group.key, b.group.key) ||
    (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
    compareText(a.student.studentId, b.student.studentId)
  );
}

/** A group's line: N, the quota base and Q, and how many members ended in each recommended status. */
export function groupResultOf(group: Group, quota: { base: number; quota: number }, members: readonly Reckoning[]): GroupResult {
  const counts = new Map<Status, number>();
  for (const m of members) if (m.outcome) counts.set(m.outcome.status, (counts.get(m.outcome.status) ?? 0) + 1);
  const count = (st: Status) => counts.get(st) ?? 0;
  return {
    key: group.key,
    grade: group.grade,
    major: group.major,
    track: group.track,
    label: group.label,
    size: group.members.length,
    quotaBase: quota.base,
    quota: quota.quota,
    recommendedQuota: count('recommended_quota'),
    recommendedDirect: count('recommended_direct'),
    recommendedVeteran: count('recommended_veteran'),
    tiePending: count('tie_pending'),
  };
}

function studentResultOf(w: Reckoning): StudentResult {
  const o = w.outcome as WalkOutcome;
  return {
    studentId: w.student.studentId,
    name: w.student.name,
    group: w.group.key,
    average: w.avg.display,
    countedCourses: w.avg.countedCourses,
    missingCourses: w.avg.missingCourses,
    failedCourses: w.avg.failedCourses,
    rank: w.rank,
    groupSize: w.group.members.length,
    top60: w.top60,
    eligible: w.eligible,
    direct: w.direct,
    priority: w.priority,
    veteran: w.student.veteran,
    status: o.status,
    reasons: w.reasons,
    substituteOrder: o.substituteOrder,
    filledVacancy: o.filledVacancy,
    allocation: w.allocation,
    allocationPending: w.allocationPending,
  };
}

function studentDetailsOf(w: Reckoning): StudentDetails {
  return {
    student: w.student,
    courses: w.avg.courses,
    exactAverage: w.avg.exact,
    evidence: w.evidence,
    notes: w.notes,
    wishes: w.student.wishes,
  };
}

/** The run's output: students in result order, issues de-duplicated and sorted. `all` is sorted in place. */
export function engineOutput(
  all: Reckoning[],
  groups: { results: GroupResult[]; details: Map<string, GroupDetails> },
  issues: readonly Issue[],
  input: EngineInput,
  seats: ProgramSeats[],
  config: Config,
): EngineOutput {
  const ordered = all.sort(compareForOutput);
  const students = ordered.map(studentResultOf);
  const details = new Map<string, StudentDetails>();
  for (const w of ordered) details.set(w.student.studentId, studentDetailsOf(w));
  return {
    result: { version: 1, config, groups: groups.results, students, issues: sortIssues(uniqueIssues(issues)) },
    students: details,
    groups: groups.details,
    seats: input.seats === null ? null : seats,
    awards: input.awards,
  };
}

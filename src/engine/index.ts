/**
 * The engine's public API: `runEngine` turns parsed inputs into the SPEC §3.3 result plus the details the
 * 附件 sheets need. Pure: no Office, DOM, React or file I/O. Deterministic: inputs are sorted by stable
 * keys first, so the row order of any input never changes any result.
 */
import { allocate, type AllocationCandidate } from './allocation';
import { classifyAwards } from './awards';
import { computeAverage, slotMatcher, type StudentAverage } from './averages';
import { CourseScoreStore } from './courseScores';
import type { Config } from './config';
import { assessEligibility } from './eligibility';
import { buildGroups, compareText, groupDisplayName, type Group } from './groups';
import { issueAt, describeLocation, sortIssues, type Issue } from './issues';
import type { Attempt, Award, EngineInput, ProgramSeats, Student, SourceRef } from './model';
import { attemptTableOf, rowSet, type AttemptSet, type AttemptTable } from './attemptTable';
import { buildGroupPlan, indexPlan, type GroupPlan } from './plan';
import { rankGroup, rankKey } from './ranking';
import { walkGroup, type WalkMember, type WalkOutcome } from './recommendation';
import { apportionQuotas, smallGroupIssues } from './quota';
import type {
  Allocation,
  AwardEvidence,
  EngineOutput,
  GroupDetails,
  GroupResult,
  ReasonCode,
  Status,
  StudentDetails,
  StudentResult,
} from './result';
import { normaliseText } from './scores';
import { compareFractions, type Fraction } from './exact';

export { defaultConfig, parseConfig, configSchema } from './config';
export type { Config, ConfigProblem } from './config';
export { parseScore, normaliseText } from './scores';
export type { ParsedScore, ScoreFailureCode } from './scores';
export { groupOf, buildGroups } from './groups';
export * from './model';
export * from './result';
export * from './issues';
export * from './exact';

function compareSource(a: SourceRef, b: SourceRef): number {
  return compareText(a.sheet, b.sheet) || a.row - b.row || compareText(a.column ?? '', b.column ?? '');
}

/** Per-student state while the engine runs. */
interface Work {
  student: Student;
  group: Group;
  avg: StudentAverage;
  key: Fraction | null;
  rank: number | null;
  top60: boolean;
  eligible: boolean;
  reasons: ReasonCode[];
  notes: string[];
  direct: boolean;
  priority: boolean;
  evidence: AwardEvidence[];
  outcome: WalkOutcome | null;
  allocation: Allocation | null;
  allocationPending: boolean;
}

/**
 * Roster rows with the same 学号: the first (by sheet, row) stays, every other is an error. Returns the
 * students kept, in input order, and the same by 学号: `index` itself when it holds exactly `students`
 * (no duplicates then; a 20,000-entry Map costs ~10 ms to build on this VM).
 */
function uniqueStudents(
  students: readonly Student[],
  issues: Issue[],
  index?: ReadonlyMap<string, Student>,
): { list: Student[]; byId: ReadonlyMap<string, Student> } {
  if (index && index.size === students.length && students.every((s) => index.get(s.studentId) === s)) return { list: [...students], byId: index };
  const first = new Map<string, Student>();
  for (const s of students) {
    const prev = first.get(s.studentId);
    if (!prev || compareSource(s.source, prev.source) < 0) first.set(s.studentId, s);
  }
  if (first.size === students.length) return { list: [...first.values()], byId: first };
  for (const s of students) {
    const kept = first.get(s.studentId) as Student;
    if (kept === s) continue;
    issues.push(
      issueAt(
        'error',
        'DUPLICATE_ID',
        `学号 ${s.studentId}（${s.name}）在名册中重复出现（另见 ${describeLocation(kept.source)}），请删除重复的行或更正学号`,
        s.source,
      ),
    );
  }
  return { list: [...first.values()], byId: first };
}

/** Groups rows by studentId; rows of unknown students raise one warning per 学号. */
function byStudent<T extends { studentId: string; source: SourceRef }>(
  rows: readonly T[],
  known: ReadonlyMap<string, Student>,
  what: string,
  issues: Issue[],
): Map<string, T[]> {
  // Same as sorting all rows by (studentId, source) and splitting, without the global sort: split in
  // input order, order the 学号, then sort each student's rows by source (stable, like the global sort).
  const lists = new Map<string, T[]>();
  for (const r of rows) {
    const list = lists.get(r.studentId);
    if (list) list.push(r);
    else lists.set(r.studentId, [r]);
  }
  const out = new Map<string, T[]>();
  for (const id of [...lists.keys()].sort(compareText)) {
    const list = (lists.get(id) as T[]).sort((a, b) => compareSource(a.source, b.source));
    if (!known.has(id)) {
      issues.push(
        issueAt('warning', 'UNKNOWN_STUDENT', `${what}中的学号 ${id} 不在学生名册中，该学号的${what}已忽略；请核对学号或把该生加入名册`, list[0].source),
      );
      out.set(id, []);
      continue;
    }
    out.set(id, list);
  }
  return out;
}

/**
 * Each student's grade rows (row indices, in (sheet, row) order), by the number the table gives the
 * student's 学号: two arrays of ranges instead of a 20,000-entry Map of 学号 → rows.
 */
class RowsByStudent {
  private readonly none: AttemptSet;
  constructor(
    private readonly table: AttemptTable,
    private readonly rows: Int32Array,
    private readonly from: Int32Array,
    private readonly to: Int32Array,
  ) {
    this.none = rowSet(table, []);
  }
  /** The rows of the student with this 学号 (none for a 学号 without rows). */
  of(studentId: string): AttemptSet {
    const id = this.table.studentId.idOf(studentId);
    return id === 0 ? this.none : { table: this.table, rows: this.rows, from: this.from[id], to: this.to[id] };
  }
}

/**
 * byStudent for the grade rows, as row indices: each known student's rows in (sheet, row) order, found
 * by one counting pass over the table instead of a list per student built row by row. Rows of 学号 not
 * in the roster raise one warning per 学号 (at its first row) and are left out.
 */
function attemptsByStudent(table: AttemptTable, known: ReadonlyMap<string, Student>, issues: Issue[]): RowsByStudent {
  const ids = table.studentId;
  /** Per 学号 number: 1 when the 学号 is in the roster. */
  const isKnown = new Uint8Array(ids.size);
  const unknown: string[] = [];
  for (let id = 1; id < ids.size; id++) {
    const text = ids.text(id) as string;
    if (known.has(text)) isKnown[id] = 1;
    else unknown.push(text);
  }
  const ranges = rowsInRuns(table, isKnown) ?? rowsCounted(table, isKnown);
  if (unknown.length > 0) {
    // Each unknown 学号's first row in (sheet, row, column) order.
    const firstRow = new Int32Array(ids.size).fill(-1);
    for (let i = 0; i < table.length; i++) {
      const id = ids.idAt(i);
      if (isKnown[id] || id === 0) continue;
      if (firstRow[id] === -1 || table.compareSource(i, firstRow[id]) < 0) firstRow[id] = i;
    }
    for (const text of unknown.sort(compareText)) issues.push(unknownStudentIssue(text, table.source(firstRow[ids.idOf(text)])));
  }
  return ranges;
}

/**
 * The usual table — in source order, each 学号's rows together — needs no pass over the rows: a student's
 * rows are one range of the rows in table order. Returns null for any other table.
 */
function rowsInRuns(table: AttemptTable, isKnown: Uint8Array): RowsByStudent | null {
  if (!table.isSourceOrdered()) return null;
  const starts = table.studentRuns();
  const from = new Int32Array(isKnown.length);
  const to = new Int32Array(isKnown.length);
  // A 学号 in two runs: not this kind of table.
  const seen = new Uint8Array(isKnown.length);
  for (let k = 0; k < starts.length; k++) {
    const id = table.studentId.idAt(starts[k]);
    if (seen[id]) return null;
    seen[id] = 1;
    if (!isKnown[id]) continue;
    from[id] = starts[k];
    to[id] = k + 1 < starts.length ? starts[k + 1] : table.length;
  }
  const rows = new Int32Array(table.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return new RowsByStudent(table, rows, from, to);
}

/** Any table: one counting pass over the rows by 学号 number, then a sort per student if needed. */
function rowsCounted(table: AttemptTable, isKnown: Uint8Array): RowsByStudent {
  const n = table.length;
  const counts = new Int32Array(isKnown.length + 1);
  for (let i = 0; i < n; i++) {
    const id = table.studentId.idAt(i);
    if (isKnown[id]) counts[id + 1]++;
  }
  for (let id = 1; id < counts.length; id++) counts[id] += counts[id - 1];
  const order = new Int32Array(counts[counts.length - 1]);
  const next = counts.slice(0, isKnown.length);
  for (let i = 0; i < n; i++) {
    const id = table.studentId.idAt(i);
    if (isKnown[id]) order[next[id]++] = i;
  }
  const from = counts.subarray(0, isKnown.length);
  const to = counts.subarray(1);
  if (!table.isSourceOrdered()) {
    for (let id = 1; id < isKnown.length; id++) order.subarray(from[id], to[id]).sort((a, b) => table.compareSource(a, b) || a - b);
  }
  return new RowsByStudent(table, order, from, to);
}

function unknownStudentIssue(id: string, at: SourceRef): Issue {
  return issueAt('warning', 'UNKNOWN_STUDENT', `成绩中的学号 ${id} 不在学生名册中，该学号的成绩已忽略；请核对学号或把该生加入名册`, at);
}

function checkNames(own: AttemptSet, student: Student, issues: Issue[]): void {
  const { table, rows, from, to } = own;
  if (!table.hasStudentNames()) return;
  for (let k = from; k < to; k++) {
    const i = rows[k];
    const name = table.studentName(i);
    if (name !== undefined && name.trim() !== '' && normaliseText(name) !== normaliseText(student.name)) {
      issues.push(
        issueAt(
          'warning',
          'NAME_MISMATCH',
          `成绩表中学号 ${student.studentId} 的姓名“${name.trim()}”与名册中的“${student.name}”不一致，请核对学号或姓名`,
          table.source(i),
        ),
      );
    }
  }
}

const recommendedStatuses: ReadonlySet<Status> = new Set<Status>(['recommended_quota', 'recommended_direct', 'recommended_veteran']);

/** Order of the walk and of the output: key descending (no key last), priority first, then studentId. */
function compareForWalk(a: Work, b: Work): number {
  if (a.key && b.key) {
    const c = compareFractions(b.key, a.key);
    if (c !== 0) return c;
  } else if (a.key || b.key) {
    return a.key ? -1 : 1;
  }
  return (a.priority === b.priority ? 0 : a.priority ? -1 : 1) || compareText(a.student.studentId, b.student.studentId);
}

function compareForOutput(a: Work, b: Work): number {
  return (
    compareText(a.group.key, b.group.key) ||
    (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
    compareText(a.student.studentId, b.student.studentId)
  );
}

/**
 * A plan course that no student of the group has any grade row for is almost always a name or code that
 * differs between the 教学计划 and the 成绩 sheets; everybody would get it as missing (0 分). Warn at the
 * plan cell. `taken[i]`: some member has a grade row for plan course i (computeAverage marks it).
 */
function untakenCourses(group: Group, plan: GroupPlan, taken: Uint8Array): Issue[] {
  return plan.courses
    .filter((_, i) => taken[i] === 0)
    .map((c) =>
      issueAt(
        'warning',
        'PLAN_COURSE_UNTAKEN',
        `${c.source ? `${describeLocation(c.source)}：` : ''}教学计划课程“${c.courseName}”在${groupDisplayName(group)}中没有任何学生有成绩（该组 ${group.members.length} 人都缺这门课，非学籍异动学生按 0 分计）。多为课程名称或课程代码与成绩表不一致，请核对；如该课程不计入平均分，请在“计入平均分”列填“否”。`,
        c.source ?? group.members[0]?.source ?? null,
      ),
    );
}

/** The rows of a group's members, one student after another. */
function groupSet(group: Group, attemptsOf: RowsByStudent, table: AttemptTable): AttemptSet {
  let n = 0;
  for (const s of group.members) {
    const own = attemptsOf.of(s.studentId);
    n += own.to - own.from;
  }
  const rows = new Int32Array(n);
  let at = 0;
  for (const s of group.members) {
    const own = attemptsOf.of(s.studentId);
    for (let k = own.from; k < own.to; k++) rows[at++] = own.rows[k];
  }
  return rowSet(table, rows);
}

/** Removes issues that are exactly the same (e.g. a plan row warned about for two groups of one 专业). */
function uniqueIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const k = JSON.stringify(i);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(i);
  }
  return out;
}

/**
 * Optional instrumentation for benchmarks: `stage(name)` is called when a stage ends, so the time since
 * the previous call belongs to `name` (stages repeat per group; a benchmark sums them).
 */
export interface EngineHooks {
  stage(name: 'normalise' | 'plan' | 'average' | 'rank' | 'walk' | 'allocate' | 'output'): void;
}

export function runEngine(input: EngineInput, config: Config, hooks?: EngineHooks): EngineOutput {
  const mark: EngineHooks['stage'] = hooks ? (name) => hooks.stage(name) : () => undefined;
  const issues: Issue[] = [];
  const { list: students, byId: known } = uniqueStudents(input.students, issues, input.studentsById);
  const table = attemptTableOf(input.attempts);
  // Every student's per-course scores in one store (sized for a typical plan of ~48 courses; it grows).
  const scores = new CourseScoreStore(students.length * 48);
  const attemptsOf = attemptsByStudent(table, known, issues);
  const awardsOf = byStudent<Award>(input.awards ?? [], known, '获奖与荣誉', issues);

  const groups = buildGroups(students);
  issues.push(...smallGroupIssues(groups));
  // SPEC §2.1: a 排名组's quota is its share of the (cohort, 专业, track) quota.
  const baseOf = (g: Group) => config.graduatingClassSize[g.key] ?? g.members.length;
  const quotas = apportionQuotas(
    groups.map((g) => ({ key: g.key, grade: g.grade, major: g.major, track: g.track, label: g.label, base: baseOf(g) })),
    config,
  );
  const planIndex = input.plan === null ? undefined : indexPlan(input.plan);
  /** Every student's state, group after group. */
  const all: Work[] = [];
  const groupDetails = new Map<string, GroupDetails>();
  const groupResults: GroupResult[] = [];
  mark('normalise');

  for (const group of groups) {
    // The group's rows are only read to infer P (no 教学计划 rows for the group).
    const { plan, issues: planIssues } = buildGroupPlan(group, input.plan, () => groupSet(group, attemptsOf, table), config, planIndex);
    issues.push(...planIssues);
    groupDetails.set(group.key, {
      key: group.key,
      courses: plan.courses.map((c) => ({
        courseKey: c.courseKey,
        courseName: c.courseName,
        term: c.term,
        ...(c.courseCode !== undefined ? { courseCode: c.courseCode } : {}),
      })),
      planInferred: plan.inferred,
    });
    mark('plan');

    const slotOfRow = slotMatcher(plan, table);
    const taken = new Uint8Array(plan.courses.length);
    let groupRows = 0;

    const outside: Attempt[] = [];
    const members: Work[] = [];
    for (const s of group.members) {
      const own = attemptsOf.of(s.studentId);
      groupRows += own.to - own.from;
      checkNames(own, s, issues);
      const avg = computeAverage(s, plan, own, config, { match: slotOfRow, taken, scores });
      issues.push(...avg.issues);
      outside.push(...avg.outsidePlan);
      const w: Work = {
        student: s,
        group,
        avg,
        key: rankKey(avg.exact, config),
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
      members.push(w);
      all.push(w);
    }
    // No grade of the group at all (no grades sheet, or an unreadable one): other issues say so.
    if (!plan.inferred && groupRows > 0) issues.push(...untakenCourses(group, plan, taken));
    if (outside.length > 0) {
      const names = [...new Set(outside.map((a) => (a.courseName ?? a.courseCode ?? '').trim()))].sort(compareText);
      const shown = names.slice(0, 5).join('、') + (names.length > 5 ? ` 等 ${names.length} 门` : '');
      issues.push(
        issueAt(
          'info',
          'OUTSIDE_PLAN',
          `${groupDisplayName(group)}：${outside.length} 条成绩不属于计入平均分的教学计划课程（${shown}），已忽略`,
          group.members[0].source,
        ),
      );
    }

    mark('average');
    const ranks = rankGroup(
      members.map((m) => ({ studentId: m.student.studentId, key: m.key })),
      config,
    );
    for (const m of members) {
      const r = ranks.get(m.student.studentId) ?? { rank: null, top60: false };
      m.rank = r.rank;
      m.top60 = r.top60;
      const e = assessEligibility(
        { student: m.student, hasAverage: m.avg.exact !== null, missingCourses: m.avg.missingCourses, failedCourses: m.avg.failedCourses, top60: m.top60 },
        config,
      );
      m.eligible = e.eligible;
      m.reasons = e.reasons;
      m.notes = e.notes;
      const veteranNotes = e.notes.filter((n) => n.startsWith('退役大学生士兵'));
      if (veteranNotes.length > 0) {
        issues.push(issueAt('warning', 'VETERAN_COURSES', `${m.student.studentId}（${m.student.name}）：${veteranNotes.join('；')}`, m.student.source));
      }
      const aw = classifyAwards(awardsOf.get(m.student.studentId) ?? [], config, m.student);
      issues.push(...aw.issues);
      m.direct = m.eligible && aw.qualifiesDirect;
      m.priority = aw.priority;
      m.evidence = aw.evidence;
    }

    mark('rank');
    const quotaBase = baseOf(group);
    const quota = quotas.get(group.key) ?? 0;
    const walkOrder = [...members].sort(compareForWalk);
    const walkMembers: WalkMember[] = walkOrder.map((m) => ({
      studentId: m.student.studentId,
      key: m.key,
      eligible: m.eligible,
      direct: m.direct,
      priority: m.priority,
      veteran: m.student.veteran,
      veteranRoute: m.student.veteranRoute,
      registration: m.student.registration,
      waiverProof: m.student.waiverProof,
      ruling: m.student.ruling,
      source: m.student.source,
      name: m.student.name,
    }));
    const walk = walkGroup(walkMembers, quota, input.hasRegistration, config, groupDisplayName(group));
    issues.push(...walk.issues);
    for (const m of members) {
      const o = walk.outcomes.get(m.student.studentId);
      if (!o) throw new Error(`内部错误：${groupDisplayName(group)} 的学号 ${m.student.studentId} 没有推荐结果`);
      m.outcome = o;
    }
    const counts = new Map<Status, number>();
    for (const m of members) if (m.outcome) counts.set(m.outcome.status, (counts.get(m.outcome.status) ?? 0) + 1);
    const count = (st: Status) => counts.get(st) ?? 0;
    groupResults.push({
      key: group.key,
      grade: group.grade,
      major: group.major,
      track: group.track,
      label: group.label,
      size: group.members.length,
      quotaBase,
      quota,
      recommendedQuota: count('recommended_quota'),
      recommendedDirect: count('recommended_direct'),
      recommendedVeteran: count('recommended_veteran'),
      tiePending: count('tie_pending'),
    });
    mark('walk');
  }

  // §2.9 志愿 allocation over the recommended students of all groups.
  const recommended = all.filter((w) => w.outcome !== null && recommendedStatuses.has(w.outcome.status));
  const seatRows: ProgramSeats[] = [...(input.seats ?? [])].sort(
    (a, b) =>
      compareText(a.university, b.university) ||
      compareText(a.program, b.program) ||
      compareText(a.vocationalMajor, b.vocationalMajor) ||
      compareSource(a.source, b.source),
  );
  if (seatRows.length > 0 && all.some((w) => w.student.wishes.length > 0)) {
    const candidates: AllocationCandidate[] = recommended
      .sort((a, b) => compareForWalk(a, b))
      .map((w) => ({
        studentId: w.student.studentId,
        major: w.student.major,
        cohort: w.student.cohort,
        key: w.key,
        priority: w.priority,
        wishes: w.student.wishes,
        source: w.student.source,
        name: w.student.name,
        ...(w.student.admissionRuling ? { admissionRuling: w.student.admissionRuling } : {}),
      }));
    const alloc = allocate(candidates, seatRows, config);
    issues.push(...alloc.issues);
    for (const w of recommended) {
      const o = alloc.outcomes.get(w.student.studentId);
      if (!o) continue;
      w.allocation = o.allocation;
      w.allocationPending = o.pending;
    }
  }

  mark('allocate');
  const ordered = all.sort(compareForOutput);
  const studentResults: StudentResult[] = ordered.map((w) => {
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
  });
  const details = new Map<string, StudentDetails>();
  for (const w of ordered) {
    details.set(w.student.studentId, {
      student: w.student,
      courses: w.avg.courses,
      exactAverage: w.avg.exact,
      evidence: w.evidence,
      notes: w.notes,
      wishes: w.student.wishes,
    });
  }

  mark('output');
  return {
    result: { version: 1, config, groups: groupResults, students: studentResults, issues: sortIssues(uniqueIssues(issues)) },
    students: details,
    groups: groupDetails,
    seats: input.seats === null ? null : seatRows,
    awards: input.awards,
  };
}


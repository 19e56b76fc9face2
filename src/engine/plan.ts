/**
 * SPEC §1.3 and §2.4: the plan courses P of one ranking group — from the 教学计划 sheet, or inferred from
 * the grades when there is none — and the join of grade rows to plan courses, with what the join reports
 * per group: a plan course nobody has a grade for (PLAN_COURSE_UNTAKEN) and the grade rows outside P
 * (OUTSIDE_PLAN, ignored).
 */
import type { Config } from './config';
import { compareText, groupDisplayName, type Group } from './groups';
import { describeLocation, issueAt, type Issue } from './issues';
import { attemptSetOf, type AttemptSet } from './attemptTable';
import type { Attempt, PlanCourse, SourceRef } from './model';
import type { GroupDetails } from './result';
import { normaliseText } from './scores';

export interface PlannedCourse {
  /** "code:XXX" when the course has a code, else "name:<normalised name>". */
  courseKey: string;
  courseName: string;
  courseCode?: string;
  term: number | null;
  /** The 教学计划 cell of the course (absent for inferred plans). */
  source?: SourceRef;
  /** The name as the 教学计划 writes it, when `courseName` shows the term too (大学英语（第2学期）). */
  nameKey?: string;
}

export interface GroupPlan {
  /** P: counted plan courses, in order (term, then plan order). */
  courses: PlannedCourse[];
  inferred: boolean;
  byCode: Map<string, PlannedCourse>;
  byName: Map<string, PlannedCourse>;
  /** Names that are two or more courses (大学英语 in term 1 and term 2, SPEC §1.3): all of them, by name. */
  byNameTerms: Map<string, PlannedCourse[]>;
}

/** Course names and codes compare after removing white space and full-width forms (NFKC). */
export function courseNameKey(name: string): string {
  return normaliseText(name);
}

function codeOf(a: { courseCode?: string }): string | undefined {
  const c = a.courseCode === undefined ? '' : normaliseText(a.courseCode);
  return c === '' ? undefined : c;
}

function nameOf(a: { courseName?: string }): string | undefined {
  const n = a.courseName === undefined ? '' : courseNameKey(a.courseName);
  return n === '' ? undefined : n;
}

export function makePlan(courses: PlannedCourse[], inferred: boolean): GroupPlan {
  const byCode = new Map<string, PlannedCourse>();
  const byName = new Map<string, PlannedCourse>();
  const byNameTerms = new Map<string, PlannedCourse[]>();
  for (const c of courses) {
    const code = codeOf(c);
    if (code !== undefined && !byCode.has(code)) byCode.set(code, c);
    const name = courseNameKey(c.nameKey ?? c.courseName);
    const first = byName.get(name);
    if (!first) byName.set(name, c);
    else if (code === undefined && codeOf(first) === undefined) byNameTerms.set(name, [...(byNameTerms.get(name) ?? [first]), c]);
  }
  return { courses, inferred, byCode, byName, byNameTerms };
}

/**
 * The plan course an attempt belongs to, or null (outside P). By code when both sides have one,
 * else by normalised name.
 */
export function matchCourse(plan: GroupPlan, a: { courseCode?: string; courseName?: string; term?: number }): PlannedCourse | null {
  const code = codeOf(a);
  if (code !== undefined) {
    const byCode = plan.byCode.get(code);
    if (byCode) return byCode;
  }
  const name = nameOf(a);
  if (name === undefined) return null;
  let byName = plan.byName.get(name);
  if (!byName) return null;
  // One name, several courses without a code (SPEC §1.3: identified by (课程名称, 学期)): the row's own term
  // decides; a row without a term goes to the first (earliest) of them.
  const ofName = plan.byNameTerms.get(name);
  if (ofName && a.term !== undefined) byName = ofName.find((c) => c.term === a.term) ?? byName;
  // Both have a code and they differ: not the same course.
  if (code !== undefined && codeOf(byName) !== undefined) return null;
  return byName;
}

/** The plan course of a 课程代码 by code alone (normalised), or undefined: then the course name decides. */
export function courseOfCode(plan: GroupPlan, courseCode: string | undefined): PlannedCourse | undefined {
  const code = codeOf({ courseCode });
  return code === undefined ? undefined : plan.byCode.get(code);
}

function termOrder(t: number | null): number {
  return t ?? Number.MAX_SAFE_INTEGER;
}

/** 教学计划 rows by normalised 专业, each list in input order. */
export type PlanIndex = ReadonlyMap<string, readonly PlanCourse[]>;

/** Indexes the 教学计划 rows once per run (each group looks up its 专业 instead of scanning every row). */
export function indexPlan(rows: readonly PlanCourse[]): PlanIndex {
  const out = new Map<string, PlanCourse[]>();
  for (const r of rows) {
    const major = normaliseText(r.major);
    const list = out.get(major);
    if (list) list.push(r);
    else out.set(major, [r]);
  }
  return out;
}

/**
 * True when a 教学计划 row applies to the group (SPEC §1.3): its 年级 (or none), its 培养类型 track (or none)
 * and its 排名组 (or none — rows without apply to every group of the 专业).
 */
export function planRowApplies(r: PlanCourse, group: Group): boolean {
  if (r.cohort !== null && r.cohort !== group.grade) return false;
  if (r.track !== undefined && r.track !== group.track) return false;
  if (r.rankingGroup !== undefined && normaliseText(r.rankingGroup) !== normaliseText(group.rankingGroup ?? '')) return false;
  return true;
}

/** How specific a plan row is: rows for the group's own 年级 / track / 排名组 come before general rows. */
function specificity(r: PlanCourse): number {
  return (r.cohort !== null ? 1 : 0) + (r.track !== undefined ? 2 : 0) + (r.rankingGroup !== undefined ? 4 : 0);
}

/** P from the 教学计划 rows of the group's 专业 that apply to the group (planRowApplies). */
function planFromSheet(group: Group, rows: readonly PlanCourse[], config: Config): { courses: PlannedCourse[]; issues: Issue[] } {
  const issues: Issue[] = [];
  // `rows` are the rows of the group's 专业 already.
  const matching = rows
    .filter((r) => planRowApplies(r, group))
    // the most specific rows first, then plan order
    .sort((a, b) => specificity(b) - specificity(a) || compareText(a.source.sheet, b.source.sheet) || a.source.row - b.source.row);
  // A course without a code is (课程名称, 学期) (SPEC §1.3): 大学英语 in term 1 and in term 2 are two courses.
  const seen = new Map<string, PlanCourse>();
  /** Specificity of the rows that first named a course without a code: a more specific row replaces general ones. */
  const nameLevel = new Map<string, number>();
  for (const r of matching) {
    if (r.term === null && r.counted) {
      issues.push(
        issueAt('warning', 'PLAN_NO_TERM', `教学计划中课程“${r.courseName}”没有填写学期，无法判断是否属于计入平均分的学期，已不计入；请补填学期`, r.source),
      );
      continue;
    }
    if (!r.counted || r.term === null || !config.countedTerms.includes(r.term)) continue;
    const code = codeOf(r);
    const key = code !== undefined ? `code:${code}` : `name:${courseNameKey(r.courseName)}@${r.term}`;
    if (code === undefined) {
      // The 2021 row of 高等数学 (term 2) replaces the all-cohort row (term 1): same course, another term.
      const level = nameLevel.get(courseNameKey(r.courseName));
      if (level !== undefined && level > specificity(r)) continue;
      nameLevel.set(courseNameKey(r.courseName), specificity(r));
    }
    if (!seen.has(key)) seen.set(key, r);
  }
  /** Names (without a code) planned in more than one term. */
  const termsOfName = new Map<string, number>();
  for (const [key, r] of seen) if (key.startsWith('name:')) termsOfName.set(courseNameKey(r.courseName), (termsOfName.get(courseNameKey(r.courseName)) ?? 0) + 1);
  const courses = [...seen.entries()]
    .sort(
      ([, a], [, b]) =>
        termOrder(a.term) - termOrder(b.term) || compareText(a.source.sheet, b.source.sheet) || a.source.row - b.source.row,
    )
    .map(([key, r]) => {
      const name = r.courseName.trim();
      const several = key.startsWith('name:') && (termsOfName.get(courseNameKey(r.courseName)) ?? 0) > 1;
      // The key stays name:<name> for a name planned once (results unchanged); the term is added otherwise.
      const courseKey = key.startsWith('name:') && !several ? `name:${courseNameKey(r.courseName)}` : key;
      const c: PlannedCourse = { courseKey, courseName: several ? `${name}（第${r.term}学期）` : name, term: r.term, source: r.source };
      if (several) c.nameKey = name;
      const code = codeOf(r);
      if (code !== undefined) c.courseCode = code;
      return c;
    });
  return { courses, issues };
}

/**
 * Inferred P: a course (by code, else by name) with a term in countedTerms (or no known term) that at
 * least planInferencePercent % of the group's non-异动 students have any attempt for.
 */
export function inferPlan(group: Group, attempts: readonly Attempt[] | AttemptSet, config: Config): PlannedCourse[] {
  const { table, rows, from, to } = attemptSetOf(attempts);
  const memberIds = new Set(group.members.map((s) => s.studentId));
  const base = group.members.filter((s) => !s.statusChange);
  const baseIds = new Set((base.length > 0 ? base : group.members).map((s) => s.studentId));
  const own: number[] = [];
  for (let k = from; k < to; k++) if (memberIds.has(table.studentId.at(rows[k]))) own.push(rows[k]);
  const row = (i: number) => ({ courseCode: table.courseCode.at(i), courseName: table.courseName.at(i) });

  // Names used by coded attempts, so that a row missing its code still joins the coded course.
  const codeByName = new Map<string, string>();
  for (const i of [...own].sort((x, y) => table.compareSource(x, y))) {
    const code = codeOf(row(i));
    const name = nameOf(row(i));
    if (code !== undefined && name !== undefined && !codeByName.has(name)) codeByName.set(name, code);
  }
  interface Acc {
    code?: string;
    names: Map<string, number>;
    terms: number[];
    takers: Set<string>;
  }
  const acc = new Map<string, Acc>();
  for (const i of own) {
    const a = row(i);
    const name = nameOf(a);
    const code = codeOf(a) ?? (name !== undefined ? codeByName.get(name) : undefined);
    const key = code !== undefined ? `code:${code}` : name !== undefined ? `name:${name}` : undefined;
    if (key === undefined) continue;
    let e = acc.get(key);
    if (!e) {
      e = { names: new Map(), terms: [], takers: new Set() };
      if (code !== undefined) e.code = code;
      acc.set(key, e);
    }
    const shown = (a.courseName ?? '').trim();
    if (shown !== '') e.names.set(shown, (e.names.get(shown) ?? 0) + 1);
    const term = table.term(i);
    if (term !== undefined) e.terms.push(term);
    const id = table.studentId.at(i);
    if (baseIds.has(id)) e.takers.add(id);
  }
  const courses: PlannedCourse[] = [];
  for (const [courseKey, e] of acc) {
    const term = e.terms.length > 0 ? Math.min(...e.terms) : null;
    if (term !== null && !config.countedTerms.includes(term)) continue;
    if (e.takers.size * 100 < config.planInferencePercent * baseIds.size) continue;
    // The most used spelling of the name (ties: code-unit order).
    const names = [...e.names.entries()].sort((x, y) => y[1] - x[1] || compareText(x[0], y[0]));
    const c: PlannedCourse = { courseKey, courseName: names[0]?.[0] ?? e.code ?? '', term };
    if (e.code !== undefined) c.courseCode = e.code;
    courses.push(c);
  }
  courses.sort((a, b) => termOrder(a.term) - termOrder(b.term) || compareText(a.courseName, b.courseName) || compareText(a.courseKey, b.courseKey));
  return courses;
}

/**
 * P for one group plus its issues: inference warning (one per group) when no 教学计划 was given or
 * the 教学计划 has no row for the group's 专业.
 */
export function buildGroupPlan(
  group: Group,
  planRows: readonly PlanCourse[] | null,
  /** The group's grade rows (only read to infer P when the 教学计划 has none for the group), or a function giving them. */
  attempts: readonly Attempt[] | AttemptSet | (() => AttemptSet),
  config: Config,
  /** indexPlan(planRows), when the caller builds plans for many groups. */
  planIndex?: PlanIndex,
): { plan: GroupPlan; issues: Issue[] } {
  const anchor = group.members[0]?.source ?? null;
  if (planRows !== null) {
    const majorRows = (planIndex ?? indexPlan(planRows)).get(normaliseText(group.major)) ?? [];
    const hasMajor = majorRows.some((r) => planRowApplies(r, group));
    if (hasMajor) {
      const { courses, issues } = planFromSheet(group, majorRows, config);
      return { plan: makePlan(courses, false), issues };
    }
  }
  const courses = inferPlan(group, typeof attempts === 'function' ? attempts() : attempts, config);
  const untermed = courses.filter((c) => c.term === null).length;
  const why = planRows === null ? '未提供教学计划表' : `教学计划表中没有 ${group.grade}级 ${group.major} 的课程`;
  const terms = `${Math.min(...config.countedTerms)}–${Math.max(...config.countedTerms)}`;
  const message =
    `${why}：${groupDisplayName(group)} 的计入课程按成绩推断，共 ${courses.length} 门` +
    `（第${terms}学期、至少 ${config.planInferencePercent}% 的非学籍异动学生有成绩的课程` +
    (untermed > 0 ? `；其中 ${untermed} 门没有学期信息，已计入` : '') +
    `）。请核对，或提供教学计划（人才培养方案）表`;
  return { plan: makePlan(courses, true), issues: [issueAt('warning', 'PLAN_INFERRED', message, anchor)] };
}

/** What the 附件 sheets and the pane show of a group's P (SPEC §3.3 details). */
export function planDetails(group: Group, plan: GroupPlan): GroupDetails {
  return {
    key: group.key,
    courses: plan.courses.map((c) => ({
      courseKey: c.courseKey,
      courseName: c.courseName,
      term: c.term,
      ...(c.courseCode !== undefined ? { courseCode: c.courseCode } : {}),
    })),
    planInferred: plan.inferred,
  };
}

/**
 * A plan course that no student of the group has any grade row for is almost always a name or code that
 * differs between the 教学计划 and the 成绩 sheets; everybody would get it as missing (0 分). Warn at the
 * plan cell. `taken[i]`: some member has a grade row for plan course i (computeAverage marks it);
 * `groupRows`: the group's grade rows. Not for an inferred P, nor for a group without any grade row (no
 * grades sheet, or an unreadable one: other issues say so).
 */
export function untakenCourses(group: Group, plan: GroupPlan, taken: Uint8Array, groupRows: number): Issue[] {
  if (plan.inferred || groupRows === 0) return [];
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

/**
 * SPEC §2.4 "Grades for courses outside P are ignored (info)": one info per group naming up to five of the
 * courses (code-unit order) and counting the rows; null when every row of the group is in P.
 */
export function outsidePlanIssue(group: Group, outside: readonly Attempt[]): Issue | null {
  if (outside.length === 0) return null;
  const names = [...new Set(outside.map((a) => (a.courseName ?? a.courseCode ?? '').trim()))].sort(compareText);
  const shown = names.slice(0, 5).join('、') + (names.length > 5 ? ` 等 ${names.length} 门` : '');
  return issueAt(
    'info',
    'OUTSIDE_PLAN',
    `${groupDisplayName(group)}：${outside.length} 条成绩不属于计入平均分的教学计划课程（${shown}），已忽略`,
    group.members[0].source,
  );
}

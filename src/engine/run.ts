/**
 * runEngine: parsed inputs → the SPEC §3.3 result plus the details the 附件 sheets need. This file only
 * sequences the steps of SPEC §2, in order; each rule lives in its own file (named at each step). Pure: no
 * Office, DOM, React or file I/O. Deterministic: every step orders its inputs by stable keys, so the row
 * order of any input never changes any result.
 */
import { allocateRecommended, sortSeats } from './allocation';
import { attemptTableOf, type AttemptTable } from './attemptTable';
import { computeAverage, slotMatcher } from './averages';
import { studentAwards } from './awards';
import type { Config } from './config';
import { CourseScoreStore } from './courseScores';
import { assessEligibility, veteranCoursesIssue } from './eligibility';
import { buildGroups, groupDisplayName, smallGroupIssues, type Group } from './groups';
import type { Issue } from './issues';
import { attemptsByStudent, byStudent, checkNames, uniqueStudents, type RowsByStudent } from './join';
import type { Attempt, Award, EngineInput } from './model';
import { engineOutput, groupResultOf, startReckoning, type Reckoning } from './output';
import { buildGroupPlan, indexPlan, outsidePlanIssue, planDetails, untakenCourses, type GroupPlan, type PlanIndex } from './plan';
import { groupQuotas } from './quota';
import { rankGroup, rankKey } from './ranking';
import { walkGroup, walkMemberOf } from './recommendation';
import type { EngineOutput, GroupDetails, GroupResult } from './result';

/**
 * Optional instrumentation for benchmarks: `stage(name)` is called when a stage ends, so the time since
 * the previous call belongs to `name` (stages repeat per group; a benchmark sums them).
 */
export interface EngineHooks {
  stage(name: 'normalise' | 'plan' | 'average' | 'rank' | 'walk' | 'allocate' | 'output'): void;
}

/** What every group of a run shares. */
interface Run {
  input: EngineInput;
  config: Config;
  issues: Issue[];
  table: AttemptTable;
  attemptsOf: RowsByStudent;
  awardsOf: ReadonlyMap<string, Award[]>;
  planIndex: PlanIndex | undefined;
  /** Every student's per-course scores in one store. */
  scores: CourseScoreStore;
  mark: EngineHooks['stage'];
}

export function runEngine(input: EngineInput, config: Config, hooks?: EngineHooks): EngineOutput {
  const mark: EngineHooks['stage'] = hooks ? (name) => hooks.stage(name) : () => undefined;
  const issues: Issue[] = [];
  // §1.1, §1.2, §1.4: the roster (one row per 学号) and the grade and award rows joined to it (join.ts).
  const { list: students, byId: known } = uniqueStudents(input.students, issues, input.studentsById);
  const table = attemptTableOf(input.attempts);
  const attemptsOf = attemptsByStudent(table, known, issues);
  const awardsOf = byStudent<Award>(input.awards ?? [], known, '获奖与荣誉', issues);
  // §2.1: the ranking groups (groups.ts); their quota bases and quotas (quota.ts).
  const groups = buildGroups(students);
  issues.push(...smallGroupIssues(groups));
  const quotas = groupQuotas(groups, config);
  const planIndex = input.plan === null ? undefined : indexPlan(input.plan);
  // Sized for a typical plan of ~48 courses per student; it grows.
  const run: Run = { input, config, issues, table, attemptsOf, awardsOf, planIndex, scores: new CourseScoreStore(students.length * 48), mark };
  mark('normalise');

  // §1.3–§2.8, group by group.
  const all: Reckoning[] = [];
  const results: GroupResult[] = [];
  const details = new Map<string, GroupDetails>();
  for (const group of groups) {
    const g = reckonGroup(group, quotas.get(group.key) as { base: number; quota: number }, run);
    for (const m of g.members) all.push(m); // not push(...): a group may be larger than the argument limit
    results.push(g.result);
    details.set(group.key, g.details);
  }

  // §2.9: 志愿 allocation over the recommended students of all groups (allocation.ts).
  const seats = sortSeats(input.seats ?? []);
  const allocation = allocateRecommended(all, seats, config);
  issues.push(...allocation.issues);
  for (const w of all) {
    const o = allocation.outcomes.get(w.student.studentId);
    if (!o) continue;
    w.allocation = o.allocation;
    w.allocationPending = o.pending;
  }
  mark('allocate');

  // §3.3: the result (output.ts).
  const out = engineOutput(all, { results, details }, issues, input, seats, config);
  mark('output');
  return out;
}

/** §1.3–§2.8 for one ranking group. */
function reckonGroup(group: Group, quota: { base: number; quota: number }, run: Run): { members: Reckoning[]; result: GroupResult; details: GroupDetails } {
  const { input, config, issues, mark } = run;
  // §1.3: the plan courses P (plan.ts); the group's rows are only read to infer P.
  const { plan, issues: planIssues } = buildGroupPlan(group, input.plan, () => run.attemptsOf.ofGroup(group), config, run.planIndex);
  issues.push(...planIssues);
  const details = planDetails(group, plan);
  mark('plan');

  // §2.2–§2.4: each member's counted courses and exact average (averages.ts).
  const members = averageMembers(group, plan, run);
  mark('average');

  // §2.5: rank and the 60 % line (ranking.ts).
  const ranks = rankGroup(
    members.map((m) => ({ studentId: m.student.studentId, key: m.key })),
    config,
  );
  for (const m of members) {
    const r = ranks.get(m.student.studentId) ?? { rank: null, top60: false };
    m.rank = r.rank;
    m.top60 = r.top60;
    // §2.6: eligibility and its reasons (eligibility.ts).
    const e = assessEligibility(
      { student: m.student, hasAverage: m.avg.exact !== null, missingCourses: m.avg.missingCourses, failedCourses: m.avg.failedCourses, top60: m.top60 },
      config,
    );
    m.eligible = e.eligible;
    m.reasons = e.reasons;
    m.notes = e.notes;
    const veteran = veteranCoursesIssue(m.student, e);
    if (veteran) issues.push(veteran);
    // §2.7: direct and priority (awards.ts).
    const aw = studentAwards(run.awardsOf.get(m.student.studentId) ?? [], m.eligible, config, m.student);
    issues.push(...aw.issues);
    m.direct = aw.direct;
    m.priority = aw.priority;
    m.evidence = aw.evidence;
  }
  mark('rank');

  // §2.8: the recommendation walk (recommendation.ts).
  const walk = walkGroup(
    members.map((m) => walkMemberOf(m.student, m)),
    quota.quota,
    input.hasRegistration,
    config,
    groupDisplayName(group),
  );
  issues.push(...walk.issues);
  for (const m of members) {
    const o = walk.outcomes.get(m.student.studentId);
    if (!o) throw new Error(`内部错误：${groupDisplayName(group)} 的学号 ${m.student.studentId} 没有推荐结果`);
    m.outcome = o;
  }
  const result = groupResultOf(group, quota, members);
  mark('walk');
  return { members, result, details };
}

/**
 * §2.2–§2.4 for each member (averages.ts: one slot matcher, one `taken` and one score store shared by the
 * group), with the 学号 join's 姓名 check on the way (join.ts) and what the plan join reports (plan.ts).
 */
function averageMembers(group: Group, plan: GroupPlan, run: Run): Reckoning[] {
  const { config, issues } = run;
  const slotOfRow = slotMatcher(plan, run.table);
  const taken = new Uint8Array(plan.courses.length);
  const outside: Attempt[] = [];
  let groupRows = 0;
  const members = group.members.map((s) => {
    const own = run.attemptsOf.of(s.studentId);
    groupRows += own.to - own.from;
    checkNames(own, s, issues);
    const avg = computeAverage(s, plan, own, config, { match: slotOfRow, taken, scores: run.scores });
    issues.push(...avg.issues);
    outside.push(...avg.outsidePlan);
    // §2.5: the ranked value (ranking.ts).
    return startReckoning(s, group, avg, rankKey(avg.exact, config));
  });
  issues.push(...untakenCourses(group, plan, taken, groupRows));
  const outsideIssue = outsidePlanIssue(group, outside);
  if (outsideIssue) issues.push(outsideIssue);
  return members;
}

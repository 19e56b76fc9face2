/**
 * SPEC §2.9, 细则 五(六)(七) "成绩优先、遵循志愿": 志愿 allocation of the recommended students over the
 * 对口招录计划 (附件16), which is subdivided per 高职专业 (and 年级 when the row has one).
 *
 * Readings (documented because SPEC leaves them open):
 * - A 志愿 matches a plan row when 本科院校 and 本科专业 are equal after trimming and full-width → half-width;
 *   nothing else is forgiven. A plan row with the student's 年级 is preferred to a row without 年级.
 * - Serial dictatorship by blocks of equal (key, priority), across tracks and ranking groups of one 专业.
 * - When a block conflicts on a programme (more members point at it than it has seats left), those members
 *   are `pending` and the programme's remaining seats are held for them: later blocks cannot take them,
 *   since a lower-ranked student must not pass over a pending higher-ranked one.
 * - A 录取裁定 (SPEC §2.9) settles such a conflict: the named members take the contested seats and the
 *   other members go on to their next 志愿 with a seat in the same pass (they may take a seat a lower-ranked
 *   student would otherwise get: 成绩优先). Fewer rulings than seats settle only the named members; more
 *   rulings than seats, or one naming another programme, is an error at the 录取裁定 cell.
 * - A recommended student whose 专业 has no plan row is left out (allocation null, one info per 专业).
 */
import type { Config } from './config';
import type { Fraction } from './exact';
import { type Issue, issueAt } from './issues';
import { compareText } from './groups';
import { compareSource } from './join';
import type { ProgramSeats, SourceRef, Student, Wish } from './model';
import { compareWalkOrder, memberLabel, standingBlocks } from './recommendation';
import type { Allocation, Status } from './result';

export interface AllocationCandidate {
  studentId: string;
  major: string;
  cohort: number;
  key: Fraction | null;
  priority: boolean;
  wishes: Wish[];
  source: SourceRef;
  /** 姓名, for messages only (optional). */
  name?: string;
  /** 录取裁定 (SPEC §2.9): the programme the leading group gave the student in a conflict. */
  admissionRuling?: Wish;
}

export interface AllocationOutcome {
  allocation: Allocation | null;
  pending: boolean;
}

/** 志愿 / plan text: trim, full-width → half-width (ideographic space → space); otherwise exact. */
export function normaliseWishText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/gu, ' ')
    .trim();
}

interface PlanRow {
  id: number;
  row: ProgramSeats;
  university: string;
  program: string;
  major: string;
}

const programKey = (university: string, program: string): string => `${university}\u0000${program}`;

function wishLabel(w: { university: string; program: string }): string {
  return `${w.university.trim()}/${w.program.trim()}`;
}

/** True when a 录取裁定 names the plan row's programme (same comparison as a 志愿). */
function namesProgramme(w: Wish, p: PlanRow, text: (s: string) => string): boolean {
  return text(w.university) === p.university && text(w.program) === p.program;
}

/** Valid, de-duplicated plan rows (errors for bad seat counts and repeated rows). */
function readPlan(seats: readonly ProgramSeats[], issues: Issue[]): PlanRow[] {
  const rows: PlanRow[] = [];
  const seen = new Map<string, ProgramSeats>();
  for (const row of seats) {
    if (!Number.isInteger(row.seats) || row.seats < 0) {
      issues.push(
        issueAt(
          'error',
          'BAD_PLAN_SEATS',
          `对口招录计划中“${wishLabel(row)}”（高职专业 ${row.vocationalMajor}）的计划数“${row.seats}”不是非负整数。请填写整数名额。`,
          row.source,
        ),
      );
      continue;
    }
    const university = normaliseWishText(row.university);
    const program = normaliseWishText(row.program);
    const major = normaliseWishText(row.vocationalMajor);
    const identity = [university, program, major, row.cohort ?? '*'].join('\u0000');
    const first = seen.get(identity);
    if (first) {
      issues.push(
        issueAt(
          'error',
          'DUPLICATE_PLAN_ROW',
          `对口招录计划中“${wishLabel(row)}”给高职专业 ${row.vocationalMajor}${row.cohort !== null ? `（${row.cohort}级）` : ''}的计划出现两次（另见 ${first.source.sheet} 第${first.source.row}行）。请合并为一行并填写合计计划数。`,
          row.source,
        ),
      );
      continue;
    }
    seen.set(identity, row);
    rows.push({ id: rows.length, row, university, program, major });
  }
  return rows;
}

/** SPEC §2.9. `candidates` = the recommended students (all three kinds) of every group. */
export function allocate(
  candidates: readonly AllocationCandidate[],
  seats: readonly ProgramSeats[],
  _config: Config,
): { outcomes: Map<string, AllocationOutcome>; issues: Issue[] } {
  const issues: Issue[] = [];
  const plan = readPlan(seats, issues);
  const seatsLeft = new Map<number, number>(plan.map((p) => [p.id, p.row.seats]));
  const outcomes = new Map<string, AllocationOutcome>();
  const choices = new Map<string, PlanRow[]>();
  const unplanned = new Map<string, AllocationCandidate[]>();
  /** normaliseWishText, once per distinct text (志愿 and 专业 texts repeat across students). */
  const normalised = new Map<string, string>();
  const wishText = (s: string): string => {
    let n = normalised.get(s);
    if (n === undefined) {
      n = normaliseWishText(s);
      normalised.set(s, n);
    }
    return n;
  };
  /** Plan rows by 高职专业, in plan order (each candidate looks at its own 专业's rows only). */
  const planOfMajor = new Map<string, PlanRow[]>();
  for (const p of plan) {
    const list = planOfMajor.get(p.major);
    if (list) list.push(p);
    else planOfMajor.set(p.major, [p]);
  }

  for (const c of standingBlocks(candidates).flat()) {
    if (outcomes.has(c.studentId)) throw new Error(`allocate: 学号 ${c.studentId} 出现两次`);
    outcomes.set(c.studentId, { allocation: null, pending: false });
    const major = wishText(c.major);
    // Per programme: the row for the student's 年级, else the row for all 年级.
    const rowsOfMajor = new Map<string, PlanRow>();
    for (const p of planOfMajor.get(major) ?? []) {
      if (p.row.cohort !== null && p.row.cohort !== c.cohort) continue;
      const k = programKey(p.university, p.program);
      const held = rowsOfMajor.get(k);
      if (!held || (held.row.cohort === null && p.row.cohort !== null)) rowsOfMajor.set(k, p);
    }
    if (rowsOfMajor.size === 0) {
      const label = `${c.major.trim()}（${c.cohort}级）`;
      unplanned.set(label, [...(unplanned.get(label) ?? []), c]);
      continue;
    }
    const resolved: PlanRow[] = [];
    for (const w of c.wishes) {
      const p = rowsOfMajor.get(programKey(wishText(w.university), wishText(w.program)));
      if (!p) {
        issues.push(
          issueAt(
            'warning',
            'WISH_NOT_IN_PLAN',
            `${memberLabel(c)} 的志愿“${wishLabel(w)}”不在专业 ${c.major.trim()} 的对口招录计划中，该志愿不参加录取。请按附件16的本科院校和本科专业名称改正。`,
            w.source ?? c.source,
          ),
        );
      } else if (!resolved.includes(p)) {
        resolved.push(p);
      }
    }
    if (c.wishes.length === 0) {
      issues.push(
        issueAt(
          'warning',
          'NO_WISH',
          `${memberLabel(c)} 已获推荐但未填报志愿，无法分配本科院校和专业。请在学生名册“志愿1”等列填写“本科院校/本科专业”。`,
          c.source,
        ),
      );
    }
    choices.set(c.studentId, resolved);
  }

  for (const [label, members] of unplanned) {
    issues.push(
      issueAt(
        'info',
        'MAJOR_NOT_IN_PLAN',
        `专业 ${label} 没有对口招录计划，${members.length} 名推荐学生（${members.map(memberLabel).join('、')}）未分配本科院校和专业。如有计划，请在对口招录计划的“高职专业”列按学生名册的专业名称填写。`,
        null,
      ),
    );
  }

  const pooled = candidates.filter((c) => choices.has(c.studentId));
  /** Candidates that were in a conflict, with the contested programme; 录取裁定 that settled one. */
  const conflictOf = new Map<string, PlanRow>();
  const rulingUsed = new Set<string>();
  const take = (c: AllocationCandidate, p: PlanRow) =>
    outcomes.set(c.studentId, { allocation: { university: p.row.university, program: p.row.program }, pending: false });
  for (const block of standingBlocks(pooled)) {
    /** Programmes a member lost by a 录取裁定: he goes on to his next 志愿 with a seat (SPEC §2.9). */
    const lost = new Map<string, Set<number>>();
    let active: AllocationCandidate[] = block;
    while (active.length > 0) {
      const demand = new Map<number, AllocationCandidate[]>();
      for (const c of active) {
        const gone = lost.get(c.studentId);
        const p = (choices.get(c.studentId) ?? []).find((r) => (seatsLeft.get(r.id) ?? 0) > 0 && !gone?.has(r.id)) ?? null;
        if (p) demand.set(p.id, [...(demand.get(p.id) ?? []), c]);
        else if (c.wishes.length > 0) {
          issues.push(
            issueAt(
              'warning',
              'NO_SEAT_FOR_WISHES',
              `${memberLabel(c)} 所填志愿中没有仍有名额的对口招录专业，未分配本科院校和专业。请与学生沟通调整志愿，或报综合审查组处理。`,
              c.source,
            ),
          );
        }
      }
      const next: AllocationCandidate[] = [];
      for (const [id, rivals] of demand) {
        const p = plan[id] as PlanRow;
        const left = seatsLeft.get(id) ?? 0;
        if (rivals.length <= left) {
          for (const c of rivals) take(c, p);
          seatsLeft.set(id, left - rivals.length);
          continue;
        }
        for (const c of rivals) conflictOf.set(c.studentId, p);
        const named = rivals.filter((c) => c.admissionRuling !== undefined && namesProgramme(c.admissionRuling, p, wishText));
        if (named.length > left) {
          // More 录取裁定 than seats: nothing is settled.
          for (const c of rivals) outcomes.set(c.studentId, { allocation: null, pending: true });
          seatsLeft.set(id, 0);
          const at = named[left] as AllocationCandidate;
          issues.push(
            issueAt(
              'error',
              'ADMISSION_RULING_TOO_MANY',
              `${memberLabel(at)}：“${wishLabel(p.row)}”只剩 ${left} 个名额，但录取裁定为该专业的有 ${named.length} 人（${named.map(memberLabel).join('、')}）。请在学生名册“录取裁定”列最多为 ${left} 人填写该专业。`,
              at.admissionRuling?.source ?? at.source,
            ),
          );
          continue;
        }
        // The named members take the contested seats (录取裁定, SPEC §2.9).
        for (const c of named) {
          take(c, p);
          rulingUsed.add(c.studentId);
        }
        const seatsAfter = left - named.length;
        const others = rivals.filter((c) => !named.includes(c));
        if (named.length > 0 && seatsAfter === 0) {
          // Settled: the others go on to their next 志愿 with a seat, in the same pass.
          seatsLeft.set(id, 0);
          for (const c of others) {
            lost.set(c.studentId, new Set([...(lost.get(c.studentId) ?? []), id]));
            next.push(c);
          }
          continue;
        }
        // Not (fully) settled: the rest wait, and the seats left are held for them (成绩优先).
        seatsLeft.set(id, 0);
        for (const c of others) outcomes.set(c.studentId, { allocation: null, pending: true });
        issues.push(
          issueAt(
            'warning',
            'ALLOCATION_CONFLICT',
            `志愿冲突：${others.map(memberLabel).join('、')} 平均成绩相同且同等条件，都以“${wishLabel(p.row)}”为当前志愿，但该专业只剩 ${seatsAfter} 个名额。这些学生暂不分配，名额保留；请领导小组裁定后，在学生名册“录取裁定”列为获得名额的学生填写“${wishLabel(p.row)}”，然后重新计算（其余学生按下一志愿录取）。`,
            others[0]?.source ?? null,
          ),
        );
      }
      active = next;
    }
  }
  // A 录取裁定 that settled nothing: naming another programme than the student's conflict is an error at
  // that cell; on a student without a conflict it is ignored (warning), never silently applied.
  for (const c of candidates) {
    const ruling = c.admissionRuling;
    if (ruling === undefined || rulingUsed.has(c.studentId)) continue;
    const contested = conflictOf.get(c.studentId);
    if (contested) {
      issues.push(
        issueAt(
          'error',
          'ADMISSION_RULING_OTHER_PROGRAMME',
          `${memberLabel(c)} 的录取裁定“${wishLabel(ruling)}”不是其志愿冲突的专业“${wishLabel(contested.row)}”。录取裁定只能在冲突的专业中确定获得名额的学生，请改为“${wishLabel(contested.row)}”或清空。`,
          ruling.source ?? c.source,
        ),
      );
    } else {
      issues.push(
        issueAt(
          'warning',
          'ADMISSION_RULING_IGNORED',
          `${memberLabel(c)} 填写了录取裁定“${wishLabel(ruling)}”，但该生没有志愿冲突，录取裁定未被采用。请清空该单元格或核对名单。`,
          ruling.source ?? c.source,
        ),
      );
    }
  }
  return { outcomes, issues };
}

/** The 对口招录计划 rows in a fixed order: 本科院校, 本科专业, 高职专业, then input order. */
export function sortSeats(seats: readonly ProgramSeats[]): ProgramSeats[] {
  return [...seats].sort(
    (a, b) =>
      compareText(a.university, b.university) ||
      compareText(a.program, b.program) ||
      compareText(a.vocationalMajor, b.vocationalMajor) ||
      compareSource(a.source, b.source),
  );
}

/** The statuses of the pool (SPEC §2.9): the recommended students of all three kinds. */
const recommendedStatuses: ReadonlySet<Status> = new Set<Status>(['recommended_quota', 'recommended_direct', 'recommended_veteran']);

/** A student of the run as the allocation sees him: his standing and his status from the walk. */
export interface AllocationStudent {
  student: Student;
  key: Fraction | null;
  priority: boolean;
  outcome: { status: Status } | null;
}

/**
 * SPEC §2.9 for a whole run: allocate() over the recommended students of every group, in walk order. Runs
 * only when the 对口招录计划 has rows and some student (recommended or not) has a 志愿; otherwise nobody
 * gets an outcome (allocation null, not pending).
 */
export function allocateRecommended(
  students: readonly AllocationStudent[],
  seats: readonly ProgramSeats[],
  config: Config,
): { outcomes: Map<string, AllocationOutcome>; issues: Issue[] } {
  if (seats.length === 0 || !students.some((w) => w.student.wishes.length > 0)) return { outcomes: new Map(), issues: [] };
  const candidates: AllocationCandidate[] = students
    .filter((w) => w.outcome !== null && recommendedStatuses.has(w.outcome.status))
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
    }))
    .sort(compareWalkOrder);
  return allocate(candidates, seats, config);
}

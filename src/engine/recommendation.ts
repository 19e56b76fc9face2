/**
 * SPEC §2.8, 细则 三(一), 三(二): the recommendation walk of one ranking group — quota seats, 递补 and ties.
 *
 * Readings of the rules (documented because SPEC leaves them open):
 * - Order: key descending, students without a key last; within equal keys priority first. Students of one
 *   block of equal (key, priority) are treated alike, so input order never matters. Unranked and ineligible
 *   students never touch a seat, so where they stand in the walk changes nothing.
 * - Step 3: a student who did not register but handed in a signed 放弃证明 is `waived` (细则 三(一)1 only
 *   treats "未报名也未提交放弃升本证明材料" as 自动放弃); SPEC's literal text would say `auto_waived`.
 *   A registered student with a 放弃证明 stays registered (warning: the two cells contradict each other).
 *   An empty 报名状态 cell (registration null) while the column exists is 未报名.
 * - With `veteranUsesQuota` a 学校选拔 退役士兵 competes at step 6 like any candidate: with a seat the status
 *   is `recommended_veteran` (the seat counts against Q), otherwise `substitute` / `tie_pending`.
 * - A tie block that straddles the line: 裁定结果 推荐 takes a seat, 不推荐 becomes a substitute; the still
 *   undecided members take the remaining seats when they all fit, become substitutes when no seat remains,
 *   and otherwise stay `tie_pending`. Nobody after the block gets a seat, even if the ruling leaves one free
 *   (a seat cannot pass over a higher-ranked 不推荐 student); a warning says so.
 * - A 裁定结果 on a student who is not in such a block is ignored (warning), never silently applied.
 */
import type { Config } from './config';
import { compareFractions, type Fraction } from './exact';
import { type Issue, issueAt } from './issues';
import type { Registration, SourceRef, Student, VeteranRoute } from './model';
import type { Status } from './result';

export interface WalkMember {
  studentId: string;
  key: Fraction | null;
  eligible: boolean;
  direct: boolean;
  priority: boolean;
  veteran: boolean;
  veteranRoute: VeteranRoute;
  registration: Registration | null;
  waiverProof: boolean;
  ruling: 'recommend' | 'reject' | null;
  source: SourceRef;
  /** 姓名, for messages only (optional). */
  name?: string;
}

export interface WalkOutcome {
  status: Status;
  substituteOrder: number | null;
  filledVacancy: boolean;
}

/** What the walk order looks at: the ranking key and the priority flag. */
export interface Standing {
  key: Fraction | null;
  priority: boolean;
}

/** Negative when `a` stands ahead of `b`: key descending (no key last), then priority first. */
export function compareStanding(a: Standing, b: Standing): number {
  if (a.key === null || b.key === null) {
    if (a.key !== b.key) return a.key === null ? 1 : -1;
  } else {
    const byKey = compareFractions(b.key, a.key);
    if (byKey !== 0) return byKey;
  }
  return a.priority === b.priority ? 0 : a.priority ? -1 : 1;
}

/** Code-unit order, independent of locale data. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The walk order (SPEC §2.8) — and the order of the 志愿 allocation (§2.9): key descending (no key last),
 * priority first, then 学号 (for a stable display; students of equal standing are treated alike).
 */
export function compareWalkOrder(a: Standing & { studentId: string }, b: Standing & { studentId: string }): number {
  return compareStanding(a, b) || compareIds(a.studentId, b.studentId);
}

/** Sorts in walk order and cuts into blocks of equal standing. */
export function standingBlocks<T extends Standing & { studentId: string }>(items: readonly T[]): T[][] {
  const sorted = [...items].sort(compareWalkOrder);
  const blocks: T[][] = [];
  for (const item of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && compareStanding(last[0], item) === 0) last.push(item);
    else blocks.push([item]);
  }
  return blocks;
}

/** A roster student as the walk sees him: his 报名状态, 放弃证明, 退役士兵 and 裁定结果 cells, and his standing. */
export function walkMemberOf(s: Student, x: { key: Fraction | null; eligible: boolean; direct: boolean; priority: boolean }): WalkMember {
  return {
    studentId: s.studentId,
    key: x.key,
    eligible: x.eligible,
    direct: x.direct,
    priority: x.priority,
    veteran: s.veteran,
    veteranRoute: s.veteranRoute,
    registration: s.registration,
    waiverProof: s.waiverProof,
    ruling: s.ruling,
    source: s.source,
    name: s.name,
  };
}

/** Q (SPEC §2.8) is computed in quota.ts; re-exported here where the walk's tests have always found it. */
export { quotaOf } from './quota';

/** "2021001（张三）" or "2021001": every message names a student 学号（姓名） (SPEC §3.3). */
export function memberLabel(m: { studentId: string; name?: string }): string {
  return m.name ? `${m.studentId}（${m.name}）` : m.studentId;
}

function listMembers(ms: readonly { studentId: string; name?: string }[]): string {
  return ms.map(memberLabel).join('、');
}

type PreSeat = Exclude<Status, 'recommended_quota' | 'substitute' | 'tie_pending'> | 'seat';

/** Steps 0–5 of SPEC §2.8; 'seat' = the student goes on to step 6. */
function statusBeforeSeats(m: WalkMember, hasRegistration: boolean, config: Config): PreSeat {
  if (m.veteran && m.veteranRoute === 'exam') return 'exam_route';
  if (!m.eligible) return 'ineligible';
  if (!hasRegistration) return 'eligible';
  const registration = m.registration ?? 'none';
  if (registration !== 'registered') return m.waiverProof ? 'waived' : 'auto_waived';
  if (m.direct) return 'recommended_direct';
  if (m.veteran && !config.veteranUsesQuota) return 'recommended_veteran';
  return 'seat';
}

/** Walks one ranking group (SPEC §2.8). `quota` is Q (quota.ts). */
export function walkGroup(
  members: readonly WalkMember[],
  quota: number,
  hasRegistration: boolean,
  config: Config,
  groupLabel: string,
): { outcomes: Map<string, WalkOutcome>; issues: Issue[] } {
  if (!Number.isInteger(quota) || quota < 0) throw new RangeError(`invalid quota ${quota}`);
  const issues: Issue[] = [];
  const status = new Map<string, Status>();
  const seatSeekers: WalkMember[] = [];
  const ordered = standingBlocks(members).flat();
  const seen = new Set<string>();

  for (const m of ordered) {
    if (seen.has(m.studentId)) throw new Error(`walkGroup: 学号 ${m.studentId} 在排名组「${groupLabel}」中出现两次`);
    seen.add(m.studentId);
    const pre = statusBeforeSeats(m, hasRegistration, config);
    if (pre === 'seat') seatSeekers.push(m);
    else status.set(m.studentId, pre);
    if (hasRegistration && m.eligible && m.registration === 'registered' && m.waiverProof) {
      issues.push(
        issueAt(
          'warning',
          'REGISTERED_WITH_WAIVER',
          `排名组「${groupLabel}」：${memberLabel(m)} 的报名状态为“报名”，但同时填写了放弃证明。已按“报名”处理；如该生已放弃，请把“报名状态”改为“放弃”。`,
          m.source,
        ),
      );
    }
  }

  const seatStatus = (m: WalkMember): Status =>
    m.veteran && config.veteranUsesQuota ? 'recommended_veteran' : 'recommended_quota';
  const decidedByRuling = new Set<string>();
  /**
   * tie_pending blocks: a member (for its standing) and how many of the block will be 不推荐 whatever the
   * ruling (block size − seats left): 递补顺序 behind the block counts them (SPEC §2.8).
   */
  const pendingLosers: { at: WalkMember; losers: number }[] = [];
  let seatsLeft = quota;
  let closed = false;
  for (const block of standingBlocks(seatSeekers)) {
    if (closed || seatsLeft === 0) {
      for (const m of block) status.set(m.studentId, 'substitute');
      continue;
    }
    if (block.length <= seatsLeft) {
      for (const m of block) status.set(m.studentId, seatStatus(m));
      seatsLeft -= block.length;
      continue;
    }
    // A tie block needing more seats than are left: the leading group decides (裁定结果).
    closed = true;
    for (const m of block) decidedByRuling.add(m.studentId);
    const recommend = block.filter((m) => m.ruling === 'recommend');
    const reject = block.filter((m) => m.ruling === 'reject');
    const open = block.filter((m) => m.ruling === null);
    if (recommend.length > seatsLeft) {
      for (const m of block) status.set(m.studentId, 'tie_pending');
      pendingLosers.push({ at: block[0], losers: block.length - seatsLeft });
      issues.push(
        issueAt(
          'error',
          'TIE_RULING_TOO_MANY',
          `排名组「${groupLabel}」：同分待裁定的学生中有 ${recommend.length} 人的裁定结果为“推荐”（${listMembers(recommend)}），但剩余名额只有 ${seatsLeft} 个。请在学生名册“裁定结果”列最多为 ${seatsLeft} 人填写“推荐”，其余填写“不推荐”。`,
          recommend[0].source,
        ),
      );
      continue;
    }
    for (const m of recommend) status.set(m.studentId, seatStatus(m));
    for (const m of reject) status.set(m.studentId, 'substitute');
    seatsLeft -= recommend.length;
    if (open.length > seatsLeft && seatsLeft > 0) {
      for (const m of open) status.set(m.studentId, 'tie_pending');
      pendingLosers.push({ at: open[0], losers: open.length - seatsLeft });
      issues.push(
        issueAt(
          'warning',
          'TIE_AT_QUOTA',
          `排名组「${groupLabel}」：${listMembers(open)} 共 ${open.length} 人平均成绩相同且同等条件，但剩余名额只有 ${seatsLeft} 个，需由学校普通专升本工作领导小组裁定。请在学生名册“裁定结果”列为这些学生填写“推荐”或“不推荐”（最多 ${seatsLeft} 人“推荐”），然后重新计算。`,
          open[0].source,
        ),
      );
      continue;
    }
    // The ruling settles the block: the undecided all fit, or no seat is left for them.
    const openFits = open.length <= seatsLeft;
    for (const m of open) status.set(m.studentId, openFits ? seatStatus(m) : 'substitute');
    if (openFits) seatsLeft -= open.length;
    if (seatsLeft > 0) {
      issues.push(
        issueAt(
          'warning',
          'TIE_RULING_UNDERFILLED',
          `排名组「${groupLabel}」：同分学生（${listMembers(block)}）裁定后仍有 ${seatsLeft} 个名额未用；排在其后的学生不会获得名额（不能越过被裁定“不推荐”的同分学生）。如需用满名额，请把部分“不推荐”改为“推荐”。`,
          block[0].source,
        ),
      );
    }
  }

  for (const m of ordered) {
    if (m.ruling !== null && !decidedByRuling.has(m.studentId)) {
      issues.push(
        issueAt(
          'warning',
          'RULING_IGNORED',
          `排名组「${groupLabel}」：${memberLabel(m)} 填写了裁定结果“${m.ruling === 'recommend' ? '推荐' : '不推荐'}”，但该生不是名额线上的同分待裁定学生，裁定结果未被采用。请清空该单元格或核对名单。`,
          m.source,
        ),
      );
    }
  }

  const substitutes = ordered.filter((m) => status.get(m.studentId) === 'substitute');
  const candidates = ordered.filter((m) => m.eligible && !m.direct && (!m.veteran || config.veteranUsesQuota));
  const outcomes = new Map<string, WalkOutcome>();
  const seekerIds = new Set(seatSeekers.map((m) => m.studentId));
  for (const m of ordered) {
    const s = status.get(m.studentId);
    if (s === undefined) throw new Error(`walkGroup: 学号 ${m.studentId} 没有得到推荐结果`);
    const substituteOrder =
      s === 'substitute'
        ? 1 +
          substitutes.filter((o) => compareStanding(o, m) < 0).length +
          pendingLosers.filter((p) => compareStanding(p.at, m) < 0).reduce((n, p) => n + p.losers, 0)
        : null;
    const tookSeat = seekerIds.has(m.studentId) && (s === 'recommended_quota' || s === 'recommended_veteran');
    const position = 1 + candidates.filter((o) => compareStanding(o, m) < 0).length;
    outcomes.set(m.studentId, { status: s, substituteOrder, filledVacancy: tookSeat && position > quota });
  }
  return { outcomes, issues };
}

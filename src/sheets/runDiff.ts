/**
 * 变更对比 (issue 18 point 7): what each run decided per student, kept compactly (the sheet 结果快照, see
 * attachments/changeReport.ts), and who changed since the previous run — average, rank, eligibility,
 * status, 递补, allocation — with the likely cause, for re-publishing after a grade correction. Pure.
 */
import type { Config } from '../engine/config';
import type { ResultJson, StudentResult } from '../engine/result';
import { reasonsText, statusLabel } from './attachments/common';

/** One student's outcome as the snapshot keeps it (texts as the sheets show them). */
export interface SnapshotRow {
  studentId: string;
  name: string;
  /** "2021级 机电一体化技术" (+ "（扩招）"). */
  group: string;
  average: string | null;
  rank: number | null;
  groupSize: number;
  eligible: boolean;
  /** 推荐结果 as the sheets show it ("推荐（递补）", "递补候选"…). */
  status: string;
  substituteOrder: number | null;
  /** "广西科技大学/机械电子工程", or null. */
  allocation: string | null;
  /** 原因 text ("有不及格课程：高等数学；成绩排名未在前60%"), "" when none. */
  reasons: string;
}

export interface RunSnapshot {
  /** When the run was made, as the user reads it ("2024-03-18 14:05（北京时间）"), when known. */
  at: string | null;
  rows: SnapshotRow[];
}

function groupTitle(result: ResultJson): Map<string, string> {
  return new Map(result.groups.map((g) => [g.key, `${g.grade}级 ${g.label}${g.track === '扩招' ? '（扩招）' : ''}`]));
}

export function snapshotRow(s: StudentResult, group: string, config: Config): SnapshotRow {
  return {
    studentId: s.studentId,
    name: s.name,
    group,
    average: s.average,
    rank: s.rank,
    groupSize: s.groupSize,
    eligible: s.eligible,
    status: statusLabel(s),
    substituteOrder: s.substituteOrder,
    allocation: s.allocation ? `${s.allocation.university}/${s.allocation.program}` : s.allocationPending ? '志愿冲突待裁定' : null,
    reasons: reasonsText(s, config),
  };
}

/** The run's outcome per student, in the result's order. */
export function snapshotOf(result: ResultJson, config: Config, at: string | null): RunSnapshot {
  const titles = groupTitle(result);
  return { at, rows: result.students.map((s) => snapshotRow(s, titles.get(s.group) ?? s.group, config)) };
}

export interface FieldChange {
  /** 平均成绩, 排名, 是否符合条件, 推荐结果, 递补顺序, 录取, 原因. */
  field: string;
  before: string;
  after: string;
}

export interface StudentChange {
  studentId: string;
  name: string;
  group: string;
  kind: 'changed' | 'added' | 'removed';
  changes: FieldChange[];
  /** Likely causes, in Chinese. */
  why: string[];
}

const dash = '—';
function rankText(r: SnapshotRow): string {
  return r.rank === null ? `无/${r.groupSize}` : `${r.rank}/${r.groupSize}`;
}

/** The compared fields of a row, as texts. */
function fields(r: SnapshotRow): [string, string][] {
  return [
    ['平均成绩', r.average ?? dash],
    ['排名', rankText(r)],
    ['是否符合条件', r.eligible ? '是' : '否'],
    ['推荐结果', r.status],
    ['递补顺序', r.substituteOrder === null ? dash : String(r.substituteOrder)],
    ['录取', r.allocation ?? dash],
    ['原因', r.reasons || dash],
  ];
}

function causes(a: SnapshotRow, b: SnapshotRow, changed: Set<string>): string[] {
  const why: string[] = [];
  if (changed.has('平均成绩')) why.push('本人的成绩或计入平均分的课程有变化');
  else if (changed.has('排名')) {
    why.push(a.groupSize !== b.groupSize ? `排名组人数由 ${a.groupSize} 变为 ${b.groupSize}（名册增删了学生）` : '本人平均成绩未变，同组其他学生的平均成绩有变化');
  }
  if (changed.has('原因') || changed.has('是否符合条件')) why.push(`资格原因：${a.reasons || '无'} → ${b.reasons || '无'}`);
  if ((changed.has('推荐结果') || changed.has('递补顺序')) && !changed.has('是否符合条件') && !changed.has('平均成绩') && !changed.has('排名')) {
    why.push('名额、递补或裁定变化（同组其他学生的报名、放弃、裁定或不占指标情况有变化）');
  }
  if (changed.has('录取') && !changed.has('推荐结果')) why.push('志愿分配变化（排名在前学生的录取、本人志愿或对口招录计划有变化）');
  return why;
}

/** Who changed between two runs: the new run's order, then the students no longer in the roster. */
export function diffRuns(before: RunSnapshot, after: RunSnapshot): StudentChange[] {
  const old = new Map(before.rows.map((r) => [r.studentId, r]));
  const seen = new Set<string>();
  const out: StudentChange[] = [];
  for (const b of after.rows) {
    seen.add(b.studentId);
    const a = old.get(b.studentId);
    if (!a) {
      out.push({ studentId: b.studentId, name: b.name, group: b.group, kind: 'added', changes: [], why: ['上次计算时名册中没有该生'] });
      continue;
    }
    const fa = fields(a);
    const changes = fields(b)
      .map(([field, after], i): FieldChange => ({ field, before: fa[i]![1], after }))
      .filter((c) => c.before !== c.after);
    if (a.group !== b.group) changes.unshift({ field: '排名组', before: a.group, after: b.group });
    if (changes.length === 0) continue;
    out.push({ studentId: b.studentId, name: b.name, group: b.group, kind: 'changed', changes, why: causes(a, b, new Set(changes.map((c) => c.field))) });
  }
  for (const a of before.rows) {
    if (!seen.has(a.studentId)) out.push({ studentId: a.studentId, name: a.name, group: a.group, kind: 'removed', changes: [], why: ['本次名册中已没有该生'] });
  }
  return out;
}

/** "平均成绩 83.60 → 84.10；排名 12/40 → 10/40" */
export function changeText(c: StudentChange): string {
  if (c.kind === 'added') return '新增学生';
  if (c.kind === 'removed') return '已从名册移除';
  return c.changes.map((f) => `${f.field} ${f.before} → ${f.after}`).join('；');
}

/**
 * SPEC §2.1: ranking groups. Key = (cohort, 专业 or 专业（排名组）, track). Every roster student belongs to
 * exactly one group — 定向 students, 退役士兵 and students without grades included. A group with N < 5 gets
 * a warning naming its students (SMALL_GROUP).
 */
import { issueAt, type Issue } from './issues';
import type { Student } from './model';
import type { Track } from './result';

export interface GroupInfo {
  key: string;
  grade: number;
  major: string;
  track: Track;
  label: string;
  /** The 排名组 label (天工班…), when the group is one. */
  rankingGroup?: string;
}

export interface Group extends GroupInfo {
  /** Members ordered by studentId. */
  members: Student[];
}

/** Plain code-unit comparison: deterministic whatever the platform's locale data. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function trackOf(student: Student): Track {
  return student.trainingType === 'expanded' ? '扩招' : '普通';
}

export function groupOf(student: Student): GroupInfo {
  const major = student.major.trim();
  const rankingGroup = student.rankingGroup?.trim() ?? '';
  const label = rankingGroup ? `${major}（${rankingGroup}）` : major;
  const track = trackOf(student);
  const info: GroupInfo = { key: `${student.cohort}|${label}|${track}`, grade: student.cohort, major, track, label };
  if (rankingGroup) info.rankingGroup = rankingGroup;
  return info;
}

/** Chinese name of a group for messages: "2021级 机电一体化技术", "2021级 工业机器人技术（扩招）" (as the pane shows it). */
export function groupDisplayName(g: GroupInfo): string {
  return `${g.grade}级 ${g.label}${g.track === '扩招' ? '（扩招）' : ''}`;
}

/** All groups, ordered by key; members ordered by studentId. */
export function buildGroups(students: readonly Student[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const s of students) {
    const info = groupOf(s);
    let g = byKey.get(info.key);
    if (!g) {
      g = { ...info, members: [] };
      byKey.set(info.key, g);
    }
    g.members.push(s);
  }
  const groups = [...byKey.values()].sort((a, b) => compareText(a.key, b.key));
  for (const g of groups) g.members.sort((a, b) => compareText(a.studentId, b.studentId));
  return groups;
}

/** SPEC §2.1: a group with N < 5 (often a 学籍异动 student carrying an old 年级 or 专业) — warning naming them. */
export function smallGroupIssues(groups: readonly Group[]): Issue[] {
  return groups
    .filter((g) => g.members.length < 5)
    .map((g) =>
      issueAt(
        'warning',
        'SMALL_GROUP',
        `${groupDisplayName(g)} 只有 ${g.members.length} 人（${g.members.map((s) => `${s.studentId}（${s.name}）`).join('、')}），单独排名。多为学籍异动学生仍登记为原年级或原专业，或排名组名称写法不一致；请核对名册的年级、专业和排名组。`,
        g.members[0]?.source ?? null,
      ),
    );
}

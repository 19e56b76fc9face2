/** The 计算 step's per-group summary table and issue counts, computed from the SPEC §3.3 result. Pure. */
import type { Issue, Severity } from '../engine/issues';
import type { ResultJson } from '../engine/result';

export interface GroupSummaryRow {
  key: string;
  /** "2021级 机电一体化技术" (+ "（扩招）"). */
  title: string;
  size: number;
  quota: number;
  top60: number;
  eligible: number;
  recommendedQuota: number;
  recommendedDirect: number;
  recommendedVeteran: number;
  substitutes: number;
  tiePending: number;
}

export function groupSummary(result: ResultJson): GroupSummaryRow[] {
  const rows = new Map<string, GroupSummaryRow>();
  for (const g of result.groups) {
    rows.set(g.key, {
      key: g.key,
      title: `${g.grade}级 ${g.label}${g.track === '扩招' ? '（扩招）' : ''}`,
      size: g.size,
      quota: g.quota,
      top60: 0,
      eligible: 0,
      recommendedQuota: g.recommendedQuota,
      recommendedDirect: g.recommendedDirect,
      recommendedVeteran: g.recommendedVeteran,
      substitutes: 0,
      tiePending: g.tiePending,
    });
  }
  for (const s of result.students) {
    const row = rows.get(s.group);
    if (!row) throw new Error(`结果中的学生 ${s.studentId} 属于未知的排名组 ${s.group}`);
    if (s.top60) row.top60 += 1;
    if (s.eligible) row.eligible += 1;
    if (s.status === 'substitute') row.substitutes += 1;
  }
  return [...rows.values()];
}

export function totals(rows: readonly GroupSummaryRow[]): Omit<GroupSummaryRow, 'key' | 'title'> {
  const t = { size: 0, quota: 0, top60: 0, eligible: 0, recommendedQuota: 0, recommendedDirect: 0, recommendedVeteran: 0, substitutes: 0, tiePending: 0 };
  for (const r of rows) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}

export function countBySeverity(issues: readonly Issue[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) c[i.severity] += 1;
  return c;
}

export const severityText: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/**
 * An UNKNOWN_VALUE warning (src/sheets/unknownValues.ts) as parts the pane can offer a choice for: the
 * column, the value as typed and the words the column understands. Null for any other issue, or when the
 * column lists no words to choose from.
 */
export function unknownValueChoice(issue: { code: string; message: string }): { column: string; value: string; choices: string[] } | null {
  if (issue.code !== 'UNKNOWN_VALUE') return null;
  const m = /^“(.+?)”列的取值“(.*?)”不在可识别的范围内/u.exec(issue.message);
  const words = /可识别的取值：(.+?)。/u.exec(issue.message);
  if (!m || !words) return null;
  // The top-level words only: "否（正常、无异动…）" offers 否, not its examples.
  const top = words[1]!.replace(/（[^）]*）|\([^)]*\)/gu, '');
  const choices = top.split(/[、,，/]/u).map((w) => w.trim()).filter((w) => w !== '');
  return choices.length > 0 ? { column: m[1]!, value: m[2]!, choices } : null;
}

/** The valueMeanings draft (one “列名|取值=含义” per line) with this choice added or replaced. */
export function withMeaning(draft: string, column: string, value: string, meaning: string): string {
  const lines = draft.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith(`${column}|${value}=`));
  return [...lines, `${column}|${value}=${meaning}`].join('\n');
}

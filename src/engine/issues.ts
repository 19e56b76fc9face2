/** Issues (SPEC §3.3): every problem points at the cell to fix, with a Chinese message. */
import type { SourceRef } from './model';

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  severity: Severity;
  /** Stable code, e.g. "BAD_SCORE", "DUPLICATE_ID", "TIE_AT_QUOTA". */
  code: string;
  /** Chinese: what was found, where, and what to do. */
  message: string;
  sheet: string | null;
  /** 1-based worksheet row. */
  row: number | null;
  /** Column letter ("E"). */
  column: string | null;
  /** A1 address ("E27"). */
  cell: string | null;
}

/** Builds an issue located at `at` (a whole row when no column is known). */
export function issueAt(severity: Severity, code: string, message: string, at?: SourceRef | null): Issue {
  const column = at?.column ?? null;
  return {
    severity,
    code,
    message,
    sheet: at?.sheet ?? null,
    row: at?.row ?? null,
    column,
    cell: at && column ? `${column}${at.row}` : null,
  };
}

/** "成绩!E27" or "成绩 第27行" for messages. */
export function describeLocation(at: SourceRef | null | undefined): string {
  if (!at) return '';
  return at.column ? `${at.sheet}!${at.column}${at.row}` : `${at.sheet} 第${at.row}行`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** True when the message names its own place: "成绩!E27" (not inside "成绩!E270"), or the sheet and "第N行". */
export function namesItsPlace(i: Issue): boolean {
  if (!i.sheet) return true;
  if (i.cell && new RegExp(`${escapeRegExp(i.sheet)}!${i.cell}(?![0-9])`, 'u').test(i.message)) return true;
  if (!i.message.includes(i.sheet)) return false;
  if (i.cell) return i.message.includes(`第${i.row}行`) && i.message.includes(`${i.column}列`);
  return i.row === null || i.message.includes(`第${i.row}行`) || i.message.includes(`第 ${i.row}`);
}

/**
 * Issue 5: every error and warning message names the sheet and cell it points at. Messages that name a
 * student or a group instead ("学号 0210101 的课程…") get the place in front: "学生名册!A2：学号 0210101…".
 */
export function withPlace(i: Issue): Issue {
  if (i.severity === 'info' || i.sheet === null || i.row === null || namesItsPlace(i)) return i;
  const where = describeLocation({ sheet: i.sheet, row: i.row, column: i.column ?? undefined });
  return { ...i, message: `${where}：${i.message}` };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Code-point order: `localeCompare` orders Chinese by the runtime's locale (pinyin in a zh-CN browser,
 * code points in Node), which would make the pane and the CLI list the same issues differently. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order: severity, sheet, row, column, code, message. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      cmp(a.sheet ?? '', b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? '').length - (b.column ?? '').length ||
      cmp(a.column ?? '', b.column ?? '') ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

/** Removes issues that are exactly the same (e.g. a plan row warned about for two groups of one 专业). */
export function uniqueIssues(issues: readonly Issue[]): Issue[] {
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

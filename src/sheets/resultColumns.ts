/**
 * The result block of SPEC §3.1, written to the right of each roster sheet's own data: one ResultBlock
 * per roster sheet, values in Chinese (是/否, 推荐结果 text, reasons with the course names).
 */
import type { EngineOutput, StudentResult } from '../engine/result';
import { reasonText, statusText } from '../engine/result';
import type { ModelCell } from './attachments/model';
import type { DetectedSheet } from './detect';

/** Which computation produced an output: input fingerprint and time (SPEC §4.6). */
export interface RunStamp {
  fingerprint: string;
  at: string;
}

/** The result block written to the right of the roster's data (SPEC §3.1). */
export interface ResultBlock {
  /** Roster sheet name. */
  sheet: string;
  /** Header row (1-based) of the roster table. */
  headerRow: number;
  /** Headers of the block, in order (平均成绩, 计入课程数, …). */
  headers: string[];
  /**
   * One entry per roster row to fill: worksheet row (1-based) → values in header order. `key` (the
   * student's 学号) lets a host tell, row by row, what it wrote last time from what the user typed since,
   * even after rows were inserted, deleted or sorted.
   */
  rows: { row: number; key?: string; values: ModelCell[] }[];
  /** Which headers hold text that must stay text (none by default). */
  textColumns?: string[];
  /** Number format per header for numeric values (e.g. 平均成绩 → "0.00"). */
  numberFormats?: Record<string, string>;
  /** The computation the values come from (stored with the block). */
  run?: RunStamp;
}

export const RESULT_HEADERS = [
  '平均成绩',
  '计入课程数',
  '排名',
  '专业人数',
  '是否前60%',
  '是否符合条件',
  '推荐结果',
  '递补顺序',
  '原因/备注',
  '录取院校',
  '录取专业',
] as const;

const yesNo = (b: boolean): string => (b ? '是' : '否');

/** 原因/备注: every reason (with the courses), then what the status needs explaining. */
export function remarksOf(s: StudentResult, notes: readonly string[] = []): string {
  const parts: string[] = [];
  for (const r of s.reasons) {
    if (r === 'MISSING_COURSE' && s.missingCourses.length > 0) parts.push(`${reasonText[r]}：${s.missingCourses.join('、')}`);
    else if (r === 'FAILED_COURSE' && s.failedCourses.length > 0) parts.push(`${reasonText[r]}：${s.failedCourses.join('、')}`);
    else parts.push(reasonText[r]);
  }
  if (s.direct) parts.push('符合不占指标条件');
  else if (s.priority) parts.push('同等条件优先');
  if (s.veteran) parts.push('退役大学生士兵');
  if (s.status === 'tie_pending') parts.push('与他人同分且名额不足，待领导小组裁定（在“裁定结果”列填写 推荐/不推荐）');
  if (s.filledVacancy) parts.push('递补');
  if (s.allocationPending) parts.push('志愿同分冲突，待裁定');
  for (const n of notes) if (!parts.includes(n)) parts.push(n);
  return parts.join('；');
}

/** The block's values for one student, in RESULT_HEADERS order. */
export function resultRow(s: StudentResult, notes: readonly string[] = []): ModelCell[] {
  return [
    s.average === null ? null : Number(s.average),
    s.countedCourses,
    s.rank,
    s.groupSize,
    yesNo(s.top60),
    yesNo(s.eligible),
    statusText[s.status],
    s.substituteOrder,
    remarksOf(s, notes),
    s.allocation?.university ?? null,
    s.allocation?.program ?? null,
  ];
}

/** One block per roster sheet; rows are the students' own roster rows. */
export function buildResultBlocks(output: EngineOutput, rosterSheets: readonly DetectedSheet[]): ResultBlock[] {
  const bySheet = new Map<string, ResultBlock>();
  for (const d of rosterSheets) {
    if (d.kind !== 'roster' || bySheet.has(d.sheet)) continue;
    bySheet.set(d.sheet, {
      sheet: d.sheet,
      headerRow: d.headerRow,
      headers: [...RESULT_HEADERS],
      rows: [],
      numberFormats: { 平均成绩: '0.00' },
    });
  }
  for (const s of output.result.students) {
    const details = output.students.get(s.studentId);
    if (!details) continue;
    const block = bySheet.get(details.student.source.sheet);
    if (!block) continue;
    block.rows.push({ row: details.student.source.row, key: s.studentId, values: resultRow(s, details.notes) });
  }
  for (const b of bySheet.values()) b.rows.sort((x, y) => x.row - y.row);
  return [...bySheet.values()];
}

/**
 * Tables → the engine's input (SPEC §1): detects each sheet's kind, reads every sheet of one kind as one
 * table, and reports every problem as a located issue. Pure: no host, no file I/O.
 */
import type { AttemptTable } from '../engine/attemptTable';
import type { Config } from '../engine/config';
import { issueAt, sortIssues, type Issue } from '../engine/issues';
import type { EngineInput } from '../engine/model';
import { detectSheet, isOwnedSheet, sheetLabel, type DetectedSheet } from './detect';
import { kindName, type SheetKind } from './headers';
import { parseGrades } from './parseGrades';
import { parseAwards, parsePlan, parseSeats } from './parseExtras';
import { parseRosters } from './parseRoster';
import { columnLetter, type CellValue, type RawTable } from './table';
import { UnknownValues } from './unknownValues';

export interface ParsedWorkbook {
  /** Sheets recognised as inputs, in input order. */
  sheets: DetectedSheet[];
  /** The grade rows column-wise (`input.attempts.toArray()` gives them as objects). */
  input: EngineInput & { attempts: AttemptTable };
  issues: Issue[];
}

export interface ParseOptions {
  /** Sheets the tool wrote (from the workbook meta): never inputs. */
  ownedSheets?: readonly string[];
}

function hiddenRowsIssue(t: RawTable, sheet: DetectedSheet): Issue | null {
  const hidden = (t.hiddenRows ?? []).filter((r) => r > sheet.headerRow);
  if (hidden.length === 0) return null;
  const list = hidden.slice(0, 10).join('、') + (hidden.length > 10 ? ' 等' : '');
  return issueAt(
    'info',
    'HIDDEN_ROWS',
    `工作表“${sheetLabel(t)}”有 ${hidden.length} 个隐藏行（第 ${list} 行），隐藏行同样参与计算。如不应参与，请删除这些行。`,
    { sheet: t.sheet, row: hidden[0] ?? sheet.headerRow },
  );
}

/**
 * Merged cells below the header (专业 or 班级 merged over a block of students, as hand-made rosters do):
 * the value shown belongs to every row of the range, so it is copied into each. Merges in the header
 * area are left alone (detection reads them as they are). Returns the table unchanged when none.
 */
export function fillMergedData(table: RawTable, sheet: DetectedSheet): { table: RawTable; issue: Issue | null } {
  const firstDataRow = table.originRow + sheet.dataStartIndex;
  const inData = (table.merges ?? []).filter((m) => m.top >= firstDataRow && (m.bottom > m.top || m.right > m.left));
  if (inData.length === 0) return { table, issue: null };
  const rows = table.rows.map((r) => r);
  const text = table.text?.map((r) => r);
  const formats = table.numberFormats?.map((r) => r);
  const ranges: string[] = [];
  for (const m of inData) {
    const r0 = m.top - table.originRow;
    const c0 = m.left - table.originCol;
    const value = table.rows[r0]?.[c0] ?? null;
    if (value === null) continue;
    for (let r = r0; r <= m.bottom - table.originRow && r < rows.length; r++) {
      rows[r] = [...(rows[r] ?? [])];
      if (text) text[r] = [...(text[r] ?? [])];
      if (formats) formats[r] = [...(formats[r] ?? [])];
      for (let c = c0; c <= m.right - table.originCol; c++) {
        (rows[r] as CellValue[])[c] = value;
        if (text) (text[r] as string[])[c] = table.text?.[r0]?.[c0] ?? '';
        if (formats) (formats[r] as string[])[c] = table.numberFormats?.[r0]?.[c0] ?? '';
      }
    }
    ranges.push(`${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`);
  }
  if (ranges.length === 0) return { table, issue: null };
  const shown = ranges.slice(0, 5).join('、') + (ranges.length > 5 ? ` 等 ${ranges.length} 处` : '');
  return {
    table: { ...table, rows, ...(text ? { text } : {}), ...(formats ? { numberFormats: formats } : {}) },
    issue: issueAt(
      'info',
      'MERGED_CELLS_FILLED',
      `工作表“${sheetLabel(table)}”的数据区有合并单元格（${shown}）：合并区域的值按区域内每一行读取。如不是这个意思，请取消合并后逐行填写。`,
      { sheet: table.sheet, row: inData[0]?.top ?? firstDataRow },
    ),
  };
}

export function parseTables(tables: RawTable[], config: Config, options: ParseOptions = {}): ParsedWorkbook {
  const issues: Issue[] = [];
  const byKind: Record<SheetKind, { table: RawTable; sheet: DetectedSheet }[]> = {
    roster: [],
    grades: [],
    plan: [],
    awards: [],
    seats: [],
  };
  const sheets: DetectedSheet[] = [];
  for (const table of tables) {
    if (isOwnedSheet(table.sheet, options.ownedSheets)) continue;
    const d = detectSheet(table);
    issues.push(...d.issues);
    if (!d.detected) continue;
    sheets.push(d.detected);
    const hidden = hiddenRowsIssue(table, d.detected);
    if (hidden) issues.push(hidden);
    // A sheet missing a required column cannot be read row by row; the error already says what to add.
    if (d.issues.some((i) => i.severity === 'error')) continue;
    const filled = fillMergedData(table, d.detected);
    if (filled.issue) issues.push(filled.issue);
    byKind[d.detected.kind].push({ table: filled.table, sheet: d.detected });
  }

  const rosterDetected = sheets.some((s) => s.kind === 'roster');
  if (!rosterDetected) {
    issues.push(
      issueAt(
        'error',
        'NO_ROSTER',
        `没有找到${kindName.roster}：需要一张表头含“学号、姓名、专业、年级”的工作表。请添加学生名册，或检查其表头是否在前 10 行内。`,
      ),
    );
  }
  if (sheets.length > 0 && !sheets.some((s) => s.kind === 'grades')) {
    issues.push(
      issueAt('error', 'NO_GRADES_SHEET', `没有找到${kindName.grades}表：需要一张表头含“学号、课程名称、成绩”的工作表。请添加成绩表。`),
    );
  }

  /** SPEC §1.6: values outside a coded column's vocabulary, reported once each at the end. */
  const unknownValues = new UnknownValues(config.valueMeanings);
  const roster = parseRosters(byKind.roster, issues, unknownValues);
  const studentMap = roster.byId;
  const attempts = parseGrades(byKind.grades, studentMap, roster.rejectedIds, config, issues, unknownValues);
  const hasPlanSheet = sheets.some((s) => s.kind === 'plan');
  const hasAwardSheet = sheets.some((s) => s.kind === 'awards');
  const hasSeatSheet = sheets.some((s) => s.kind === 'seats');
  const input: ParsedWorkbook['input'] = {
    students: roster.students,
    studentsById: roster.byId,
    attempts,
    plan: hasPlanSheet ? parsePlan(byKind.plan, issues, unknownValues) : null,
    awards: hasAwardSheet ? parseAwards(byKind.awards, studentMap, roster.rejectedIds, issues, unknownValues) : null,
    seats: hasSeatSheet ? parseSeats(byKind.seats, issues) : null,
    hasRegistration: roster.hasRegistration,
  };
  issues.push(...unknownValues.issues());
  return { sheets, input, issues: dedupeIssues(issues) };
}

/** Removes exact duplicates and sorts (severity, sheet, row, column…). */
export function dedupeIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const key = JSON.stringify([i.severity, i.code, i.sheet, i.row, i.column, i.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return sortIssues(out);
}

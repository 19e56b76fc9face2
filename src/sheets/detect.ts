/**
 * Sheet kind detection (SPEC §1): the header row is the first row among the first 10 non-empty rows
 * that holds at least two known headers of one kind. Title rows, merged banners and blank rows above it
 * are normal. Missing required columns ⇒ an error naming the sheet, the header row and the header.
 */
import { issueAt, type Issue } from '../engine/issues';
import {
  allKinds,
  canonicalHeader,
  fieldOf,
  isFallbackHeader,
  kindName,
  requiredFields,
  unusedFields,
  wishIndex,
  normaliseHeader,
  type SheetKind,
} from './headers';
import { columnLetter, rowAt, tableHeight, type CellValue, type RawTable } from './table';
import { textOf } from './values';

export interface ColumnRef {
  /** Header text as written. */
  header: string;
  /** Column letter ("E"). */
  column: string;
  /** Index into the table's row arrays. */
  index: number;
}

export interface DetectedSheet {
  sheet: string;
  file?: string;
  kind: SheetKind;
  /** 1-based worksheet row of the header. */
  headerRow: number;
  /** field → column (first column when a header repeats). */
  columns: Record<string, ColumnRef>;
  /** 志愿1…志愿K columns in K order (roster only). */
  wishColumns: (ColumnRef & { k: number })[];
  /** Index into table.rows of the header row. */
  headerIndex: number;
  /** Index into table.rows of the first data row (after a second header row, when there is one). */
  dataStartIndex: number;
  /** Last 1-based worksheet column holding a header or data (the user's table width). */
  lastColumn: number;
  /** Columns recognised but not used by the rules (学分, 绩点, 课程性质…), reported once each (SPEC §1.6). */
  unusedColumns?: ColumnRef[];
}

const MAX_HEADER_SCAN = 10;

function cellText(v: CellValue): string {
  return typeof v === 'string' ? v : v === null ? '' : textOf(v);
}

function rowIsEmpty(row: readonly CellValue[]): boolean {
  return row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

interface Candidate {
  kind: SheetKind;
  matches: number;
  complete: boolean;
}

function hasRequired(kind: SheetKind, fields: Set<string>): boolean {
  const base = requiredFields[kind].every((f) => fields.has(f));
  if (kind === 'grades') return base && (fields.has('courseName') || fields.has('courseCode'));
  return base;
}

function scoreRow(row: readonly CellValue[]): Candidate | null {
  let best: Candidate | null = null;
  for (const kind of allKinds) {
    const fields = new Set<string>();
    let wishes = 0;
    for (const v of row) {
      const f = fieldOf(kind, cellText(v));
      if (f === 'wish') wishes++;
      else if (f) fields.add(f);
    }
    const matches = fields.size + (wishes > 0 ? 1 : 0);
    if (matches < 2) continue;
    const c: Candidate = { kind, matches, complete: hasRequired(kind, fields) };
    if (!best || c.matches > best.matches || (c.matches === best.matches && c.complete && !best.complete)) best = c;
  }
  return best;
}

/** Names a sheet for messages: "学生名册" or "学生名册（机电.xlsx）". */
export function sheetLabel(t: { sheet: string; file?: string }): string {
  return t.file ? `${t.sheet}（${t.file}）` : t.sheet;
}

export interface DetectResult {
  detected: DetectedSheet | null;
  issues: Issue[];
}

/** Detects one table's kind and columns. */
export function detectSheet(table: RawTable): DetectResult {
  let seen = 0;
  const height = tableHeight(table);
  for (let r = 0; r < height && seen < MAX_HEADER_SCAN; r++) {
    const row = rowAt(table, r);
    if (rowIsEmpty(row)) continue;
    seen++;
    const cand = scoreRow(row);
    if (!cand) continue;
    return buildDetected(table, r, cand.kind);
  }
  return {
    detected: null,
    issues: [
      issueAt(
        'info',
        'UNKNOWN_SHEET',
        `工作表“${sheetLabel(table)}”的前 ${MAX_HEADER_SCAN} 行中没有可识别的表头（如 学号、姓名、专业、课程名称、成绩），已跳过。如它是输入表，请检查表头文字。`,
        { sheet: table.sheet, row: table.originRow },
      ),
    ],
  };
}

/**
 * A two-row header (merged banners such as “学籍情况” over “学籍异动 | 退役士兵”): the next row holds
 * only known headers of the kind. Returns it, or null.
 */
function continuationRow(table: RawTable, r: number, kind: SheetKind): readonly CellValue[] | null {
  if (r + 1 >= tableHeight(table)) return null;
  const next = rowAt(table, r + 1);
  if (rowIsEmpty(next)) return null;
  const filled = next.filter((v) => !(v === null || (typeof v === 'string' && v.trim() === '')));
  return filled.every((v) => fieldOf(kind, cellText(v)) !== null) ? next : null;
}

/** The worksheet column of a columnar table's last column holding a value (0: none), as the loop below finds it. */
function lastFilledColumn(table: RawTable, columns: NonNullable<RawTable['columns']>): number {
  // Every value but number 0 (the empty cell) is some cell's.
  for (let c = columns.codes.length - 1; c >= 0; c--) if ((columns.values[c] as CellValue[]).some((v) => v !== null && v !== '')) return table.originCol + c;
  return 0;
}

function buildDetected(table: RawTable, r: number, kind: SheetKind): DetectResult {
  const second = continuationRow(table, r, kind);
  const first = rowAt(table, r);
  const row = second
    ? first.map((v, c) => {
        const below = second[c] ?? null;
        return below !== null && !(typeof below === 'string' && below.trim() === '') ? below : v;
      })
    : first;
  const headerRow = table.originRow + r;
  const columns: Record<string, ColumnRef> = {};
  const wishColumns: (ColumnRef & { k: number })[] = [];
  const unusedColumns: ColumnRef[] = [];
  const unused = unusedFields[kind];
  const issues: Issue[] = [];
  let lastColumn = table.columns ? lastFilledColumn(table, table.columns) : 0;
  // An indexed loop: for…of allocated an iterator result per row (a grades sheet has ~1 M rows).
  // A row no longer than the widest found so far cannot widen it: one comparison for most rows.
  for (let r = 0; !table.columns && r < table.rows.length; r++) {
    const data = table.rows[r];
    if (table.originCol + data.length - 1 <= lastColumn) continue;
    for (let c = data.length - 1; c >= 0; c--) {
      if (data[c] !== null && data[c] !== '') {
        lastColumn = Math.max(lastColumn, table.originCol + c);
        break;
      }
    }
  }
  row.forEach((v, c) => {
    const header = cellText(v).trim();
    const f = fieldOf(kind, header);
    if (!f) return;
    const ref: ColumnRef = { header, column: columnLetter(table.originCol + c), index: c };
    if (f === 'wish') {
      wishColumns.push({ ...ref, k: wishIndex(normaliseHeader(header)) ?? 0 });
      return;
    }
    if (unused?.has(f)) {
      unusedColumns.push(ref);
      return;
    }
    const prior = columns[f];
    if (prior && isFallbackHeader(kind, f, prior.header) !== isFallbackHeader(kind, f, header)) {
      // 年级 and 入学年级 both present: 年级 is read, 入学年级 is not (SPEC §1.1); said once (info).
      const [used, unused] = isFallbackHeader(kind, f, header) ? [prior, ref] : [ref, prior];
      columns[f] = used;
      issues.push(
        issueAt(
          'info',
          'FALLBACK_COLUMN_UNUSED',
          `工作表“${sheetLabel(table)}”第${headerRow}行同时有“${used.header}”（${used.column}列）和“${unused.header}”（${unused.column}列）：按“${used.header}”读取，“${unused.header}”列未使用。`,
          { sheet: table.sheet, row: headerRow, column: unused.column },
        ),
      );
      return;
    }
    if (prior) {
      issues.push(
        issueAt(
          'warning',
          'DUPLICATE_COLUMN',
          `工作表“${sheetLabel(table)}”第${headerRow}行有两列都表示“${canonicalHeader(kind, f)}”（${prior.column}列“${prior.header}”和${ref.column}列“${header}”），只使用 ${prior.column} 列。请删除或改名多余的一列。`,
          { sheet: table.sheet, row: headerRow, column: ref.column },
        ),
      );
      return;
    }
    columns[f] = ref;
  });
  wishColumns.sort((a, b) => a.k - b.k || a.index - b.index);
  const present = new Set(Object.keys(columns));
  const missing = requiredFields[kind].filter((f) => !present.has(f)).map((f) => canonicalHeader(kind, f));
  if (kind === 'grades' && !present.has('courseName') && !present.has('courseCode')) missing.push('课程名称（或 课程代码）');
  for (const m of missing) {
    issues.push(
      issueAt(
        'error',
        'MISSING_COLUMN',
        `工作表“${sheetLabel(table)}”被识别为${kindName[kind]}（表头在第${headerRow}行），但缺少必需的列“${m}”。请在第${headerRow}行添加该列，或把已有列的表头改为“${m}”。`,
        { sheet: table.sheet, row: headerRow },
      ),
    );
  }
  return {
    detected: { sheet: table.sheet, file: table.file, kind, headerRow, columns, wishColumns, headerIndex: r, dataStartIndex: second ? r + 2 : r + 1, lastColumn, ...(unusedColumns.length > 0 ? { unusedColumns } : {}) },
    issues,
  };
}

/**
 * True for sheets the tool owns (listed in the workbook meta). The meta sheet itself never reaches here
 * (the hosts leave it out, recognised by its content): a user's sheet or CSV named ZSB_META is an input.
 */
export function isOwnedSheet(name: string, ownedSheets: readonly string[] = []): boolean {
  return ownedSheets.includes(name);
}

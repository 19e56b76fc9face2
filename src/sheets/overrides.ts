/**
 * The 数据 step as data (shared by the pane, file mode and the CLI, which applies the corrections saved in
 * a workbook): for each worksheet, the kind it was recognised as, its header row and which
 * column means which field, and whether the recognition is unsure. The user's corrections (a column's
 * field, a sheet's kind, or leaving a sheet out) are applied by rewriting the header cells of a copy of
 * the table to the canonical header, so the pipeline sees exactly what the user chose; the workbook
 * itself is never changed. Pure; no React, no Office.
 */
import {
  allKinds,
  canonicalHeader,
  fieldOf,
  kindName,
  requiredFields,
  synonyms,
  type SheetKind,
} from './headers';
import { detectSheet } from './detect';
import { columnIndex, columnLetter, type CellValue, type RawTable } from './table';

export interface ColumnView {
  /** Column letter in the worksheet. */
  column: string;
  header: string;
  /** Field of the sheet's kind, "wish" for 志愿K, null when the header means nothing known. */
  field: string | null;
  /** True when the user chose this field. */
  chosen: boolean;
}

export interface SheetView {
  sheet: string;
  /** Recognised (or chosen) kind; null = not an input (left alone). */
  kind: SheetKind | null;
  /** 1-based worksheet row of the header, null when no header row was found. */
  headerRow: number | null;
  dataRows: number;
  columns: ColumnView[];
  /** Canonical headers of required fields that no column maps to. */
  missing: string[];
  /** True when the user should look: missing required columns, or another kind matched as well. */
  unsure: boolean;
  /** Chinese notes explaining `unsure`. */
  notes: string[];
}

/** The user's corrections, per sheet. */
export interface SheetOverride {
  /** undefined = as detected; null = leave this sheet out. */
  kind?: SheetKind | null;
  /** Column letter → field (null = ignore this column). */
  columns?: Record<string, string | null>;
}
export type Overrides = Record<string, SheetOverride>;

function cellText(v: CellValue | undefined, text?: string): string {
  if (text !== undefined && text !== '') return text;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v);
}

function rowTexts(t: RawTable, r: number): string[] {
  const row = t.rows[r] ?? [];
  return row.map((v, c) => cellText(v, t.text?.[r]?.[c]).trim());
}

/**
 * The header row and kind as the pipeline detects them (src/sheets/detect.ts, SPEC §1), plus the other
 * kinds whose required headers that row also holds (then the user should confirm the kind).
 */
export function findHeader(t: RawTable): { index: number; kind: SheetKind; others: SheetKind[] } | null {
  const d = detectSheet(t).detected;
  if (!d) return null;
  const headers = rowTexts(t, d.headerIndex);
  const others = allKinds.filter(
    (k) => k !== d.kind && missingRequired(k, headers.map((h) => fieldOf(k, h))).length === 0,
  );
  return { index: d.headerIndex, kind: d.kind, others };
}

function missingRequired(kind: SheetKind, fields: (string | null)[]): string[] {
  const have = new Set(fields);
  const missing = requiredFields[kind].filter((f) => !have.has(f)).map((f) => canonicalHeader(kind, f));
  if (kind === 'grades' && !have.has('courseName') && !have.has('courseCode')) missing.push('课程名称（或课程代码）');
  return missing;
}

/** The view of one sheet with the user's corrections applied. */
export function describeSheet(t: RawTable, override: SheetOverride = {}): SheetView {
  const found = findHeader(t);
  const kind = override.kind !== undefined ? override.kind : (found?.kind ?? null);
  const notes: string[] = [];
  if (kind === null || !found) {
    return {
      sheet: t.sheet,
      kind: null,
      headerRow: found ? t.originRow + found.index : null,
      dataRows: 0,
      columns: [],
      missing: [],
      unsure: false,
      notes: override.kind === null ? ['已设置为不作为输入。'] : ['未识别为任何输入表（前10个非空行中没有表头），将不读取。'],
    };
  }
  const headers = rowTexts(t, found.index);
  const columns: ColumnView[] = headers.map((header, c) => {
    const column = columnLetter(t.originCol + c);
    const chosen = override.columns !== undefined && column in override.columns;
    return { column, header, field: chosen ? (override.columns![column] ?? null) : fieldOf(kind, header), chosen };
  });
  const used = columns.filter((c) => c.header !== '' || c.chosen);
  const missing = missingRequired(kind, used.map((c) => c.field));
  if (missing.length > 0) notes.push(`缺少必需的列：${missing.join('、')}。请在下方为相应的列选择含义。`);
  if (override.kind === undefined && found.others.length > 0) {
    notes.push(`表头也符合“${found.others.map((k) => kindName[k]).join('、')}”，请确认表的类型。`);
  }
  const dataRows = t.rows.slice(found.index + 1).filter((row) => row.some((v) => v !== null && v !== '')).length;
  return { sheet: t.sheet, kind, headerRow: t.originRow + found.index, dataRows, columns: used, missing, unsure: notes.length > 0, notes };
}

/** Choices of a column's meaning for a kind: canonical header per field (志愿 columns keep their own text). */
export function fieldChoices(kind: SheetKind): { field: string; label: string }[] {
  return Object.keys(synonyms[kind]).map((field) => ({ field, label: canonicalHeader(kind, field) }));
}

/**
 * The tables the pipeline reads: sheets left out are dropped, and header cells the user re-mapped are
 * replaced (in a copy) by the canonical header of the chosen field (an ignored column gets an empty header).
 */
export function applyOverrides(tables: readonly RawTable[], overrides: Overrides): RawTable[] {
  const out: RawTable[] = [];
  for (const t of tables) {
    const o = overrides[t.sheet];
    if (!o) {
      out.push(t);
      continue;
    }
    const view = describeSheet(t, o);
    if (view.kind === null) continue;
    const found = findHeader(t);
    if (!found) continue;
    const kind = view.kind;
    const header = [...(t.rows[found.index] ?? [])];
    const headerText = t.text ? [...(t.text[found.index] ?? [])] : undefined;
    for (const col of view.columns) {
      const c = columnIndex(col.column) - t.originCol;
      // A forced kind: every recognised column is written in that kind's canonical words.
      const text = col.field === null ? '' : col.field === 'wish' ? col.header : canonicalHeader(kind, col.field);
      if (!col.chosen && keepsDetectedKind(o, found.kind)) continue;
      header[c] = text;
      if (headerText) headerText[c] = text;
    }
    const rows = [...t.rows];
    rows[found.index] = header;
    const copy: RawTable = { ...t, rows };
    if (headerText && t.text) {
      const text = [...t.text];
      text[found.index] = headerText;
      copy.text = text;
    }
    out.push(copy);
  }
  return out;
}

function keepsDetectedKind(o: SheetOverride, detected: SheetKind): boolean {
  return o.kind === undefined || o.kind === detected;
}

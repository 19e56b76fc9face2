/**
 * Row access for the parsers: a field's cell, its display text and its location; error values (#N/A)
 * and unreadable cells become located issues with a Chinese message (what was found, what to do).
 */
import { describeLocation, issueAt, type Issue, type Severity } from '../engine/issues';
import type { SourceRef } from '../engine/model';
import type { DetectedSheet } from './detect';
import { canonicalHeader, isHeaderText } from './headers';
import { cellAt, isCellError, rowAt, tableHeight, type CellValue, type RawTable } from './table';
import { isBlank, textOf, type Read } from './values';

export class RowContext {
  constructor(
    readonly table: RawTable,
    readonly sheet: DetectedSheet,
    /** Index into table.rows. */
    readonly r: number,
    private readonly issues: Issue[],
  ) {}

  get row(): number {
    return this.table.originRow + this.r;
  }

  has(field: string): boolean {
    return this.sheet.columns[field] !== undefined;
  }

  /** The cell of a field (null when the column is absent). Error values are reported and read as null. */
  value(field: string): CellValue {
    const col = this.sheet.columns[field];
    if (!col) return null;
    const v = cellAt(this.table, this.r, col.index);
    if (isCellError(v)) {
      this.report(
        'error',
        'CELL_ERROR',
        field,
        `单元格是错误值 ${v.error}（多为公式引用不到数据），请修正公式或改为实际的值`,
      );
      return null;
    }
    return v;
  }

  display(field: string): string | undefined {
    const col = this.sheet.columns[field];
    if (!col) return undefined;
    return this.table.text?.[this.r]?.[col.index];
  }

  text(field: string): string {
    return textOf(this.value(field), this.display(field));
  }

  at(field?: string): SourceRef {
    const col = field ? this.sheet.columns[field] : undefined;
    return col ? { sheet: this.table.sheet, row: this.row, column: col.column } : { sheet: this.table.sheet, row: this.row };
  }

  header(field: string): string {
    return this.sheet.columns[field]?.header ?? canonicalHeader(this.sheet.kind, field);
  }

  /** Reports an issue at the field's cell: "学生名册!D5：年级“abc”……". */
  report(severity: Severity, code: string, field: string | undefined, reason: string, at?: SourceRef): void {
    const where = at ?? this.at(field);
    const head = field ? `${this.header(field)}` : '';
    this.issues.push(issueAt(severity, code, `${describeLocation(where)}：${head}${reason}`, where));
  }

  /** Reads a field with a reader; a failure is reported (error by default) and gives `fallback`. */
  read<T>(field: string, reader: (v: CellValue, display?: string) => Read<T>, fallback: T, code = 'BAD_VALUE', severity: Severity = 'error'): T {
    const v = this.value(field);
    const res = reader(v, this.display(field));
    if (res.ok) return res.value;
    this.report(severity, code, field, res.reason);
    return fallback;
  }
}

/**
 * `(r) => whether row r (index into table.rows) is a data row`: not blank, not a repeated header, and not
 * a lone cell (a note such as “制表人：教务科”, reported as info and skipped).
 */
export function dataRowFilter(table: RawTable, sheet: DetectedSheet, issues: Issue[], keyField: string): (r: number) => boolean {
  const key = sheet.columns[keyField];
  /** The last key text found not to be a header (a student's rows repeat their 学号). */
  let lastKey: string | undefined;
  const columns = table.columns;
  /** Columnar tables: per value number of the key column, 1 when it is a header text, 2 when not. */
  const keyHeader = columns && key ? new Uint8Array((columns.values[key.index] ?? []).length) : undefined;
  /** Columnar tables: per column, per value number, 1 when the value is blank (number 0 always is). */
  const blank = columns?.values.map((vs) => Uint8Array.from(vs, (v) => (isBlank(v) ? 1 : 0)));
  return (r) => {
    let filled = 0;
    let cells: readonly CellValue[] | undefined;
    if (columns && blank) {
      // Only 0, 1 or "more" matters here: stop counting at 2 (this runs per data row).
      for (let c = 0; c < columns.codes.length && filled < 2; c++) if ((blank[c] as Uint8Array)[(columns.codes[c] as Int32Array)[r] as number] === 0) filled++;
      if (filled === 0) return false;
      if (key && keyHeader) {
        const k = (columns.codes[key.index] as Int32Array | undefined)?.[r] ?? 0;
        const v = (columns.values[key.index] as CellValue[] | undefined)?.[k] ?? null;
        if (typeof v === 'string') {
          if (keyHeader[k] === 0) keyHeader[k] = isHeaderText(sheet.kind, keyField, v) ? 1 : 2;
          if (keyHeader[k] === 1) return false;
        }
      }
    } else {
      // Only 0, 1 or "more" matters here: stop counting at 2 (rows are wide, this runs per data row).
      cells = table.rows[r] ?? [];
      for (let c = 0; c < cells.length && filled < 2; c++) if (!isBlank(cells[c] as CellValue)) filled++;
      if (filled === 0) return false;
      const v = key ? (cells[key.index] ?? null) : null;
      if (typeof v === 'string' && v !== lastKey) {
        if (isHeaderText(sheet.kind, keyField, v)) return false;
        lastKey = v;
      }
    }
    // A data row has its key and at least one more value; a lone cell is a note ("制表人：教务科").
    if (filled === 1) {
      const text = (cells ?? rowAt(table, r)).find((x) => !isBlank(x));
      const row = table.originRow + r;
      issues.push(
        issueAt(
          'info',
          'SKIPPED_ROW',
          `${table.sheet} 第${row}行只有一个单元格有内容（“${textOf(text ?? null)}”，多为表尾说明），不是数据行，已跳过。`,
          { sheet: table.sheet, row },
        ),
      );
      return false;
    }
    return true;
  };
}

/** Walks the data rows under the header (see dataRowFilter). */
export function* dataRows(table: RawTable, sheet: DetectedSheet, issues: Issue[], keyField: string): Generator<RowContext> {
  const isDataRow = dataRowFilter(table, sheet, issues, keyField);
  const height = tableHeight(table);
  for (let r = sheet.dataStartIndex; r < height; r++) {
    if (isDataRow(r)) yield new RowContext(table, sheet, r, issues);
  }
}

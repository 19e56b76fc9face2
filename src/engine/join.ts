/**
 * SPEC §1 (several sheets of one kind), §1.1, §1.2, §1.4: the 学号 join of the input rows to the roster.
 * - The same 学号 in two roster rows: the first (by sheet, row) stays, every other is an error (DUPLICATE_ID).
 * - Grade and award rows of a 学号 not in the roster: one warning per 学号 at its first row
 *   (UNKNOWN_STUDENT); the rows are left out.
 * - A 姓名 on a grade row that differs from the roster's: a warning at that row (NAME_MISMATCH).
 * Each student's rows come in (sheet, row) order whatever the input order.
 */
import { rowSet, type AttemptSet, type AttemptTable } from './attemptTable';
import { compareText, type Group } from './groups';
import { describeLocation, issueAt, type Issue } from './issues';
import type { SourceRef, Student } from './model';
import { normaliseText } from './scores';

/** Input order of rows: sheet, row, column. */
export function compareSource(a: SourceRef, b: SourceRef): number {
  return compareText(a.sheet, b.sheet) || a.row - b.row || compareText(a.column ?? '', b.column ?? '');
}

/**
 * Roster rows with the same 学号: the first (by sheet, row) stays, every other is an error. Returns the
 * students kept, in input order, and the same by 学号: `index` itself when it holds exactly `students`
 * (no duplicates then; a 20,000-entry Map costs ~10 ms to build on this VM).
 */
export function uniqueStudents(
  students: readonly Student[],
  issues: Issue[],
  index?: ReadonlyMap<string, Student>,
): { list: Student[]; byId: ReadonlyMap<string, Student> } {
  if (index && index.size === students.length && students.every((s) => index.get(s.studentId) === s)) return { list: [...students], byId: index };
  const first = new Map<string, Student>();
  for (const s of students) {
    const prev = first.get(s.studentId);
    if (!prev || compareSource(s.source, prev.source) < 0) first.set(s.studentId, s);
  }
  if (first.size === students.length) return { list: [...first.values()], byId: first };
  for (const s of students) {
    const kept = first.get(s.studentId) as Student;
    if (kept === s) continue;
    issues.push(
      issueAt(
        'error',
        'DUPLICATE_ID',
        `学号 ${s.studentId}（${s.name}）在名册中重复出现（另见 ${describeLocation(kept.source)}），请删除重复的行或更正学号`,
        s.source,
      ),
    );
  }
  return { list: [...first.values()], byId: first };
}

/** Groups rows by studentId; rows of unknown students raise one warning per 学号. */
export function byStudent<T extends { studentId: string; source: SourceRef }>(
  rows: readonly T[],
  known: ReadonlyMap<string, Student>,
  what: string,
  issues: Issue[],
): Map<string, T[]> {
  // Same as sorting all rows by (studentId, source) and splitting, without the global sort: split in
  // input order, order the 学号, then sort each student's rows by source (stable, like the global sort).
  const lists = new Map<string, T[]>();
  for (const r of rows) {
    const list = lists.get(r.studentId);
    if (list) list.push(r);
    else lists.set(r.studentId, [r]);
  }
  const out = new Map<string, T[]>();
  for (const id of [...lists.keys()].sort(compareText)) {
    const list = (lists.get(id) as T[]).sort((a, b) => compareSource(a.source, b.source));
    if (!known.has(id)) {
      issues.push(
        issueAt('warning', 'UNKNOWN_STUDENT', `${what}中的学号 ${id} 不在学生名册中，该学号的${what}已忽略；请核对学号或把该生加入名册`, list[0].source),
      );
      out.set(id, []);
      continue;
    }
    out.set(id, list);
  }
  return out;
}

/**
 * Each student's grade rows (row indices, in (sheet, row) order), by the number the table gives the
 * student's 学号: two arrays of ranges instead of a 20,000-entry Map of 学号 → rows.
 */
export class RowsByStudent {
  private readonly none: AttemptSet;
  constructor(
    private readonly table: AttemptTable,
    private readonly rows: Int32Array,
    private readonly from: Int32Array,
    private readonly to: Int32Array,
  ) {
    this.none = rowSet(table, []);
  }
  /** The rows of the student with this 学号 (none for a 学号 without rows). */
  of(studentId: string): AttemptSet {
    const id = this.table.studentId.idOf(studentId);
    return id === 0 ? this.none : { table: this.table, rows: this.rows, from: this.from[id], to: this.to[id] };
  }
  /** The rows of a group's members, one student after another (what plan inference reads). */
  ofGroup(group: Group): AttemptSet {
    let n = 0;
    for (const s of group.members) {
      const own = this.of(s.studentId);
      n += own.to - own.from;
    }
    const rows = new Int32Array(n);
    let at = 0;
    for (const s of group.members) {
      const own = this.of(s.studentId);
      for (let k = own.from; k < own.to; k++) rows[at++] = own.rows[k];
    }
    return rowSet(this.table, rows);
  }
}

/**
 * byStudent for the grade rows, as row indices: each known student's rows in (sheet, row) order, found
 * by one counting pass over the table instead of a list per student built row by row. Rows of 学号 not
 * in the roster raise one warning per 学号 (at its first row) and are left out.
 */
export function attemptsByStudent(table: AttemptTable, known: ReadonlyMap<string, Student>, issues: Issue[]): RowsByStudent {
  const ids = table.studentId;
  /** Per 学号 number: 1 when the 学号 is in the roster. */
  const isKnown = new Uint8Array(ids.size);
  const unknown: string[] = [];
  for (let id = 1; id < ids.size; id++) {
    const text = ids.text(id) as string;
    if (known.has(text)) isKnown[id] = 1;
    else unknown.push(text);
  }
  const ranges = rowsInRuns(table, isKnown) ?? rowsCounted(table, isKnown);
  if (unknown.length > 0) {
    // Each unknown 学号's first row in (sheet, row, column) order.
    const firstRow = new Int32Array(ids.size).fill(-1);
    for (let i = 0; i < table.length; i++) {
      const id = ids.idAt(i);
      if (isKnown[id] || id === 0) continue;
      if (firstRow[id] === -1 || table.compareSource(i, firstRow[id]) < 0) firstRow[id] = i;
    }
    for (const text of unknown.sort(compareText)) issues.push(unknownStudentIssue(text, table.source(firstRow[ids.idOf(text)])));
  }
  return ranges;
}

/**
 * The usual table — in source order, each 学号's rows together — needs no pass over the rows: a student's
 * rows are one range of the rows in table order. Returns null for any other table.
 */
function rowsInRuns(table: AttemptTable, isKnown: Uint8Array): RowsByStudent | null {
  if (!table.isSourceOrdered()) return null;
  const starts = table.studentRuns();
  const from = new Int32Array(isKnown.length);
  const to = new Int32Array(isKnown.length);
  // A 学号 in two runs: not this kind of table.
  const seen = new Uint8Array(isKnown.length);
  for (let k = 0; k < starts.length; k++) {
    const id = table.studentId.idAt(starts[k]);
    if (seen[id]) return null;
    seen[id] = 1;
    if (!isKnown[id]) continue;
    from[id] = starts[k];
    to[id] = k + 1 < starts.length ? starts[k + 1] : table.length;
  }
  const rows = new Int32Array(table.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return new RowsByStudent(table, rows, from, to);
}

/** Any table: one counting pass over the rows by 学号 number, then a sort per student if needed. */
function rowsCounted(table: AttemptTable, isKnown: Uint8Array): RowsByStudent {
  const n = table.length;
  const counts = new Int32Array(isKnown.length + 1);
  for (let i = 0; i < n; i++) {
    const id = table.studentId.idAt(i);
    if (isKnown[id]) counts[id + 1]++;
  }
  for (let id = 1; id < counts.length; id++) counts[id] += counts[id - 1];
  const order = new Int32Array(counts[counts.length - 1]);
  const next = counts.slice(0, isKnown.length);
  for (let i = 0; i < n; i++) {
    const id = table.studentId.idAt(i);
    if (isKnown[id]) order[next[id]++] = i;
  }
  const from = counts.subarray(0, isKnown.length);
  const to = counts.subarray(1);
  if (!table.isSourceOrdered()) {
    for (let id = 1; id < isKnown.length; id++) order.subarray(from[id], to[id]).sort((a, b) => table.compareSource(a, b) || a - b);
  }
  return new RowsByStudent(table, order, from, to);
}

function unknownStudentIssue(id: string, at: SourceRef): Issue {
  return issueAt('warning', 'UNKNOWN_STUDENT', `成绩中的学号 ${id} 不在学生名册中，该学号的成绩已忽略；请核对学号或把该生加入名册`, at);
}

/** NAME_MISMATCH: each of the student's grade rows whose 姓名 (when given) differs from the roster's. */
export function checkNames(own: AttemptSet, student: Student, issues: Issue[]): void {
  const { table, rows, from, to } = own;
  if (!table.hasStudentNames()) return;
  for (let k = from; k < to; k++) {
    const i = rows[k];
    const name = table.studentName(i);
    if (name !== undefined && name.trim() !== '' && normaliseText(name) !== normaliseText(student.name)) {
      issues.push(
        issueAt(
          'warning',
          'NAME_MISMATCH',
          `成绩表中学号 ${student.studentId} 的姓名“${name.trim()}”与名册中的“${student.name}”不一致，请核对学号或姓名`,
          table.source(i),
        ),
      );
    }
  }
}

/** 成绩 rows → Attempt (SPEC §1.2). Every grade cell goes through the engine's parseScore. */
import { z } from 'zod';
import type { Config } from '../engine/config';
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import { UnknownValues } from './unknownValues';
import type { Attempt, AttemptKind, Student } from '../engine/model';
import { parseScore } from '../engine/scores';
import { AttemptTable } from '../engine/attemptTable';
import type { DetectedSheet } from './detect';
import { normaliseHeader } from './headers';
import { dataRowFilter, RowContext } from './rows';
import { isCellError, type CellValue, type RawTable } from './table';
import { isDateFormat, readAttemptKind, readDate, readId, readTerm, serialToIso, shown, type Read } from './values';

const attemptSchema = z.object({
  studentId: z.string().min(1),
  courseCode: z.string().min(1).optional(),
  courseName: z.string().min(1).optional(),
  term: z.number().int().min(1).max(12).optional(),
  kind: z.enum(['regular', 'deferred', 'makeup', 'retake']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).optional(),
});

type AttemptRow = z.infer<typeof attemptSchema>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * The checks of attemptSchema by hand, for rows the fast path does not take (it guarantees them by
 * construction). Rows that fail it go through attemptSchema, whose message is reported.
 */
function passesAttemptSchema(r: AttemptRow): boolean {
  return (
    r.studentId.length >= 1 &&
    (r.courseCode === undefined || r.courseCode.length >= 1) &&
    (r.courseName === undefined || r.courseName.length >= 1) &&
    (r.term === undefined || (Number.isInteger(r.term) && r.term >= 1 && r.term <= 12)) &&
    (r.kind === 'regular' || r.kind === 'deferred' || r.kind === 'makeup' || r.kind === 'retake') &&
    (r.date === undefined || isoDate.test(r.date))
  );
}

/** 学号 text that readId returns as is. */
const plainId = /^[0-9A-Za-z_-]+$/u;

/**
 * Readers whose result depends only on a text cell's value (not on its display text), memoised per
 * parse: 成绩日期 and 考试性质 repeat on most rows. Failures are not memoised (their messages use the display).
 */
function memoReaders() {
  const dates = new Map<string, string | null>();
  const kinds = new Map<string, AttemptKind | null>();
  return {
    /** A blank or text 成绩日期 cell's date (null: none), or undefined when it cannot be read. */
    dateOfText(v: string | null): string | null | undefined {
      if (v === null) return null;
      const hit = dates.get(v);
      if (hit !== undefined) return hit;
      const res = readDate(v);
      // Only an ISO date is remembered (and taken by the fast path, which relies on it being one).
      if (!res.ok || (res.value !== null && !isoDate.test(res.value))) return undefined;
      dates.set(v, res.value);
      return res.value;
    },
    date(v: CellValue, display?: string): Read<string | null> {
      if (typeof v !== 'string') return readDate(v, display);
      const hit = dates.get(v);
      if (hit !== undefined) return { ok: true, value: hit };
      const res = readDate(v, display);
      if (res.ok) dates.set(v, res.value);
      return res;
    },
    kind(v: CellValue, display?: string): AttemptKind | null {
      if (typeof v !== 'string') return readAttemptKind(v, display);
      let k = kinds.get(v);
      if (k === undefined && !kinds.has(v)) {
        k = readAttemptKind(v, display);
        kinds.set(v, k);
      }
      return k ?? null;
    },
  };
}

/** Column indices of a 成绩 sheet's fields (−1 when absent), for the fast path. */
interface GradeColumns {
  id: number;
  courseName: number;
  courseCode: number;
  term: number;
  kind: number;
  date: number;
  name: number;
  score: number;
  /** Column letter of 成绩 (the attempt's source), or undefined when absent. */
  scoreLetter: string | undefined;
}

function gradeColumns(sheet: DetectedSheet): GradeColumns {
  const c = sheet.columns;
  return {
    id: c.studentId?.index ?? -1,
    courseName: c.courseName?.index ?? -1,
    courseCode: c.courseCode?.index ?? -1,
    term: c.term?.index ?? -1,
    kind: c.attemptKind?.index ?? -1,
    date: c.date?.index ?? -1,
    name: c.name?.index ?? -1,
    score: c.score?.index ?? -1,
    scoreLetter: c.score?.column,
  };
}

/** A text cell trimmed, '' for an empty/absent one; undefined for anything else (the general path reads it). */
function plainText(cells: readonly CellValue[], index: number): string | undefined {
  if (index < 0) return '';
  const v = cells[index];
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v.trim() : undefined;
}

export function parseGrades(
  sheets: { table: RawTable; sheet: DetectedSheet }[],
  students: ReadonlyMap<string, Student>,
  rejectedIds: ReadonlySet<string>,
  config: Config,
  issues: Issue[],
  _unknownValues: UnknownValues = new UnknownValues(config.valueMeanings),
): AttemptTable {
  const attempts = new AttemptTable(sheets.reduce((n, s) => n + s.table.rows.length, 0));
  const unknown = new Map<string, { first: Attempt['source']; count: number }>();
  /**
   * Roster 学号 made of digits, by their digits without leading zeros (0210103 and 210103 both ← 210103;
   * null when two roster 学号 share them: no guess). SPEC §1.6: a 学号 that lost its zeros on either side
   * is matched, and reported once with the count (ID_ZEROS_MATCHED).
   */
  const byDigits = new Map<string, string | null>();
  for (const id of students.keys()) {
    if (!/^\d+$/u.test(id)) continue;
    const k = id.replace(/^0+(?=\d)/u, '');
    byDigits.set(k, byDigits.has(k) ? null : id);
  }
  const zeroMatched = { rows: 0, ids: new Set<string>(), first: null as { at: Attempt['source']; written: string; roster: string } | null };
  /**
   * 学号 with grade rows (only “any or none” is used: STUDENT_NO_GRADES): those of the rows the general
   * path reads (some are not added: errors, lost zeros); the table itself knows the 学号 of the rest.
   */
  const rowsOf = new Set<string>();
  const memo = memoReaders();
  let lastId: string | undefined;
  let lastStudent: Student | undefined;
  /** The 姓名 of the last fast row (it matched lastStudent's). */
  let lastName: string | undefined;
  /** The last fast row's 考试性质 and 成绩日期 cells and what they read as (consecutive rows often repeat them). */
  let lastKindCell: string | null | undefined;
  let lastKind: AttemptKind | null = null;
  let lastDateCell: string | null | undefined;
  let lastDate: string | null | undefined;

  /**
   * The usual row — a known student, text/number cells that read without any issue — read straight from
   * the cells into the table, with exactly the result of the general path below (which every other row
   * takes). Returns false, having changed nothing, when the row is not such a row.
   */
  const fastRow = (cells: readonly CellValue[], cols: GradeColumns, place: number, row: number): boolean => {
    const idCell = cols.id < 0 ? null : cells[cols.id];
    if (typeof idCell !== 'string') return false;
    const id = idCell;
    // Exports list a student's grades together: the previous row's student, without a check or lookup.
    const sameStudent = id === lastId;
    if (!sameStudent && !plainId.test(id)) return false;
    const student = sameStudent ? lastStudent : students.get(id);
    if (!student) return false;
    const courseNameText = plainText(cells, cols.courseName);
    const courseCodeText = plainText(cells, cols.courseCode);
    if (courseNameText === undefined || courseCodeText === undefined) return false;
    const courseName = courseNameText || undefined;
    const courseCode = courseCodeText || undefined;
    if (!courseName && !courseCode) return false;
    const termCell = cols.term < 0 ? null : (cells[cols.term] ?? null);
    let term: number | undefined;
    if (typeof termCell === 'number' && Number.isInteger(termCell) && termCell >= 1 && termCell <= 12) term = termCell;
    else if (termCell !== null) return false;
    const kindCell = cols.kind < 0 ? null : (cells[cols.kind] ?? null);
    if (kindCell !== null && typeof kindCell !== 'string') return false;
    const kind = kindCell === lastKindCell ? lastKind : memo.kind(kindCell);
    if (kind === null) return false;
    const dateCell = cols.date < 0 ? null : (cells[cols.date] ?? null);
    if (dateCell !== null && typeof dateCell !== 'string') return false;
    const dateRead = dateCell === lastDateCell ? lastDate : memo.dateOfText(dateCell);
    if (dateRead === undefined) return false;
    const date = dateRead ?? undefined;
    const gradeName = plainText(cells, cols.name);
    if (gradeName === undefined) return false;
    // The 姓名 cross-check, once per run of rows with the same name.
    if (gradeName !== '' && !(student === lastStudent && gradeName === lastName) && normaliseHeader(gradeName) !== normaliseHeader(student.name)) return false;
    const scoreCell = cols.score < 0 ? null : (cells[cols.score] ?? null);
    if (typeof scoreCell !== 'number' && typeof scoreCell !== 'string') return false;
    const score = parseScore(scoreCell, config);
    if (!score.ok) return false;
    // attemptSchema holds by construction here: the 学号 matched plainId, code and name are non-empty or
    // undefined, the term is an integer 1–12, the kind is one of four, the date is an ISO date (memo).
    attempts.pushRow(id, courseCode, courseName, term, kind, date, score.value, place, row);
    if (id !== lastId) {
      lastId = id;
      lastStudent = student;
    }
    lastName = gradeName;
    lastKindCell = kindCell;
    lastKind = kind;
    lastDateCell = dateCell;
    lastDate = dateRead;
    return true;
  };

  for (const { table, sheet } of sheets) {
    const cols = gradeColumns(sheet);
    const place = attempts.place(table.sheet, cols.scoreLetter);
    const isDataRow = dataRowFilter(table, sheet, issues, 'studentId');
    for (let r = sheet.dataStartIndex; r < table.rows.length; r++) {
      if (!isDataRow(r)) continue;
      // A number in a date-formatted score cell (Office.js gives dates as serial numbers) takes the general path.
      const scoreFormat = cols.score < 0 ? undefined : table.numberFormats?.[r]?.[cols.score];
      if (!isDateFormat(scoreFormat) && fastRow(table.rows[r] ?? [], cols, place, table.originRow + r)) continue;
      const ctx = new RowContext(table, sheet, r, issues);
      const issuesBefore = issues.length;
      let id = ctx.read('studentId', readId, null as string | null, 'BAD_ID');
      const courseName = ctx.text('courseName').trim() || undefined;
      const courseCode = ctx.text('courseCode').trim() || undefined;
      if (!courseName && !courseCode) {
        ctx.report('error', 'EMPTY_VALUE', ctx.has('courseName') ? 'courseName' : 'courseCode', '为空，请填写课程名称或课程代码');
      }
      let student = id ? students.get(id) : undefined;
      const sameDigits = id && !student && /^\d+$/u.test(id) ? byDigits.get(id.replace(/^0+(?=\d)/u, '')) : undefined;
      if (id && sameDigits) {
        // The same 学号 with or without leading zeros: that student (reported once, with the count).
        zeroMatched.rows++;
        zeroMatched.ids.add(sameDigits);
        zeroMatched.first ??= { at: ctx.at('studentId'), written: id, roster: sameDigits };
        id = sameDigits;
        student = students.get(id);
      }
      if (id) rowsOf.add(id);
      // An academic term needs the student's cohort; rows of unknown students are reported below instead.
      let term: number | null = null;
      if (student) {
        const t = readTerm(ctx.value('term'), student.cohort, ctx.display('term'));
        if (t.ok) term = t.value;
        else if (t.outOfRange && student.statusChange) {
          // 学籍异动 (复学, 转入): courses taken before joining this cohort; the term stays unknown.
          ctx.report('warning', 'TERM_BEFORE_COHORT', 'term', `${t.reason}。该生有学籍异动，此成绩按“学期未知”处理`);
        } else ctx.report('error', 'BAD_TERM', 'term', t.reason);
      }
      let kind = memo.kind(ctx.value('attemptKind'), ctx.display('attemptKind'));
      if (kind === null) {
        ctx.report('warning', 'UNKNOWN_ATTEMPT_KIND', 'attemptKind', `“${ctx.text('attemptKind')}”无法识别（应为 正考、补考、重修 或 缓考），按正考处理`);
        kind = 'regular';
      }
      const date = ctx.read('date', memo.date, null, 'BAD_DATE');
      const gradeName = ctx.text('name').trim() || undefined;

      const rawScore = ctx.table.rows[ctx.r]?.[ctx.sheet.columns.score?.index ?? -1] ?? null;
      const scoreAt = ctx.at('score');
      let scoreOk: Attempt['score'] | null = null;
      if (isCellError(rawScore)) {
        ctx.report('error', 'CELL_ERROR', undefined, `成绩单元格是错误值 ${rawScore.error}（多为公式引用不到数据），请修正公式或填写实际成绩`, scoreAt);
      } else if (rawScore instanceof Date) {
        ctx.report('error', 'BAD_SCORE', undefined, `成绩“${shown(rawScore)}”是日期，请将单元格格式改为“常规”并填写分数`, scoreAt);
      } else if (typeof rawScore === 'number' && isDateFormat(ctx.table.numberFormats?.[ctx.r]?.[ctx.sheet.columns.score?.index ?? -1])) {
        // Office.js gives a date cell as its serial number: the number format tells it is a date.
        const shownText = ctx.display('score') || serialToIso(rawScore);
        ctx.report('error', 'BAD_SCORE', undefined, `成绩“${shownText}”是日期格式，请将单元格格式改为“常规”并填写分数`, scoreAt);
      } else {
        const res = parseScore(rawScore, config);
        if (res.ok) scoreOk = res.value;
        else ctx.report(res.code === 'EMPTY_SCORE' ? 'warning' : 'error', res.code, undefined, res.reason, scoreAt);
      }
      // A row with any unreadable cell is not an attempt (its error stops the run before anything is written).
      if (!id || scoreOk === null) continue;
      let rowError = false;
      for (let i = issuesBefore; i < issues.length && !rowError; i++) rowError = issues[i].severity === 'error';
      if (rowError) continue;

      const row: AttemptRow = { studentId: id, courseCode, courseName, term: term ?? undefined, kind, date: date ?? undefined };
      if (!passesAttemptSchema(row)) {
        const parsed = attemptSchema.safeParse(row);
        if (!parsed.success) {
          ctx.report('error', 'BAD_ROW', undefined, `无法读取该成绩行：${parsed.error.issues[0]?.message ?? ''}`);
          continue;
        }
      }
      // 姓名 is cross-checked here, at its own cell; it is not passed on (the engine would warn again).
      // Same fields, in the same order, as attemptSchema's output (its keys are kept even when undefined).
      const attempt: Attempt = {
        studentId: row.studentId,
        courseCode: row.courseCode,
        courseName: row.courseName,
        term: row.term,
        kind: row.kind,
        date: row.date,
        score: scoreOk,
        source: scoreAt,
      };
      if (!student) {
        if (!rejectedIds.has(id)) {
          const u = unknown.get(id);
          if (u) u.count++;
          else unknown.set(id, { first: ctx.at('studentId'), count: 1 });
        }
        continue;
      }
      if (gradeName && normaliseHeader(gradeName) !== normaliseHeader(student.name)) {
        ctx.report(
          'warning',
          'NAME_MISMATCH',
          'name',
          `“${gradeName}”与学生名册中学号 ${id} 的姓名“${student.name}”（${describeLocation(student.source)}）不一致，请核对学号或姓名`,
        );
      }
      attempts.push(attempt);
    }
  }
  if (sheets.length > 0) {
    for (const s of students.values()) {
      if (attempts.studentId.has(s.studentId) || rowsOf.has(s.studentId)) continue;
      issues.push(
        issueAt(
          'warning',
          'STUDENT_NO_GRADES',
          `${describeLocation(s.source)}：学号 ${s.studentId}（${s.name}）在成绩表中没有任何成绩，其计划课程都按未修处理。如有成绩，请补充到成绩表。`,
          s.source,
        ),
      );
    }
  }
  if (zeroMatched.first) {
    const { at, written, roster } = zeroMatched.first;
    issues.push(
      issueAt(
        'warning',
        'ID_ZEROS_MATCHED',
        `${describeLocation(at)}：成绩表中 ${zeroMatched.ids.size} 名学生的 ${zeroMatched.rows} 条成绩，学号与名册相比多了或少了开头的 0（如这里的 ${written}，名册中为 ${roster}），已按同一学生对应。多为某一方把学号存成了数字：请把两边的学号列都设为“文本”格式，写成同样的位数。`,
        at,
      ),
    );
  }
  // With an empty roster every 学号 is unknown: the EMPTY_ROSTER error already says why.
  if (students.size === 0) return attempts;
  for (const [id, u] of unknown) {
    issues.push(
      issueAt(
        'warning',
        'UNKNOWN_STUDENT',
        `${describeLocation(u.first)}：学号 ${id} 不在学生名册中，其 ${u.count} 条成绩未使用。请核对学号，或把该生加入学生名册。`,
        u.first,
      ),
    );
  }
  return attempts;
}

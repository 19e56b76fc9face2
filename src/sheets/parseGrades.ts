/** 成绩 rows → Attempt (SPEC §1.2). Every grade cell goes through the engine's parseScore. */
import { z } from 'zod';
import { chineseErrors, type Config } from '../engine/config';
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import { UnknownValues } from './unknownValues';
import type { Attempt, AttemptKind, ScoreValue, Student } from '../engine/model';
import { parseScore } from '../engine/scores';
import { AttemptTable } from '../engine/attemptTable';
import type { DetectedSheet } from './detect';
import { isHeaderText, normaliseHeader } from './headers';
import { dataRowFilter, RowContext } from './rows';
import { cellAt, isCellError, tableHeight, type CellValue, type RawTable, type TableColumns } from './table';
import {
  attemptNatureWords,
  isBlank,
  isDateFormat,
  readAttemptNature,
  readDate,
  readId,
  readTerm,
  readTermOfYear,
  readVoided,
  serialToIso,
  shown,
  textOf,
  type AttemptNature,
  type Read,
} from './values';

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
  const natures = new Map<string, AttemptNature | null>();
  const yearTerms = new Map<string, number | null>();
  const termTexts = new Map<string, number | null>();
  let lastTerm: { term: string; cohort: number | null; value: number | null } = { term: '\u0000', cohort: null, value: null };
  let last: { year: string; term: CellValue; cohort: number | null; value: number | null } = { year: '', term: null, cohort: null, value: null };
  return {
    /**
     * A text 学年 and a text/number 学期 cell read for a cohort (readTermOfYear), or undefined when they
     * cannot be read that way (the general path reports why). Exports repeat a handful of pairs.
     */
    termOfYear(year: CellValue, term: CellValue, cohort: number | null): number | null | undefined {
      if (typeof year !== 'string' || (term !== null && typeof term !== 'string' && typeof term !== 'number')) return undefined;
      // Consecutive rows of a student mostly repeat the pair: no key to build then.
      if (year === last.year && term === last.term && cohort === last.cohort) return last.value;
      const key = `${cohort ?? ''}\u0000${year}\u0000${typeof term}\u0000${term ?? ''}`;
      const hit = yearTerms.get(key);
      if (hit !== undefined) {
        last = { year, term, cohort, value: hit };
        return hit;
      }
      const res = readTermOfYear(year, term, cohort);
      if (!res.ok) return undefined;
      yearTerms.set(key, res.value);
      last = { year, term, cohort, value: res.value };
      return res.value;
    },
    /**
     * A text 学期 cell ("3", "第3学期", "2022-2023-1"…) read for a cohort (readTerm; a text cell's display
     * is the text itself), or undefined when it cannot be read (the general path reports why). Exports
     * write the term as text — every CSV cell is text — and repeat a handful of them (issue 17).
     */
    termOfText(term: string, cohort: number | null): number | null | undefined {
      if (term === lastTerm.term && cohort === lastTerm.cohort) return lastTerm.value;
      const key = `${cohort ?? ''}\u0000${term}`;
      let value = termTexts.get(key);
      if (value === undefined) {
        const res = readTerm(term, cohort);
        if (!res.ok) return undefined;
        value = res.value;
        termTexts.set(key, value);
      }
      lastTerm = { term, cohort, value };
      return value;
    },
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
    /** 考试性质 read by its vocabulary (null: outside it). */
    nature(v: CellValue, display?: string): AttemptNature | null {
      if (typeof v !== 'string') return readAttemptNature(v, display);
      let k = natures.get(v);
      if (k === undefined && !natures.has(v)) {
        k = readAttemptNature(v, display);
        natures.set(v, k);
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
  /** 学年 (−1 when absent): with it, 学期 is the half of that academic year. */
  year: number;
  /** 是否成绩作废 and 是否有效 (−1 when absent). */
  voided: number;
  valid: number;
  /** Wide 补考成绩/重修成绩 columns: a row with any of them filled takes the general path. */
  wide: number[];
}

/** Wide exports' extra attempt columns (SPEC §1.2): field, kind, and the field that dates them. */
const wideColumns: readonly { field: string; kind: AttemptKind; dateField: string }[] = [
  { field: 'makeupScore', kind: 'makeup', dateField: 'makeupDate' },
  { field: 'makeupScore2', kind: 'makeup', dateField: 'makeupDate' },
  { field: 'retakeScore', kind: 'retake', dateField: 'retakeDate' },
  { field: 'retakeScore2', kind: 'retake', dateField: 'retakeDate' },
];

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
    year: c.academicYear?.index ?? -1,
    voided: c.voided?.index ?? -1,
    valid: c.valid?.index ?? -1,
    wide: wideColumns.flatMap((w) => (c[w.field] ? [c[w.field]!.index] : [])),
  };
}

/** A blank or text 是否成绩作废 (`inverted`: 是否有效) cell that reads as “the row counts”. */
function plainNo(v: CellValue, inverted: boolean): boolean {
  if (v === null) return true;
  if (typeof v !== 'string') return false;
  const known = countsCache[inverted ? 1 : 0];
  let counts = known.get(v);
  if (counts === undefined) {
    counts = readVoided(v, undefined, inverted) === false;
    if (known.size < 1000) known.set(v, counts);
  }
  return counts;
}

/** plainNo's answers by cell text (an export repeats 否/是 on every row), for 作废 and for 是否有效. */
const countsCache: [Map<string, boolean>, Map<string, boolean>] = [new Map(), new Map()];

/** `[CS1001]程序设计基础` / `(CS1001)程序设计基础` (青果's 课程/环节): code and name; null for a plain name. */
export function splitCourseCell(text: string): { code: string; name: string } | null {
  const m = /^[[(（【]\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*[\])）】]\s*(.+)$/u.exec(text);
  if (!m || !m[1] || !m[2]?.trim()) return null;
  return { code: m[1], name: m[2].trim() };
}

/** True when a course cell may hold a code in brackets (its first character is a bracket). */
function mayHoldCode(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x5b || c === 0x28 || c === 0xff08 || c === 0x3010;
}

/** 旷考 (the 缺考 mark) and 免修 (exempt) in 考试性质: the attempt's score, whatever the score cell holds. */
function markScore(nature: AttemptNature, text: string): ScoreValue {
  return nature.mark === 'exempt' ? { kind: 'exempt', text } : { kind: 'score', hundredths: 0, mark: '缺考', text };
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
  unknownValues: UnknownValues = new UnknownValues(config.valueMeanings),
): AttemptTable {
  const attempts = new AttemptTable(sheets.reduce((n, s) => n + tableHeight(s.table), 0));
  const unknown = new Map<string, { first: Attempt['source']; count: number }>();
  /** Rows left out by 是否成绩作废 = 是 / 是否有效 = 否, by column header: count and first cell. */
  const voided = new Map<string, { first: Attempt['source']; count: number }>();
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
    // `[CS1001]程序设计基础` holds a code: the general path splits it.
    if (mayHoldCode(courseNameText)) return false;
    const courseName = courseNameText || undefined;
    const courseCode = courseCodeText || undefined;
    if (!courseName && !courseCode) return false;
    const termCell = cols.term < 0 ? null : (cells[cols.term] ?? null);
    let term: number | undefined;
    if (cols.year >= 0) {
      // 学年 + 学期 (正方): the half of that academic year, never the programme's term.
      const t = memo.termOfYear(cells[cols.year] ?? null, termCell, student.cohort);
      if (t === undefined) return false;
      term = t ?? undefined;
    } else if (typeof termCell === 'number' && Number.isInteger(termCell) && termCell >= 1 && termCell <= 12) term = termCell;
    else if (typeof termCell === 'string') {
      const t = memo.termOfText(termCell, student.cohort);
      if (t === undefined) return false;
      term = t ?? undefined;
    } else if (termCell !== null) return false;
    // 是否成绩作废 = 否 / 是否有效 = 是 (or blank) only: anything else is left out or reported by the general path.
    if (cols.voided >= 0 && !plainNo(cells[cols.voided] ?? null, false)) return false;
    if (cols.valid >= 0 && !plainNo(cells[cols.valid] ?? null, true)) return false;
    // A wide 补考成绩/重修成绩 cell adds attempts: the general path reads them.
    for (const w of cols.wide) if (!isBlank(cells[w] ?? null)) return false;
    const kindCell = cols.kind < 0 ? null : (cells[cols.kind] ?? null);
    if (kindCell !== null && typeof kindCell !== 'string') return false;
    let kind: AttemptKind | null;
    if (kindCell === lastKindCell) kind = lastKind;
    else {
      // 旷考/免修 replace the score, a value outside the vocabulary is reported: the general path does both.
      const nature = memo.nature(kindCell);
      kind = nature === null || nature.mark !== undefined ? null : nature.kind;
    }
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

  /**
   * fastRow for a columnar table (the CSV reader, issue 17): the same rows taken, with the same result,
   * but what a cell means is worked out once per distinct value of its column (a 学号's student, a 学期
   * text's term for a cohort, a score's value, a text's number in the attempt table…), so that a row is
   * a few array lookups and no string is hashed or compared per row, in whatever order the rows come.
   * Returns `(r, place, row) => taken`.
   */
  const codedFastRow = (columns: TableColumns, cols: GradeColumns, sheet: DetectedSheet) => {
    const none = new Int32Array(columns.height);
    const codesOf = (index: number): Int32Array => (index < 0 ? none : (columns.codes[index] ?? none));
    const valuesOf = (index: number): readonly CellValue[] => (index < 0 ? [null] : (columns.values[index] ?? [null]));
    /** Per value number, computed on first use: `undefined` until then. */
    const perValue = <T>(index: number, compute: (v: CellValue) => T): ((k: number) => T) => {
      const values = valuesOf(index);
      const known: (T | undefined)[] = new Array<T | undefined>(values.length);
      const done = new Uint8Array(values.length);
      return (k) => {
        if (done[k] === 0) {
          known[k] = compute(values[k] ?? null);
          done[k] = 1;
        }
        return known[k] as T;
      };
    };
    /** A text cell trimmed ('' when empty), undefined for any other value (as plainText). */
    const trimmed = (v: CellValue) => (v === null ? '' : typeof v === 'string' ? v.trim() : undefined);
    const ids = codesOf(cols.id);
    const idValues = valuesOf(cols.id);
    // A 学号 that reads as the header (a repeated header row) is not a data row: dataRowFilter skips it.
    const studentOf = perValue(cols.id, (v) => (typeof v === 'string' && plainId.test(v) && !isHeaderText(sheet.kind, 'studentId', v) ? (students.get(v) ?? null) : null));
    /** A text's number in an attempt-table column, by value number (−1: not yet asked). */
    const numbering = (index: number, column: { idFor(v: string | undefined): number }) => {
      const numbers = new Int32Array(valuesOf(index).length).fill(-1);
      return (k: number, text: string | undefined) => {
        let n = numbers[k] as number;
        if (n < 0) {
          n = column.idFor(text);
          numbers[k] = n;
        }
        return n;
      };
    };
    const studentNo = numbering(cols.id, attempts.studentId as { idFor(v: string | undefined): number });
    const names = codesOf(cols.courseName);
    // `[CS1001]程序设计基础` holds a code: the general path splits it (null: not taken).
    const courseNameOf = perValue(cols.courseName, (v) => {
      const t = trimmed(v);
      return t === undefined || mayHoldCode(t) ? null : t;
    });
    const courseNameNo = numbering(cols.courseName, attempts.courseName);
    const codes = codesOf(cols.courseCode);
    const courseCodeOf = perValue(cols.courseCode, (v) => trimmed(v) ?? null);
    const courseCodeNo = numbering(cols.courseCode, attempts.courseCode);
    const terms = codesOf(cols.term);
    const termValues = valuesOf(cols.term);
    const years = codesOf(cols.year);
    const yearValues = valuesOf(cols.year);
    /** By 学期 value number: term by cohort (−1 for none), false when it does not read (general path). */
    const termMemo: (Map<number, number | null | false> | undefined)[] = [];
    const termOf = (k: number, cohort: number | null): number | null | false => {
      const byCohort = (termMemo[k] ??= new Map());
      const key = cohort ?? -1;
      let t = byCohort.get(key);
      if (t === undefined) {
        const cell = termValues[k] ?? null;
        if (typeof cell === 'number') t = Number.isInteger(cell) && cell >= 1 && cell <= 12 ? cell : false;
        else if (typeof cell === 'string') {
          const read = memo.termOfText(cell, cohort);
          t = read === undefined ? false : read;
        }
        else t = cell === null ? null : false;
        byCohort.set(key, t);
      }
      return t;
    };
    const voidedCodes = codesOf(cols.voided);
    const voidedOk = perValue(cols.voided, (v) => plainNo(v, false));
    const validCodes = codesOf(cols.valid);
    const validOk = perValue(cols.valid, (v) => plainNo(v, true));
    const wides = cols.wide.map((w) => ({ codes: codesOf(w), blank: perValue(w, isBlank) }));
    const kinds = codesOf(cols.kind);
    // 旷考/免修 replace the score, a value outside the vocabulary is reported: the general path does both.
    const kindOf = perValue(cols.kind, (v): AttemptKind | null => {
      if (v !== null && typeof v !== 'string') return null;
      const nature = memo.nature(v);
      return nature === null || nature.mark !== undefined ? null : nature.kind;
    });
    const dates = codesOf(cols.date);
    const dateOf = perValue(cols.date, (v) => (v !== null && typeof v !== 'string' ? undefined : memo.dateOfText(v)));
    const dateNo = numbering(cols.date, attempts.date);
    const gradeNames = codesOf(cols.name);
    const gradeNameOf = perValue(cols.name, trimmed);
    const normalisedName = perValue(cols.name, (v) => normaliseHeader(trimmed(v) ?? ''));
    /** By 学号 value number: the 姓名 value number last found to match that student (0: none yet). */
    const nameMatched = new Int32Array(idValues.length);
    const scores = codesOf(cols.score);
    const scoreOf = perValue(cols.score, (v) => {
      if (typeof v !== 'number' && typeof v !== 'string') return null;
      const score = parseScore(v, config);
      return score.ok ? score.value : null;
    });
    return (r: number, place: number, row: number): boolean => {
      const idK = ids[r] as number;
      const student = studentOf(idK);
      if (!student) return false;
      const nameK = names[r] as number;
      const courseName = courseNameOf(nameK);
      const codeK = codes[r] as number;
      const courseCode = courseCodeOf(codeK);
      if (courseName === null || courseCode === null || (courseName === '' && courseCode === '')) return false;
      let term: number | undefined;
      if (cols.year >= 0) {
        // 学年 + 学期 (正方): the half of that academic year, never the programme's term.
        const t = memo.termOfYear(yearValues[years[r] as number] ?? null, termValues[terms[r] as number] ?? null, student.cohort);
        if (t === undefined) return false;
        term = t ?? undefined;
      } else {
        const t = termOf(terms[r] as number, student.cohort);
        if (t === false) return false;
        term = t ?? undefined;
      }
      // 是否成绩作废 = 否 / 是否有效 = 是 (or blank) only: anything else is left out or reported by the general path.
      if (cols.voided >= 0 && !voidedOk(voidedCodes[r] as number)) return false;
      if (cols.valid >= 0 && !validOk(validCodes[r] as number)) return false;
      // A wide 补考成绩/重修成绩 cell adds attempts: the general path reads them.
      for (const w of wides) if (!w.blank(w.codes[r] as number)) return false;
      const kind = kindOf(kinds[r] as number);
      if (kind === null) return false;
      const dateK = dates[r] as number;
      const date = dateOf(dateK);
      if (date === undefined) return false;
      const gradeNameK = gradeNames[r] as number;
      const gradeName = gradeNameOf(gradeNameK);
      if (gradeName === undefined) return false;
      // The 姓名 cross-check, once per (学号, 姓名) pair of values.
      if (gradeName !== '' && nameMatched[idK] !== gradeNameK) {
        if (normalisedName(gradeNameK) !== normaliseHeader(student.name)) return false;
        nameMatched[idK] = gradeNameK;
      }
      const score = scoreOf(scores[r] as number);
      if (score === null) return false;
      // attemptSchema holds by construction, as in fastRow.
      attempts.pushCoded(
        studentNo(idK, idValues[idK] as string),
        courseCodeNo(codeK, courseCode || undefined),
        courseNameNo(nameK, courseName || undefined),
        term,
        kind,
        dateNo(dateK, date ?? undefined),
        score,
        place,
        row,
      );
      return true;
    };
  };

  /** 是否成绩作废 = 是 / 是否有效 = 否 (a value outside their words is reported and read as counting). */
  const isVoided = (ctx: RowContext): boolean => {
    for (const [field, column, inverted] of [
      ['voided', '是否成绩作废', false],
      ['valid', '是否有效', true],
    ] as const) {
      if (!ctx.has(field)) continue;
      const v = ctx.value(field);
      const display = ctx.display(field);
      let res = readVoided(v, display, inverted);
      if (res === null) {
        const chosen = unknownValues.chosen(column, textOf(v, display));
        res = chosen === undefined ? null : readVoided(chosen, undefined, inverted);
        if (res === null) {
          unknownValues.note(column, shown(v, display), inverted ? '是（有效）' : '否（不作废）', ctx.at(field), '是、否');
          res = false;
        }
      }
      if (!res) continue;
      const header = ctx.header(field);
      const prior = voided.get(header);
      if (prior) prior.count++;
      else voided.set(header, { first: ctx.at(field), count: 1 });
      return true;
    }
    return false;
  };

  /** 考试性质 of a row: the vocabulary, then the user's chosen meaning, else 正考 and reported (SPEC §1.6). */
  const natureOf = (ctx: RowContext): AttemptNature => {
    const v = ctx.value('attemptKind');
    const display = ctx.display('attemptKind');
    const known = memo.nature(v, display);
    if (known) return known;
    const text = textOf(v, display);
    const chosen = unknownValues.chosen('考试性质', text);
    const meant = chosen === undefined ? null : readAttemptNature(chosen);
    if (meant) return meant;
    unknownValues.note('考试性质', shown(v, display), '正考', ctx.at('attemptKind'), attemptNatureWords);
    return { kind: 'regular' };
  };

  /** One score cell read (成绩 or a wide 补考成绩 column): the score, or null with an issue at the cell. */
  const scoreAt = (ctx: RowContext, field: string): { score: ScoreValue | null; at: Attempt['source'] } => {
    const index = ctx.sheet.columns[field]?.index ?? -1;
    const raw = cellAt(ctx.table, ctx.r, index);
    const at = ctx.at(field);
    if (isCellError(raw)) {
      ctx.report('error', 'CELL_ERROR', undefined, `${ctx.header(field)}单元格是错误值 ${raw.error}（多为公式引用不到数据），请修正公式或填写实际成绩`, at);
    } else if (raw instanceof Date) {
      ctx.report('error', 'BAD_SCORE', undefined, `${ctx.header(field)}“${shown(raw)}”是日期，请将单元格格式改为“常规”并填写分数`, at);
    } else if (typeof raw === 'number' && isDateFormat(ctx.table.numberFormats?.[ctx.r]?.[index])) {
      // Office.js gives a date cell as its serial number: the number format tells it is a date.
      const shownText = ctx.display(field) || serialToIso(raw);
      ctx.report('error', 'BAD_SCORE', undefined, `${ctx.header(field)}“${shownText}”是日期格式，请将单元格格式改为“常规”并填写分数`, at);
    } else {
      const res = parseScore(raw, config);
      if (res.ok) return { score: res.value, at };
      ctx.report(res.code === 'EMPTY_SCORE' ? 'warning' : 'error', res.code, undefined, res.reason, at);
    }
    return { score: null, at };
  };

  for (const { table, sheet } of sheets) {
    const cols = gradeColumns(sheet);
    const place = attempts.place(table.sheet, cols.scoreLetter);
    const isDataRow = dataRowFilter(table, sheet, issues, 'studentId');
    const wides = wideColumns.filter((w) => sheet.columns[w.field]);
    // A columnar table (CSV) without display texts or number formats: the coded fast path.
    const coded = table.columns && !table.text && !table.numberFormats ? codedFastRow(table.columns, cols, sheet) : null;
    const height = tableHeight(table);
    for (let r = sheet.dataStartIndex; r < height; r++) {
      if (coded) {
        // A row the coded path takes is a data row (a 学号 that is no header text, and a score).
        if (coded(r, place, table.originRow + r)) continue;
        if (!isDataRow(r)) continue;
      } else {
        if (!isDataRow(r)) continue;
        // A number in a date-formatted score cell (Office.js gives dates as serial numbers) takes the general path.
        const scoreFormat = cols.score < 0 ? undefined : table.numberFormats?.[r]?.[cols.score];
        if (!isDateFormat(scoreFormat) && fastRow(table.rows[r] ?? [], cols, place, table.originRow + r)) continue;
      }
      const ctx = new RowContext(table, sheet, r, issues);
      if (isVoided(ctx)) continue;
      const issuesBefore = issues.length;
      let id = ctx.read('studentId', readId, null as string | null, 'BAD_ID');
      let courseName = ctx.text('courseName').trim() || undefined;
      let courseCode = ctx.text('courseCode').trim() || undefined;
      const split = courseName ? splitCourseCell(courseName) : null;
      if (split) {
        if (courseCode && normaliseHeader(courseCode) !== normaliseHeader(split.code)) {
          ctx.report('warning', 'COURSE_CODE_MISMATCH', 'courseName', `“${courseName}”中的课程代码 ${split.code} 与“${ctx.header('courseCode')}”列的 ${courseCode} 不一致，按“${ctx.header('courseCode')}”列的 ${courseCode} 对应教学计划。请核对。`);
        } else courseCode = split.code;
        courseName = split.name;
      }
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
        const t = ctx.has('academicYear')
          ? readTermOfYear(ctx.value('academicYear'), ctx.value('term'), student.cohort, ctx.display('academicYear'), ctx.display('term'))
          : readTerm(ctx.value('term'), student.cohort, ctx.display('term'));
        if (t.ok) term = t.value;
        else if (t.outOfRange && student.statusChange) {
          // 学籍异动 (复学, 转入): courses taken before joining this cohort; the term stays unknown.
          ctx.report('warning', 'TERM_BEFORE_COHORT', 'term', `${t.reason}。该生有学籍异动，此成绩按“学期未知”处理`);
        } else ctx.report('error', 'BAD_TERM', 'term', t.reason);
      }
      const nature = natureOf(ctx);
      const date = ctx.read('date', memo.date, null, 'BAD_DATE');
      const gradeName = ctx.text('name').trim() || undefined;

      /** This row's attempts: 成绩 (its 考试性质), then each non-empty wide 补考成绩/重修成绩 cell. */
      const found: { kind: AttemptKind; date: string | null; score: ScoreValue; at: Attempt['source'] }[] = [];
      if (nature.mark !== undefined) {
        // 旷考 ⇒ the 缺考 mark, 免修 ⇒ exempt, whatever the 成绩 cell holds (a score there is pointed out).
        const raw = ctx.value('score');
        const res = isBlank(raw) ? null : parseScore(raw as string | number, config);
        if (res?.ok && res.value.kind === 'score' && res.value.hundredths > 0) {
          ctx.report('warning', 'SCORE_OVERRIDDEN', 'score', `为 ${shown(raw, ctx.display('score'))}，但“${ctx.header('attemptKind')}”为“${ctx.text('attemptKind')}”，按${nature.mark === 'exempt' ? '免修' : '缺考（0 分）'}处理。请核对。`);
        }
        found.push({ kind: nature.kind, date, score: markScore(nature, ctx.text('attemptKind')), at: ctx.at('score') });
      } else {
        const main = scoreAt(ctx, 'score');
        if (main.score) found.push({ kind: nature.kind, date, score: main.score, at: main.at });
      }
      for (const w of wides) {
        if (isBlank(cellAt(ctx.table, ctx.r, ctx.sheet.columns[w.field]?.index ?? -1))) continue;
        const extra = scoreAt(ctx, w.field);
        const wideDate = ctx.has(w.dateField) ? ctx.read(w.dateField, memo.date, null, 'BAD_DATE') : null;
        if (extra.score) found.push({ kind: w.kind, date: wideDate, score: extra.score, at: extra.at });
      }
      // A row with any unreadable cell is not an attempt (its error stops the run before anything is written).
      if (!id || found.length === 0) continue;
      let rowError = false;
      for (let i = issuesBefore; i < issues.length && !rowError; i++) rowError = issues[i].severity === 'error';
      if (rowError) continue;

      let schemaOk = true;
      const rowAttempts: Attempt[] = [];
      for (const f of found) {
        const row: AttemptRow = { studentId: id, courseCode, courseName, term: term ?? undefined, kind: f.kind, date: f.date ?? undefined };
        if (!passesAttemptSchema(row)) {
          const parsed = attemptSchema.safeParse(row, chineseErrors);
          if (!parsed.success) {
            ctx.report('error', 'BAD_ROW', undefined, `无法读取该成绩行：${parsed.error.issues[0]?.message ?? ''}`);
            schemaOk = false;
            break;
          }
        }
        // 姓名 is cross-checked here, at its own cell; it is not passed on (the engine would warn again).
        // Same fields, in the same order, as attemptSchema's output (its keys are kept even when undefined).
        rowAttempts.push({
          studentId: row.studentId,
          courseCode: row.courseCode,
          courseName: row.courseName,
          term: row.term,
          kind: row.kind,
          date: row.date,
          score: f.score,
          source: f.at,
        });
      }
      if (!schemaOk) continue;
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
      for (const a of rowAttempts) attempts.push(a);
    }
  }
  reportUnusedColumns(sheets, issues);
  for (const [header, v] of voided) {
    issues.push(
      issueAt(
        'info',
        'VOIDED_ROWS',
        `${describeLocation(v.first)}：成绩表中有 ${v.count} 行的“${header}”表明该成绩${header.includes('有效') ? '无效' : '已作废'}，这些行不参与计算（第一行在此）。`,
        v.first,
      ),
    );
  }
  if (sheets.length > 0) {
    for (const s of students.values()) {
      if (attempts.studentId.has(s.studentId) || rowsOf.has(s.studentId)) continue;
      issues.push(
        issueAt(
          'warning',
          'STUDENT_NO_GRADES',
          `${describeLocation(s.source)}：${s.studentId}（${s.name}）在成绩表中没有任何成绩，` +
            (s.statusChange
              ? '该生为学籍异动学生，只计实际修读的课程：无平均成绩、不参加排名（无有效成绩）。'
              : '其计划课程都按未修处理（计 0 分）。') +
            '如有成绩，请补充到成绩表。',
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

/**
 * SPEC §1.6: each column the tool recognises but does not use (学分, 绩点, 课程性质, 考核方式…) is reported
 * once (info) by its header, at its first header cell, whatever the number of grade sheets holding it.
 */
function reportUnusedColumns(sheets: readonly { table: RawTable; sheet: DetectedSheet }[], issues: Issue[]): void {
  const seen = new Set<string>();
  for (const { table, sheet } of sheets) {
    for (const col of sheet.unusedColumns ?? []) {
      const key = normaliseHeader(col.header);
      if (seen.has(key)) continue;
      seen.add(key);
      const at = { sheet: table.sheet, row: sheet.headerRow, column: col.column };
      issues.push(
        issueAt(
          'info',
          'UNUSED_COLUMN',
          `${describeLocation(at)}：“${col.header}”列不参与计算（细则按各门课程成绩的算术平均排名，不用学分、绩点、课程性质等），已忽略。`,
          at,
        ),
      );
    }
  }
}

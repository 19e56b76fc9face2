/** 成绩 rows → Attempt (SPEC §1.2). Every grade cell goes through the engine's parseScore. */
import { z } from 'zod';
import type { Config } from '../engine/config';
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import type { Attempt, AttemptKind, Student } from '../engine/model';
import { parseScore } from '../engine/scores';
import type { DetectedSheet } from './detect';
import { normaliseHeader } from './headers';
import { dataRows } from './rows';
import { isCellError, type CellValue, type RawTable } from './table';
import { readAttemptKind, readDate, readId, readTerm, shown, type Read } from './values';

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
 * The checks of attemptSchema by hand (this runs for every grade row: ~1 M rows at a large school).
 * Rows that fail it go through attemptSchema, whose message is reported.
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

/**
 * Readers whose result depends only on a text cell's value (not on its display text), memoised per
 * parse: 成绩日期 and 考试性质 repeat on most rows. Failures are not memoised (their messages use the display).
 */
function memoReaders() {
  const dates = new Map<string, string | null>();
  const kinds = new Map<string, AttemptKind | null>();
  return {
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

export function parseGrades(
  sheets: { table: RawTable; sheet: DetectedSheet }[],
  students: ReadonlyMap<string, Student>,
  rejectedIds: ReadonlySet<string>,
  config: Config,
  issues: Issue[],
): Attempt[] {
  const attempts: Attempt[] = [];
  const unknown = new Map<string, { first: Attempt['source']; count: number }>();
  /** Roster 学号 with leading zeros, by their digits without them: 0210103 ← 210103. */
  const withoutZeros = new Map<string, string>();
  for (const id of students.keys()) if (/^0+\d/u.test(id)) withoutZeros.set(id.replace(/^0+/u, ''), id);
  const rowsOf = new Map<string, number>();
  const lostZeroReported = new Set<string>();
  const memo = memoReaders();
  for (const { table, sheet } of sheets) {
    for (const ctx of dataRows(table, sheet, issues, 'studentId')) {
      const issuesBefore = issues.length;
      const id = ctx.read('studentId', readId, null as string | null, 'BAD_ID');
      const courseName = ctx.text('courseName').trim() || undefined;
      const courseCode = ctx.text('courseCode').trim() || undefined;
      if (!courseName && !courseCode) {
        ctx.report('error', 'EMPTY_VALUE', ctx.has('courseName') ? 'courseName' : 'courseCode', '为空，请填写课程名称或课程代码');
      }
      const student = id ? students.get(id) : undefined;
      if (id) rowsOf.set(id, (rowsOf.get(id) ?? 0) + 1);
      const zeroless = id && !student ? withoutZeros.get(id) : undefined;
      if (id && zeroless) {
        // One error per 学号, at its first row (like unknown 学号 below).
        if (!lostZeroReported.has(id)) {
          ctx.report('error', 'ID_LOST_ZEROS', 'studentId', ` ${id} 丢了开头的 0（名册中为 ${zeroless}），这些成绩无法对应到学生。请把该列设为“文本”格式并把该生各行改为 ${zeroless}。`);
          lostZeroReported.add(id);
        }
        rowsOf.set(zeroless, (rowsOf.get(zeroless) ?? 0) + 1);
        continue;
      }
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
      if ((rowsOf.get(s.studentId) ?? 0) > 0) continue;
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

/** 成绩 rows → Attempt (SPEC §1.2). Every grade cell goes through the engine's parseScore. */
import { z } from 'zod';
import type { Config } from '../engine/config';
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import type { Attempt, Student } from '../engine/model';
import { parseScore } from '../engine/scores';
import type { DetectedSheet } from './detect';
import { normaliseHeader } from './headers';
import { dataRows } from './rows';
import { isCellError, type RawTable } from './table';
import { readAttemptKind, readDate, readId, readTerm, shown } from './values';

const attemptSchema = z.object({
  studentId: z.string().min(1),
  courseCode: z.string().min(1).optional(),
  courseName: z.string().min(1).optional(),
  term: z.number().int().min(1).max(12).optional(),
  kind: z.enum(['regular', 'deferred', 'makeup', 'retake']),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).optional(),
});

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
      let kind = readAttemptKind(ctx.value('attemptKind'), ctx.display('attemptKind'));
      if (kind === null) {
        ctx.report('warning', 'UNKNOWN_ATTEMPT_KIND', 'attemptKind', `“${ctx.text('attemptKind')}”无法识别（应为 正考、补考、重修 或 缓考），按正考处理`);
        kind = 'regular';
      }
      const date = ctx.read('date', readDate, null, 'BAD_DATE');
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
      if (!id || scoreOk === null || issues.slice(issuesBefore).some((i) => i.severity === 'error')) continue;

      const parsed = attemptSchema.safeParse({ studentId: id, courseCode, courseName, term: term ?? undefined, kind, date: date ?? undefined });
      if (!parsed.success) {
        ctx.report('error', 'BAD_ROW', undefined, `无法读取该成绩行：${parsed.error.issues[0]?.message ?? ''}`);
        continue;
      }
      // 姓名 is cross-checked here, at its own cell; it is not passed on (the engine would warn again).
      const attempt: Attempt = { ...parsed.data, score: scoreOk, source: scoreAt };
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

/** 教学计划 (SPEC §1.3), 获奖与荣誉 (§1.4) and 对口招录计划 (§1.5) rows → domain, with located issues. */
import { z } from 'zod';
import { describeLocation, issueAt, type Issue } from '../engine/issues';
import type { Award, AwardLevel, PlanCourse, ProgramSeats, SourceRef, Student } from '../engine/model';
import { sheetLabel, type DetectedSheet } from './detect';
import { canonicalHeader, normaliseHeader } from './headers';
import { isEmptyMark, trainingTypeWord } from './rosterVocabulary';
import { withChosen } from './chosenReader';
import { UnknownValues } from './unknownValues';
import { dataRows } from './rows';
import type { CellValue, RawTable } from './table';
import { readBool, readCohort, readCount, readId, readTerm, readYear, textOf, type Read } from './values';

type Sheets = { table: RawTable; sheet: DetectedSheet }[];


const optionalCohort = (v: CellValue, d?: string): Read<number | null> =>
  textOf(v, d).trim() === '' ? { ok: true, value: null } : readCohort(v, d);

const planSchema = z.object({
  major: z.string().min(1),
  cohort: z.number().int().nullable(),
  courseName: z.string().min(1),
  term: z.number().int().min(1).max(12).nullable(),
});

/**
 * 培养类型 of a 教学计划 row (SPEC §1.3): the track it applies to, or undefined (empty: every track). 定向 is
 * ranked in the 普通 track. A value outside the vocabulary applies to 普通 and is reported (§1.6).
 */
function planTrack(text: string, at: SourceRef, uv: UnknownValues): '普通' | '扩招' | undefined {
  if (isEmptyMark(text)) return undefined;
  const column = canonicalHeader('plan', 'trainingType');
  const chosen = uv.chosen(column, text);
  const t = (chosen !== undefined ? trainingTypeWord(chosen) : undefined) ?? trainingTypeWord(text);
  if (t === undefined) uv.note(column, text.trim(), '普通', at, '定向、扩招、普通（统招、非定向、非扩招）');
  return t === 'expanded' ? '扩招' : '普通';
}

export function parsePlan(sheets: Sheets, issues: Issue[], unknownValues: UnknownValues = new UnknownValues()): PlanCourse[] {
  const readCounted = withChosen(unknownValues, 'plan', 'counted', (v, d) => readBool(v, true, d));
  const out: PlanCourse[] = [];
  for (const { table, sheet } of sheets) {
    for (const ctx of dataRows(table, sheet, issues, 'courseName')) {
      const major = ctx.text('major').trim();
      if (major === '') ctx.report('error', 'EMPTY_VALUE', 'major', '为空，请填写该课程所属的专业');
      const courseName = ctx.text('courseName').trim();
      if (courseName === '') ctx.report('error', 'EMPTY_VALUE', 'courseName', '为空，请填写课程名称');
      const cohort = ctx.read('cohort', optionalCohort, null, 'BAD_COHORT');
      const term = ctx.read('term', (v, d) => readTerm(v, cohort, d), null, 'BAD_TERM');
      const counted = ctx.read('counted', readCounted, true, 'BAD_BOOLEAN');
      // planSchema checked by hand first (cheap); a row failing it is checked by the schema itself.
      const handChecked =
        major.length >= 1 &&
        (cohort === null || Number.isInteger(cohort)) &&
        courseName.length >= 1 &&
        (term === null || (Number.isInteger(term) && term >= 1 && term <= 12));
      let row = handChecked ? { major, cohort, courseName, term } : null;
      if (!row) {
        const parsed = planSchema.safeParse({ major, cohort, courseName, term });
        if (!parsed.success) continue;
        row = parsed.data;
      }
      const code = ctx.text('courseCode').trim();
      const assessment = ctx.text('assessment').trim();
      const rankingGroup = ctx.text('rankingGroup').trim();
      const track = planTrack(ctx.text('trainingType'), ctx.at('trainingType'), unknownValues);
      // Built property by property (object spread followed by more properties is slow in V8).
      out.push({
        major: row.major,
        cohort: row.cohort,
        courseName: row.courseName,
        term: row.term,
        courseCode: code === '' ? undefined : code,
        assessment: assessment === '' ? undefined : assessment,
        counted,
        source: ctx.at('courseName'),
        ...(track !== undefined ? { track } : {}),
        ...(rankingGroup !== '' ? { rankingGroup } : {}),
      });
    }
  }
  return out;
}

/** 级别: 国家级 / 自治区级 (= 省级) / 市级 / 校级. */
export function readLevel(text: string): AwardLevel | null {
  const t = normaliseHeader(text);
  if (t === '') return null;
  if (/国家|全国|国际|世界/u.test(t)) return 'national';
  if (/自治区|省|区级|广西/u.test(t)) return 'regional';
  if (/市/u.test(t)) return 'city';
  if (/校|院级/u.test(t)) return 'school';
  return null;
}

/** 审核结果: 通过 / 不通过. */
function readVerified(v: CellValue, d?: string): Read<boolean | null> {
  const t = normaliseHeader(textOf(v, d));
  if (t === '') return { ok: true, value: null };
  if (['通过', '已通过', '审核通过', '是', '合格', '有效', '同意'].includes(t)) return { ok: true, value: true };
  if (['不通过', '未通过', '审核不通过', '否', '不合格', '无效', '不同意', '驳回'].includes(t)) return { ok: true, value: false };
  return { ok: false, reason: `“${textOf(v, d)}”无法识别，请填写“通过”或“不通过”` };
}

export function parseAwards(
  sheets: Sheets,
  students: ReadonlyMap<string, Student>,
  rejectedIds: ReadonlySet<string>,
  issues: Issue[],
  unknownValues: UnknownValues = new UnknownValues(),
): Award[] {
  const out: Award[] = [];
  const readVerifiedCell = withChosen(unknownValues, 'awards', 'verified', readVerified);
  for (const { table, sheet } of sheets) {
    if (!sheet.columns.verified) {
      issues.push(
        issueAt(
          'info',
          'NO_VERIFICATION_COLUMN',
          `获奖表“${sheetLabel(sheet)}”没有“审核结果”列：全部奖项按“通过”处理。如有未通过审核的奖项，请在第${sheet.headerRow}行添加“审核结果”列并填写 通过/不通过。`,
          { sheet: sheet.sheet, row: sheet.headerRow },
        ),
      );
    }
    for (const ctx of dataRows(table, sheet, issues, 'studentId')) {
      const id = ctx.read('studentId', readId, null as string | null, 'BAD_ID');
      const category = ctx.text('category').trim();
      if (category === '') ctx.report('error', 'EMPTY_VALUE', 'category', '为空，请填写比赛名称或“荣誉称号”');
      const levelText = ctx.text('level').trim();
      const level = readLevel(levelText);
      if (levelText !== '' && level === null) {
        ctx.report('warning', 'UNKNOWN_LEVEL', 'level', `“${levelText}”无法识别，请填写 国家级、自治区级、市级 或 校级；该奖项不计入不占指标/优先条件`);
      }
      const teamRank = ctx.read('teamRank', readCount, null, 'BAD_TEAM_RANK');
      const year = ctx.read('year', readYear, null, 'BAD_YEAR', 'warning');
      let verified = true;
      if (ctx.has('verified')) {
        const v = ctx.read('verified', readVerifiedCell, false as boolean | null, 'BAD_VERIFICATION');
        if (v === null) {
          ctx.report('warning', 'UNVERIFIED_AWARD', 'verified', '为空：该奖项尚未审核，按“不通过”处理。审核后请填写 通过/不通过');
          verified = false;
        } else verified = v;
      }
      if (!id || category === '') continue;
      const student = students.get(id);
      if (!student) {
        if (!rejectedIds.has(id)) {
          ctx.report('warning', 'UNKNOWN_STUDENT', 'studentId', ` ${id} 不在学生名册中，该获奖记录未使用。请核对学号。`);
        }
        continue;
      }
      const name = ctx.text('name').trim();
      if (name !== '' && normaliseHeader(name) !== normaliseHeader(student.name)) {
        ctx.report('warning', 'NAME_MISMATCH', 'name', `“${name}”与学生名册中学号 ${id} 的姓名“${student.name}”（${describeLocation(student.source)}）不一致，请核对`);
      }
      out.push({
        studentId: id,
        studentName: name === '' ? undefined : name,
        category,
        project: ctx.text('project').trim(),
        level,
        levelText,
        grade: ctx.text('grade').trim(),
        teamRank,
        year: year ?? undefined,
        verified,
        source: ctx.at('studentId'),
      });
    }
  }
  return out;
}

export function parseSeats(sheets: Sheets, issues: Issue[]): ProgramSeats[] {
  const out: ProgramSeats[] = [];
  for (const { table, sheet } of sheets) {
    for (const ctx of dataRows(table, sheet, issues, 'university')) {
      const university = ctx.text('university').trim();
      const program = ctx.text('program').trim();
      const vocationalMajor = ctx.text('vocationalMajor').trim();
      for (const [f, what] of [
        ['university', '本科院校'],
        ['program', '本科专业'],
        ['vocationalMajor', '对口的高职专业'],
      ] as const) {
        if (ctx.text(f).trim() === '') ctx.report('error', 'EMPTY_VALUE', f, `为空，请填写${what}`);
      }
      const seats = ctx.read('seats', readCount, null, 'BAD_SEATS');
      if (seats === null && ctx.text('seats').trim() === '') ctx.report('error', 'EMPTY_VALUE', 'seats', '为空，请填写计划数（非负整数）');
      const cohort = ctx.read('cohort', optionalCohort, null, 'BAD_COHORT');
      if (university === '' || program === '' || vocationalMajor === '' || seats === null) continue;
      out.push({ university, program, vocationalMajor, seats, cohort, source: ctx.at('seats') });
    }
  }
  return out;
}

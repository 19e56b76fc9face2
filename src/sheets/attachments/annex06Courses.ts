/**
 * 附件6 全体学生分科目成绩公示, one sheet per ranking group (`附件6-机电一体化技术`).
 * One row per student (rank order), one column per plan course of the group (term, plan order) with
 * the score the average used, then 计入课程数, 平均成绩, 排名 — so a student can recompute the average.
 * Marks (legend in the footnotes), as colleges' 成绩明细公示 usually show them:
 *   60(补) / 60(重)    a passing 补考 / 重修 counted as 60 (or the later attempt under other policies);
 *   0(未修)            a plan course without any attempt, counted as 0 (no 学籍异动);
 *   0(缺考)…           the mark the 0 came from;
 *   免修                 exempt, not counted;  缓考  no score yet;
 *   —                    not counted (学籍异动 student who did not take it by the cutoff).
 * A score from a first sitting is a plain number. Marks use half-width brackets so that a course column
 * stays narrow (a real plan has 25–30 courses and the sheet must still print readably on A4).
 */
import { formatHundredths } from '../../engine/exact';
import type { CourseScore } from '../../engine/result';
import {
  groupQualifierIn,
  groupShortLabel,
  madeBy,
  orientationFor,
  publicitySubtitles,
  scoreColumns,
  tableFrom,
} from './common';
import type { AnnexContext, ColumnSpec, GroupRows, SheetNamer, StudentRow } from './common';
import type { ModelCell, SheetModel } from './model';

/** The cell of one course for one student. */
export function courseCell(c: CourseScore | undefined): ModelCell {
  if (!c) return '—';
  switch (c.source) {
    case 'exempt':
      return '免修';
    case 'pending':
      return '缓考';
    case 'not_taken':
      return '—';
    case 'missing':
      return `${formatHundredths(c.hundredths ?? 0)}(未修)`;
    case 'later': {
      const tag = c.laterKind === 'makeup' ? '补' : c.laterKind === 'retake' ? '重' : '补/重';
      return `${formatHundredths(c.hundredths ?? 0)}(${tag})`;
    }
    case 'first':
      if (c.hundredths === null) return '—';
      if (c.mark) return `${formatHundredths(c.hundredths)}(${c.mark})`;
      return c.hundredths / 100;
  }
}

const LEGEND =
  '标注说明：(补) 补考取得、(重) 重修取得（按规定计分）；(未修) 未修课程按0分计；(缺考) 等为0分的来源；免修：不计入平均分；缓考：暂无成绩；—：不计入（学籍异动学生未修读）。';

export function buildAnnex06Group(ctx: AnnexContext, g: GroupRows, namer: SheetNamer): SheetModel {
  const { config, output } = ctx;
  const plan = output.groups.get(g.group.key)?.courses ?? [];
  const courseSpecs: ColumnSpec<StudentRow>[] = plan.map((course) => ({
    header: course.courseName,
    value: (r: StudentRow) => courseCell(r.details.courses.byKey(course.courseKey)),
    min: 7,
    max: 10,
  }));
  const specs: ColumnSpec<StudentRow>[] = [
    { header: '序号', value: (_r, i) => i + 1, min: 5 },
    { header: '学号', value: (r) => r.result.studentId, text: true },
    { header: '姓名', value: (r) => r.result.name, min: 8 },
    ...courseSpecs,
    { header: '计入课程数', value: (r) => r.result.countedCourses, min: 6 },
    ...scoreColumns(ctx, g.rows, false),
  ];
  const table = tableFrom(g.rows, specs);
  // A posted sheet says how its courses were chosen in its own words: it never points at an internal
  // sheet (计算说明 is not in the 公示用工作簿, nor on the notice board).
  const planNote = output.groups.get(g.group.key)?.planInferred
    ? `课程依据：未导入教学计划，计入课程按成绩推断：第${Math.min(...config.countedTerms)}–${Math.max(...config.countedTerms)}学期中至少 ${config.planInferencePercent}% 的学生（不含学籍异动学生）有成绩的课程（按学期排列）。如有疑问，请向${g.college || config.schoolName}查询。`
    : `课程依据：人才培养方案第${config.countedTerms.join('、')}学期计入平均分的课程（按学期排列）。`;
  return {
    name: namer.name('附件6-', groupShortLabel(g.group, ctx.multiCohort)),
    title: `${config.schoolName}${g.group.grade}级${g.group.major}专业${groupQualifierIn(ctx, g.group)}全体学生分科目成绩公示`,
    subtitles: publicitySubtitles(config, config.scorePublicityPeriod),
    tables: [table],
    footnotes: [LEGEND, planNote, madeBy(ctx, g.college || config.schoolName)],
    publicity: true,
    orientation: orientationFor(table.columns),
    freezeColumns: 3,
  };
}

/**
 * 附件10 二级学院"专升本"申报名单公示, one sheet per 二级学院 (`附件10-机电工程学院`), posted by the
 * college 4/8–4/10 (细则 五(八)). Lists the students who registered and passed the first check: the
 * recommended ones of every kind, the 递补 candidates and those waiting for a tie ruling — i.e. registered
 * and eligible, excluding 综合考查 veterans (not in the school selection). Columns as the 10-2 模板 shows
 * them: 序号, 专业, 班级, 学号, 姓名, 平均成绩, 排名, 专业人数, 申报类别, 不占指标, 同等条件优先, 填报志愿.
 * Only made when the roster has registration data.
 */
import {
  chineseDate,
  compareText,
  GROUP_SIZE_NOTE,
  isSplitGroup,
  statusLabel,
  madeBy,
  orientationFor,
  publicitySubtitles,
  scoreColumns,
  studentIdentityColumns,
  tableFrom,
  yesNo,
} from './common';
import type { AnnexContext, ColumnSpec, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';

const APPLIED = new Set(['recommended_quota', 'recommended_direct', 'recommended_veteran', 'substitute', 'tie_pending']);

export function isApplicant(r: StudentRow): boolean {
  return r.student.registration === 'registered' && APPLIED.has(r.result.status);
}

export function wishesText(r: StudentRow): string {
  return r.details.wishes.map((w, i) => `${i + 1}.${w.university}/${w.program}`).join('；');
}

export const NO_COLLEGE = '未填二级学院';

/** What 推荐结果 and 递补顺序 mean (the legend under 附件10). */
export const SUBSTITUTE_NOTE =
  '推荐结果：推荐（递补）＝因排名在前学生放弃而递补取得推荐资格；递补候选＝本专业（排名组）推荐指标已满，排名在前的学生放弃（须交本人签名的放弃证明）时按“递补顺序”依次递补（细则三（一）1），同分者序号相同；同分待裁定＝同分学生争最后的指标，由学校普通专升本工作领导小组裁定。';

export function buildAnnex10(ctx: AnnexContext, namer: SheetNamer): SheetModel[] {
  if (!ctx.hasRegistration) return [];
  const { config } = ctx;
  const byCollege = new Map<string, StudentRow[]>();
  for (const r of ctx.rows) {
    const college = r.student.college?.trim() || NO_COLLEGE;
    const list = byCollege.get(college) ?? [];
    if (isApplicant(r)) list.push(r);
    byCollege.set(college, list);
  }
  const applicants = ctx.rows.filter(isApplicant);
  const specs: ColumnSpec<StudentRow>[] = [
    ...studentIdentityColumns(ctx, { major: true }),
    ...scoreColumns(ctx, applicants),
    { header: '申报类别', value: (r) => (r.student.veteran ? '退役大学生士兵' : '应届毕业生') },
    { header: '不占指标', value: (r) => yesNo(r.result.direct) },
    { header: '同等条件优先', value: (r) => yesNo(r.result.priority) },
    // The 递补 order is published here (细则 三(一)1: "其他学生方可依次递补"): this is the list of every
    // applicant of the 专业 in rank order, so a student sees whether they are recommended or where they
    // stand in the queue, and the 附件11 list (recommended only) points here.
    { header: '推荐结果', value: (r) => statusLabel(r.result), min: 10 },
    { header: '递补顺序', value: (r) => r.result.substituteOrder, min: 6 },
    { header: '填报志愿（本科院校/专业）', value: wishesText, align: 'left', min: 16, max: 30 },
  ];
  return [...byCollege]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([college, rows]) => {
      const table = tableFrom(rows, specs);
      return {
        name: namer.name('附件10-', college),
        title: `${config.schoolName}${college === NO_COLLEGE ? '' : college}${config.graduationYear}届毕业生“专升本”申报名单公示`,
        subtitles: publicitySubtitles(config, config.collegePublicityPeriod),
        tables: [table],
        footnotes: [
          rows.length === 0 ? '本学院无初审合格的申报学生。' : `共${rows.length}人。名单按专业、成绩排名排列。`,
          ...(rows.length > 0 ? [SUBSTITUTE_NOTE] : []),
          ...(rows.some((r) => isSplitGroup(ctx, r.group)) ? [GROUP_SIZE_NOTE] : []),
          madeBy(ctx, college === NO_COLLEGE ? config.schoolName : college),
        ],
        publicity: true,
        orientation: orientationFor(table.columns),
        word: {
          annex: '附件10-1',
          fileName: `附件10-1 ${college}申报名单公示.docx`,
          signature: college === NO_COLLEGE ? config.schoolName : `${config.schoolName}${college}`,
          date: chineseDate(ctx.date),
        },
      };
    });
}

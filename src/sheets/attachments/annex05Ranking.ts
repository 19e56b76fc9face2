/**
 * 附件5 平均成绩排名公示 (细则 五(四): "附件 5 需含学校总表及各专业分表").
 * - `附件5-总表`: every student of the school, by 二级学院, 专业, rank (without 班级, to print readably).
 * - `附件5-<专业>`: one sheet per ranking group (扩招 and approved 排名组 are ranked separately, so
 *   they get their own sheet: `附件5-机电一体化技术（扩招）`).
 * Columns (细则: "公示内容需含平均成绩、排名、成绩是否符合专升本要求、不符合要求原因"), as Chinese colleges'
 * 成绩排名公示 show them: 序号, (二级学院, 专业 on the total), 班级, 学号, 姓名, 计入课程数, 平均成绩, 排名,
 * 专业人数, 是否前60%, 是否符合成绩要求, 不符合原因, 备注. No 身份证号/手机号 (细则 六(三)); the masked
 * 身份证号 only with the setting showMaskedIdNumber.
 * 是否符合 here is the full eligibility of SPEC §2.6 (定向/处分 included), since that is what the
 * student must check; the reason column says why.
 */
import {
  GROUP_SIZE_NOTE,
  groupQualifierIn,
  groupShortLabel,
  isSplitGroup,
  sizeHeader,
  madeBy,
  orientationFor,
  publicitySubtitles,
  reasonsText,
  remarkText,
  scoreColumns,
  studentIdentityColumns,
  tableFrom,
  yesNo,
} from './common';
import type { AnnexContext, ColumnSpec, GroupRows, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';

function rankingColumns(ctx: AnnexContext, rows: readonly StudentRow[], total: boolean): ColumnSpec<StudentRow>[] {
  const { config } = ctx;
  return [
    // The school total omits 班级 (on each 专业's sheet) so that it prints at a readable size.
    ...studentIdentityColumns(ctx, { college: total, major: total, className: !total }),
    { header: '计入课程数', value: (r) => r.result.countedCourses, min: 6 },
    ...scoreColumns(ctx, rows),
    { header: `是否前${config.rankPercent}%`, value: (r) => yesNo(r.result.top60), min: 6 },
    { header: '是否符合专升本条件', value: (r) => yesNo(r.result.eligible), min: 6 },
    { header: '不符合原因', value: (r) => reasonsText(r.result, config), align: 'left', min: 16, max: total ? 30 : 44 },
    { header: '备注', value: (r) => remarkText(r), align: 'left', min: 8, max: total ? 16 : 24 },
  ];
}

function footnotes(ctx: AnnexContext, unit: string, rows: readonly StudentRow[], scope: string | null = null): string[] {
  const { config } = ctx;
  const terms = config.countedTerms.join('、');
  return [
    ...(scope ? [scope] : []),
    `说明：平均成绩为人才培养方案第${terms}学期全部考试（查）课程成绩的算术平均，保留${config.averageDecimals}位小数（四舍五入）；` +
      `无学籍异动学生未修课程按0分计入；有学籍异动学生按实际修读课程计算。`,
    `排名为${sizeHeader(ctx, rows) === '排名组人数' ? '同一排名组' : '同年级同专业'}全体学生的并列排名（同分同名次，下一名次顺延）；排名×100 ≤ ${config.rankPercent}×${sizeHeader(ctx, rows)} 为前${config.rankPercent}%。`,
    ...(sizeHeader(ctx, rows) === '排名组人数' ? [GROUP_SIZE_NOTE] : []),
    madeBy(ctx, unit),
  ];
}

export function buildAnnex05Total(ctx: AnnexContext, namer: SheetNamer): SheetModel {
  const { config } = ctx;
  const table = tableFrom(ctx.rows, rankingColumns(ctx, ctx.rows, true));
  return {
    name: namer.name('附件5-总表'),
    title: `${config.schoolName}${ctx.cohortText}各专业各科考试平均成绩排名公示（学校总表）`,
    subtitles: publicitySubtitles(config, config.scorePublicityPeriod),
    tables: [table],
    footnotes: footnotes(ctx, `${config.schoolName}教务与实训管理处`, ctx.rows),
    publicity: true,
    orientation: 'landscape',
    freezeColumns: 0,
  };
}

export function buildAnnex05Group(ctx: AnnexContext, g: GroupRows, namer: SheetNamer): SheetModel {
  const { config } = ctx;
  const table = tableFrom(g.rows, rankingColumns(ctx, g.rows, false));
  const majorTotal = ctx.groups.filter((o) => o.group.grade === g.group.grade && o.group.major === g.group.major).reduce((n, o) => n + o.group.size, 0);
  const scope = isSplitGroup(ctx, g.group)
    ? `本表为${g.group.grade}级${g.group.major}专业${groupQualifierIn(ctx, g.group)}排名组单独排名（${g.group.size}人）；该专业同年级毕业班共${majorTotal}人，见附件3。`
    : null;
  return {
    name: namer.name('附件5-', groupShortLabel(g.group, ctx.multiCohort)),
    title: `${config.schoolName}${g.group.grade}级${g.group.major}专业${groupQualifierIn(ctx, g.group)}各科考试平均成绩排名公示`,
    subtitles: publicitySubtitles(config, config.scorePublicityPeriod),
    tables: [table],
    footnotes: footnotes(ctx, g.college || config.schoolName, g.rows, scope),
    publicity: true,
    orientation: orientationFor(table.columns),
  };
}

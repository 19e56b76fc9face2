/**
 * 附件8 不占指标升本名单 (细则 二(一)3, 五(五)): the eligible students whose verified award or honour lets
 * them 不占下达计划指标直接升本, with the evidence the 奖惩核查小组 checks. One row per student (all their
 * qualifying awards in one cell, joined by "；"), in 二级学院 / 专业 / rank order. Columns follow the
 * 8-2 excel 模板 as colleges publish it (班级 left out so that it prints readably): 序号, 二级学院, 专业, 学号, 姓名, 平均成绩, 排名, 专业人数,
 * 不占指标类别, 获奖项目/荣誉称号, 级别, 等次/名次, 佐证. Published 3/22–3/24, before registration,
 * so it lists every student the rules make `direct`, whatever they later register.
 */
import { identifyCompetition } from '../../engine/awards';
import type { Award } from '../../engine/model';
import type { AwardEvidence } from '../../engine/result';
import {
  chineseDate,
  madeBy,
  orientationFor,
  publicitySubtitles,
  scoreColumns,
  studentIdentityColumns,
  tableFrom,
} from './common';
import type { AnnexContext, ColumnSpec, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';

function directEvidence(r: StudentRow): AwardEvidence[] {
  return r.details.evidence.filter((e) => e.kind === 'direct');
}

/** 技能大赛 / 创新创业大赛 / 世界技能大赛 / 荣誉称号, from the award's 类别. */
export function directCategory(e: AwardEvidence): string {
  if (e.category.includes('世界技能大赛')) return '世界技能大赛集训队';
  if (e.category.includes('荣誉')) return '荣誉称号';
  if (/创新|互联网/.test(e.category)) return '创新创业大赛';
  return '职业技能大赛';
}

/** The award rows by where they were read ("sheet|row"), as AwardEvidence names them. */
export function awardsBySource(ctx: AnnexContext): Map<string, Award> {
  return new Map((ctx.output.awards ?? []).map((a) => [`${a.source.sheet}|${a.source.row}`, a]));
}

/**
 * 团队排名 of an innovation-competition award (细则 二(一)3: 互联网+ etc. count only for 项目团队排名前5),
 * read from the award row the evidence came from; '' for other awards or when it was not given.
 */
export function teamRankOf(e: AwardEvidence, awards: ReadonlyMap<string, Award>): string {
  if (identifyCompetition(e.category)?.kind !== 'innovation') return '';
  const rank = awards.get(`${e.sheet}|${e.row}`)?.teamRank ?? null;
  return rank === null ? '' : `第${rank}名`;
}

/** The evidence as published: the award text, and for an innovation competition the team rank. */
export function evidenceWithTeamRank(e: AwardEvidence, awards: ReadonlyMap<string, Award>): string {
  const rank = teamRankOf(e, awards);
  return rank ? `${e.text}，项目团队排名${rank}` : e.text;
}

function joined(r: StudentRow, pick: (e: AwardEvidence) => string): string {
  return [...new Set(directEvidence(r).map(pick).filter((s) => s))].join('；');
}

export function buildAnnex08(ctx: AnnexContext, namer: SheetNamer): SheetModel | null {
  const { config } = ctx;
  const rows = ctx.rows.filter((r) => r.result.direct);
  if (rows.length === 0) return null;
  const awards = awardsBySource(ctx);
  const withTeam = rows.some((r) => directEvidence(r).some((e) => teamRankOf(e, awards)));
  const specs: ColumnSpec<StudentRow>[] = [
    ...studentIdentityColumns(ctx, { college: true, major: true, className: false }),
    ...scoreColumns(ctx, rows),
    { header: '不占指标类别', value: (r) => joined(r, directCategory) },
    { header: '获奖项目/荣誉称号', value: (r) => joined(r, (e) => e.project || e.category), align: 'left', max: 18 },
    { header: '级别', value: (r) => joined(r, (e) => e.levelText) },
    { header: '等次', value: (r) => joined(r, (e) => e.grade) },
    ...(withTeam ? [{ header: '团队排名', value: (r: StudentRow) => joined(r, (e) => teamRankOf(e, awards)), min: 6 }] : []),
    { header: '佐证（获奖情况）', value: (r) => joined(r, (e) => evidenceWithTeamRank(e, awards)), align: 'left', min: 20, max: 28 },
  ];
  const table = tableFrom(rows, specs);
  return {
    name: namer.name('附件8-不占指标名单'),
    title: `${config.schoolName}${config.graduationYear}届毕业生不占指标升本名单`,
    subtitles: publicitySubtitles(config, config.directPublicityPeriod),
    tables: [table],
    footnotes: [
      '说明：以上学生满足基本素质和学习成绩要求，且获奖或荣誉经审核通过，按细则二（一）3不占下达计划指标直接升本；须在规定时间内报名，未报名视为自动放弃。',
      madeBy(ctx, config.schoolName),
    ],
    publicity: true,
    orientation: orientationFor(table.columns),
    word: { annex: '附件8-1', fileName: '附件8-1 不占指标升本名单.docx', signature: config.schoolName, date: chineseDate(ctx.date) },
  };
}

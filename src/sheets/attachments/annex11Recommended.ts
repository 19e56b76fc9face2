/**
 * 附件11 "专升本"拟推荐名单公示 (细则 五(十), posted ≥ 5 working days): every recommended student of the
 * school with 推荐类型 (占指标 / 不占指标 / 退役士兵 / 递补 = took a seat someone above gave up) and the
 * 本科院校 / 本科专业 allocated (SPEC §2.9; "待定" while a tie is pending; "待分配" without a 对口招录计划).
 * Order: 二级学院, 专业, rank. Columns as the 11-2 模板 shows them. One table only, so its header
 * repeats on every printed page (递补候选 are on 附件10 and counted on 附件14). Only made with
 * registration data.
 */
import {
  chineseDate,
  GROUP_SIZE_NOTE,
  isSplitGroup,
  madeBy,
  publicitySubtitles,
  recommendationKind,
  RECOMMENDED,
  scoreColumns,
  studentIdentityColumns,
  tableFrom,
} from './common';
import type { AnnexContext, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';

export const PENDING = '待定（同分待裁定）';
export const UNALLOCATED = '未分配';
export const NOT_YET = '待分配';

function allocationCell(r: StudentRow, field: 'university' | 'program', hasSeats: boolean): string {
  if (r.result.allocation) return r.result.allocation[field];
  if (r.result.allocationPending) return PENDING;
  return hasSeats ? UNALLOCATED : NOT_YET;
}

/**
 * The legend of the 本科院校/专业 cells that are not a programme, one line per label present (SPEC §2.9):
 * a reader of 附件11 or 附件16 must not have to guess why a recommended student has none.
 */
export function allocationLegend(labels: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  if (labels.has(PENDING)) {
    lines.push(
      `${PENDING}：成绩相同的学生填报同一本科专业而该专业剩余计划不足，按“成绩优先”该专业剩余计划为其保留（排名在后的学生不得占用），待学校普通专升本工作领导小组裁定后分配。`,
    );
  }
  if (labels.has(UNALLOCATED)) {
    lines.push(`${UNALLOCATED}：所填志愿的本科专业按成绩顺序已无剩余计划（或为同分待裁定学生保留），或未填报志愿，暂未分配本科院校和专业，另行通知。`);
  }
  if (labels.has(NOT_YET)) lines.push(`${NOT_YET}：本科高校对口招录计划尚未下达，下达后按“成绩优先、遵循志愿”分配。`);
  return lines;
}

export function buildAnnex11(ctx: AnnexContext, namer: SheetNamer): SheetModel | null {
  if (!ctx.hasRegistration) return null;
  const { config } = ctx;
  const hasSeats = (ctx.output.seats?.length ?? 0) > 0;
  const recommended = ctx.rows.filter((r) => RECOMMENDED.has(r.result.status));
  const table = tableFrom(recommended, [
    ...studentIdentityColumns(ctx, { college: true, major: true }),
    ...scoreColumns(ctx, recommended),
    { header: '推荐类型', value: (r) => recommendationKind(r.result) ?? '', min: 9 },
    { header: '本科院校', value: (r) => allocationCell(r, 'university', hasSeats), max: 26 },
    { header: '本科专业', value: (r) => allocationCell(r, 'program', hasSeats), max: 26 },
  ]);
  return {
    name: namer.name('附件11-拟推荐名单'),
    title: `${config.schoolName}${config.graduationYear}届毕业生“专升本”拟推荐名单公示`,
    subtitles: publicitySubtitles(config, config.recommendationPublicityPeriod),
    tables: [table],
    footnotes: [
      '推荐类型：占指标＝按比例推荐；不占指标＝获奖或荣誉直接升本；退役士兵＝退役大学生士兵学校选拔；递补＝因排名在前学生放弃而依次递补。',
      ...allocationLegend(new Set(recommended.map((r) => allocationCell(r, 'university', hasSeats)))),
      ...(recommended.some((r) => isSplitGroup(ctx, r.group)) ? [GROUP_SIZE_NOTE] : []),
      `共${recommended.length}人。递补候选及其递补顺序见各二级学院申报名单（附件10）“推荐结果”“递补顺序”列，各专业推荐、放弃人数见附件14。`,
      madeBy(ctx, `${config.schoolName}普通专升本工作领导小组综合审查组`),
    ],
    publicity: true,
    orientation: 'landscape',
    word: { annex: '附件11-1', fileName: '附件11-1 拟推荐名单公示.docx', signature: `${config.schoolName}普通专升本工作领导小组`, date: chineseDate(ctx.date) },
  };
}

/**
 * 附件9 应届退役大学生士兵升本方式统计表 (细则 三(二), 五(九)): every 退役大学生士兵 of the roster, with
 * what decides the route: 立功情况, the ranking (学校选拔 needs 前60%), the chosen 升本方式 and the
 * outcome. Sent to 招生就业处 (not posted), but kept free of 身份证号/电话 like the publicity sheets.
 */
import {
  madeBy,
  orientationFor,
  reasonsText,
  scoreColumns,
  statusLabel,
  studentIdentityColumns,
  tableFrom,
  yesNo,
} from './common';
import type { AnnexContext, ColumnSpec, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';

export function buildAnnex09(ctx: AnnexContext, namer: SheetNamer): SheetModel | null {
  const { config } = ctx;
  const rows = ctx.rows.filter((r) => r.student.veteran);
  if (rows.length === 0) return null;
  const specs: ColumnSpec<StudentRow>[] = [
    ...studentIdentityColumns(ctx, { college: true, major: true }),
    { header: '立功情况', value: (r) => r.student.merit || '无' },
    ...scoreColumns(ctx, rows),
    { header: `是否前${config.rankPercent}%`, value: (r) => yesNo(r.result.top60) },
    { header: '升本方式', value: (r) => (r.student.veteranRoute === 'exam' ? '综合考查' : '学校选拔') },
    {
      header: '是否符合学校选拔条件',
      value: (r) => (r.student.veteranRoute === 'exam' ? '—' : yesNo(r.result.eligible)),
    },
    { header: '不符合原因', value: (r) => reasonsText(r.result, config), align: 'left', min: 12, max: 24 },
    { header: '结果', value: (r) => statusLabel(r.result), min: 10 },
    { header: '备注', value: (r) => r.details.notes.join('；'), align: 'left', max: 20 },
  ];
  const table = tableFrom(rows, specs);
  return {
    name: namer.name('附件9-退役士兵升本方式'),
    title: `${config.schoolName}应届退役大学生士兵升本方式统计表`,
    subtitles: [`${config.graduationYear}届　　学校选拔须成绩排名在同年级同专业前${config.rankPercent}%；选择综合考查须签署放弃直接选拔升本资格承诺书。`],
    tables: [table],
    footnotes: [madeBy(ctx, `${config.schoolName}退役大学生士兵升本服务小组`)],
    publicity: true,
    orientation: orientationFor(table.columns),
  };
}

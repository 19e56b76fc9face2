/**
 * 附件3 各专业毕业班人数统计 (细则 五(三): 分专业毕业生数, reported to the 教育厅 by 3/22).
 * One row per (二级学院, 年级, 专业), whatever the ranking groups inside it, then a 合计 row. Columns:
 * 序号, 二级学院, 年级, 专业, 毕业班人数 (all roster students), 其中普通 / 扩招 / 定向培养 / 退役大学生士兵,
 * 推荐指标基数 and 推荐指标数 (sum over the 专业's groups, SPEC §2.8), and 指标分配: how the 专业's quota is
 * split among its ranking groups (扩招, 排名组 apportioned by largest remainder, SPEC §2.1) when it has several.
 */
import { compareText, madeBy, tableFrom } from './common';
import type { AnnexContext, ColumnSpec, SheetNamer } from './common';
import type { SheetModel } from './model';

interface MajorCount {
  college: string;
  grade: number | string;
  major: string;
  total: number;
  normal: number;
  expanded: number;
  directed: number;
  veterans: number;
  quotaBase: number;
  quota: number;
  /** "食品检验检测技术 43；食品检验检测技术（天工班） 2" — one entry per ranking group. */
  split: string[];
}

type CountKey = 'total' | 'normal' | 'expanded' | 'directed' | 'veterans' | 'quotaBase' | 'quota';
const COUNTS: [CountKey, string][] = [
  ['total', '毕业班人数'],
  ['normal', '其中：普通'],
  ['expanded', '其中：扩招'],
  ['directed', '其中：定向培养'],
  ['veterans', '其中：退役大学生士兵'],
  ['quotaBase', '推荐指标基数'],
  ['quota', '推荐指标数'],
];

export function countMajors(ctx: AnnexContext): MajorCount[] {
  const byKey = new Map<string, MajorCount>();
  for (const g of ctx.groups) {
    const key = `${g.college}|${g.group.grade}|${g.group.major}`;
    const m = byKey.get(key) ?? {
      college: g.college,
      grade: g.group.grade,
      major: g.group.major,
      total: 0,
      normal: 0,
      expanded: 0,
      directed: 0,
      veterans: 0,
      quotaBase: 0,
      quota: 0,
      split: [],
    };
    m.split.push(`${g.group.label}${g.group.track === '扩招' ? '（扩招）' : ''} ${g.group.quota}`);
    m.total += g.group.size;
    m.quotaBase += g.group.quotaBase;
    m.quota += g.group.quota;
    for (const r of g.rows) {
      if (r.student.trainingType === 'expanded') m.expanded++;
      else if (r.student.trainingType === 'directed') m.directed++;
      else m.normal++;
      if (r.student.veteran) m.veterans++;
    }
    byKey.set(key, m);
  }
  return [...byKey.values()].sort(
    (a, b) => compareText(a.college, b.college) || Number(a.grade) - Number(b.grade) || compareText(a.major, b.major),
  );
}

export function buildAnnex03(ctx: AnnexContext, namer: SheetNamer): SheetModel {
  const { config } = ctx;
  const items = countMajors(ctx);
  const total: MajorCount = { college: '合计', grade: '', major: `${items.length}个专业`, total: 0, normal: 0, expanded: 0, directed: 0, veterans: 0, quotaBase: 0, quota: 0, split: [] };
  for (const it of items) for (const [k] of COUNTS) total[k] += it[k];
  const specs: ColumnSpec<MajorCount>[] = [
    { header: '序号', value: (it, i) => (it === total ? '' : i + 1), min: 5 },
    { header: '二级学院', value: (it) => it.college, max: 24 },
    { header: '年级', value: (it) => it.grade, min: 6 },
    { header: '专业', value: (it) => it.major, max: 26 },
    ...COUNTS.map(([k, header]): ColumnSpec<MajorCount> => ({ header, value: (it) => it[k], min: 7, max: 10 })),
    { header: '指标分配', value: (it) => (it.split.length > 1 ? it.split.join('；') : ''), min: 10, max: 40 },
  ];
  const table = tableFrom([...items, total], specs);
  return {
    name: namer.name('附件3-毕业班人数统计'),
    title: `${config.schoolName}${ctx.cohortText}各专业在校生人数统计`, // 细则 附件3's title
    subtitles: [`${config.graduationYear}届毕业生　　推荐比例不超过${config.quotaPercent}%，基数为同年级、同专业毕业班学生总人数；扩招学生指标单独核算${
      config.rankingGroupQuota === 'apportioned' ? '；排名组（天工班等）按专业总人数核定指标后，按最大余数分配' : '；排名组（天工班等）的指标分别核算'
    }。`],
    tables: [table],
    footnotes: [madeBy(ctx, `${config.schoolName}教务与实训管理处`)],
    publicity: true,
    orientation: 'landscape',
  };
}

/**
 * 附件14 升本、放弃情况统计表: one row per ranking group (专业; 扩招 and 排名组 separately, since each has
 * its own quota), then a 合计 row. Counts, as issue 4 lists them: 毕业生数 (N), 指标基数, 指标数 (Q),
 * 符合条件, 报名, 放弃（有证明）, 自动放弃, 推荐 by kind (占指标 of which 递补, 不占指标, 退役士兵),
 * 递补候选, 同分待裁定, 综合考查. Only made with registration data.
 */
import type { Status } from '../../engine/result';
import { groupShortLabel, madeBy, tableFrom } from './common';
import type { AnnexContext, ColumnSpec, GroupRows, SheetNamer } from './common';
import type { SheetModel } from './model';

export interface SummaryCounts {
  college: string;
  grade: number | string;
  label: string;
  size: number;
  quotaBase: number;
  quota: number;
  /** The quota of the whole (年级, 专业, track) the group's quota is a share of (SPEC §2.1). */
  majorQuota: number;
  eligible: number;
  registered: number;
  waived: number;
  autoWaived: number;
  quotaRecommended: number;
  filledVacancy: number;
  direct: number;
  veteran: number;
  substitute: number;
  tiePending: number;
  examRoute: number;
}

export function countGroup(g: GroupRows, multiCohort: boolean, majorQuota = g.group.quota): SummaryCounts {
  const status = (s: Status) => g.rows.filter((r) => r.result.status === s).length;
  return {
    college: g.college,
    grade: g.group.grade,
    label: groupShortLabel(g.group, multiCohort),
    size: g.group.size,
    quotaBase: g.group.quotaBase,
    quota: g.group.quota,
    majorQuota,
    eligible: g.rows.filter((r) => r.result.eligible).length,
    registered: g.rows.filter((r) => r.student.registration === 'registered').length,
    waived: status('waived'),
    autoWaived: status('auto_waived'),
    quotaRecommended: status('recommended_quota'),
    filledVacancy: g.rows.filter((r) => r.result.status === 'recommended_quota' && r.result.filledVacancy).length,
    direct: status('recommended_direct'),
    veteran: status('recommended_veteran'),
    substitute: status('substitute'),
    tiePending: status('tie_pending'),
    examRoute: status('exam_route'),
  };
}

type NumericKey = Exclude<keyof SummaryCounts, 'college' | 'grade' | 'label' | 'majorQuota'>;

const NUMERIC: [NumericKey, string][] = [
  ['size', '毕业生数'],
  ['quotaBase', '指标基数'],
  ['quota', '推荐指标数'],
  ['eligible', '符合条件人数'],
  ['registered', '报名人数'],
  ['waived', '放弃（已交证明）'],
  ['autoWaived', '视为自动放弃'],
  ['quotaRecommended', '推荐（占指标）'],
  ['filledVacancy', '其中递补'],
  ['direct', '推荐（不占指标）'],
  ['veteran', '推荐（退役士兵）'],
  ['substitute', '递补候选'],
  ['tiePending', '同分待裁定'],
  ['examRoute', '综合考查'],
];

export function buildAnnex14(ctx: AnnexContext, namer: SheetNamer): SheetModel | null {
  if (!ctx.hasRegistration) return null;
  const { config } = ctx;
  // SPEC §2.1: each ranking group's quota is a share of its (年级, 专业, track) quota: show that total too.
  const family = (g: GroupRows) => `${g.group.grade}|${g.group.major}|${g.group.track}`;
  const majorQuota = new Map<string, number>();
  for (const g of ctx.groups) majorQuota.set(family(g), (majorQuota.get(family(g)) ?? 0) + g.group.quota);
  const items = ctx.groups.map((g) => countGroup(g, ctx.multiCohort, majorQuota.get(family(g))));
  const total: SummaryCounts = {
    college: '合计',
    grade: '',
    label: '',
    majorQuota: [...majorQuota.values()].reduce((s, q) => s + q, 0),
    ...(Object.fromEntries(NUMERIC.map(([k]) => [k, items.reduce((s, it) => s + it[k], 0)])) as Record<NumericKey, number>),
  };
  const specs: ColumnSpec<SummaryCounts>[] = [
    { header: '序号', value: (it, i) => (it === total ? '' : i + 1), min: 5 },
    { header: '二级学院', value: (it) => it.college, max: 24 },
    { header: '年级', value: (it) => it.grade, min: 6 },
    { header: '专业', value: (it) => it.label, max: 26 },
    ...NUMERIC.slice(0, 3).map(([k, header]): ColumnSpec<SummaryCounts> => ({ header, value: (it) => it[k], min: 6, max: 9 })),
    { header: '本专业指标合计', value: (it) => it.majorQuota, min: 6, max: 9 },
    ...NUMERIC.slice(3).map(([k, header]): ColumnSpec<SummaryCounts> => ({ header, value: (it) => it[k], min: 6, max: 9 })),
  ];
  const table = tableFrom([...items, total], specs);
  return {
    name: namer.name('附件14-升本放弃统计'),
    title: `${config.schoolName}${config.graduationYear}届毕业生升本、放弃情况统计表`,
    subtitles: [
      `推荐指标数＝指标基数×${config.quotaPercent}%（向下取整）` +
        (config.rankingGroupQuota === 'apportioned' ? '，排名组（天工班等）的指标为本专业指标按最大余数分配的份额；' : '；') +
        (config.veteranUsesQuota ? '不占指标学生不占推荐指标，退役士兵占推荐指标。' : '不占指标学生和退役士兵不占推荐指标。'),
    ],
    tables: [table],
    footnotes: [madeBy(ctx, config.schoolName)],
    publicity: true,
    orientation: 'landscape',
  };
}

/**
 * 附件16 本科高校对口招录高职高专专业和计划表, with the allocation (SPEC §2.9 成绩优先、遵循志愿).
 * Table 1 (the plan, published 3/25 before registration): 本科院校, 本科专业, 对口高职专业, 年级,
 * 计划数, and — with registration data — 已分配, 剩余计划. Table 2 (with registration data): who got
 * which seat, by 本科院校/专业 then rank, and the students whose seat waits for a tie ruling.
 * Only made when a 对口招录计划 was given.
 */
import type { ProgramSeats } from '../../engine/model';
import {
  compareByRank,
  compareText,
  madeBy,
  recommendationKind,
  scoreColumns,
  tableFrom,
} from './common';
import type { AnnexContext, ColumnSpec, SheetNamer, StudentRow } from './common';
import type { ModelTable, SheetModel } from './model';

/** Whether a student's allocation used this plan row (same programme, 高职专业 and cohort). */
export function usesSeat(row: ProgramSeats, r: StudentRow): boolean {
  const a = r.result.allocation;
  return (
    a !== null &&
    a.university === row.university &&
    a.program === row.program &&
    row.vocationalMajor === r.group.major &&
    (row.cohort === null || row.cohort === r.group.grade)
  );
}

export function buildAnnex16(ctx: AnnexContext, namer: SheetNamer): SheetModel | null {
  const seats = ctx.output.seats ?? [];
  if (seats.length === 0) return null;
  const { config } = ctx;
  const plan = [...seats].sort(
    (a, b) =>
      compareText(a.university, b.university) ||
      compareText(a.program, b.program) ||
      compareText(a.vocationalMajor, b.vocationalMajor) ||
      (a.cohort ?? 0) - (b.cohort ?? 0),
  );
  const taken = (row: ProgramSeats) => ctx.rows.filter((r) => usesSeat(row, r)).length;
  const planSpecs: ColumnSpec<ProgramSeats>[] = [
    { header: '序号', value: (_s, i) => i + 1, min: 5 },
    { header: '本科院校', value: (s) => s.university, max: 28 },
    { header: '本科专业', value: (s) => s.program, max: 28 },
    { header: '对口高职专业', value: (s) => s.vocationalMajor, max: 28 },
    { header: '年级', value: (s) => (s.cohort === null ? '不限' : s.cohort), min: 6 },
    { header: '计划数', value: (s) => s.seats, min: 6 },
  ];
  if (ctx.hasRegistration) {
    planSpecs.push(
      { header: '已分配', value: (s) => taken(s), min: 6 },
      { header: '剩余计划', value: (s) => s.seats - taken(s), min: 6 },
    );
  }
  const tables: ModelTable[] = [{ ...tableFrom(plan, planSpecs), caption: '一、对口招录计划' }];
  if (ctx.hasRegistration) {
    const placed = ctx.rows
      .filter((r) => r.result.allocation !== null || r.result.allocationPending)
      .sort(
        (a, b) =>
          (a.result.allocation ? 0 : 1) - (b.result.allocation ? 0 : 1) ||
          compareText(a.result.allocation?.university ?? '', b.result.allocation?.university ?? '') ||
          compareText(a.result.allocation?.program ?? '', b.result.allocation?.program ?? '') ||
          compareText(a.group.major, b.group.major) ||
          compareByRank(a, b),
      );
    const detail = tableFrom(placed, [
      { header: '序号', value: (_r, i) => i + 1, min: 5 },
      { header: '本科院校', value: (r) => r.result.allocation?.university ?? '待定（同分待裁定）', max: 28 },
      { header: '本科专业', value: (r) => r.result.allocation?.program ?? '', max: 28 },
      { header: '高职专业', value: (r) => r.group.major, max: 28 },
      { header: '学号', value: (r) => r.result.studentId, text: true },
      { header: '姓名', value: (r) => r.result.name, min: 8 },
      ...scoreColumns(config, false),
      { header: '推荐类型', value: (r) => recommendationKind(r.result) ?? '', min: 9 },
    ]);
    tables.push({ ...detail, caption: `二、录取（拟分配）情况（共${placed.length}人）` });
  }
  return {
    name: namer.name('附件16-对口招录计划'),
    title: `${config.schoolName}${config.graduationYear}届普通专升本对口招录计划及录取情况`,
    subtitles: ['分配原则：成绩优先、遵循志愿（按平均成绩从高到低，依次满足第一个仍有计划的志愿）。'],
    tables,
    footnotes: [madeBy(ctx, `${config.schoolName}招生就业处`)],
    publicity: true,
    orientation: 'landscape',
  };
}

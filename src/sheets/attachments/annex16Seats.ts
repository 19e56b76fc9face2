/**
 * 附件16 本科高校对口招录高职高专学校专业和计划表, with the allocation (SPEC §2.9 成绩优先、遵循志愿).
 * The plan (published 3/25 before registration): 本科院校, 本科专业, 对口高职专业, 年级, 计划数, and —
 * with registration data — 已分配, 剩余计划, 备注 (seats held for a tie). The allocation (with
 * registration data, a sheet of its own): who got which seat, by 本科院校/专业 then ranking group and
 * rank, and the students whose seat waits for a tie ruling.
 * Only made when a 对口招录计划 was given.
 */
import type { ProgramSeats } from '../../engine/model';
import {
  compareByRank,
  compareText,
  groupName,
  madeBy,
  recommendationKind,
  scoreColumns,
  tableFrom,
} from './common';
import type { AnnexContext, ColumnSpec, SheetNamer, StudentRow } from './common';
import type { SheetModel } from './model';
import { allocationLegend, PENDING } from './annex11Recommended';

/** Plan rows by 本科院校, 本科专业 and 对口高职专业 (in plan order): a student's rows are found without a scan of the plan. */
type PlanIndex = Map<string, ProgramSeats[]>;

const planKey = (university: string, program: string, vocationalMajor: string) => `${university}\u0000${program}\u0000${vocationalMajor}`;

function indexPlan(plan: readonly ProgramSeats[]): PlanIndex {
  const index: PlanIndex = new Map();
  for (const p of plan) {
    const key = planKey(p.university, p.program, p.vocationalMajor);
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  }
  return index;
}

/** The plan rows (in plan order) for this 本科院校/专业, the student's 高职专业 and cohort. */
function rowsFor(index: PlanIndex, university: string, program: string, r: StudentRow): ProgramSeats[] {
  return (index.get(planKey(university, program, r.group.major)) ?? []).filter((p) => p.cohort === null || p.cohort === r.group.grade);
}

/**
 * Seats taken per plan row: every student whose allocation used the row (same programme, 高职专业 and
 * cohort) counts for it — one pass over the students, not one per plan row (4,000 rows × 20,000 seats
 * at 100,000 students was ~7 s).
 */
function seatsTaken(rows: readonly StudentRow[], index: PlanIndex): Map<ProgramSeats, number> {
  const counts = new Map<ProgramSeats, number>();
  for (const r of rows) {
    const a = r.result.allocation;
    if (a === null) continue;
    for (const p of rowsFor(index, a.university, a.program, r)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

/**
 * The plan row whose seats are held for a tie (SPEC §2.9): for each student waiting for a ruling, the
 * first of their 志愿 whose plan row still has seats left. Seats are only ever taken, so their earlier
 * 志愿 were full when their block's turn came; the contested programme's seats stay unassigned.
 */
function heldRows(ctx: AnnexContext, index: PlanIndex, left: (row: ProgramSeats) => number): Map<ProgramSeats, StudentRow[]> {
  const held = new Map<ProgramSeats, StudentRow[]>();
  for (const r of ctx.rows) {
    if (!r.result.allocationPending) continue;
    for (const w of r.details.wishes) {
      const row = rowsFor(index, w.university, w.program, r)[0];
      if (row && left(row) > 0) {
        held.set(row, [...(held.get(row) ?? []), r]);
        break;
      }
    }
  }
  return held;
}

/**
 * 附件16 is two sheets, each one table so that its header row repeats on every printed page:
 * `附件16-对口招录计划` (the plan, 细则 附件16 "本科高校对口招录高职高专学校专业和计划表", published 3/25) and,
 * with registration data, `附件16-拟分配情况` (who got which seat).
 */
export function buildAnnex16(ctx: AnnexContext, namer: SheetNamer): SheetModel[] {
  const seats = ctx.output.seats ?? [];
  if (seats.length === 0) return [];
  const { config } = ctx;
  const plan = [...seats].sort(
    (a, b) =>
      compareText(a.university, b.university) ||
      compareText(a.program, b.program) ||
      compareText(a.vocationalMajor, b.vocationalMajor) ||
      (a.cohort ?? 0) - (b.cohort ?? 0),
  );
  const index = indexPlan(plan);
  const counts = seatsTaken(ctx.rows, index);
  const taken = (row: ProgramSeats) => counts.get(row) ?? 0;
  const left = (row: ProgramSeats) => row.seats - taken(row);
  const held = ctx.hasRegistration ? heldRows(ctx, index, left) : new Map<ProgramSeats, StudentRow[]>();
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
      { header: '剩余计划', value: (s) => left(s), min: 6 },
      {
        header: '备注',
        value: (s) => {
          const waiting = held.get(s);
          return waiting ? `为同分待裁定的${waiting.map((r) => `${r.result.studentId}（${r.result.name}）`).join('、')}保留` : '';
        },
        align: 'left',
        min: 12,
        max: 30,
      },
    );
  }
  const planNotes = ctx.hasRegistration
    ? [
        '剩余计划：按“成绩优先、遵循志愿”分配后未用的计划数。同分学生争同一专业而计划不足时，该专业剩余计划为其保留（备注注明），排名在后的学生不得占用，所以可能有剩余计划而有学生“未分配”（见附件11）。',
      ]
    : [];
  const sheets: SheetModel[] = [
    {
      name: namer.name('附件16-对口招录计划'),
      title: '本科高校对口招录高职高专学校专业和计划表',
      subtitles: [`${config.schoolName}${config.graduationYear}届普通专升本　　分配原则：成绩优先、遵循志愿（按平均成绩从高到低，依次满足第一个仍有计划的志愿）。`],
      tables: [tableFrom(plan, planSpecs)],
      footnotes: [...planNotes, madeBy(ctx, `${config.schoolName}招生就业处`)],
      publicity: true,
      orientation: 'landscape',
    },
  ];
  if (ctx.hasRegistration) {
    const placed = ctx.rows
      .filter((r) => r.result.allocation !== null || r.result.allocationPending)
      .sort(
        (a, b) =>
          (a.result.allocation ? 0 : 1) - (b.result.allocation ? 0 : 1) ||
          compareText(a.result.allocation?.university ?? '', b.result.allocation?.university ?? '') ||
          compareText(a.result.allocation?.program ?? '', b.result.allocation?.program ?? '') ||
          // 成绩优先: the order the seats were given in (average, high first), then rank and 学号.
          (b.result.average === null ? -1 : Number(b.result.average)) - (a.result.average === null ? -1 : Number(a.result.average)) ||
          compareByRank(a, b),
      );
    const table = tableFrom(placed, [
      { header: '序号', value: (_r, i) => i + 1, min: 5 },
      { header: '本科院校', value: (r) => r.result.allocation?.university ?? PENDING, max: 28 },
      { header: '本科专业', value: (r) => r.result.allocation?.program ?? '', max: 28 },
      // The group the rank belongs to: a 天工班 rank 2 is not comparable with a 普通 rank 5.
      { header: '高职专业（排名组）', value: (r) => groupName(ctx, r.group), max: 28 },
      { header: '学号', value: (r) => r.result.studentId, text: true },
      { header: '姓名', value: (r) => r.result.name, min: 8 },
      ...scoreColumns(ctx, placed),
      { header: '推荐类型', value: (r) => recommendationKind(r.result) ?? '', min: 9 },
    ]);
    sheets.push({
      name: namer.name('附件16-拟分配情况'),
      title: `${config.schoolName}${config.graduationYear}届普通专升本对口招录拟分配情况`,
      subtitles: [`共${placed.length}人。分配原则：成绩优先、遵循志愿。`],
      tables: [table],
      footnotes: [
        `排名为学生在其排名组（高职专业列括号注明）内的排名，不同排名组的排名不可相互比较；同一本科专业内按平均成绩从高到低排列（即分配顺序）。`,
        ...allocationLegend(new Set(placed.filter((r) => !r.result.allocation).map(() => PENDING))),
        madeBy(ctx, `${config.schoolName}招生就业处`),
      ],
      publicity: true,
      orientation: 'landscape',
    });
  }
  return sheets;
}

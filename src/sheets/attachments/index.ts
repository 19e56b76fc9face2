/**
 * Builds every 附件 sheet (SPEC §3.2, issue 4) and the audit sheet 计算说明 from the engine's output.
 * Pure: no Office, no ExcelJS, no file I/O. Hosts write the returned SheetModels (in this order).
 *
 * Which sheets are made (only those that make sense for the data):
 * - always: 附件3, 附件4, 附件5-总表 + 附件5 per ranking group, 附件6 per ranking group, 附件7 (internal),
 *   计算说明 (internal), 结果快照 (internal, last: the outcomes kept for the next run's comparison);
 * - 结果变更说明 (internal) when `meta.previous` holds the previous run's 结果快照 and some student's outcome
 *   differs from it (none differs: no sheet, so that a re-run on the same inputs gives the same workbook);
 * - 附件8 when at least one student is 不占指标 (direct); 附件9 when the roster has 退役大学生士兵;
 * - 附件10 (per 二级学院), 附件11, 附件14 only with registration data (a 报名状态 column);
 * - 附件16 only with a 对口招录计划 (EngineOutput.seats): the plan, and with registration data the allocation.
 */
import type { Config } from '../../engine/config';
import type { Issue } from '../../engine/issues';
import type { EngineOutput } from '../../engine/result';
import { buildAnnex03 } from './annex03Counts';
import { buildAnnex04 } from './annex04Colleges';
import { buildAnnex05Group, buildAnnex05Total } from './annex05Ranking';
import { buildAnnex06Group } from './annex06Courses';
import { buildAnnex07 } from './annex07Roster';
import { buildAnnex08 } from './annex08Direct';
import { buildAnnex09 } from './annex09Veterans';
import { buildAnnex10 } from './annex10Applications';
import { buildAnnex11 } from './annex11Recommended';
import { buildAnnex14 } from './annex14Summary';
import { buildAnnex16 } from './annex16Seats';
import { beijingTime } from '../beijingTime';
import { diffRuns, snapshotOf, type RunSnapshot } from '../runDiff';
import { buildAudit } from './audit';
import { buildChangeReport, buildSnapshotSheet } from './changeReport';
import { buildContext, SheetNamer } from './common';
import type { SheetModel } from './model';

export type { SheetModel } from './model';
export { maskIdNumber } from './common';

export interface AttachmentMeta {
  /** A fingerprint (hash) of the inputs, printed in 计算说明. */
  inputFingerprint: string;
  /** ISO time of the run. */
  generatedAt: string;
  /** Input files / sheets read. */
  sources: string[];
  issues: Issue[];
  /**
   * The previous run's outcomes (the workbook's 结果快照 sheet), when there is one: a 结果变更说明 sheet then
   * lists who changed (issue 18). Undefined or null: no comparison.
   */
  previous?: RunSnapshot | null;
}

export function buildAllAttachments(output: EngineOutput, config: Config, meta: AttachmentMeta): SheetModel[] {
  const ctx = buildContext(output, config, meta.generatedAt);
  const namer = new SheetNamer();
  const sheets: (SheetModel | null)[] = [
    buildAnnex03(ctx, namer),
    buildAnnex04(ctx, namer),
    buildAnnex05Total(ctx, namer),
    ...ctx.groups.map((g) => buildAnnex05Group(ctx, g, namer)),
    ...ctx.groups.map((g) => buildAnnex06Group(ctx, g, namer)),
    buildAnnex07(ctx, namer),
    buildAnnex08(ctx, namer),
    buildAnnex09(ctx, namer),
    ...buildAnnex10(ctx, namer),
    buildAnnex11(ctx, namer),
    buildAnnex14(ctx, namer),
    ...buildAnnex16(ctx, namer),
  ];
  const made = sheets.filter((s): s is SheetModel => s !== null);
  // 变更对比 (issue 18): this run's outcomes are kept for the next run, compared with the previous ones.
  const now = beijingTime(meta.generatedAt);
  const snapshot = snapshotOf(output.result, config, now);
  // Only when someone changed: a re-run on the same inputs gives the same workbook (SPEC §4.2).
  const changes = meta.previous ? diffRuns(meta.previous, snapshot) : [];
  if (meta.previous && changes.length > 0) made.push(buildChangeReport(changes, meta.previous.at, now, config, namer));
  made.push(buildAudit(ctx, meta, namer, made.map((s) => s.name)));
  made.push(buildSnapshotSheet(snapshot, namer));
  return made;
}

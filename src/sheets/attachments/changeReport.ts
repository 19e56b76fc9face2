/**
 * 变更对比 (issue 18 point 7), the sheets:
 * - 结果快照: every student's outcome of this run (internal), written with the 附件 so that the workbook —
 *   also a downloaded one, sent by e-mail — carries it to the next run. A sheet, not the ZSB_META record:
 *   that record lives in one cell (A1, at most 32,767 characters in Excel) and 5,000 students' outcomes
 *   are about 300,000 characters.
 * - 结果变更说明: who changed since the previous run and the likely cause (internal; for re-publishing).
 */
import type { Config } from '../../engine/config';
import type { CellValue, RawTable } from '../table';
import type { RunSnapshot, SnapshotRow, StudentChange } from '../runDiff';
import { changeText } from '../runDiff';
import { tableFrom, type SheetNamer } from './common';
import type { SheetModel } from './model';

/** Name (and name prefix, when the host had to rename it) of the snapshot sheet. */
export const SNAPSHOT_SHEET = '结果快照';
export const CHANGE_SHEET = '结果变更说明';

const SNAPSHOT_TITLE = '专升本推荐结果快照（供下次计算对比，请勿修改）';
const AT_PREFIX = '生成时间：';

const columns: { header: string; value: (r: SnapshotRow) => string | number | null; text?: boolean; min?: number; max?: number }[] = [
  { header: '学号', value: (r) => r.studentId, text: true },
  { header: '姓名', value: (r) => r.name },
  { header: '排名组', value: (r) => r.group, max: 20 },
  { header: '平均成绩', value: (r) => r.average, text: true },
  { header: '排名', value: (r) => r.rank },
  { header: '专业人数', value: (r) => r.groupSize },
  { header: '是否符合条件', value: (r) => (r.eligible ? '是' : '否') },
  { header: '推荐结果', value: (r) => r.status },
  { header: '递补顺序', value: (r) => r.substituteOrder },
  { header: '录取', value: (r) => r.allocation, max: 24 },
  { header: '原因', value: (r) => r.reasons, max: 32 },
];

export function buildSnapshotSheet(snapshot: RunSnapshot, namer: SheetNamer): SheetModel {
  return {
    name: namer.name(SNAPSHOT_SHEET),
    title: SNAPSHOT_TITLE,
    subtitles: [`${AT_PREFIX}${snapshot.at ?? '未知'}。内部资料：下次计算时与新结果对比，生成“${CHANGE_SHEET}”。`],
    tables: [tableFrom(snapshot.rows, columns.map((c) => ({ ...c, align: 'left' as const })))],
    footnotes: [],
    publicity: false,
    orientation: 'landscape',
  };
}

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) return '';
  return String(v).trim();
}

function count(v: CellValue | undefined): number | null {
  const t = text(v);
  return t === '' || !/^[0-9]+$/u.test(t) ? null : Number(t);
}

/** Reads a 结果快照 sheet back; null when the table is not one (a user's sheet of that name, or damaged). */
export function readSnapshot(table: RawTable): RunSnapshot | null {
  let at: string | null = null;
  const headerAt = table.rows.findIndex((row) => text(row[0]) === '学号' && row.some((c) => text(c) === '推荐结果'));
  if (headerAt < 0) return null;
  for (const row of table.rows.slice(0, headerAt)) {
    const t = text(row[0]);
    if (t.startsWith(AT_PREFIX)) at = t.slice(AT_PREFIX.length).replace(/。.*$/u, '');
  }
  const header = table.rows[headerAt]!.map(text);
  const col = (h: string) => header.indexOf(h);
  const need = columns.map((c) => col(c.header));
  if (need.some((i) => i < 0)) return null;
  const [id, name, group, average, rank, size, eligible, status, sub, allocation, reasons] = need as number[];
  const rows: SnapshotRow[] = [];
  for (const row of table.rows.slice(headerAt + 1)) {
    const studentId = text(row[id!]);
    if (studentId === '') continue;
    rows.push({
      studentId,
      name: text(row[name!]),
      group: text(row[group!]),
      average: text(row[average!]) || null,
      rank: count(row[rank!]),
      groupSize: count(row[size!]) ?? 0,
      eligible: text(row[eligible!]) === '是',
      status: text(row[status!]),
      substituteOrder: count(row[sub!]),
      allocation: text(row[allocation!]) || null,
      reasons: text(row[reasons!]),
    });
  }
  return { at, rows };
}

export function buildChangeReport(changes: readonly StudentChange[], previousAt: string | null, nowAt: string, config: Config, namer: SheetNamer): SheetModel {
  const kindText = { changed: '结果变化', added: '新增', removed: '移除' } as const;
  return {
    name: namer.name(CHANGE_SHEET),
    title: `${config.schoolName}专升本推荐结果变更说明`,
    subtitles: [
      `本次计算（${nowAt}）与上次结果（${previousAt ?? '时间未知'}）对比：${changes.length === 0 ? '没有学生的结果发生变化。' : `${changes.length} 名学生的结果有变化。`}`,
      '内部资料：重新公示前核对用。原因为根据变化推断的可能原因，请以成绩、名册的实际更正为准。',
    ],
    tables: [
      tableFrom(changes, [
        { header: '序号', value: (_c, i) => i + 1 },
        { header: '学号', value: (c) => c.studentId, text: true },
        { header: '姓名', value: (c) => c.name },
        { header: '排名组', value: (c) => c.group, max: 30 },
        { header: '类型', value: (c) => kindText[c.kind] },
        { header: '变化', value: (c) => changeText(c), align: 'left', min: 30, max: 70 },
        { header: '可能原因', value: (c) => c.why.join('；'), align: 'left', min: 24, max: 60 },
      ]),
    ],
    footnotes: [],
    publicity: false,
    orientation: 'landscape',
  };
}

/**
 * Helpers shared by the 附件 builders: joining the result with the per-student details, deterministic
 * order, sheet names within Excel's rules, the masked 身份证号, titles and the common columns.
 */
import type { Config } from '../../engine/config';
import { reasonText, statusText } from '../../engine/result';
import type { EngineOutput, GroupResult, StudentDetails, StudentResult } from '../../engine/result';
import type { Student } from '../../engine/model';
import { fitWidth } from './model';
import type { ModelCell, ModelColumn, SheetModel } from './model';
import { beijingDate } from '../beijingTime';

/** One student with everything the sheets show. */
export interface StudentRow {
  result: StudentResult;
  details: StudentDetails;
  student: Student;
  group: GroupResult;
}

/** One ranking group with its students in rank order. */
export interface GroupRows {
  group: GroupResult;
  /** 二级学院 of the group (the most frequent among its students; '' when none is given). */
  college: string;
  rows: StudentRow[];
}

export interface AnnexContext {
  output: EngineOutput;
  config: Config;
  /** Groups in order: 二级学院, 年级, 专业, 普通 before 扩招, 排名组 label; students by rank (no rank last), then 学号. */
  groups: GroupRows[];
  /** All students in the same order as `groups`. */
  rows: StudentRow[];
  /** "2021级" or "2020、2021级". */
  cohortText: string;
  /** True when more than one cohort is present: sheet names then carry the cohort. */
  multiCohort: boolean;
  /** True when the roster had a 报名状态 column (SPEC §2.8). */
  hasRegistration: boolean;
  /** yyyy-mm-dd of the run, for 制表日期. */
  date: string;
  /** "年级|专业" of the 专业 ranked in several groups (扩招, 天工班…): their group is not the whole 专业. */
  splitMajors: ReadonlySet<string>;
}

const zh = new Intl.Collator('zh-CN');

export function compareText(a: string, b: string): number {
  return zh.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Rank ascending, students without a rank last, then 学号. */
export function compareByRank(a: StudentRow, b: StudentRow): number {
  const ra = a.result.rank ?? Number.MAX_SAFE_INTEGER;
  const rb = b.result.rank ?? Number.MAX_SAFE_INTEGER;
  return ra - rb || compareText(a.result.studentId, b.result.studentId);
}

function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [v, c] of [...counts].sort((x, y) => compareText(x[0], y[0]))) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Joins result and details; throws when the engine output is inconsistent (a programming error). */
export function buildContext(output: EngineOutput, config: Config, generatedAt: string): AnnexContext {
  const groupByKey = new Map(output.result.groups.map((g) => [g.key, g]));
  const byGroup = new Map<string, StudentRow[]>();
  for (const result of output.result.students) {
    const details = output.students.get(result.studentId);
    if (!details) throw new Error(`内部错误：学生 ${result.studentId} 缺少成绩明细，无法生成附件。`);
    const group = groupByKey.get(result.group);
    if (!group) throw new Error(`内部错误：学生 ${result.studentId} 的排名组 ${result.group} 不存在，无法生成附件。`);
    const list = byGroup.get(group.key) ?? [];
    list.push({ result, details, student: details.student, group });
    byGroup.set(group.key, list);
  }
  const groups: GroupRows[] = output.result.groups.map((group) => {
    const rows = (byGroup.get(group.key) ?? []).sort(compareByRank);
    return { group, rows, college: mostFrequent(rows.map((r) => r.student.college?.trim() ?? '')) };
  });
  groups.sort(
    (a, b) =>
      compareText(a.college, b.college) ||
      a.group.grade - b.group.grade ||
      compareText(a.group.major, b.group.major) ||
      (a.group.track === '扩招' ? 1 : 0) - (b.group.track === '扩招' ? 1 : 0) ||
      compareText(a.group.label, b.group.label),
  );
  const cohorts = [...new Set(output.result.groups.map((g) => g.grade))].sort((a, b) => a - b);
  const perMajor = new Map<string, number>();
  for (const g of output.result.groups) perMajor.set(majorKey(g), (perMajor.get(majorKey(g)) ?? 0) + 1);
  return {
    output,
    config,
    groups,
    rows: groups.flatMap((g) => g.rows),
    cohortText: cohorts.length ? `${cohorts.join('、')}级` : '',
    multiCohort: cohorts.length > 1,
    hasRegistration: output.result.students.some((s) => output.students.get(s.studentId)?.student.registration != null),
    date: beijingDate(generatedAt),
    splitMajors: new Set([...perMajor].filter(([, n]) => n > 1).map(([k]) => k)),
  };
}

function majorKey(g: GroupResult): string {
  return `${g.grade}|${g.major}`;
}

/** True when the group is one of several ranking groups of its 专业 (its size is not the 专业's). */
export function isSplitGroup(ctx: AnnexContext, group: GroupResult): boolean {
  return ctx.splitMajors.has(majorKey(group));
}

// ---- names --------------------------------------------------------------------------------------

/** The part of a group label after the 专业 (e.g. "（天工班）"), plus "（扩招）" for the 扩招 track. */
export function groupQualifier(group: GroupResult): string {
  const extra = group.label.startsWith(group.major) ? group.label.slice(group.major.length) : '';
  return extra + (group.track === '扩招' ? '（扩招）' : '');
}

/** Short label of a group for sheet names and columns: "机电一体化技术（扩招）", with the cohort when several. */
export function groupShortLabel(group: GroupResult, multiCohort: boolean): string {
  return `${multiCohort ? `${group.grade}级` : ''}${group.major}${groupQualifier(group)}`;
}

/**
 * The group's qualifier as shown on a sheet: "（天工班）", "（扩招）", and "（普通）" for the rest of a 专业
 * that is ranked in several groups, so that a reader never takes a group's rank or size for the 专业's.
 */
export function groupQualifierIn(ctx: AnnexContext, group: GroupResult): string {
  const q = groupQualifier(group);
  return q === '' && isSplitGroup(ctx, group) ? '（普通）' : q;
}

/** "机电一体化技术（天工班）", "机电一体化技术（普通）", "软件技术": the ranking group a rank belongs to. */
export function groupName(ctx: AnnexContext, group: GroupResult): string {
  return `${ctx.multiCohort ? `${group.grade}级` : ''}${group.major}${groupQualifierIn(ctx, group)}`;
}

/** Header of the size column: 排名组人数 when a row's group is not its whole 专业, else 专业人数. */
export function sizeHeader(ctx: AnnexContext, rows: readonly StudentRow[]): string {
  return rows.some((r) => isSplitGroup(ctx, r.group)) ? '排名组人数' : '专业人数';
}

/** The note under a list whose size column says 排名组人数. */
export const GROUP_SIZE_NOTE =
  '排名组人数：同年级同专业中单独排名的一组（扩招、天工班等，专业名后括号注明；“普通”为该专业其余学生）的人数，排名在该组内；专业毕业班总人数见附件3。';

const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;

/**
 * Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], not starting or ending with ', unique
 * ignoring case. A long name keeps its prefix (附件5-) and its trailing qualifier（扩招）and shortens the
 * middle with "…"; a clash gets "(2)", "(3)"…
 */
export class SheetNamer {
  private readonly used = new Set<string>();

  name(prefix: string, body = ''): string {
    const cleanPrefix = clean(prefix);
    const cleanBody = clean(body);
    let candidate = fit(cleanPrefix, cleanBody, '');
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) candidate = fit(cleanPrefix, cleanBody, `(${n})`);
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}

function clean(s: string): string {
  return s.replace(FORBIDDEN, '_').replace(/\s+/g, '').replace(/^'+|'+$/g, '');
}

function fit(prefix: string, body: string, suffix: string): string {
  const whole = prefix + body + suffix;
  if ([...whole].length <= MAX_SHEET_NAME) return whole;
  const qualifier = /（[^（）]*）$/.exec(body)?.[0] ?? '';
  const main = [...body.slice(0, body.length - qualifier.length)];
  const room = MAX_SHEET_NAME - [...prefix].length - [...qualifier].length - [...suffix].length - 1;
  if (room < 1) return [...whole].slice(0, MAX_SHEET_NAME - [...suffix].length).join('') + suffix;
  return prefix + main.slice(0, room).join('') + '…' + qualifier + suffix;
}

// ---- privacy ------------------------------------------------------------------------------------

/** "450203200001011234" → "450203********1234" (first 6 + last 4, SPEC §4.3). Empty when none. */
export function maskIdNumber(id: string | undefined): string {
  const s = (id ?? '').trim();
  if (!s) return '';
  const chars = [...s];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}

// ---- values -------------------------------------------------------------------------------------

/** The published average as a number (85.3 shown as "85.30" by the column's format); null without one. */
export function averageNumber(r: StudentResult): number | null {
  return r.average === null ? null : Number(r.average);
}

/** Number format showing as many decimals as the published averages ("0.00"). */
export function averageFormat(config: Config): string {
  return `0.${'0'.repeat(Math.max(2, config.averageDecimals))}`;
}

export function yesNo(b: boolean): string {
  return b ? '是' : '否';
}

/** Reasons in Chinese, with the courses for 未修/不及格: "有不及格课程：高等数学、英语；成绩排名未在前60%". */
export function reasonsText(r: StudentResult, config: Config): string {
  return r.reasons
    .map((code) => {
      if (code === 'MISSING_COURSE' && r.missingCourses.length) return `${reasonText[code]}：${r.missingCourses.join('、')}`;
      if (code === 'FAILED_COURSE' && r.failedCourses.length) return `${reasonText[code]}：${r.failedCourses.join('、')}`;
      if (code === 'NOT_TOP60') return `成绩排名未在前${config.rankPercent}%`;
      return reasonText[code];
    })
    .join('；');
}

/** Notes a reader needs beside the reasons (退役士兵, 学籍异动, warnings of the engine). */
export function remarkText(row: StudentRow): string {
  const parts: string[] = [];
  if (row.student.veteran) parts.push('退役大学生士兵');
  if (row.student.statusChange) {
    parts.push(`学籍异动${row.student.statusChangeType ? `（${row.student.statusChangeType}）` : ''}，按实际修读课程计算`);
  }
  for (const n of row.details.notes) if (!parts.includes(n)) parts.push(n);
  return parts.join('；');
}

export function statusLabel(r: StudentResult): string {
  if (r.status === 'recommended_quota' && r.filledVacancy) return '推荐（递补）';
  return statusText[r.status];
}

/** 推荐类型 of 附件11: 占指标 / 不占指标 / 退役士兵 / 递补; null when not recommended. */
export function recommendationKind(r: StudentResult): string | null {
  switch (r.status) {
    case 'recommended_quota':
      return r.filledVacancy ? '递补' : '占指标';
    case 'recommended_direct':
      return '不占指标';
    case 'recommended_veteran':
      return '退役士兵';
    default:
      return null;
  }
}

export const RECOMMENDED: ReadonlySet<string> = new Set(['recommended_quota', 'recommended_direct', 'recommended_veteran']);

// ---- columns ------------------------------------------------------------------------------------

/** A column spec whose width is fitted to its values. */
export interface ColumnSpec<T> {
  header: string;
  value: (item: T, index: number) => ModelCell;
  text?: boolean;
  numberFormat?: string;
  align?: 'left' | 'center' | 'right';
  min?: number;
  max?: number;
}

/** Builds the columns and rows of one table from column specs (widths fitted to the content). */
export function tableFrom<T>(items: readonly T[], specs: readonly ColumnSpec<T>[]): { columns: ModelColumn[]; rows: ModelCell[][] } {
  const rows = items.map((item, i) => specs.map((s) => s.value(item, i)));
  const columns = specs.map((s, c) => {
    const col: ModelColumn = {
      header: s.header,
      width: fitWidth(s.header, rows, c, s.min, s.max),
      align: s.align ?? 'center',
    };
    if (s.text) col.text = true;
    if (s.numberFormat) col.numberFormat = s.numberFormat;
    return col;
  });
  return { columns, rows };
}

/** The columns that identify a student on every list. */
export function studentIdentityColumns(
  ctx: AnnexContext,
  opts: { college?: boolean; major?: boolean; className?: boolean } = {},
): ColumnSpec<StudentRow>[] {
  const { config } = ctx;
  const cols: ColumnSpec<StudentRow>[] = [{ header: '序号', value: (_r, i) => i + 1, min: 5 }];
  if (opts.college) cols.push({ header: '二级学院', value: (r) => r.student.college ?? '', max: 14 });
  if (opts.major) cols.push({ header: '专业', value: (r) => groupName(ctx, r.group), max: 16 });
  if (opts.className !== false) cols.push({ header: '班级', value: (r) => r.student.className ?? '', max: 20 });
  cols.push(
    { header: '学号', value: (r) => r.result.studentId, text: true },
    { header: '姓名', value: (r) => r.result.name, min: 8 },
  );
  if (config.showMaskedIdNumber) cols.push({ header: '身份证号（脱敏）', value: (r) => maskIdNumber(r.student.idNumber), text: true });
  return cols;
}

/**
 * 平均成绩, 排名 and (unless `withSize` is false) the size of the group the rank is in: 专业人数, or
 * 排名组人数 when one of `rows` is in a 专业 ranked in several groups (see sizeHeader).
 */
export function scoreColumns(ctx: AnnexContext, rows: readonly StudentRow[], withSize = true): ColumnSpec<StudentRow>[] {
  const { config } = ctx;
  const cols: ColumnSpec<StudentRow>[] = [
    { header: '平均成绩', value: (r) => averageNumber(r.result), numberFormat: averageFormat(config), min: 8 },
    { header: '排名', value: (r) => r.result.rank, min: 5 },
  ];
  if (withSize) cols.push({ header: sizeHeader(ctx, rows), value: (r) => r.result.groupSize, min: 5 });
  return cols;
}

/** The usual subtitle lines of a publicity sheet. */
export function publicitySubtitles(config: Config, period: string): string[] {
  return [`公示时间：${period}。如有异议，请在公示期内向督察组实名反映。`, config.complaintContact];
}

/** Orientation from the total width: portrait fits about 95 character units on A4 with our margins. */
export function orientationFor(columns: readonly ModelColumn[]): SheetModel['orientation'] {
  return columns.reduce((s, c) => s + c.width, 0) > 95 ? 'landscape' : 'portrait';
}

/** "2024-03-18" → "2024年3月18日" (the date under a 落款). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function madeBy(ctx: AnnexContext, unit: string): string {
  return `制表单位：${unit}　　制表日期：${ctx.date}`;
}

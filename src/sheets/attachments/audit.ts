/**
 * 计算说明 — the audit sheet (internal): what was computed, from what, with which settings, so the
 * 成绩核查组 can check and reproduce it. Tables: 一、运行信息 (product, version, time, input fingerprint,
 * sources, counts), 二、设置 (every setting with its Chinese name and value), 三、排名组 (N, 指标基数,
 * 指标数, plan source, counts per group), 四、问题清单 (every issue with its cell).
 */
import type { Config } from '../../engine/config';
import type { Issue, Severity } from '../../engine/issues';
import { statusText } from '../../engine/result';
import type { Status } from '../../engine/result';
import { PRODUCT_NAME, VERSION } from '../../version';
import { beijingTime } from '../beijingTime';
import { groupShortLabel, tableFrom } from './common';
import type { AnnexContext, SheetNamer } from './common';
import type { ModelCell, ModelTable, SheetModel } from './model';

/** Chinese name of every setting (config.ts); a setting without one is shown by its key. */
export const settingLabels: Record<string, string> = {
  fiveLevel: '五级制成绩折算',
  twoLevel: '二级制成绩折算',
  attemptPolicy: '补考/重修成绩取法',
  passMark: '及格分数线',
  gradeCutoff: '学籍异动学生成绩截止日期（含当日）',
  cutoffAppliesToAll: '截止日期适用于全体学生',
  countedTerms: '计入平均分的学期',
  planInferencePercent: '推断教学计划：修读人数比例（%）',
  averageDecimals: '平均成绩保留小数位数',
  rankOn: '排名依据',
  rankPercent: '成绩排名比例线（前%）',
  quotaPercent: '推荐比例（%）',
  rankingGroupQuota: '排名组推荐指标的核定方式',
  graduatingClassSize: '毕业班人数（指标基数）手工设定',
  veteranRequiresPass: '退役士兵须全部课程合格',
  veteranUsesQuota: '退役士兵（学校选拔）占推荐指标',
  valueMeanings: '无法识别的取值的含义',
  schoolName: '学校名称',
  graduationYear: '毕业届别',
  scorePublicityPeriod: '成绩公示时间（附件5、6）',
  directPublicityPeriod: '不占指标名单公示时间（附件8）',
  collegePublicityPeriod: '申报名单公示时间（附件10）',
  recommendationPublicityPeriod: '拟推荐名单公示时间（附件11）',
  complaintContact: '投诉受理方式',
  publicityPlace: '公示地点/方式（附件4）',
  showMaskedIdNumber: '公示表显示脱敏身份证号',
};

const enumText: Record<string, string> = {
  cap60: 'cap60：正考不及格、补考/重修及格按60分计',
  first: 'first：取正考成绩',
  best: 'best：取最高成绩',
  rounded: 'rounded：按公示的（四舍五入后）平均成绩排名',
  exact: 'exact：按精确平均成绩排名',
};

export function settingValueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return enumText[value] ?? value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.join('、');
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${k}=${String(v)}`).join('；') : '（无）';
  }
  return String(value);
}

const severityText: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

function keyValue(caption: string, pairs: [string, ModelCell][]): ModelTable {
  return {
    caption,
    ...tableFrom(pairs, [
      { header: '项目', value: (p) => p[0], align: 'left', max: 30 },
      { header: '内容', value: (p) => p[1], align: 'left', min: 30, max: 70 },
    ]),
    spanLast: true,
  };
}

export interface AuditMeta {
  inputFingerprint: string;
  generatedAt: string;
  sources: string[];
  issues: Issue[];
}

export function buildAudit(ctx: AnnexContext, meta: AuditMeta, namer: SheetNamer, sheetNames: string[]): SheetModel {
  const { config, output } = ctx;
  const students = output.result.students;
  const bySeverity = (s: Severity) => meta.issues.filter((i) => i.severity === s).length;
  const statusCounts = (Object.keys(statusText) as Status[])
    .map((s): [string, ModelCell] => [`推荐结果：${statusText[s]}`, students.filter((r) => r.status === s).length])
    .filter(([, n]) => n !== 0);
  const run = keyValue('一、运行信息', [
    ['软件', `${PRODUCT_NAME} ${VERSION}`],
    ['生成时间', beijingTime(meta.generatedAt)],
    ['输入指纹', meta.inputFingerprint],
    ...meta.sources.map((s, i): [string, ModelCell] => [`输入来源${i + 1}`, s]),
    ['学生总数', students.length],
    ['排名组数', output.result.groups.length],
    ['有平均成绩', students.filter((s) => s.average !== null).length],
    [`成绩排名前${config.rankPercent}%`, students.filter((s) => s.top60).length],
    ['符合专升本条件', students.filter((s) => s.eligible).length],
    ['不占指标', students.filter((s) => s.direct).length],
    ['同等条件优先', students.filter((s) => s.priority).length],
    ['报名数据', ctx.hasRegistration ? '有（已进行推荐、递补）' : '无（仅排名与资格，未进行推荐）'],
    ...statusCounts,
    ['问题', `错误 ${bySeverity('error')} 条，警告 ${bySeverity('warning')} 条，提示 ${bySeverity('info')} 条`],
    ['生成的工作表', sheetNames.join('、')],
  ]);
  const settings = keyValue(
    '二、设置',
    (Object.keys(config) as (keyof Config)[]).map((k): [string, ModelCell] => [
      `${settingLabels[k] ?? k}（${k}）`,
      settingValueText(config[k]),
    ]),
  );
  const groups: ModelTable = {
    caption: '三、排名组',
    ...tableFrom(ctx.groups, [
      { header: '二级学院', value: (g) => g.college, max: 24 },
      { header: '年级', value: (g) => g.group.grade, min: 6 },
      { header: '排名组', value: (g) => groupShortLabel(g.group, false), max: 28 },
      { header: '专业人数', value: (g) => g.group.size, min: 6 },
      { header: '指标基数', value: (g) => g.group.quotaBase, min: 6 },
      { header: '推荐指标数', value: (g) => g.group.quota, min: 6 },
      { header: '占指标推荐', value: (g) => g.group.recommendedQuota, min: 6 },
      { header: '不占指标推荐', value: (g) => g.group.recommendedDirect, min: 6 },
      { header: '退役士兵推荐', value: (g) => g.group.recommendedVeteran, min: 6 },
      { header: '同分待裁定', value: (g) => g.group.tiePending, min: 6 },
      { header: '计入课程数', value: (g) => output.groups.get(g.group.key)?.courses.length ?? 0, min: 6 },
      { header: '课程来源', value: (g) => (output.groups.get(g.group.key)?.planInferred ? '由成绩推断' : '教学计划'), min: 8 },
    ]),
  };
  const issues: ModelTable = {
    caption: `四、问题清单（共${meta.issues.length}条）`,
    ...tableFrom(meta.issues, [
      { header: '级别', value: (i) => severityText[i.severity], min: 5 },
      { header: '代码', value: (i) => i.code, align: 'left', max: 24 },
      { header: '工作表', value: (i) => i.sheet ?? '', align: 'left', max: 20 },
      { header: '单元格', value: (i) => i.cell ?? (i.row !== null ? `第${i.row}行` : ''), min: 7 },
      { header: '说明', value: (i) => i.message, align: 'left', min: 30, max: 80 },
    ]),
    spanLast: true,
  };
  return {
    name: namer.name('计算说明'),
    title: `${config.schoolName}普通专升本成绩排名与推荐计算说明`,
    subtitles: ['内部资料：供成绩核查组核对与复算。平均成绩按精确分数计算后四舍五入；排名为并列排名（1、2、2、4）。'],
    tables: [run, settings, groups, issues],
    footnotes: [],
    publicity: false,
    orientation: 'landscape',
  };
}

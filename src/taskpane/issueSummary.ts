/**
 * Problems first (issue 18): the run's issues grouped by kind, so the secretary sees what needs her before
 * anything else — rulings the 领导小组 must make at the top, then errors, warnings, information — with
 * repeats collapsed ("25 名学生：志愿中没有仍有名额") and each place printed once. Pure.
 */
import { namesItsPlace, type Issue, type Severity } from '../engine/issues';

/** Codes that wait for a decision of the 领导小组 (SPEC §2.8 TIE_AT_QUOTA, §2.9 ALLOCATION_CONFLICT). */
export const RULING_CODES: ReadonlySet<string> = new Set(['TIE_AT_QUOTA', 'ALLOCATION_CONFLICT']);

export type IssueTier = 'ruling' | Severity;
export const tierText: Record<IssueTier, string> = { ruling: '待裁定', error: '错误', warning: '警告', info: '提示' };
const tierOrder: Record<IssueTier, number> = { ruling: 0, error: 1, warning: 2, info: 3 };

/**
 * Short names of the kinds a secretary meets often, and whom they count ("名学生" when each issue is one
 * student's, else "处"). A code not listed is shown by its first message.
 */
const kinds: Record<string, { label: string; unit: '名学生' | '处' | '条' }> = {
  TIE_AT_QUOTA: { label: '推荐名额线上同分，需领导小组裁定', unit: '处' },
  ALLOCATION_CONFLICT: { label: '志愿冲突，需领导小组裁定录取', unit: '处' },
  NO_SEAT_FOR_WISHES: { label: '志愿中没有仍有名额的对口招录专业', unit: '名学生' },
  NO_WISH: { label: '已获推荐但未填报志愿', unit: '名学生' },
  WISH_NOT_IN_PLAN: { label: '志愿不在对口招录计划中', unit: '处' },
  VETERAN_COURSES: { label: '退役大学生士兵有不及格或未修课程（不影响资格）', unit: '名学生' },
  PENDING_SCORE: { label: '缓考尚无成绩，按未修计', unit: '处' },
  AFTER_CUTOFF: { label: '学籍异动学生有晚于截止日期的成绩，不计入', unit: '名学生' },
  OUTSIDE_PLAN: { label: '成绩不属于计入平均分的教学计划课程，已忽略', unit: '条' },
  AWARD_NOT_COUNTED: { label: '获奖不属于细则所列比赛或荣誉称号', unit: '处' },
  AWARD_TEAM_RANK_MISSING: { label: '创新大赛获奖缺少团队排名', unit: '处' },
  AWARD_BEFORE_ENROLMENT: { label: '获奖早于入学或属于中职阶段，请核查', unit: '处' },
  UNVERIFIED_AWARD: { label: '获奖未经核实，不计入', unit: '处' },
  BAD_SCORE: { label: '成绩无法识别', unit: '处' },
  EMPTY_SCORE: { label: '成绩为空', unit: '处' },
  SCORE_OUT_OF_RANGE: { label: '成绩超出 0–100', unit: '处' },
  DUPLICATE_ID: { label: '学号重复', unit: '处' },
  UNKNOWN_STUDENT: { label: '成绩或获奖中的学号不在名册中', unit: '处' },
  UNKNOWN_VALUE: { label: '取值不在约定范围内，已按默认含义读取', unit: '处' },
  NAME_MISMATCH: { label: '姓名与名册不一致', unit: '处' },
  STUDENT_NO_GRADES: { label: '学生没有任何成绩', unit: '名学生' },
  MISSING_COLUMN: { label: '缺少必需的列', unit: '处' },
  UNKNOWN_SHEET: { label: '工作表没有可识别的表头，已跳过', unit: '处' },
  HIDDEN_ROWS: { label: '工作表有隐藏行（同样参与计算）', unit: '处' },
};

export interface IssueKindGroup {
  /** "ruling|TIE_AT_QUOTA", "warning|NO_SEAT_FOR_WISHES". */
  key: string;
  tier: IssueTier;
  code: string;
  /** "25 名学生：志愿中没有仍有名额的对口招录专业"; for a single issue its own message (with its place). */
  title: string;
  issues: Issue[];
}

export function tierOf(i: Issue): IssueTier {
  return RULING_CODES.has(i.code) && i.severity !== 'info' ? 'ruling' : i.severity;
}

/** The issue's text with its place once: "成绩!E27：…" (the pipeline usually put it in front already). */
export function issueLine(i: Issue): string {
  if (namesItsPlace(i) || !i.sheet) return i.message;
  const where = i.cell ? `${i.sheet}!${i.cell}` : i.row !== null ? `${i.sheet} 第${i.row}行` : i.sheet;
  return `${where}：${i.message}`;
}

/** Issues by (tier, code), rulings first, then errors, warnings, info; within a tier in first-seen order. */
export function groupIssues(issues: readonly Issue[]): IssueKindGroup[] {
  const groups = new Map<string, IssueKindGroup>();
  for (const i of issues) {
    const tier = tierOf(i);
    const key = `${tier}|${i.code}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, tier, code: i.code, title: '', issues: [] };
      groups.set(key, g);
    }
    g.issues.push(i);
  }
  const list = [...groups.values()];
  for (const g of list) g.title = groupTitle(g);
  // Array.prototype.sort is stable: the first-seen order stays within a tier.
  return list.sort((a, b) => tierOrder[a.tier] - tierOrder[b.tier]);
}

function groupTitle(g: IssueKindGroup): string {
  const first = g.issues[0] as Issue;
  if (g.issues.length === 1) return issueLine(first);
  const kind = kinds[g.code];
  if (kind) return `${g.issues.length} ${kind.unit}：${kind.label}`;
  return `${g.issues.length} 处同类问题，例如：${issueLine(first)}`;
}

export interface IssueCounts {
  rulings: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts by tier; a ruling is not counted again among the warnings. */
export function countTiers(issues: readonly Issue[]): IssueCounts {
  const c: IssueCounts = { rulings: 0, errors: 0, warnings: 0, infos: 0 };
  for (const i of issues) {
    const t = tierOf(i);
    if (t === 'ruling') c.rulings += 1;
    else if (t === 'error') c.errors += 1;
    else if (t === 'warning') c.warnings += 1;
    else c.infos += 1;
  }
  return c;
}

/**
 * The banner after a run: "计算完成：8 个排名组；2 处待裁定，32 个警告。" — what waits for the secretary is
 * in the first line she reads.
 */
export function runBanner(groups: number, issues: readonly Issue[], blocked: boolean): string {
  const c = countTiers(issues);
  const waiting = [c.rulings ? `${c.rulings} 处待裁定` : '', c.warnings ? `${c.warnings} 个警告` : ''].filter(Boolean).join('，');
  if (blocked) return `发现 ${c.errors} 个错误，不能写回。请按问题列表中的位置（工作表!单元格）逐条改正后重新计算。${waiting ? `另有 ${waiting}。` : ''}`;
  return `计算完成：${groups} 个排名组；${waiting || '没有需要处理的问题'}。`;
}

/** The issues still waiting for a ruling (the 输出 step repeats them). */
export function pendingRulings(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => tierOf(i) === 'ruling');
}

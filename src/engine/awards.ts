/**
 * SPEC §2.7, 细则 二(一)3: 不占指标直接升本 (direct) and 同等条件优先 (priority) from one student's awards.
 *
 * Decisions documented here (they are readings of the 细则, not settings):
 * - Only verified (审核结果 通过) awards count; every other row is ignored silently.
 * - The five skills/innovation competitions share one threshold: 自治区级 first tier (一等奖/金牌/金奖) or
 *   better, or 国家级 third tier (三等奖/铜牌/铜奖) or better ⇒ direct. Any other award of them — 市级 and
 *   校级 included, and rows whose 级别 or 等次 cannot be read — is "获得上述相关比赛其他奖项" ⇒ priority.
 * - 中国国际大学生创新大赛 (incl. the former 中国国际"互联网+"大学生创新创业大赛 and its 广西 selection) has
 *   the same tiers and also needs 团队排名 ≤ 5; a missing 团队排名 ⇒ not direct (warning), still priority.
 * - 世界技能大赛 in 类别 (集训队队员) ⇒ direct at any 级别/等次.
 * - 荣誉称号: 自治区级 or 国家级 优秀毕业生/三好学生/优秀学生干部/优秀团干 ⇒ direct; 校级 or higher (市级
 *   included) 三好学生/优秀学生干部/优秀团干/优秀团员 ⇒ priority. A 校级 优秀毕业生 counts for nothing.
 * - Any other competition counts for nothing (an info issue says so, so that a misspelt name is noticed).
 */
import type { Config } from './config';
import { type Issue, issueAt } from './issues';
import type { Award, AwardLevel } from './model';
import type { AwardEvidence } from './result';

export interface AwardClassification {
  qualifiesDirect: boolean;
  priority: boolean;
  evidence: AwardEvidence[];
  issues: Issue[];
}

/** Prize tier: 0 特等奖, 1 一等奖/金牌/金奖, 2 二等奖/银牌/银奖, 3 三等奖/铜牌/铜奖, 4 优秀奖. */
export type PrizeTier = 0 | 1 | 2 | 3 | 4;

const tierTokens: readonly (readonly [PrizeTier, readonly string[]])[] = [
  [0, ['特等奖', '特等']],
  [1, ['一等奖', '一等', '金牌', '金奖']],
  [2, ['二等奖', '二等', '银牌', '银奖']],
  [3, ['三等奖', '三等', '铜牌', '铜奖']],
  [4, ['优秀奖']],
];

/** Compare text: NFKC (full-width → half-width), no white space, no quotation marks. */
export function normaliseAwardText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/["'“”‘’「」『』《》]/gu, '');
}

/** The best tier named in a 等次 text ("一等奖（金牌）" → 1), or null when none is named. */
export function prizeTier(grade: string): PrizeTier | null {
  const text = normaliseAwardText(grade);
  for (const [tier, tokens] of tierTokens) {
    if (tokens.some((t) => text.includes(t))) return tier;
  }
  return null;
}

export type CompetitionKind = 'worldSkills' | 'skills' | 'innovation';

/**
 * Which listed competition a 类别 names. Longer names are tested first, so 广西中华职业教育创新创业大赛 is
 * not taken for 中华职业教育创新创业大赛 (both have the same thresholds; the name is for messages only).
 */
const competitions: readonly { name: string; kind: CompetitionKind; matches: (t: string) => boolean }[] = [
  { name: '世界技能大赛', kind: 'worldSkills', matches: (t) => t.includes('世界技能大赛') },
  {
    name: '广西中华职业教育创新创业大赛',
    kind: 'skills',
    matches: (t) => t.includes('中华职业教育创新创业大赛') && t.includes('广西'),
  },
  { name: '中华职业教育创新创业大赛', kind: 'skills', matches: (t) => t.includes('中华职业教育创新创业大赛') },
  {
    name: '中国国际大学生创新大赛',
    kind: 'innovation',
    matches: (t) => t.includes('国际大学生创新大赛') || (t.includes('互联网+') && t.includes('创新创业大赛')),
  },
  {
    name: '中华人民共和国职业技能大赛',
    kind: 'skills',
    // 全国职业技能大赛 is the usual short name of 中华人民共和国职业技能大赛.
    matches: (t) => t.includes('中华人民共和国职业技能大赛') || t.includes('全国职业技能大赛'),
  },
  {
    name: '广西职业院校技能大赛',
    kind: 'skills',
    matches: (t) =>
      (t.includes('广西') || t.includes('自治区') || t.includes('全区')) &&
      t.includes('职业院校技能大赛') &&
      !t.includes('全国职业院校技能大赛'),
  },
  { name: '全国职业院校技能大赛', kind: 'skills', matches: (t) => t.includes('全国职业院校技能大赛') },
];

export function identifyCompetition(category: string): { name: string; kind: CompetitionKind } | null {
  // "技能竞赛" is a common slip for "技能大赛".
  const text = normaliseAwardText(category).replace(/竞赛/gu, '大赛');
  const found = competitions.find((c) => c.matches(text));
  return found ? { name: found.name, kind: found.kind } : null;
}

export type HonourName = '优秀毕业生' | '三好学生' | '优秀学生干部' | '优秀团干' | '优秀团员';

const honourNames: readonly HonourName[] = ['优秀毕业生', '三好学生', '优秀学生干部', '优秀团干', '优秀团员'];
const directHonours: ReadonlySet<HonourName> = new Set(['优秀毕业生', '三好学生', '优秀学生干部', '优秀团干']);
const priorityHonours: ReadonlySet<HonourName> = new Set(['三好学生', '优秀学生干部', '优秀团干', '优秀团员']);

/** "优秀共青团员" → 优秀团员, "优秀团干部" → 优秀团干, "自治区三好学生" → 三好学生. */
export function identifyHonour(text: string): HonourName | null {
  const t = normaliseAwardText(text).replace(/共青团/gu, '团');
  return honourNames.find((h) => t.includes(h)) ?? null;
}

function isHonourCategory(category: string): boolean {
  const t = normaliseAwardText(category);
  return t.includes('荣誉') || t.includes('称号');
}

const atLeastRegional = (l: AwardLevel | null): boolean => l === 'regional' || l === 'national';

/** 级别 text for messages: as written, else the canonical name. */
function levelLabel(award: Award): string {
  const written = award.levelText.trim();
  if (written) return written;
  const names: Record<AwardLevel, string> = { national: '国家级', regional: '自治区级', city: '市级', school: '校级' };
  return award.level ? names[award.level] : '';
}

/** The student as every message names him: 学号（姓名） (the roster's name, else the award row's). */
function who(award: Award, name?: string): string {
  name ??= award.studentName;
  return name ? `${award.studentId}（${name}）` : award.studentId;
}

function evidenceText(award: Award, honour: HonourName | null, teamRank?: number): string {
  const year = award.year !== undefined ? `${award.year}年` : '';
  if (honour) {
    return [year, levelLabel(award), `“${honour}”荣誉称号`].filter((p) => p !== '').join(' ');
  }
  const project = award.project.trim();
  const head = [year, award.category.trim(), levelLabel(award), award.grade.trim()].filter((p) => p !== '').join(' ');
  // SPEC §2.7: 团队排名 is part of the evidence where it decided (中国国际大学生创新大赛: 前5).
  const team = teamRank !== undefined ? `，团队排名第${teamRank}` : '';
  return project ? `${head}（${project}${team}）` : `${head}${team ? `（${team.slice(1)}）` : ''}`;
}

interface AwardDecision {
  direct: boolean;
  priority: boolean;
  honour: HonourName | null;
  issues: Issue[];
  /** The 团队排名 that decided (中国国际大学生创新大赛). */
  teamRank?: number;
}

const none: AwardDecision = { direct: false, priority: false, honour: null, issues: [] };

function decideHonour(award: Award, honour: HonourName, holder?: string): AwardDecision {
  const issues: Issue[] = [];
  if (award.level === null) {
    issues.push(
      issueAt(
        'warning',
        'AWARD_LEVEL_UNKNOWN',
        `${who(award, holder)} 的荣誉称号“${honour}”级别“${award.levelText}”无法识别，未计入不占指标或优先条件。请在“级别”列填写 国家级、自治区级、市级 或 校级。`,
        award.source,
      ),
    );
    return { ...none, honour, issues };
  }
  const direct = directHonours.has(honour) && atLeastRegional(award.level);
  const priority = direct || priorityHonours.has(honour);
  return { direct, priority, honour, issues };
}

function decideCompetition(award: Award, kind: CompetitionKind, name: string, holder?: string): AwardDecision {
  if (kind === 'worldSkills') return { direct: true, priority: true, honour: null, issues: [] };
  const issues: Issue[] = [];
  const tier = prizeTier(award.grade);
  if (award.level === null) {
    issues.push(
      issueAt(
        'warning',
        'AWARD_LEVEL_UNKNOWN',
        `${who(award, holder)} 的${name}获奖级别“${award.levelText}”无法识别，只按“其他奖项”计入优先条件，不能认定不占指标。请在“级别”列填写 国家级、自治区级、市级 或 校级。`,
        award.source,
      ),
    );
  }
  if (tier === null) {
    issues.push(
      issueAt(
        'warning',
        'AWARD_GRADE_UNKNOWN',
        `${who(award, holder)} 的${name}获奖等次“${award.grade}”无法识别，只按“其他奖项”计入优先条件，不能认定不占指标。请在“等次”列填写 特等奖、一等奖（金牌/金奖）、二等奖、三等奖 或 优秀奖。`,
        award.source,
      ),
    );
  }
  const highEnough =
    tier !== null && ((award.level === 'regional' && tier <= 1) || (award.level === 'national' && tier <= 3));
  if (!highEnough || kind === 'skills') return { direct: highEnough, priority: true, honour: null, issues };
  // innovation: the team rank decides.
  if (award.teamRank === null) {
    issues.push(
      issueAt(
        'warning',
        'AWARD_TEAM_RANK_MISSING',
        `${who(award, holder)} 的${name}获奖（${levelLabel(award)} ${award.grade.trim()}）缺少团队排名，细则要求项目团队排名前5才不占指标，暂按优先条件处理。请在“团队排名”列填写该生在团队中的排名。`,
        award.source,
      ),
    );
    return { direct: false, priority: true, honour: null, issues };
  }
  return { direct: award.teamRank >= 1 && award.teamRank <= 5, priority: true, honour: null, issues, teamRank: award.teamRank };
}

function decide(award: Award, holder?: string): AwardDecision {
  const competition = identifyCompetition(award.category);
  if (competition) return decideCompetition(award, competition.kind, competition.name, holder);
  // An honour's name is read from 项目名称, else from 等次 (SPEC §2.7).
  const honour = isHonourCategory(award.category)
    ? (identifyHonour(award.project) ?? identifyHonour(award.grade))
    : identifyHonour(award.category);
  if (honour) return decideHonour(award, honour, holder);
  return {
    ...none,
    issues: [
      issueAt(
        'info',
        'AWARD_NOT_COUNTED',
        `${who(award, holder)} 的获奖“${award.category.trim()} ${award.project.trim()} ${award.grade.trim()}”不属于细则二（一）3所列比赛或荣誉称号，不计入不占指标或优先条件。如名称写错，请按细则改正“类别”或“项目名称”。`,
        award.source,
      ),
    ],
  };
}

/**
 * SPEC §2.7, 细则 五(五): an award won before the student's cohort year, or at 中职, still counts but is to be
 * confirmed. SPEC names the 成绩核查组; 细则 五(五) gives the 不占指标 materials to the 奖惩核查小组 (技能比赛 by
 * the 教务与实训管理处), so the message asks the 奖惩核查小组.
 */
function beforeEnrolment(award: Award, student: AwardHolder | undefined): Issue | null {
  const early = student !== undefined && award.year !== undefined && award.year < student.cohort;
  const secondary = /中职|中专|中等职业/u.test(`${award.category}${award.project}`);
  if (!early && !secondary) return null;
  const why = early ? `获奖年份 ${award.year} 早于入学年级 ${student?.cohort}` : '类别或项目名称为中职比赛';
  return issueAt(
    'warning',
    'AWARD_BEFORE_ENROLMENT',
    `${who(award, student?.name ?? award.studentName)} 的获奖“${award.category.trim()} ${award.project.trim()} ${award.grade.trim()}”${why}，仍按不占指标/优先条件计入；请奖惩核查小组核实该奖项是否为高职高专学习期间取得（细则 五(五)：不占指标材料由奖惩核查小组审核）。`,
    award.source,
  );
}

/** The student an award belongs to (for messages and AWARD_BEFORE_ENROLMENT). */
export interface AwardHolder {
  name: string;
  cohort: number;
}

/** One student's awards (SPEC §2.7), whatever the student's eligibility: studentAwards applies it. */
export function classifyAwards(awards: readonly Award[], _config: Config, student?: AwardHolder): AwardClassification {
  const ordered = [...awards].sort(
    (a, b) =>
      (a.source.sheet < b.source.sheet ? -1 : a.source.sheet > b.source.sheet ? 1 : 0) || a.source.row - b.source.row,
  );
  let qualifiesDirect = false;
  let priority = false;
  const evidence: AwardEvidence[] = [];
  const issues: Issue[] = [];
  for (const award of ordered) {
    if (!award.verified) continue;
    const d = decide(award, student?.name);
    issues.push(...d.issues);
    qualifiesDirect ||= d.direct;
    priority ||= d.priority;
    if (d.direct || d.priority) {
      const early = beforeEnrolment(award, student);
      if (early) issues.push(early);
      evidence.push({
        kind: d.direct ? 'direct' : 'priority',
        text: evidenceText(award, d.honour, d.teamRank),
        category: award.category,
        project: award.project,
        levelText: award.levelText,
        grade: award.grade,
        sheet: award.source.sheet,
        row: award.source.row,
      });
    }
  }
  return { qualifiesDirect, priority, evidence, issues };
}

/** SPEC §2.7 for one student: the awards' outcome once eligibility is known. */
export interface StudentAwards {
  /** direct ⇔ eligible and some verified award qualifies (an ineligible award holder is never direct). */
  direct: boolean;
  /** priority (同等条件优先), whatever the eligibility. */
  priority: boolean;
  evidence: AwardEvidence[];
  issues: Issue[];
}

export function studentAwards(awards: readonly Award[], eligible: boolean, config: Config, student?: AwardHolder): StudentAwards {
  const c = classifyAwards(awards, config, student);
  return { direct: eligible && c.qualifiesDirect, priority: c.priority, evidence: c.evidence, issues: c.issues };
}

/**
 * Generates the bundled synthetic sample school into `assets/sample/` (issue 2, item 5):
 *   - 示例学校-2024专升本.xlsx          all input sheets of SPEC §1
 *   - 示例学校-2024专升本-不含成绩.xlsx  the same without the 成绩 sheet (pair it with the CSV)
 *   - 成绩-GBK.csv                      the grades as Chinese Excel saves a CSV (GB18030, CRLF)
 *   - README.md                         the deliberate cases with their 学号 and expected outcome
 *
 * Deterministic: every random choice comes from a seeded PRNG keyed by a stable string, and the workbook
 * dates are fixed. All people are invented (region code 450203, birthdays 2002-MM-MM / 1990-MM-MM,
 * phones 139 0000 xxxx, addresses on 样本路).
 *
 * How a group is built: every ranked student has a designed position `pos` in the group (1 = best).
 * Deliberate students (the SCENARIOS table) pin their position and their special grade rows; background
 * students fill the other positions. Each position gets a target average from a descending ladder
 * (multiples of 0.10, so no accidental ties), and the free grades of the student are solved so that the
 * counted effective scores sum to exactly target × counted courses. `eff` in the table is the effective
 * score that the rules of SPEC §2.3 give that course, written by hand; the expectations in `expect` are
 * reasoned by hand from SPEC §2 — nothing here runs the engine.
 *
 * Run: `npm run sample` (writes into assets/sample/) or `tsx scripts/generate-sample.ts <outDir>`.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { mulberry32 } from './mulberry32';

// ───────────────────────────── PRNG ─────────────────────────────

/** mulberry32 seeded by a string hash (FNV-1a), so each student's randomness is stable on its own. */
export function prng(key: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mulberry32(h);
}
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const intIn = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

// ───────────────────────────── school structure ─────────────────────────────

type Scale = 'num' | 'five' | 'two';
export interface Course {
  /** 课程代码 on the 教学计划 sheet ('' = the plan has no code: join by name). */
  planCode: string;
  /** 课程代码 on the grade rows ('' = the export has none: join by name). */
  gradeCode: string;
  name: string;
  term: number;
  assessment: '考试' | '考查';
  scale: Scale;
  credits: number;
  /** 计入平均分 (and term ≤ 5). */
  counted: boolean;
}

const course = (
  code: string,
  name: string,
  term: number,
  scale: Scale = 'num',
  extra: Partial<Course> = {},
): Course => ({
  planCode: code,
  gradeCode: code,
  name,
  term,
  assessment: scale === 'num' ? '考试' : '考查',
  scale,
  credits: scale === 'num' ? 3 : 1,
  counted: term <= 5,
  ...extra,
});

/** Common courses of every major (6 counted + 劳动教育, which is not counted). */
const COMMON: Course[] = [
  course('GB1001', '思想道德与法治', 1),
  course('0100101', '大学英语Ⅰ', 1),
  course('0300201', '信息技术基础', 1),
  // 军事理论: 二级制; the grade export carries no 课程代码 for it (joined by name).
  course('GB1005', '军事理论', 1, 'two', { gradeCode: '' }),
  course('GB1002', '毛泽东思想和中国特色社会主义理论体系概论', 2),
  course('0100102', '大学英语Ⅱ', 2),
  course('GB1009', '劳动教育', 2, 'two', { counted: false }),
];

interface Programme {
  university: string;
  program: string;
  seats: number;
}
interface Major {
  name: string;
  college: string;
  abbr: string;
  /** Eight major courses over terms 2–5 (one 五级制) and the term-6 岗位实习 (never counted). */
  courses: Course[];
  programmes: Programme[];
}

function majorCourses(prefix: string, names: [string, number, Scale?][], t6Code: string): Course[] {
  return [
    ...names.map(([n, t, s], i) => course(`${prefix}${String(i + 1).padStart(2, '0')}`, n, t, s ?? 'num')),
    course(t6Code, '岗位实习', 6, 'five'),
  ];
}

export const MAJORS: Record<string, Major> = {
  机电一体化技术: {
    name: '机电一体化技术',
    college: '机电工程学院',
    abbr: '机电',
    courses: majorCourses(
      'JD21',
      [['机械制图', 2], ['电工电子技术', 2], ['机械设计基础', 3], ['专业认识实习', 3, 'five'],
        ['液压与气动技术', 4], ['PLC应用技术', 4], ['电机与电气控制', 5], ['机电设备维修', 5]],
      'JD2190',
    ),
    programmes: [
      { university: '广西科技大学', program: '机械设计制造及其自动化', seats: 4 },
      { university: '桂林航天工学院', program: '机械电子工程', seats: 4 },
      { university: '北部湾大学', program: '机械设计制造及其自动化', seats: 3 },
    ],
  },
  工业机器人技术: {
    name: '工业机器人技术',
    college: '机电工程学院',
    abbr: '机器人',
    courses: majorCourses(
      '08021',
      [['电工技术基础', 2], ['机械基础', 2], ['工业机器人编程', 3], ['专业认识实习', 3, 'five'],
        ['传感器与检测技术', 4], ['工业机器人系统集成', 4], ['机器视觉应用', 5], ['智能产线运维', 5]],
      '0802190',
    ),
    programmes: [
      { university: '广西科技大学', program: '机器人工程', seats: 3 },
      { university: '梧州学院', program: '机械电子工程', seats: 3 },
      { university: '广西民族大学相思湖学院', program: '自动化', seats: 2 },
    ],
  },
  计算机网络技术: {
    name: '计算机网络技术',
    college: '电子信息工程学院',
    abbr: '网络',
    courses: majorCourses(
      'DX31',
      [['计算机网络基础', 2], ['Linux操作系统', 2], ['路由与交换技术', 3], ['专业认识实习', 3, 'five'],
        ['网络安全技术', 4], ['Windows服务器配置', 4], ['云计算技术应用', 5], ['网络工程综合实训', 5]],
      'DX3190',
    ),
    programmes: [
      { university: '广西科技大学', program: '计算机科学与技术', seats: 2 },
      { university: '南宁师范大学', program: '网络工程', seats: 4 },
      { university: '广西科技师范学院', program: '计算机科学与技术', seats: 4 },
    ],
  },
  软件技术: {
    name: '软件技术',
    college: '电子信息工程学院',
    abbr: '软件',
    courses: majorCourses(
      'RJ32',
      [['程序设计基础', 2], ['数据库原理与应用', 2], ['Java程序设计', 3], ['专业认识实习', 3, 'five'],
        ['Web前端开发', 4], ['软件测试技术', 4], ['移动应用开发', 5], ['软件项目实训', 5]],
      'RJ3290',
    ),
    programmes: [
      { university: '广西科技大学', program: '软件工程', seats: 3 },
      { university: '贺州学院', program: '软件工程', seats: 4 },
      { university: '玉林师范学院', program: '数据科学与大数据技术', seats: 3 },
    ],
  },
  大数据与会计: {
    name: '大数据与会计',
    college: '财经与物流管理学院',
    abbr: '会计',
    courses: [
      ...majorCourses(
        'CJ41',
        [['基础会计', 2], ['经济法基础', 2], ['财务会计', 3], ['专业认识实习', 3, 'five'],
          ['成本会计', 4], ['税务实务', 4], ['管理会计', 5]],
        'CJ4190',
      ),
      // 会计综合实训: the plan row has no 课程代码, the export has one ⇒ joined by name.
      course('CJ4108', '会计综合实训', 5, 'num', { planCode: '' }),
    ],
    programmes: [
      { university: '广西财经学院', program: '会计学', seats: 4 },
      { university: '南宁学院', program: '财务管理', seats: 4 },
      { university: '广西外国语学院', program: '会计学', seats: 2 },
    ],
  },
  现代物流管理: {
    name: '现代物流管理',
    college: '财经与物流管理学院',
    abbr: '物流',
    courses: majorCourses(
      '09041',
      [['物流管理基础', 2], ['供应链管理', 2], ['仓储与配送管理', 3], ['专业认识实习', 3, 'five'],
        ['物流信息技术', 4], ['运输管理实务', 4], ['采购管理', 5], ['物流成本管理', 5]],
      '0904190',
    ),
    programmes: [
      { university: '广西财经学院', program: '物流管理', seats: 3 },
      { university: '北部湾大学', program: '物流管理', seats: 4 },
      { university: '桂林旅游学院', program: '物流管理', seats: 2 },
    ],
  },
};

/** The plan of a major: common courses then major courses (16 rows, 14 counted). */
export function planOf(major: string): Course[] {
  const m = MAJORS[major];
  if (!m) throw new Error(`未知专业：${major}`);
  return [...COMMON, ...m.courses];
}

export interface GroupDef {
  id: string;
  major: string;
  track: '普通' | '扩招';
  rankingGroup?: string;
  size: number;
  /** 2-digit code inside the 学号. */
  idCode: string;
  classes: string[];
}

const COLLEGE_CODE: Record<string, string> = { 机电工程学院: '01', 电子信息工程学院: '03', 财经与物流管理学院: '05' };

export const GROUPS: GroupDef[] = [
  { id: 'G1', major: '机电一体化技术', track: '普通', size: 40, idCode: '01', classes: ['机电2101', '机电2102'] },
  { id: 'G2', major: '机电一体化技术', track: '普通', rankingGroup: '天工班', size: 10, idCode: '02', classes: ['机电2103（天工班）'] },
  { id: 'G3', major: '工业机器人技术', track: '普通', size: 30, idCode: '03', classes: ['机器人2101'] },
  { id: 'G4', major: '工业机器人技术', track: '扩招', size: 20, idCode: '13', classes: ['机器人21扩招班'] },
  { id: 'G5', major: '计算机网络技术', track: '普通', size: 45, idCode: '21', classes: ['网络2101', '网络2102'] },
  { id: 'G6', major: '软件技术', track: '普通', size: 40, idCode: '22', classes: ['软件2101', '软件2102'] },
  { id: 'G7', major: '大数据与会计', track: '普通', size: 38, idCode: '31', classes: ['会计2101', '会计2102'] },
  { id: 'G8', major: '现代物流管理', track: '普通', size: 32, idCode: '32', classes: ['物流2101'] },
];

export const groupLabel = (g: GroupDef): string =>
  `2021|${g.rankingGroup ? `${g.major}（${g.rankingGroup}）` : g.major}|${g.track}`;
/** Q = ⌊0.3 N⌋ and the 60 % line as a rank: top60 ⇔ rank ≤ ⌊0.6 N⌋ (integers, SPEC §2.5/§2.8). */
export const quotaOf = (n: number): number => Math.floor((n * 30) / 100);
export const line60Of = (n: number): number => Math.floor((n * 60) / 100);

// ───────────────────────────── scenario table ─────────────────────────────

/** One exam attempt of a scenario. `score` is written as is (number, 五级制/二级制 word, or a mark). */
export interface AttemptSpec {
  score: number | string;
  kind?: '正考' | '补考' | '重修' | '缓考';
  /** yyyy-mm-dd; null = the export has no date; absent = the usual date for that kind. */
  date?: string | null;
}
/** Hand-written attempts of one plan course, with the effective score SPEC §2.3 gives it. */
interface CourseOverride {
  attempts: AttemptSpec[];
  /** Effective score counted in the average; null = not counted (exempt / 异动 without a valid attempt). */
  eff: number | null;
}
interface AwardSpec {
  category: string;
  project: string;
  level: string;
  grade: string;
  teamRank?: number;
  year: number;
  verified?: string;
}
interface RosterSpec {
  trainingType?: string;
  statusChange?: string;
  veteran?: string;
  route?: string;
  merit?: string;
  sanction?: string;
  registration?: string;
  waiverProof?: string;
  wishes?: string[];
  ruling?: string;
  name?: string;
}
/** What SPEC §2 says this student's result must be (reasoned by hand, see README). */
export interface Expectation {
  rank: number | null;
  top60: boolean;
  eligible: boolean;
  reasons: string[];
  status: string;
  direct?: boolean;
  priority?: boolean;
  substituteOrder?: number | null;
  filledVacancy?: boolean;
  /** '大学/专业', null (no seat), or 'pending' (allocationPending). Absent = not asserted. */
  allocation?: string | null;
  zh: string;
  en: string;
}
export interface Scenario {
  id: string;
  group: string;
  /** Designed position among the ranked students; absent = the student has no average. */
  pos?: number;
  /** Exact target: Σ effective scores in hundredths over `count` counted courses (3rd-decimal cases). */
  sumH?: number;
  /** Identical score list to that scenario (an exact tie). */
  tieWith?: string;
  /** Same displayed (rounded) average as that scenario but a different exact one. */
  keyTieWith?: string;
  roster?: RosterSpec;
  courses?: Record<string, CourseOverride>;
  /** Grade rows for courses outside the plan (old major, electives). */
  extra?: { code: string; name: string; term: number; score: number | string; date?: string | null }[];
  /** All grade rows carry this date and none counts (异动 student whose grades all came after the cutoff). */
  allDated?: string;
  /** Term labels `第N学期` and these dates per term (a student who studied terms 1–2 in an earlier year). */
  termDates?: Record<number, string>;
  awards?: AwardSpec[];
  expect: Expectation;
}

const REG = '报名';
const post = (score: number | string, date: string, kind: AttemptSpec['kind'] = '正考'): CourseOverride => ({
  attempts: [{ score, kind, date }],
  eff: null,
});
const none = (eff: number | null): CourseOverride => ({ attempts: [], eff });
const ok = (zh: string, en: string, e: Partial<Expectation> & { rank: number }): Expectation => ({
  top60: true,
  eligible: true,
  reasons: [],
  status: 'recommended_quota',
  zh,
  en,
  ...e,
});

/** The deliberate cases. Every other student is background (see `background`). */
export const SCENARIOS: Scenario[] = [
  // ── G1 机电一体化技术 普通: N 40, Q 12, 60 % line rank ≤ 24 ──
  {
    id: 'G1-DIRECT-REGIONAL-1ST', group: 'G1', pos: 1, roster: { registration: REG },
    awards: [{ category: '广西职业院校技能大赛', project: '机电一体化项目', level: '自治区级', grade: '一等奖', year: 2023 }],
    expect: ok('广西职业院校技能大赛自治区级一等奖 ⇒ 不占指标，已报名', 'regional skills contest 1st prize ⇒ direct, registered',
      { rank: 1, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G1-PRIORITY-NATIONAL-EXCELLENCE', group: 'G1', pos: 2,
    awards: [{ category: '全国职业院校技能大赛', project: '机电一体化项目', level: '国家级', grade: '优秀奖', year: 2023 }],
    expect: ok('国赛优秀奖：只优先不直升，占第1个名额', 'national 优秀奖: priority only, takes seat 1',
      { rank: 2, direct: false, priority: true, filledVacancy: false }),
  },
  {
    id: 'G1-PRIORITY-REGIONAL-2ND', group: 'G1', pos: 3,
    awards: [{ category: '广西职业院校技能大赛', project: '电气安装与维修', level: '自治区级', grade: '二等奖', year: 2022 }],
    expect: ok('区赛二等奖：优先，不直升', 'regional 2nd prize: priority, not direct', { rank: 3, direct: false, priority: true }),
  },
  {
    id: 'G1-VETERAN-RESUMED-POSTCUTOFF', group: 'G1', pos: 4,
    roster: { statusChange: '复学', veteran: '是', route: '学校选拔', registration: REG },
    termDates: { 1: '2020-01-08', 2: '2020-07-03' },
    courses: {
      军事理论: { attempts: [{ score: '免修' }], eff: null },
      电工电子技术: post(80, '2024-04-12'),
    },
    expect: ok('服兵役复学的退役士兵（学籍异动）：第1–2学期成绩在2020年取得且学期写作“第N学期”；军事理论免修（不计）；电工电子技术2024-04-12补修（截止日后，不计），计入12门；学校选拔 ⇒ 退役士兵推荐，不占名额',
      'veteran back from service (异动): terms 1–2 dated 2020, 军事理论 exempt, one course only after the cutoff ⇒ 12 counted; school route ⇒ recommended_veteran, no seat',
      { rank: 4, status: 'recommended_veteran' }),
  },
  {
    id: 'G1-DIRECT-PROVINCE-LEVEL', group: 'G1', pos: 5, roster: { registration: REG },
    awards: [{ category: '广西中华职业教育创新创业大赛', project: '智能分拣机器人', level: '省级', grade: '一等奖', year: 2023 }],
    expect: ok('级别写作“省级”＝自治区级，一等奖 ⇒ 不占指标', '级别 省级 = 自治区级, 1st prize ⇒ direct',
      { rank: 5, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G1-CHEAT-THEN-RETAKE', group: 'G1', pos: 8,
    courses: { 机械设计基础: { attempts: [{ score: '作弊' }, { score: 82, kind: '重修' }], eff: 60 } },
    expect: ok('机械设计基础正考“作弊”(0分)，重修82 ⇒ cap60 计60，已通过', 'cheating mark (0), retake 82 ⇒ 60 under cap60, passed',
      { rank: 8 }),
  },
  {
    id: 'G1-ABSENT-THEN-MAKEUP', group: 'G1', pos: 10,
    courses: { 液压与气动技术: { attempts: [{ score: '缺考' }, { score: 66, kind: '补考' }], eff: 60 } },
    expect: ok('液压与气动技术缺考，补考66 ⇒ 计60，已通过', 'absent, makeup 66 ⇒ 60, passed', { rank: 10 }),
  },
  {
    id: 'G1-LEAVE-POSTCUTOFF', group: 'G1', pos: 12, roster: { statusChange: '休学', registration: REG },
    courses: {
      液压与气动技术: { attempts: [{ score: 77, kind: '正考', date: '2024-01-05' }], eff: 77 },
      PLC应用技术: post(88, '2024-03-28'),
    },
    expect: ok('休学复学（学籍异动）：PLC应用技术2024-03-28才有成绩 ⇒ 不计也不算未修，计入13门', 'sick leave (异动): PLC graded 2024-03-28 ⇒ neither counted nor missing, 13 counted',
      { rank: 12 }),
  },
  {
    id: 'G1-TERM6-FAILED', group: 'G1', pos: 13,
    courses: { 岗位实习: { attempts: [{ score: '不及格' }], eff: null } },
    expect: ok('第6学期岗位实习不及格：不计入，不影响资格', 'term-6 course failed: not counted, still eligible', { rank: 13 }),
  },
  {
    id: 'G1-UNCOUNTED-FAILED', group: 'G1', pos: 15,
    courses: { 劳动教育: { attempts: [{ score: '不合格' }], eff: null } },
    expect: ok('劳动教育（计入平均分=否）不合格：不计入，不影响资格；占第12个名额', '劳动教育 (计入平均分 否) failed: ignored; takes seat 12', { rank: 15, filledVacancy: false }),
  },
  {
    id: 'G1-FIRST-SUBSTITUTE', group: 'G1', pos: 16,
    expect: ok('名额已满后的第一人 ⇒ 递补第1', 'first after the quota ⇒ substitute 1', { rank: 16, status: 'substitute', substituteOrder: 1 }),
  },
  {
    id: 'G1-PRIORITY-BELOW-LINE', group: 'G1', pos: 28,
    awards: [{ category: '广西职业院校技能大赛', project: '工业网络智能控制', level: '自治区级', grade: '三等奖', year: 2023 }],
    expect: { rank: 28, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible', direct: false, priority: true,
      zh: '有区赛三等奖（优先）但排名28 > 24 ⇒ 不符合条件', en: 'priority award but rank 28 > 24 ⇒ ineligible' },
  },
  {
    id: 'G1-VETERAN-BELOW-LINE', group: 'G1', pos: 30, roster: { veteran: '是', route: '', registration: REG },
    expect: { rank: 30, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible',
      zh: '退役士兵，升本方式空（默认学校选拔），排名30 ⇒ 不在前60%', en: 'veteran, route blank (school), rank 30 ⇒ NOT_TOP60' },
  },

  // ── G2 机电一体化技术（天工班）: N 10, Q 3, line ≤ 6 ──
  {
    id: 'G2-WORLDSKILLS-SQUAD', group: 'G2', pos: 1, roster: { registration: REG },
    awards: [{ category: '世界技能大赛', project: '第47届世界技能大赛工业4.0项目中国集训队', level: '国家级', grade: '集训队队员', year: 2023 }],
    expect: ok('世界技能大赛集训队队员 ⇒ 不占指标（天工班独立排名组）', 'WorldSkills training squad ⇒ direct (天工班 group)',
      { rank: 1, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G2-INTERNETPLUS-NATIONAL-BRONZE', group: 'G2', pos: 2, roster: { registration: REG },
    awards: [{ category: '中国国际大学生创新大赛（互联网+）', project: '柔性装配线数字孪生', level: '国家级', grade: '铜奖', teamRank: 2, year: 2023 }],
    expect: ok('互联网+国赛铜奖、团队第2 ⇒ 不占指标', 'Internet+ national bronze, team rank 2 ⇒ direct',
      { rank: 2, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G2-LAST-SEAT', group: 'G2', pos: 5,
    expect: ok('天工班 Q=3：第3、4、5名占满3个名额', '天工班 Q = 3: positions 3–5 take the seats', { rank: 5 }),
  },
  {
    id: 'G2-SUBSTITUTE', group: 'G2', pos: 6,
    expect: ok('第6名仍在前60%（6 ≤ 6）⇒ 递补第1', 'rank 6 is top60 (6 ≤ 6) ⇒ substitute 1', { rank: 6, status: 'substitute', substituteOrder: 1 }),
  },

  // ── G3 工业机器人技术 普通: N 30, Q 9, line ≤ 18 ──
  {
    id: 'G3-GOLD-MEDAL', group: 'G3', pos: 1, roster: { registration: REG },
    awards: [{ category: '中华人民共和国职业技能大赛', project: '工业机器人系统运维（广西选拔赛）', level: '自治区级', grade: '金牌', year: 2023 }],
    expect: ok('中华人民共和国职业技能大赛自治区级金牌（=一等奖）⇒ 不占指标', 'national skills competition, regional gold (= 1st) ⇒ direct',
      { rank: 1, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G3-TRANSFER-UNDATED', group: 'G3', pos: 5, roster: { statusChange: '转专业', registration: REG },
    courses: Object.fromEntries(
      ['思想道德与法治', '大学英语Ⅰ', '信息技术基础', '军事理论'].map((n) => [n, { attempts: [{ score: n === '军事理论' ? '合格' : 84, date: null }], eff: n === '军事理论' ? 75 : 84 }]),
    ),
    extra: [{ code: 'JD2101', name: '机械制图', term: 1, score: 79, date: null }],
    expect: ok('转专业（学籍异动）：第1学期4门成绩无成绩日期 ⇒ 照常计入，计入14门；原专业课程机械制图不在本专业计划，忽略',
      'transferred (异动): four term-1 grades without a date still count ⇒ 14 counted; old-major course ignored', { rank: 5 }),
  },
  {
    id: 'G3-SHARED-NAME', group: 'G3', pos: 20, roster: { name: '韦志强', registration: '未报名' },
    expect: { rank: 20, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible',
      zh: '与扩招组一名学生同名“韦志强”（学号不同）', en: 'shares the name 韦志强 with a 扩招 student' },
  },

  // ── G4 工业机器人技术 扩招: N 20, Q 6, line ≤ 12 (ranked and quota'd alone) ──
  {
    id: 'G4-INTERNETPLUS-SILVER', group: 'G4', pos: 1, roster: { registration: REG },
    awards: [{ category: '中国国际大学生创新大赛（互联网+）', project: '乡村光伏运维服务', level: '自治区级', grade: '银奖', teamRank: 1, year: 2023 }],
    expect: ok('扩招组：互联网+区赛银奖 ⇒ 只优先不直升；扩招名额独立(Q=6)', '扩招 group: regional silver ⇒ priority only; own quota 6',
      { rank: 1, direct: false, priority: true }),
  },
  {
    id: 'G4-TWOLEVEL-MAKEUP', group: 'G4', pos: 3,
    courses: { 军事理论: { attempts: [{ score: '不合格' }, { score: '合格', kind: '补考' }], eff: 60 } },
    expect: ok('军事理论（二级制）不合格，补考合格(75) ⇒ cap60 计60', 'two-level course failed then 合格 at makeup ⇒ 60 under cap60', { rank: 3 }),
  },
  {
    id: 'G4-SHARED-NAME', group: 'G4', pos: 6, roster: { name: '韦志强', registration: REG },
    expect: ok('扩招组第6名占最后一个名额；与G3一名学生同名', 'position 6 takes the last 扩招 seat; same name as a G3 student', { rank: 6 }),
  },
  {
    id: 'G4-SUBSTITUTE', group: 'G4', pos: 7,
    expect: ok('扩招名额不给普通生，也不从普通组借 ⇒ 递补第1', '扩招 seats stay in the group ⇒ substitute 1', { rank: 7, status: 'substitute', substituteOrder: 1 }),
  },

  // ── G5 计算机网络技术: N 45 (44 ranked + 1 without average), Q 13, line ≤ 27 ──
  {
    id: 'G5-HONOUR-REGIONAL-MERIT', group: 'G5', pos: 1,
    roster: { registration: REG, wishes: ['广西科技大学/计算机科学与技术', '南宁师范大学/网络工程'] },
    awards: [{ category: '荣誉称号', project: '三好学生', level: '自治区级', grade: '', year: 2023 }],
    expect: ok('自治区级三好学生 ⇒ 不占指标；志愿1 广西科技大学/计算机科学与技术（2个名额）先取1个', 'regional 三好学生 ⇒ direct; takes 1 of the 2 seats of its first wish',
      { rank: 1, status: 'recommended_direct', direct: true, priority: true, allocation: '广西科技大学/计算机科学与技术' }),
  },
  {
    id: 'G5-TIE-TOP-A', group: 'G5', pos: 2,
    roster: { registration: REG, wishes: ['广西科技大学/计算机科学与技术', '南宁师范大学/网络工程'] },
    expect: ok('与下一人成绩完全相同（并列第2），两人都推荐；同一志愿只剩1个名额 ⇒ 两人都 allocationPending、无录取',
      'exact tie with the next student (both rank 2), both recommended; their first wish has 1 seat left ⇒ both allocationPending',
      { rank: 2, allocation: 'pending' }),
  },
  {
    id: 'G5-TIE-TOP-B', group: 'G5', pos: 3, tieWith: 'G5-TIE-TOP-A',
    roster: { registration: REG, wishes: ['广西科技大学-计算机科学与技术', '广西科技师范学院－计算机科学与技术'] },
    expect: ok('同上（志愿分隔符写作“-”“－”）', 'as above (wishes written with - and －)', { rank: 2, allocation: 'pending' }),
  },
  {
    id: 'G5-DIRECTED', group: 'G5', pos: 4, roster: { trainingType: '定向培养', registration: REG },
    expect: { rank: 4, top60: true, eligible: false, reasons: ['DIRECTED'], status: 'ineligible',
      zh: '定向培养：照常排名、计入N，但不符合条件', en: 'directed student: ranked and counted in N, but ineligible' },
  },
  {
    id: 'G5-SANCTION', group: 'G5', pos: 5, roster: { sanction: '是', registration: REG },
    expect: { rank: 5, top60: true, eligible: false, reasons: ['SANCTION'], status: 'ineligible',
      zh: '处分未解除 ⇒ 不符合条件', en: 'sanction not lifted ⇒ ineligible' },
  },
  {
    id: 'G5-TRANSFER-POSTCUTOFF', group: 'G5', pos: 6, roster: { statusChange: '转专业', registration: REG },
    courses: { 计算机网络基础: post(81, '2024-04-10'), Linux操作系统: none(null) },
    extra: [
      { code: 'RJ3201', name: '程序设计基础', term: 2, score: 86 },
      { code: 'RJ3202', name: '数据库原理与应用', term: 2, score: 79 },
    ],
    expect: ok('第3学期由软件技术转入（学籍异动）：本专业第2学期两门未修（其一2024-04-10补修，截止日后不计）⇒ 计入12门，不算未修；原专业课程忽略',
      'transferred in term 3 (异动): two term-2 courses not taken by the cutoff (one made up 2024-04-10) ⇒ 12 counted, not missing; old-major grades ignored',
      { rank: 6 }),
  },
  {
    id: 'G5-UNVERIFIED-AWARD', group: 'G5', pos: 7, roster: { registration: REG },
    awards: [{ category: '全国职业院校技能大赛', project: '计算机网络应用', level: '国家级', grade: '一等奖', year: 2023, verified: '不通过' }],
    expect: ok('国赛一等奖但审核不通过 ⇒ 不直升、不优先', 'national 1st prize not verified ⇒ neither direct nor priority', { rank: 7, direct: false, priority: false }),
  },
  {
    id: 'G5-IRRELEVANT-AWARD', group: 'G5', pos: 8, roster: { name: '黄丽娟', registration: REG },
    awards: [{ category: '全国大学生数学建模竞赛', project: '本科组/专科组', level: '国家级', grade: '一等奖', year: 2022 }],
    expect: ok('数学建模竞赛不在细则所列比赛 ⇒ 不计；与本组另一名“黄丽娟”同名', 'competition not listed by the 细则 ⇒ counts for nothing; shares a name in the group',
      { rank: 8, direct: false, priority: false }),
  },
  {
    id: 'G5-VETERAN-FAILED-COURSE', group: 'G5', pos: 9, roster: { veteran: '是', route: '学校选拔', registration: REG },
    courses: { 路由与交换技术: { attempts: [{ score: 41 }, { score: 47, kind: '补考' }], eff: 47 } },
    expect: ok('退役士兵学校选拔，有一门仍不及格 ⇒ 只作警告不作原因（veteranRequiresPass=false）⇒ 退役士兵推荐', 'veteran with a failed course: warning only ⇒ recommended_veteran',
      { rank: 9, status: 'recommended_veteran' }),
  },
  {
    id: 'G5-MAKEUP-PASS', group: 'G5', pos: 10,
    courses: { 网络安全技术: { attempts: [{ score: 52 }, { score: 71, kind: '补考' }], eff: 60 } },
    expect: ok('网络安全技术52分，补考71 ⇒ 计60', '52 then makeup 71 ⇒ 60', { rank: 10 }),
  },
  {
    id: 'G5-NO-WISH', group: 'G5', pos: 11, roster: { registration: REG, wishes: [] },
    expect: ok('推荐但未填志愿 ⇒ 无录取院校（警告）', 'recommended without any 志愿 ⇒ allocation null (warning)', { rank: 11, allocation: null }),
  },
  {
    id: 'G5-LAST-SEAT', group: 'G5', pos: 17,
    expect: ok('第13个名额（候选位次13 = Q，非递补）', 'seat 13 (candidate position 13 = Q, not a vacancy)', { rank: 17, filledVacancy: false }),
  },
  {
    id: 'G5-DEFERRED-SCORED', group: 'G5', pos: 20,
    courses: { 云计算技术应用: { attempts: [{ score: 78, kind: '缓考', date: '2024-03-08' }], eff: 78 } },
    expect: ok('云计算技术应用缓考后得78（首次考试）⇒ 计78；递补第3', 'deferred exam scored 78 (first sitting) ⇒ 78; substitute 3',
      { rank: 20, status: 'substitute', substituteOrder: 3 }),
  },
  {
    id: 'G5-TIE60-A', group: 'G5', pos: 27,
    expect: ok('与下一人成绩完全相同，跨60%线（位次27 ≤ 27 < 28）⇒ 两人并列第27、都在前60%、都符合条件；本人已报名 ⇒ 递补第10',
      'exact tie straddling the 60 % line ⇒ both rank 27, both top60 and eligible; registered ⇒ substitute 10', { rank: 27, status: 'substitute', substituteOrder: 10 }),
  },
  {
    id: 'G5-TIE60-B', group: 'G5', pos: 28, tieWith: 'G5-TIE60-A', roster: { registration: '放弃' },
    expect: ok('同上并列第27、前60%、符合条件（本组前60%共28人 > ⌊0.6×45⌋=27）；但报名状态“放弃”且无放弃证明 ⇒ 视为自动放弃',
      'tied at rank 27, top60 and eligible (28 top60 > ⌊0.6·45⌋ = 27); 报名状态 放弃 without proof ⇒ auto_waived',
      { rank: 27, status: 'auto_waived', substituteOrder: null }),
  },
  {
    id: 'G5-AFTER-TIE60', group: 'G5', pos: 29, roster: { registration: REG },
    expect: { rank: 29, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible',
      zh: '并列之后排名跳到29（无第28名）⇒ 不在前60%', en: 'after the tie the rank skips to 29 ⇒ NOT_TOP60' },
  },
  {
    id: 'G5-SHARED-NAME', group: 'G5', pos: 33, roster: { name: '黄丽娟' },
    expect: { rank: 33, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible',
      zh: '与本组 G5-IRRELEVANT-AWARD 同名“黄丽娟”', en: 'same name as G5-IRRELEVANT-AWARD' },
  },
  {
    id: 'G5-NO-GRADES-POSTCUTOFF', group: 'G5', roster: { statusChange: '转学转入', registration: REG },
    allDated: '2024-04-02',
    expect: { rank: null, top60: false, eligible: false, reasons: ['NO_GRADES', 'NOT_TOP60'], status: 'ineligible',
      zh: '转学转入（学籍异动），全部成绩认定于2024-04-02（截止日后）⇒ 无平均分、无排名，仍计入N=45',
      en: 'transferred from another school (异动), every grade dated 2024-04-02 ⇒ no average, no rank, still counted in N' },
  },

  // ── G6 软件技术: N 40, Q 12, line ≤ 24 ──
  {
    id: 'G6-DIRECT-NATIONAL-3RD', group: 'G6', pos: 1, roster: { registration: REG },
    awards: [{ category: '全国职业院校技能大赛', project: '软件测试', level: '国家级', grade: '三等奖', year: 2023 }],
    expect: ok('国赛三等奖 ⇒ 不占指标', 'national 3rd prize ⇒ direct', { rank: 1, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G6-DIRECT-UNREGISTERED', group: 'G6', pos: 2, roster: { registration: '未报名' },
    awards: [{ category: '中华人民共和国职业技能大赛', project: '移动应用开发', level: '国家级', grade: '铜牌', year: 2023 }],
    expect: ok('国赛铜牌（=三等奖）⇒ 不占指标，但未报名 ⇒ 视为自动放弃', 'national bronze medal ⇒ direct, but not registered ⇒ auto_waived',
      { rank: 2, status: 'auto_waived', direct: true, priority: true }),
  },
  {
    id: 'G6-WAIVED-PROOF', group: 'G6', pos: 4, roster: { registration: '放弃', waiverProof: '已签字（2024-03-27）' },
    expect: ok('放弃且交了放弃证明 ⇒ waived', 'waived with signed proof ⇒ waived', { rank: 4, status: 'waived' }),
  },
  {
    id: 'G6-WAIVED-NOPROOF', group: 'G6', pos: 5, roster: { registration: '放弃', waiverProof: '' },
    expect: ok('放弃但无证明 ⇒ 视为自动放弃', 'waived without proof ⇒ auto_waived', { rank: 5, status: 'auto_waived' }),
  },
  {
    id: 'G6-UNREGISTERED-WITH-PROOF', group: 'G6', pos: 6, roster: { registration: '', waiverProof: '已提交（2024-03-28）' },
    expect: ok('报名状态空但交了放弃证明：细则三(一)1 只把“未报名也未提交放弃升本证明材料”的视为自动放弃 ⇒ waived（SPEC §2.8 字面是 auto_waived；细则优先，见下文）',
      'not registered but proof submitted: the 细则 auto-waives only those without proof ⇒ waived (SPEC §2.8 literally says auto_waived; the 细则 wins)', { rank: 6, status: 'waived' }),
  },
  {
    id: 'G6-MISSING-COURSE', group: 'G6', pos: 7, roster: { registration: REG },
    courses: { Web前端开发: none(0) },
    expect: { rank: 7, top60: true, eligible: false, reasons: ['MISSING_COURSE'], status: 'ineligible',
      zh: '无学籍异动，缺Web前端开发一门 ⇒ 按0分计入平均分，未修完', en: 'no 异动, one plan course missing ⇒ counts 0, MISSING_COURSE' },
  },
  {
    id: 'G6-DIRECT-BUT-FAILED', group: 'G6', pos: 8, roster: { registration: REG },
    courses: { 软件测试技术: { attempts: [{ score: '缺考' }], eff: 0 } },
    awards: [{ category: '广西职业院校技能大赛', project: '软件测试', level: '自治区级', grade: '一等奖', year: 2023 }],
    expect: { rank: 8, top60: true, eligible: false, reasons: ['FAILED_COURSE'], status: 'ineligible', direct: false, priority: true,
      zh: '区赛一等奖但软件测试技术缺考未补考（0分、不及格）⇒ 不符合条件，故不直升', en: 'regional 1st prize but an absent course never made up ⇒ ineligible, so not direct' },
  },
  {
    id: 'G6-FIVELEVEL-MAKEUP', group: 'G6', pos: 9,
    courses: { 专业认识实习: { attempts: [{ score: '不及格' }, { score: '及格', kind: '补考' }], eff: 60 } },
    expect: ok('五级制不及格，补考及格(65) ⇒ cap60 计60；占第2个名额', 'five-level fail then 及格 ⇒ 60; seat 2', { rank: 9 }),
  },
  {
    id: 'G6-RETAKE-STILL-FAILED', group: 'G6', pos: 10, roster: { registration: REG },
    courses: { Java程序设计: { attempts: [{ score: 48 }, { score: 55, kind: '补考' }, { score: 58, kind: '重修' }], eff: 58 } },
    expect: { rank: 10, top60: true, eligible: false, reasons: ['FAILED_COURSE'], status: 'ineligible',
      zh: 'Java程序设计48、补考55、重修58 ⇒ 取最高58，仍不及格', en: '48, makeup 55, retake 58 ⇒ 58, still failed' },
  },
  {
    id: 'G6-DEFERRED-PENDING', group: 'G6', pos: 11, roster: { registration: REG },
    courses: { 移动应用开发: { attempts: [{ score: '缓考', kind: '缓考', date: '2024-03-08' }], eff: 0 } },
    expect: { rank: 11, top60: true, eligible: false, reasons: ['MISSING_COURSE'], status: 'ineligible',
      zh: '移动应用开发缓考尚无成绩 ⇒ 无有效成绩，无异动学生按未修0分计（按 SPEC §2.2/§2.4 的读法）', en: 'deferred exam without a score yet ⇒ no valid attempt ⇒ missing, counts 0' },
  },
  {
    id: 'G6-WISH-OTHER-MAJOR', group: 'G6', pos: 12, roster: { registration: REG, wishes: ['南宁师范大学/网络工程'] },
    expect: ok('唯一志愿是计算机网络技术的对口专业 ⇒ 推荐但无录取（警告）', 'only wish belongs to another 高职专业 ⇒ recommended, allocation null',
      { rank: 12, allocation: null }),
  },
  {
    id: 'G6-DEC3-A', group: 'G6', pos: 14, sumH: 112203,
    expect: ok('精确平均80.145（14门合计1122.03），四舍五入显示80.15（浮点会错成80.14）', 'exact 80.145 ⇒ 80.15 half-up (a float toFixed gives 80.14)', { rank: 14 }),
  },
  {
    id: 'G6-DEC3-B', group: 'G6', pos: 15, sumH: 112200,
    expect: ok('精确80.142857…（1122/14）⇒ 80.14；与A只差第3位小数，名次低于A', 'exact 80.142857… ⇒ 80.14; differs from A only in the 3rd decimal', { rank: 15 }),
  },
  {
    id: 'G6-DEC3-D', group: 'G6', pos: 16, sumH: 112196, keyTieWith: 'G6-DEC3-B',
    expect: ok('精确80.14 ⇒ 显示80.14，rankOn=rounded 时与B并列第15（rankOn=exact 时B第15、D第16）', 'exact 80.14: tied with B at rank 15 under rankOn=rounded (16 under exact)',
      { rank: 15 }),
  },
  {
    id: 'G6-VACANCY-FILLED', group: 'G6', pos: 19,
    expect: ok('候选位次13 > Q=12，因前面有人放弃而得到名额 ⇒ filledVacancy=true', 'candidate position 13 > Q ⇒ filledVacancy', { rank: 19, filledVacancy: true }),
  },
  {
    id: 'G6-LAST-SEAT-VACANCY', group: 'G6', pos: 21,
    expect: ok('第12个名额，候选位次15 ⇒ filledVacancy=true', 'seat 12, candidate position 15 ⇒ filledVacancy', { rank: 21, filledVacancy: true }),
  },
  {
    id: 'G6-NOCHANGE-RETAKE-POSTCUTOFF', group: 'G6', pos: 22,
    courses: { 数据库原理与应用: { attempts: [{ score: 45 }, { score: 50, kind: '补考' }, { score: 76, kind: '重修', date: '2024-04-08' }], eff: 60 } },
    expect: ok('无学籍异动，重修2024-04-08通过：截止日只约束异动学生 ⇒ 计60、已通过；递补第1', 'no 异动: a retake after the cutoff still counts ⇒ 60, passed; substitute 1',
      { rank: 22, status: 'substitute', substituteOrder: 1 }),
  },
  {
    id: 'G6-TIE-OUTSIDE-A', group: 'G6', pos: 25,
    expect: { rank: 25, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible',
      zh: '与下一人完全相同，并列第25 > 24 ⇒ 两人一起在线外', en: 'exact tie at rank 25 > 24 ⇒ both outside together' },
  },
  {
    id: 'G6-TIE-OUTSIDE-B', group: 'G6', pos: 26, tieWith: 'G6-TIE-OUTSIDE-A',
    expect: { rank: 25, top60: false, eligible: false, reasons: ['NOT_TOP60'], status: 'ineligible', zh: '同上', en: 'as above' },
  },

  // ── G7 大数据与会计: N 38, Q 11, line ≤ 22 — the quota-line tie left to the leading group ──
  {
    id: 'G7-HONOUR-GRADUATE', group: 'G7', pos: 1, roster: { registration: REG },
    awards: [{ category: '荣誉称号', project: '优秀毕业生', level: '自治区级', grade: '', year: 2024 }],
    expect: ok('自治区级优秀毕业生 ⇒ 不占指标', 'regional 优秀毕业生 ⇒ direct', { rank: 1, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G7-DIRECTED-WITH-HONOUR', group: 'G7', pos: 3, roster: { trainingType: '定向', registration: REG },
    awards: [{ category: '荣誉称号', project: '三好学生', level: '自治区级', grade: '', year: 2023 }],
    expect: { rank: 3, top60: true, eligible: false, reasons: ['DIRECTED'], status: 'ineligible', direct: false, priority: true,
      zh: '定向生即使有自治区级三好学生也不符合条件，不直升', en: 'directed student with a regional honour: still ineligible, not direct' },
  },
  {
    id: 'G7-WAIVED-PROOF', group: 'G7', pos: 5, roster: { registration: '放弃', waiverProof: '有' },
    expect: ok('放弃并交证明', 'waived with proof', { rank: 5, status: 'waived' }),
  },
  {
    id: 'G7-NOT-REGISTERED', group: 'G7', pos: 7, roster: { registration: '未报名' },
    expect: ok('未报名 ⇒ 自动放弃', 'not registered ⇒ auto_waived', { rank: 7, status: 'auto_waived' }),
  },
  {
    id: 'G7-WAIVED-NOPROOF', group: 'G7', pos: 9, roster: { registration: '放弃', waiverProof: '' },
    expect: ok('放弃无证明 ⇒ 自动放弃', 'waived without proof ⇒ auto_waived', { rank: 9, status: 'auto_waived' }),
  },
  {
    id: 'G7-SANCTION-TEXT', group: 'G7', pos: 12, roster: { sanction: '严重警告处分（未解除）', registration: REG },
    expect: { rank: 12, top60: true, eligible: false, reasons: ['SANCTION'], status: 'ineligible',
      zh: '处分列写的是处分描述（非“否/无”）⇒ 处分未解除', en: 'sanction cell holds a description ⇒ sanctioned' },
  },
  {
    id: 'G7-PRIORITY-LEAGUE-MEMBER', group: 'G7', pos: 13,
    awards: [{ category: '荣誉称号', project: '优秀团员', level: '校级', grade: '', year: 2023 }],
    expect: ok('校级优秀团员 ⇒ 优先（不直升）；第7个名额', 'school-level 优秀团员 ⇒ priority only; seat 7', { rank: 13, direct: false, priority: true, filledVacancy: false }),
  },
  {
    id: 'G7-VACANCY-FILLED', group: 'G7', pos: 16,
    expect: ok('第10个名额，候选位次13 > 11 ⇒ 递补所得 filledVacancy', 'seat 10, candidate position 13 > Q ⇒ filledVacancy', { rank: 16, filledVacancy: true }),
  },
  {
    id: 'G7-TIE-QUOTA-A', group: 'G7', pos: 17,
    expect: ok('与下一人完全相同，剩1个名额要给2人 ⇒ 两人 tie_pending（TIE_AT_QUOTA，裁定结果空）', 'exact tie needing 2 seats with 1 left ⇒ both tie_pending (no ruling)',
      { rank: 17, status: 'tie_pending', substituteOrder: null }),
  },
  {
    id: 'G7-TIE-QUOTA-B', group: 'G7', pos: 18, tieWith: 'G7-TIE-QUOTA-A',
    expect: ok('同上', 'as above', { rank: 17, status: 'tie_pending', substituteOrder: null }),
  },
  {
    id: 'G7-AFTER-TIE', group: 'G7', pos: 19,
    expect: ok('并列块之后没人再得名额；块中2人争1个名额，裁定后必有1人不推荐排在前面 ⇒ 递补第2（SPEC §2.8）', 'nobody after the block gets a seat; one of the block (2 for 1 seat) will be 不推荐 whatever the ruling ⇒ substitute 2', { rank: 19, status: 'substitute', substituteOrder: 2 }),
  },

  // ── G8 现代物流管理: N 32, Q 9, line ≤ 19 — quota-line tie resolved by priority and 裁定结果 ──
  {
    id: 'G8-INTERNETPLUS-GOLD-TEAM3', group: 'G8', pos: 1, roster: { registration: REG },
    awards: [{ category: '中国国际大学生创新大赛（互联网+）广西赛区', project: '县域冷链共配', level: '自治区级', grade: '金奖', teamRank: 3, year: 2023 }],
    expect: ok('互联网+区赛金奖、团队第3 ⇒ 不占指标', 'Internet+ regional gold, team rank 3 ⇒ direct', { rank: 1, status: 'recommended_direct', direct: true, priority: true }),
  },
  {
    id: 'G8-INTERNETPLUS-GOLD-TEAM7', group: 'G8', pos: 2,
    awards: [{ category: '中国国际大学生创新大赛（互联网+）广西赛区', project: '县域冷链共配', level: '自治区级', grade: '金奖', teamRank: 7, year: 2023 }],
    expect: ok('同一金奖但团队第7 > 5 ⇒ 只优先', 'same gold, team rank 7 > 5 ⇒ priority only', { rank: 2, direct: false, priority: true }),
  },
  {
    id: 'G8-INTERNETPLUS-GOLD-NORANK', group: 'G8', pos: 3,
    awards: [{ category: '中国国际大学生创新大赛（互联网+）广西赛区', project: '县域冷链共配', level: '自治区级', grade: '金奖', year: 2023 }],
    expect: ok('金奖但团队排名空 ⇒ 不直升（警告），优先', 'gold without team rank ⇒ not direct (warning), priority', { rank: 3, direct: false, priority: true }),
  },
  {
    id: 'G8-HONOUR-NAME-IN-GRADE', group: 'G8', pos: 4,
    awards: [{ category: '荣誉称号', project: '', level: '校级', grade: '优秀团干', year: 2023 }],
    expect: ok('荣誉名写在“等次”列（项目名称空）：校级优秀团干 ⇒ 优先', 'honour name in 等次: school 优秀团干 ⇒ priority', { rank: 4, direct: false, priority: true }),
  },
  {
    id: 'G8-VETERAN-EXAM-ROUTE', group: 'G8', pos: 6, roster: { veteran: '是', route: '综合考查', merit: '三等功', registration: REG },
    expect: ok('退役士兵（三等功）选综合考查 ⇒ exam_route，不进学校选拔', 'veteran (三等功) on the exam route ⇒ exam_route', { rank: 6, status: 'exam_route' }),
  },
  {
    id: 'G8-TIE-QUOTA-PRIORITY', group: 'G8', pos: 10,
    awards: [{ category: '荣誉称号', project: '优秀学生干部', level: '校级', grade: '', year: 2023 }],
    expect: ok('三人同分并列第10；本人有校级优秀学生干部（优先）⇒ 先取第8个名额', 'three-way tie at rank 10; this one has priority ⇒ takes seat 8 first',
      { rank: 10, priority: true, filledVacancy: false }),
  },
  {
    id: 'G8-TIE-QUOTA-RULED-YES', group: 'G8', pos: 11, tieWith: 'G8-TIE-QUOTA-PRIORITY', roster: { registration: REG, ruling: '推荐' },
    expect: ok('另两人同分同无优先，剩1个名额 ⇒ tie_pending，裁定结果“推荐”⇒ 推荐（候选位次9，非递补）', 'remaining two need 2 seats with 1 left; ruling 推荐 ⇒ recommended_quota',
      { rank: 10, priority: false, filledVacancy: false }),
  },
  {
    id: 'G8-TIE-QUOTA-RULED-NO', group: 'G8', pos: 12, tieWith: 'G8-TIE-QUOTA-PRIORITY', roster: { registration: REG, ruling: '不推荐' },
    expect: ok('裁定结果“不推荐”⇒ 递补第1', 'ruling 不推荐 ⇒ substitute 1', { rank: 10, status: 'substitute', substituteOrder: 1, priority: false }),
  },
  {
    id: 'G8-AFTER-TIE', group: 'G8', pos: 13,
    expect: ok('递补第2（裁定为不推荐的那人算在前面的递补里）', 'substitute 2 (the 不推荐 student is a substitute ahead)', { rank: 13, status: 'substitute', substituteOrder: 2 }),
  },
  {
    id: 'G8-PRIORITY-CITY-MERIT', group: 'G8', pos: 14,
    awards: [{ category: '荣誉称号', project: '三好学生', level: '市级', grade: '', year: 2022 }],
    expect: ok('市级三好学生（校级及以上）⇒ 优先；递补第3', 'city-level 三好学生 ⇒ priority; substitute 3', { rank: 14, status: 'substitute', substituteOrder: 3, priority: true }),
  },
];

/** Awards of background students that count for nothing (irrelevant competitions, not verified). */
const BACKGROUND_AWARDS: { group: string; pos: number; award: AwardSpec }[] = [
  { group: 'G6', pos: 30, award: { category: '蓝桥杯全国软件和信息技术专业人才大赛', project: 'Java软件开发', level: '省级', grade: '一等奖', year: 2023 } },
  { group: 'G1', pos: 35, award: { category: '校园技能节', project: '钳工', level: '校级', grade: '一等奖', year: 2022 } },
];

// ───────────────────────────── people ─────────────────────────────

const SURNAMES = '李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗梁韦覃蓝莫廖谭潘卢蒙'.split('');
const GIVEN_M = '伟强磊军洋勇杰涛明超辉鹏华飞斌宇浩凯俊峰志文博鑫源'.split('');
const GIVEN_F = '芳娜敏静丽艳娟霞婷雪琳玲倩颖燕萍红梅慧佳欣怡婧晶'.split('');
const ETHNIC = ['汉族', '汉族', '汉族', '壮族', '壮族', '瑶族', '侗族', '苗族'];
const POLITICAL = ['共青团员', '共青团员', '共青团员', '群众', '中共预备党员'];

/** 18-digit 身份证号 with region 450203, birthday yyyyMMMM (obviously synthetic) and a valid ISO 7064 check. */
export function fakeIdNumber(serial: number, male: boolean, expanded: boolean): string {
  const mm = String((serial % 12) + 1).padStart(2, '0');
  const birth = `${expanded ? '1990' : '2002'}${mm}${mm}`;
  const seq = String(((serial * 2) % 1000) + (male ? 1 : 0)).padStart(3, '0');
  const body = `450203${birth}${seq}`;
  return body + idCheckDigit(body);
}
export function idCheckDigit(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * (w[i] as number);
  return '10X98765432'[s % 11] as string;
}

// ───────────────────────────── grades ─────────────────────────────

const TERM_END: Record<number, string> = { 1: '2022-01-07', 2: '2022-07-01', 3: '2023-01-06', 4: '2023-06-30', 5: '2024-01-05', 6: '2024-03-15' };
const TERM_MAKEUP: Record<number, string> = { 1: '2022-03-04', 2: '2022-09-02', 3: '2023-03-03', 4: '2023-09-01', 5: '2024-03-08', 6: '2024-03-15' };
const RETAKE_DATE: Record<number, string> = { 1: '2023-01-06', 2: '2023-06-30', 3: '2024-01-05', 4: '2024-01-05', 5: '2024-03-08', 6: '2024-03-15' };
export const CUTOFF = '2024-03-18';

function academicTerm(term: number): string {
  const y = 2021 + Math.floor((term - 1) / 2);
  return `${y}-${y + 1}-${((term - 1) % 2) + 1}`;
}

export interface GradeRow {
  studentId: string;
  name: string;
  className: string;
  code: string;
  course: string;
  credits: number;
  assessment: string;
  kind: string;
  term: string;
  score: number | string;
  date: string | null;
}

export interface StudentRecord {
  studentId: string;
  name: string;
  group: GroupDef;
  college: string;
  className: string;
  male: boolean;
  ethnicity: string;
  political: string;
  idNumber: string;
  phone: string;
  address: string;
  examNo: string;
  trainingType: string;
  statusChange: string;
  veteran: string;
  route: string;
  merit: string;
  sanction: string;
  poverty: string;
  registration: string;
  waiverProof: string;
  wishes: string[];
  ruling: string;
  pos: number | null;
  scenario: Scenario | null;
  /** Designed exact average: Σ effective hundredths / counted courses (null = no average). */
  design: { sumH: number; count: number } | null;
  grades: GradeRow[];
  awards: AwardSpec[];
}

const FIVE_WORD: Record<number, string> = { 95: '优秀', 85: '良好', 75: '中等', 65: '及格' };
const fiveFor = (avgH: number): number => (avgH >= 9000 ? 95 : avgH >= 8000 ? 85 : avgH >= 7000 ? 75 : 65);

/**
 * Scores (hundredths) for `n` free numeric courses summing to exactly `need`, each in [lo, hi],
 * integer points except one that carries the remainder (e.g. 84.3 or 81.03).
 */
function solveFree(rnd: () => number, n: number, need: number, lo = 6000, hi = 9900): number[] {
  if (n === 0) {
    if (need !== 0) throw new Error(`无可调整课程却还差 ${need}`);
    return [];
  }
  if (need < n * lo || need > n * hi) throw new Error(`目标不可达：${n} 门课需合计 ${need / 100}`);
  const mean = need / n / 100;
  const s = Array.from({ length: n }, () => Math.min(hi / 100, Math.max(lo / 100, Math.round(mean + (rnd() - 0.5) * 12))) * 100);
  let diff = need - s.reduce((a, b) => a + b, 0);
  let guard = 0;
  while (Math.abs(diff) >= 100) {
    const i = Math.floor(rnd() * n);
    const step = diff > 0 ? 100 : -100;
    const v = (s[i] as number) + step;
    if (v >= lo && v <= hi) {
      s[i] = v;
      diff -= step;
    }
    if (++guard > 100000) throw new Error('分数分配不收敛');
  }
  if (diff !== 0) {
    const j = s.findIndex((v) => v + diff >= lo && v + diff <= hi);
    if (j < 0) throw new Error('余数无处安放');
    s[j] = (s[j] as number) + diff;
  }
  return s;
}

const hToScore = (h: number): number => h / 100;

// ───────────────────────────── building the school ─────────────────────────────

/** Descending target averages (hundredths, multiples of 10) by linear interpolation between anchors. */
function ladder(ranked: number, anchors: Map<number, number>): number[] {
  const pts = new Map(anchors);
  if (!pts.has(1)) pts.set(1, 9200);
  if (!pts.has(ranked)) pts.set(ranked, 6230);
  const keys = [...pts.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  for (let p = 1; p <= ranked; p++) {
    const exact = pts.get(p);
    if (exact !== undefined) {
      out.push(exact);
      continue;
    }
    const lo = keys.filter((k) => k < p).pop() as number;
    const hi = keys.find((k) => k > p) as number;
    const a = pts.get(lo) as number;
    const b = pts.get(hi) as number;
    const v = a + ((b - a) * (p - lo)) / (hi - lo);
    out.push(Math.floor(v / 10) * 10);
  }
  return out;
}

/** Half-up rounding of sumH / count hundredths to a 2-decimal display, in integers. */
export function displayAverage(sumH: number, count: number): string {
  const h = Math.floor((2 * sumH + count) / (2 * count));
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

function background(g: GroupDef, pos: number | null, line: number): Scenario {
  return {
    id: '',
    group: g.id,
    ...(pos === null ? {} : { pos }),
    // Below the line every fourth student also failed a course for good (a second reason).
    ...(pos !== null && pos > line && (pos - line) % 4 === 2
      ? { courses: { [planOf(g.major)[9]?.name as string]: { attempts: [{ score: 45 }, { score: 52, kind: '补考' }], eff: 52 } } }
      : {}),
    expect: { rank: pos, top60: false, eligible: false, reasons: [], status: '', zh: '', en: '' },
  };
}

function buildGroup(g: GroupDef, serialBase: number, usedNames: Set<string>): StudentRecord[] {
  const major = MAJORS[g.major] as Major;
  const plan = planOf(g.major);
  const line = line60Of(g.size);
  const scen = SCENARIOS.filter((s) => s.group === g.id);
  const unranked = scen.filter((s) => s.pos === undefined).length;
  const ranked = g.size - unranked;
  const byPos = new Map<number, Scenario>();
  for (const s of scen) {
    if (s.pos === undefined) continue;
    if (s.pos < 1 || s.pos > ranked || byPos.has(s.pos)) throw new Error(`${s.id}: 位置 ${s.pos} 非法或重复`);
    byPos.set(s.pos, s);
  }
  const anchors = new Map<number, number>();
  for (const s of scen) if (s.pos !== undefined && s.sumH !== undefined) anchors.set(s.pos, Math.floor(s.sumH / 14));
  const targets = ladder(ranked, anchors);
  for (const s of scen) {
    const lead = s.tieWith ?? s.keyTieWith;
    if (lead && s.pos !== undefined) targets[s.pos - 1] = targets[(byPos.get(s.pos - 1)?.pos ?? 0) - 1] as number;
  }

  const specs: Scenario[] = [];
  for (let p = 1; p <= ranked; p++) specs.push(byPos.get(p) ?? background(g, p, line));
  specs.push(...scen.filter((s) => s.pos === undefined));

  // 学号 order is unrelated to the rank: shuffle the seats of the roster deterministically.
  const rnd = prng(`roster:${g.id}`);
  const order = specs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const college = major.college;
  const records: StudentRecord[] = [];
  const byScenario = new Map<string, StudentRecord>();
  order.forEach((specIndex, seat) => {
    const spec = specs[specIndex] as Scenario;
    const serial = serialBase + seat + 1;
    const r = prng(`student:${g.id}:${seat}`);
    const male = r() < (g.major === '大数据与会计' ? 0.25 : 0.7);
    let name = spec.roster?.name ?? '';
    while (!name || (usedNames.has(name) && !spec.roster?.name)) {
      name = pick(r, SURNAMES) + pick(r, male ? GIVEN_M : GIVEN_F) + (r() < 0.6 ? pick(r, male ? GIVEN_M : GIVEN_F) : '');
    }
    usedNames.add(name);
    const className = g.classes[seat % g.classes.length] as string;
    const studentId = `${COLLEGE_CODE[college]}21${g.idCode}${String(seat + 1).padStart(4, '0')}`;
    const pos = spec.pos ?? null;
    const above = pos !== null && pos <= line;
    const ro = spec.roster ?? {};
    const regDefault = above ? (r() < 0.9 ? '报名' : '已报名') : pick(r, ['报名', '报名', '未报名', '未报名', '', '放弃']);
    const wishes = ro.wishes ?? defaultWishes(r, major);
    const rec: StudentRecord = {
      studentId,
      name,
      group: g,
      college,
      className,
      male,
      ethnicity: pick(r, ETHNIC),
      political: pick(r, POLITICAL),
      idNumber: fakeIdNumber(serial, male, g.track === '扩招'),
      phone: `1390000${String(serial).padStart(4, '0')}`,
      address: `广西柳州市示例区样本路${serial}号`,
      examNo: `21450203${String(serial).padStart(6, '0')}`,
      // Background values spelled as real rosters spell them (SPEC §1.1 whole-value vocabularies, each read as
      // 普通 / 否 / not lifted): chosen by serial, so the random stream (names, registration…) is unchanged.
      trainingType: ro.trainingType ?? (g.track === '扩招' ? '扩招' : r() < 0.8 ? (['普通', '普通', '非定向', '统招', '普通（非扩招）'][serial % 5] as string) : ''),
      statusChange: ro.statusChange ?? (['否', '否', '无异动', '正常', '-', '在籍'][serial % 6] as string),
      veteran: ro.veteran ?? '否',
      route: ro.route ?? '',
      merit: ro.merit ?? '',
      sanction: ro.sanction ?? (r() < 0.5 ? '否' : (['无', '无', '无处分', '警告（已解除）'][serial % 4] as string)),
      poverty: r() < 0.08 ? '是' : '否',
      registration: ro.registration ?? regDefault,
      waiverProof: ro.waiverProof ?? (ro.registration === undefined && regDefault === '放弃' && r() < 0.5 ? '已提交' : regDefault === '放弃' ? '未提交' : ''),
      wishes,
      ruling: ro.ruling ?? '',
      pos,
      scenario: spec.id ? spec : null,
      design: null,
      grades: [],
      awards: [...(spec.awards ?? []), ...BACKGROUND_AWARDS.filter((b) => b.group === g.id && b.pos === pos).map((b) => b.award)],
    };
    records.push(rec);
    if (spec.id) byScenario.set(spec.id, rec);
  });

  // Grades: leaders first, so that a tie follower copies its leader's rows.
  const ordered = [...records].sort((a, b) => (a.pos ?? 1e9) - (b.pos ?? 1e9));
  for (const rec of ordered) {
    const spec = rec.scenario ?? background(g, rec.pos, line);
    const lead = spec.tieWith ? byScenario.get(spec.tieWith) : undefined;
    if (lead) {
      rec.grades = lead.grades.map((row) => ({ ...row, studentId: rec.studentId, name: rec.name, className: rec.className }));
      rec.design = lead.design;
      continue;
    }
    const target = rec.pos === null ? null : (targets[rec.pos - 1] as number);
    buildGrades(rec, spec, plan, target);
  }
  checkDesignOrder(g, ordered);
  return records.sort((a, b) => (a.studentId < b.studentId ? -1 : 1));
}

function defaultWishes(r: () => number, major: Major): string[] {
  const seps = ['/', '/', '/', '-', '－', '—', '·'];
  const ps = [...major.programmes];
  for (let i = ps.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [ps[i], ps[j]] = [ps[j] as Programme, ps[i] as Programme];
  }
  const n = r() < 0.15 ? 2 : 3;
  return ps.slice(0, n).map((p) => `${p.university}${pick(r, seps)}${p.program}`);
}

function buildGrades(rec: StudentRecord, spec: Scenario, plan: Course[], target: number | null): void {
  const r = prng(`grades:${rec.studentId}`);
  const ordinal = spec.termDates !== undefined || rec.college === '电子信息工程学院';
  const termLabel = (t: number): string => (ordinal ? `第${t}学期` : academicTerm(t));
  const dateFor = (t: number, kind: string, explicit: string | null | undefined): string | null => {
    if (spec.allDated) return spec.allDated;
    if (explicit !== undefined) return explicit;
    if (kind === '正考' && spec.termDates?.[t]) return spec.termDates[t] as string;
    return kind === '正考' ? (TERM_END[t] as string) : kind === '重修' ? (RETAKE_DATE[t] as string) : (TERM_MAKEUP[t] as string);
  };
  const over = spec.courses ?? {};
  for (const name of Object.keys(over)) if (!plan.some((c) => c.name === name)) throw new Error(`${spec.id}: 计划中没有课程 ${name}`);

  // Effective scores: fixed ones from the table, 五级制/二级制 chosen by level, numeric ones solved.
  const countedAll = spec.allDated === undefined;
  let fixed = 0;
  let count = 0;
  const free: Course[] = [];
  const chosen = new Map<string, number | string>();
  const avgGuess = target ?? 8000;
  for (const c of plan) {
    const o = over[c.name];
    const counts = c.counted && countedAll;
    if (o) {
      if (counts && o.eff !== null) {
        fixed += o.eff * 100;
        count++;
      }
      continue;
    }
    if (c.scale === 'five') {
      const v = c.counted ? fiveFor(avgGuess) : pick(r, [95, 85, 85, 75]);
      chosen.set(c.name, FIVE_WORD[v] as string);
      if (counts) {
        fixed += v * 100;
        count++;
      }
    } else if (c.scale === 'two') {
      chosen.set(c.name, '合格');
      if (counts) {
        fixed += 7500;
        count++;
      }
    } else {
      free.push(c);
      if (counts) count++;
    }
  }
  const sumH = target === null ? null : spec.sumH ?? target * count;
  const need = sumH === null ? free.length * avgGuess : sumH - fixed;
  const solved = solveFree(r, free.length, need);
  free.forEach((c, i) => chosen.set(c.name, hToScore(solved[i] as number)));
  rec.design = sumH === null || count === 0 ? null : { sumH, count };

  for (const c of plan) {
    const o = over[c.name];
    const attempts: AttemptSpec[] = o ? o.attempts : [{ score: chosen.get(c.name) as number | string }];
    for (const a of attempts) {
      const kind = a.kind ?? '正考';
      rec.grades.push({
        studentId: rec.studentId,
        name: rec.name,
        className: rec.className,
        code: c.gradeCode,
        course: c.name,
        credits: c.credits,
        assessment: c.assessment,
        kind,
        term: termLabel(c.term),
        score: a.score,
        date: dateFor(c.term, kind, a.date),
      });
    }
  }
  for (const x of spec.extra ?? []) {
    rec.grades.push({
      studentId: rec.studentId, name: rec.name, className: rec.className, code: x.code, course: x.name, credits: 3,
      assessment: '考试', kind: '正考', term: termLabel(x.term), score: x.score, date: x.date === undefined ? (TERM_END[x.term] as string) : x.date,
    });
  }
  // Some students took an elective outside the plan (ignored by the rules).
  if (r() < 0.2 && spec.allDated === undefined) {
    rec.grades.push({
      studentId: rec.studentId, name: rec.name, className: rec.className, code: 'GX0007', course: '中华优秀传统文化（公选）', credits: 1,
      assessment: '考查', kind: '正考', term: termLabel(3), score: intIn(r, 70, 95), date: TERM_END[3] as string,
    });
  }
}

/** The design is what the README promises: displayed averages strictly descend by position except declared ties. */
function checkDesignOrder(g: GroupDef, ordered: StudentRecord[]): void {
  const ranked = ordered.filter((r) => r.pos !== null);
  for (let i = 1; i < ranked.length; i++) {
    const a = ranked[i - 1] as StudentRecord;
    const b = ranked[i] as StudentRecord;
    if (!a.design || !b.design) throw new Error(`${g.id}: 位置 ${b.pos} 没有平均分设计`);
    const da = Math.floor((2 * a.design.sumH + a.design.count) / (2 * a.design.count));
    const db = Math.floor((2 * b.design.sumH + b.design.count) / (2 * b.design.count));
    const declared = b.scenario && (b.scenario.tieWith || b.scenario.keyTieWith);
    if (declared ? da !== db : da <= db) {
      throw new Error(`${g.id}: 位置 ${a.pos}(${da}) 与 ${b.pos}(${db}) 的平均分顺序与设计不符`);
    }
  }
}

export interface School {
  students: StudentRecord[];
}

export function buildSchool(): School {
  const students: StudentRecord[] = [];
  let serial = 0;
  const usedNames = new Set<string>();
  for (const g of GROUPS) {
    students.push(...buildGroup(g, serial, usedNames));
    serial += g.size;
  }
  for (const s of SCENARIOS) {
    if (!GROUPS.some((g) => g.id === s.group)) throw new Error(`${s.id}: 未知组 ${s.group}`);
  }
  return { students };
}

// ───────────────────────────── sheets ─────────────────────────────

type Cell = string | number | Date | null;
export interface SheetData {
  name: string;
  /** Rows above the header (title, blank). */
  preamble: Cell[][];
  header: string[];
  rows: Cell[][];
}

export const ROSTER_HEADERS = [
  '序号', '学号', '姓名', '性别', '民族', '政治面貌', '二级学院', '专业', '班级', '年级', '培养类型', '排名组',
  '身份证号', '手机号', '家庭住址', '考生号', '学籍异动', '退役大学生士兵', '升本方式', '立功情况', '处分未解除',
  '建档立卡', '报名状态', '放弃证明', '志愿1', '志愿2', '志愿3', '裁定结果',
];
/** The same columns as written by other colleges: synonyms, inner blanks, full-width blanks. */
export const ROSTER_HEADER_VARIANTS: Record<string, Record<string, string>> = {
  机电工程学院: {},
  电子信息工程学院: { 学号: '学 号', 姓名: '姓　名', 手机号: '联系电话' },
  财经与物流管理学院: {
    学号: '学生学号', 姓名: '学生姓名', 二级学院: '院系', 专业: '专业名称', 班级: '行政班', 年级: '入学年级',
    培养类型: '学生类别', 身份证号: '身份证号码', 手机号: '联系电话', 退役大学生士兵: '退役士兵', 处分未解除: '处分',
  },
};

function rosterSheet(college: string, students: StudentRecord[], title: boolean): SheetData {
  const variant = ROSTER_HEADER_VARIANTS[college] ?? {};
  const header = ROSTER_HEADERS.map((h) => variant[h] ?? h);
  const rows = students.map((s, i): Cell[] => [
    i + 1, s.studentId, s.name, s.male ? '男' : '女', s.ethnicity, s.political, s.college, s.group.major, s.className,
    title ? '2021级' : 2021, s.trainingType, s.group.rankingGroup ?? '', s.idNumber, s.phone, s.address, s.examNo,
    s.statusChange, s.veteran, s.route, s.merit, s.sanction, s.poverty, s.registration, s.waiverProof,
    s.wishes[0] ?? '', s.wishes[1] ?? '', s.wishes[2] ?? '', s.ruling,
  ]);
  return {
    name: `学生名册-${college}`,
    preamble: title ? [[`柳州职业技术学院${college}2021级学生名册（2024届毕业生）`], []] : [],
    header,
    rows,
  };
}

export const GRADE_HEADERS = ['学号', '姓名', '班级', '课程代码', '课程名称', '学分', '考核方式', '考试性质', '开课学期', '总评成绩', '成绩日期'];

const isoToDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
/** Excel serial day number (1900 date system) of an ISO date. */
export const excelSerial = (iso: string): number => Math.round((isoToDate(iso).getTime() - Date.UTC(1899, 11, 30)) / 86400000);

function gradeSheet(students: StudentRecord[]): SheetData {
  const rows: Cell[][] = [];
  for (const s of students) {
    const textScores = s.college === '电子信息工程学院'; // that export writes every score as text
    const serialDates = s.college === '财经与物流管理学院'; // that export lost the date format
    for (const g of s.grades) {
      const score = typeof g.score === 'number' && textScores ? String(g.score) : g.score;
      const date = g.date === null ? null : serialDates ? excelSerial(g.date) : isoToDate(g.date);
      rows.push([g.studentId, g.name, g.className, g.code, g.course, g.credits, g.assessment, g.kind, g.term, score, date]);
    }
  }
  return {
    name: '成绩',
    preamble: [['柳州职业技术学院2021级学生课程成绩（教务系统导出）'], []],
    header: GRADE_HEADERS,
    rows,
  };
}

function planSheet(): SheetData {
  const rows: Cell[][] = [];
  for (const m of Object.keys(MAJORS)) {
    for (const c of planOf(m)) {
      rows.push([m, 2021, c.planCode, c.name, c.term, c.assessment, c.credits, c.counted || c.term > 5 ? '是' : '否']);
    }
  }
  return { name: '教学计划', preamble: [], header: ['专业', '年级', '课程代码', '课程名称', '学期', '考核方式', '学分', '计入平均分'], rows };
}

function awardSheet(students: StudentRecord[]): SheetData {
  const rows: Cell[][] = [];
  for (const s of students) {
    for (const a of s.awards) {
      rows.push([s.studentId, s.name, a.category, a.project, a.level, a.grade, a.teamRank ?? '', a.year, a.verified ?? '通过']);
    }
  }
  return {
    name: '获奖与荣誉',
    preamble: [],
    header: ['学号', '姓名', '类别', '项目名称', '级别', '等次', '团队排名', '获奖年份', '审核结果'],
    rows,
  };
}

function seatSheet(): SheetData {
  const rows: Cell[][] = [];
  for (const m of Object.values(MAJORS)) for (const p of m.programmes) rows.push([p.university, p.program, m.name, p.seats, 2021]);
  return { name: '对口招录计划', preamble: [], header: ['本科院校', '本科专业', '高职专业', '计划数', '年级'], rows };
}

function notesSheet(): SheetData {
  return {
    name: '填表说明',
    preamble: [],
    header: ['说明'],
    rows: [
      ['本工作簿为虚构的示例学校数据，人名、身份证号、电话、地址均为编造。'],
      ['身份证号地区码一律为450203，出生日期为2002-MM-MM或1990-MM-MM格式，手机号为13900000xxxx。'],
    ],
  };
}

export function schoolSheets(school: School): SheetData[] {
  const colleges = [...new Set(GROUPS.map((g) => (MAJORS[g.major] as Major).college))];
  return [
    notesSheet(),
    ...colleges.map((c, i) => rosterSheet(c, school.students.filter((s) => s.college === c), i === colleges.length - 1)),
    gradeSheet(school.students),
    planSheet(),
    awardSheet(school.students),
    seatSheet(),
  ];
}

/** Fixed workbook dates: regenerating gives the same document properties. */
const FIXED_DATE = new Date(Date.UTC(2024, 2, 18, 8, 0, 0));

async function writeWorkbook(file: string, sheets: SheetData[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '专升本推荐助手（示例数据生成脚本）';
  wb.lastModifiedBy = '专升本推荐助手（示例数据生成脚本）';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const p of s.preamble) ws.addRow(p);
    if (s.preamble.length > 0 && s.preamble[0]?.length) {
      ws.mergeCells(1, 1, 1, Math.min(s.header.length, 10));
      ws.getCell(1, 1).font = { bold: true, size: 14 };
    }
    const hr = ws.addRow(s.header);
    hr.font = { bold: true };
    // An empty text is a blank cell, as in a real export.
    for (const r of s.rows) {
      const row = ws.addRow(r.map((v) => (v === '' ? null : v)));
      // Only real dates get a date format; a serial number stays General, as in an export that lost it.
      r.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
    }
    s.header.forEach((h, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.max(8, Math.min(40, h.length * 2 + 4, ...s.rows.slice(0, 50).map((r) => String(r[i] ?? '').length * 1.6 + 2)));
    });
    ws.views = [{ state: 'frozen', ySplit: s.preamble.length + 1 }];
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  fs.writeFileSync(file, fixZipTimes(buf));
}

/**
 * ExcelJS stamps every zip entry with the current time; set them to FIXED_DATE so that regenerating gives
 * byte-identical files (and git sees no change). Patches the DOS time/date of the central directory entries
 * and of the local headers they point at.
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const d = FIXED_DATE;
  const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  const dosDate = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('写出的 xlsx 不是有效的 zip：找不到目录结尾');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip 目录项 ${i} 损坏`);
    zip.writeUInt16LE(dosTime, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip 文件头 ${i} 损坏`);
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

// ───────────────────────────── GB18030 CSV ─────────────────────────────

let gbTable: Map<string, number[]> | null = null;
/** Reverse table of every 2-byte GB18030 sequence, built by decoding them (Node has no GBK encoder). */
function gb18030Table(): Map<string, number[]> {
  if (gbTable) return gbTable;
  const dec = new TextDecoder('gb18030');
  const t = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !t.has(ch)) t.set(ch, [lead, trail]);
    }
  }
  gbTable = t;
  return t;
}

export function encodeGb18030(text: string): Buffer {
  const table = gb18030Table();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`字符“${ch}”(U+${cp.toString(16).toUpperCase()})无法用 GB18030 双字节编码`);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

const csvField = (v: Cell): string => {
  const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The grades as Chinese Excel saves 「CSV（逗号分隔）」: GB18030, CRLF, header in the first row. */
export function gradesCsv(school: School): string {
  const lines = [GRADE_HEADERS.map(csvField).join(',')];
  for (const s of school.students) {
    for (const g of s.grades) {
      lines.push([g.studentId, g.name, g.className, g.code, g.course, g.credits, g.assessment, g.kind, g.term, g.score, g.date].map(csvField).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

// ───────────────────────────── README ─────────────────────────────

const yes = (b: boolean | undefined): string => (b === undefined ? '' : b ? '是' : '否');
const REASON_ZH: Record<string, string> = {
  DIRECTED: '定向培养', SANCTION: '处分未解除', NO_GRADES: '无成绩', MISSING_COURSE: '有未修课程',
  FAILED_COURSE: '有不及格课程', NOT_TOP60: '未进前60%',
};

function expectExtras(e: Expectation): string {
  const parts: string[] = [];
  if (e.direct !== undefined) parts.push(`direct=${e.direct}`);
  if (e.priority !== undefined) parts.push(`priority=${e.priority}`);
  if (e.substituteOrder !== undefined) parts.push(`substituteOrder=${e.substituteOrder}`);
  if (e.filledVacancy !== undefined) parts.push(`filledVacancy=${e.filledVacancy}`);
  if (e.allocation !== undefined) parts.push(e.allocation === 'pending' ? 'allocationPending=true' : `allocation=${e.allocation ?? 'null'}`);
  return parts.join('<br>');
}

export function readme(school: School): string {
  const cases = school.students.filter((s) => s.scenario).sort((a, b) =>
    a.group.id === b.group.id ? (a.pos ?? 999) - (b.pos ?? 999) : a.group.id < b.group.id ? -1 : 1);
  const groupRows = GROUPS.map((g) => {
    const n = g.size;
    return `| ${g.id} | \`${groupLabel(g).replace(/\|/g, '\\|')}\` | ${(MAJORS[g.major] as Major).college} | ${n} | ${quotaOf(n)} | ${line60Of(n)} |`;
  });
  const caseRows = cases.map((s) => {
    const sc = s.scenario as Scenario;
    const e = sc.expect;
    const avg = s.design ? displayAverage(s.design.sumH, s.design.count) : '—';
    const counted = s.design ? String(s.design.count) : '0';
    const reasons = e.reasons.length ? e.reasons.map((r) => `${r}（${REASON_ZH[r]}）`).join('、') : '—';
    return `| ${s.studentId} | ${s.name} | ${s.group.id} | ${sc.id} | ${avg} | ${counted} | ${e.rank ?? '—'} | ${yes(e.top60)} | ${yes(e.eligible)} | ${reasons} | \`${e.status}\` | ${expectExtras(e)} | ${e.zh} |`;
  });
  const enRows = cases.map((s) => `| ${s.studentId} | ${(s.scenario as Scenario).id} | \`${(s.scenario as Scenario).expect.status}\` | ${(s.scenario as Scenario).expect.en} |`);
  const postCutoff = school.students.filter((s) => !['否', '无异动', '正常', '-', '在籍'].includes(s.statusChange) && s.grades.some((g) => g.date !== null && g.date > CUTOFF));
  return [
    '# 示例学校（虚构）2024 专升本数据 / Synthetic sample school',
    '',
    '> 本文件由 `npm run sample`（`scripts/generate-sample.ts`）生成，请勿手工修改。',
    '> Generated by `npm run sample`; do not edit by hand.',
    '',
    '## 文件',
    '',
    '| 文件 | 内容 |',
    '|---|---|',
    '| `示例学校-2024专升本.xlsx` | 全部输入表：3 张学生名册（每个二级学院一张，财经学院那张用同义表头并带标题行和空行）、成绩（教务系统导出格式，标题行+空行，每次考试一行）、教学计划、获奖与荣誉、对口招录计划，外加一张不属于任何类型的“填表说明” |',
    '| `示例学校-2024专升本-不含成绩.xlsx` | 同上但没有“成绩”表，与下面的 CSV 一起使用 |',
    '| `成绩-GBK.csv` | 与“成绩”表相同的成绩，按中文版 Excel“CSV（逗号分隔）”保存：GB18030 编码、CRLF、无标题行 |',
    '',
    '```',
    'npx zsb run assets/sample/示例学校-2024专升本.xlsx --json result.json --out result.xlsx',
    'npx zsb run assets/sample/示例学校-2024专升本-不含成绩.xlsx assets/sample/成绩-GBK.csv --json result.json   # 结果应与上一行相同',
    '```',
    '',
    '所有人物均为虚构：姓名由常见姓氏和名字用字随机组合（故意让几个人重名）；身份证号地区码一律 450203、出生日期为 2002-MM-MM（扩招生 1990-MM-MM）、校验位有效；手机号 13900000xxxx；地址为“广西柳州市示例区样本路N号”。',
    '',
    '各输入表的“真实”细节：学期同时有 `第3学期`（电子信息工程学院）和 `2022-2023-1`（其他学院）两种写法；电子信息工程学院的成绩全部是文本数字；财经与物流管理学院的成绩日期是 Excel 序列号（无日期格式）；军事理论的成绩行没有课程代码（按课程名称对应）；大数据与会计的“会计综合实训”在教学计划里没有课程代码；每个专业 16 门计划课程：14 门计入（第1–5学期，含1门五级制“专业认识实习”和1门二级制“军事理论”），“劳动教育”计入平均分=否，第6学期“岗位实习”不计；约两成学生有一门计划外的公选课（应忽略）。',
    '',
    '## 排名组 / Ranking groups',
    '',
    '前60%线：排名 ≤ ⌊0.6N⌋ 即 `rank×100 ≤ 60×N`；名额 Q = ⌊0.3N⌋。 / top60 ⇔ rank ≤ ⌊0.6N⌋; Q = ⌊0.3N⌋.',
    '',
    '| 组 | group key | 二级学院 | N | Q | 前60%线（名次） |',
    '|---|---|---|---|---|---|',
    ...groupRows,
    '',
    '## 设计 / How the sample is designed',
    '',
    '每个有平均分的学生在组内有一个设计位次（1 = 最高）。除下表的刻意情形外，其他学生（背景学生）的平均分按位次从约 92.00 降到约 62.30，都是 0.10 的整数倍且互不相同，所以只有表中声明的并列。背景学生：设计位次在60%线内的都已报名、无处分、无异动、全部及格、修完计划，因此都符合条件；60%线以下每隔4人有1人还有一门不及格（补考仍不及格）。据此，表中的名额、递补顺序和递补标志都可以逐人推出来。',
    '',
    'Every student with an average has a designed position in the group. Background students get distinct averages (multiples of 0.10, about 92.00 down to 62.30), so the only ties are the declared ones. Background students whose designed position is within the 60 % line are registered, unsanctioned, without 异动, complete and passed, hence eligible; below the line every fourth one also failed a course. That makes every seat, substitute number and vacancy flag below derivable by hand.',
    '',
    `学籍异动且有截止日（${CUTOFF}）之后成绩的学生：${postCutoff.length} 人（${postCutoff.map((s) => s.studentId).join('、')}）。`,
    '',
    '## 刻意情形与按 SPEC §2 推出的正确结果 / Deliberate cases and their expected outcome',
    '',
    '“平均分”和“计入门数”是设计值（按 SPEC §2.3–§2.4：计入课程的有效成绩之和 ÷ 计入门数，四舍五入保留2位）；其余列按 SPEC §2 的默认设置推出，未运行引擎。空白 = 本表不作断言。',
    '',
    '| 学号 | 姓名 | 组 | 情形 | 平均分 | 计入门数 | 排名 | 前60% | 符合条件 | 原因 | 推荐结果 status | 其他 | 说明 |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...caseRows,
    '',
    '### English summary of the cases',
    '',
    '| 学号 | case | expected status | note |',
    '|---|---|---|---|',
    ...enRows,
    '',
    '## SPEC 与细则的出入 / Where SPEC and the 细则 differ',
    '',
    '- **未报名但交了放弃证明**（G6-UNREGISTERED-WITH-PROOF）：SPEC §2.8 把“未报名”一律判为 `auto_waived`；细则三(一)1 原文是“未报名**也未**提交放弃升本证明材料的视为自动放弃”，即交了证明的应是 `waived`。两者都不占名额，只影响状态和附件14的统计。细则优先，本表写 `waived`。',
    '  Not registered but a signed waiver submitted: SPEC says `auto_waived`; the 细则 only auto-waives students who neither registered nor submitted proof, so the expectation here is `waived` (the 细则 wins). Seats are unaffected.',
    '- **排名组的名额基数**：细则三(一)2 的比例基数是“同年级、同专业毕业班学生总人数”。SPEC §2.1（已更正）按专业总人数核定指标，再按最大余数分给各排名组（设置 rankingGroupQuota）。本样本 40 + 10 人：⌊0.3×50⌋ = 15，⌊0.3×40⌋ + ⌊0.3×10⌋ = 12 + 3 = 15，无余数可分；若为 41 + 9：分组取整只有 12 + 2 = 14；按专业核定为 ⌊0.3×50⌋ = 15，多出的 1 个给余数较大的组（41×0.3 = 12.3 余 .3，9×0.3 = 2.7 余 .7 ⇒ 天工班得 3）。',
    '  Quota base of a 排名组: the whole major (细则 三(一)2), apportioned by largest remainder (here 12 + 3 = 15 either way).',
    '- **互联网+ 国家级奖项**：细则只写“获区赛金奖及以上奖项项目团队排名前5”，SPEC 解释为“自治区级金奖或国家级铜奖及以上”。G2-INTERNETPLUS-NATIONAL-BRONZE 按 SPEC 判为不占指标。',
    '  Internet+ national bronze counts as direct per SPEC; the 细则 only says “区赛金奖及以上”.',
    '- **缓考尚无成绩**（G6-DEFERRED-PENDING）：细则未规定；SPEC §2.2 称“pending”，§2.4 把“没有有效成绩”的计划课程算未修（0分）。本表按此写 MISSING_COURSE；若应另作“待定”处理请组长裁定。',
    '  A 缓考 without a score: SPEC makes it missing (0) for a non-异动 student; the 细则 is silent.',
    '',
  ].join('\n');
}

// ───────────────────────────── main ─────────────────────────────

export const SAMPLE_FILES = {
  workbook: '示例学校-2024专升本.xlsx',
  workbookNoGrades: '示例学校-2024专升本-不含成绩.xlsx',
  csv: '成绩-GBK.csv',
  readme: 'README.md',
} as const;

export async function generateSample(outDir: string): Promise<School> {
  const school = buildSchool();
  const sheets = schoolSheets(school);
  fs.mkdirSync(outDir, { recursive: true });
  await writeWorkbook(path.join(outDir, SAMPLE_FILES.workbook), sheets);
  await writeWorkbook(path.join(outDir, SAMPLE_FILES.workbookNoGrades), sheets.filter((s) => s.name !== '成绩'));
  fs.writeFileSync(path.join(outDir, SAMPLE_FILES.csv), encodeGb18030(gradesCsv(school)));
  fs.writeFileSync(path.join(outDir, SAMPLE_FILES.readme), readme(school), 'utf8');
  return school;
}

if (require.main === module) {
  const outDir = process.argv[2] ?? path.resolve(__dirname, '..', 'assets', 'sample');
  generateSample(outDir).then(
    (school) => {
      console.log(`已生成示例数据：${outDir}（${school.students.length} 名学生）`);
    },
    (err: unknown) => {
      console.error('生成示例数据失败：', err);
      process.exitCode = 1;
    },
  );
}

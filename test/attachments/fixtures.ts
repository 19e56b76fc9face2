/**
 * A crafted EngineOutput for the 附件 tests: three ranking groups in two 二级学院, every status, every
 * course mark, awards evidence, 退役士兵, seats. Built directly (not through the engine) so that each
 * sheet is tested on known inputs.
 */
import { CourseScores } from '../../src/engine/courseScores';
import { defaultConfig } from '../../src/engine/config';
import type { Config } from '../../src/engine/config';
import type { Issue } from '../../src/engine/issues';
import type { ProgramSeats, Student } from '../../src/engine/model';
import type {
  AwardEvidence,
  CourseScore,
  EngineOutput,
  GroupDetails,
  GroupResult,
  ReasonCode,
  Status,
  StudentDetails,
  StudentResult,
} from '../../src/engine/result';
import type { AttachmentMeta } from '../../src/sheets/attachments';

export interface GroupSpec {
  grade: number;
  major: string;
  track: '普通' | '扩招';
  label?: string;
  college: string;
  quota: number;
  courses: { key: string; name: string; term: number }[];
  students: StudentSpec[];
}

/**
 * Course cells: '95' first sitting; 'L60' later (补考), 'R60' later (重修), 'M' missing (0), 'E' exempt,
 * 'N' not taken, 'P' pending, 'K0' first with mark 缺考.
 */
export interface StudentSpec {
  id: string;
  name: string;
  average: string | null;
  rank: number | null;
  courses: string[];
  status: Status;
  reasons?: ReasonCode[];
  top60?: boolean;
  direct?: boolean;
  priority?: boolean;
  veteran?: boolean;
  veteranRoute?: 'school' | 'exam';
  merit?: string;
  statusChange?: string;
  trainingType?: Student['trainingType'];
  registration?: Student['registration'];
  waiverProof?: boolean;
  filledVacancy?: boolean;
  substituteOrder?: number;
  allocation?: { university: string; program: string };
  allocationPending?: boolean;
  evidence?: AwardEvidence[];
  notes?: string[];
}


/** An 18-character 身份证号, an 11-digit 手机号 and an address, all distinct per student. */
function sensitive(n: number): Pick<Student, 'idNumber' | 'phone' | 'address'> {
  const seq = String(100 + n).padStart(3, '0');
  return {
    idNumber: `45020320020101${seq}${n % 2 ? 'X' : '7'}`,
    phone: `1387720${String(1000 + n).padStart(4, '0')}`,
    address: `广西柳州市城中区文昌路${n}号`,
  };
}

function courseScore(course: { key: string; name: string; term: number }, cell: string): CourseScore {
  const base = { courseKey: course.key, courseName: course.name, term: course.term };
  if (cell === 'M') return { ...base, hundredths: 0, source: 'missing', passed: false, counted: true };
  if (cell === 'E') return { ...base, hundredths: null, source: 'exempt', passed: true, counted: false };
  if (cell === 'N') return { ...base, hundredths: null, source: 'not_taken', passed: false, counted: false };
  if (cell === 'P') return { ...base, hundredths: null, source: 'pending', passed: false, counted: false };
  if (cell.startsWith('K')) {
    return { ...base, hundredths: 0, source: 'first', passed: false, counted: true, mark: '缺考' };
  }
  if (cell.startsWith('L') || cell.startsWith('R')) {
    const h = Math.round(Number(cell.slice(1)) * 100);
    return {
      ...base,
      hundredths: h,
      source: 'later',
      passed: h >= 6000,
      counted: true,
      laterKind: cell.startsWith('L') ? 'makeup' : 'retake',
    };
  }
  const h = Math.round(Number(cell) * 100);
  return { ...base, hundredths: h, source: 'first', passed: h >= 6000, counted: true };
}

export function buildOutput(specs: GroupSpec[], opts: { config?: Partial<Config>; seats?: ProgramSeats[] | null } = {}): {
  output: EngineOutput;
  config: Config;
} {
  const config: Config = { ...defaultConfig(), ...opts.config };
  let idCounter = 0;
  const groups: GroupResult[] = [];
  const students: StudentResult[] = [];
  const details = new Map<string, StudentDetails>();
  const groupDetails = new Map<string, GroupDetails>();
  for (const g of specs) {
    const label = g.label ?? g.major;
    const key = `${g.grade}|${label}|${g.track}`;
    const count = (s: Status) => g.students.filter((x) => x.status === s).length;
    groups.push({
      key,
      grade: g.grade,
      major: g.major,
      track: g.track,
      label,
      size: g.students.length,
      quotaBase: g.students.length,
      quota: g.quota,
      recommendedQuota: count('recommended_quota'),
      recommendedDirect: count('recommended_direct'),
      recommendedVeteran: count('recommended_veteran'),
      tiePending: count('tie_pending'),
    });
    groupDetails.set(key, {
      key,
      courses: g.courses.map((c) => ({ courseKey: c.key, courseName: c.name, term: c.term })),
      planInferred: false,
    });
    for (const s of g.students) {
      idCounter++;
      const courses = g.courses.map((c, i) => courseScore(c, s.courses[i] ?? 'N'));
      const missing = courses.filter((c) => c.source === 'missing').map((c) => c.courseName);
      const failed = courses.filter((c) => c.counted && c.source !== 'missing' && !c.passed).map((c) => c.courseName);
      const student: Student = {
        studentId: s.id,
        name: s.name,
        major: g.major,
        cohort: g.grade,
        college: g.college,
        className: `${g.major.slice(0, 4)}${g.grade % 100}01班`,
        gender: idCounter % 2 ? '男' : '女',
        ethnicity: '壮族',
        political: '共青团员',
        examNo: `21450203150${String(idCounter).padStart(3, '0')}`,
        ...sensitive(idCounter),
        trainingType: s.trainingType ?? (g.track === '扩招' ? 'expanded' : 'normal'),
        rankingGroup: g.label && g.label !== g.major ? g.label.slice(g.major.length + 1, -1) : undefined,
        statusChange: s.statusChange !== undefined,
        statusChangeType: s.statusChange,
        veteran: s.veteran ?? false,
        veteranRoute: s.veteranRoute ?? 'school',
        merit: s.merit,
        sanction: false,
        povertyFile: false,
        registration: s.registration ?? null,
        waiverProof: s.waiverProof ?? false,
        wishes: s.allocation ? [s.allocation, { university: '桂林理工大学', program: '机械工程' }] : [],
        ruling: null,
        source: { sheet: '学生名册', row: idCounter + 1 },
      };
      const reasons = s.reasons ?? [];
      students.push({
        studentId: s.id,
        name: s.name,
        group: key,
        average: s.average,
        countedCourses: courses.filter((c) => c.counted).length,
        missingCourses: missing,
        failedCourses: failed,
        rank: s.rank,
        groupSize: g.students.length,
        top60: s.top60 ?? (s.rank !== null && s.rank * 100 <= 60 * g.students.length),
        eligible: reasons.length === 0,
        direct: s.direct ?? false,
        priority: s.priority ?? false,
        veteran: s.veteran ?? false,
        status: s.status,
        reasons,
        substituteOrder: s.substituteOrder ?? null,
        filledVacancy: s.filledVacancy ?? false,
        allocation: s.allocation ?? null,
        allocationPending: s.allocationPending ?? false,
      });
      details.set(s.id, {
        student,
        courses: CourseScores.of(courses),
        exactAverage: s.average === null ? null : { num: Math.round(Number(s.average) * 100), den: 1 },
        evidence: s.evidence ?? [],
        notes: s.notes ?? [],
        wishes: student.wishes,
      });
    }
  }
  const output: EngineOutput = {
    result: { version: 1, config, groups, students, issues: [] },
    students: details,
    groups: groupDetails,
    seats: opts.seats ?? null,
  };
  return { output, config };
}

const MATH = { key: 'GS01', name: '高等数学', term: 1 };
const ENGLISH = { key: 'YY01', name: '大学英语', term: 1 };
const DRAWING = { key: 'ZT02', name: '机械制图', term: 2 };
const ACCOUNTING = { key: 'KJ01', name: '基础会计', term: 1 };

export const UNIVERSITY = { university: '广西科技大学', program: '机械设计制造及其自动化' };

export const directEvidence: AwardEvidence = {
  kind: 'direct',
  text: '2023年 全国职业院校技能大赛 国家级 二等奖（工业机器人技术应用）',
  category: '全国职业院校技能大赛',
  project: '工业机器人技术应用',
  levelText: '国家级',
  grade: '二等奖',
  sheet: '获奖',
  row: 2,
};

export const honourEvidence: AwardEvidence = {
  kind: 'direct',
  text: '2023年 荣誉称号 自治区级 优秀学生干部',
  category: '荣誉称号',
  project: '优秀学生干部',
  levelText: '自治区级',
  grade: '优秀学生干部',
  sheet: '获奖',
  row: 3,
};

/** The three groups after registration (recommendation has run). */
export function registeredGroups(): GroupSpec[] {
  return [
    {
      grade: 2021,
      major: '机电一体化技术',
      track: '普通',
      college: '机电工程学院',
      quota: 3,
      courses: [MATH, ENGLISH, DRAWING],
      students: [
        { id: '2021010101', name: '张三', average: '95.00', rank: 1, courses: ['95', '96', '94'], status: 'recommended_quota', registration: 'registered', priority: true, allocation: UNIVERSITY },
        { id: '2021010102', name: '李四', average: '92.50', rank: 2, courses: ['90', '95', '92.5'], status: 'recommended_direct', registration: 'registered', direct: true, priority: true, evidence: [directEvidence] },
        { id: '2021010103', name: '王五', average: '90.00', rank: 3, courses: ['100', 'R70', '100'], status: 'recommended_veteran', registration: 'registered', veteran: true, merit: '三等功' },
        { id: '2021010105', name: '孙七', average: '88.00', rank: 4, courses: ['88', '88', '88'], status: 'recommended_quota', registration: 'registered', allocation: { university: '桂林理工大学', program: '机械工程' } },
        { id: '2021010104', name: '赵六', average: '88.00', rank: 4, courses: ['88', 'E', '88'], status: 'waived', registration: 'waived', waiverProof: true },
        { id: '2021010106', name: '周八', average: '85.00', rank: 6, courses: ['L60', '95', '100'], status: 'recommended_quota', registration: 'registered', filledVacancy: true, allocationPending: true },
        { id: '2021010108', name: '吴十', average: '78.00', rank: 7, courses: ['78', 'N', 'P'], status: 'ineligible', reasons: ['NOT_TOP60'], statusChange: '转专业', registration: 'none' },
        { id: '2021010109', name: '郑一', average: '63.33', rank: 8, courses: ['95', '95', 'M'], status: 'ineligible', reasons: ['MISSING_COURSE', 'NOT_TOP60'], registration: 'none' },
        { id: '2021010107', name: '钱九', average: '60.00', rank: 9, courses: ['K0', '90', '90'], status: 'ineligible', reasons: ['FAILED_COURSE', 'NOT_TOP60'], registration: 'none' },
        { id: '2021010110', name: '冯二', average: null, rank: null, courses: ['N', 'N', 'N'], status: 'ineligible', reasons: ['NO_GRADES', 'NOT_TOP60'], registration: 'none' },
      ],
    },
    {
      grade: 2021,
      major: '机电一体化技术',
      track: '扩招',
      college: '机电工程学院',
      quota: 1,
      courses: [MATH, DRAWING],
      students: [
        { id: '2021019001', name: '陈甲', average: '82.00', rank: 1, courses: ['82', '82'], status: 'recommended_quota', registration: 'registered', allocation: UNIVERSITY },
        { id: '2021019002', name: '褚乙', average: '80.00', rank: 2, courses: ['80', '80'], status: 'substitute', substituteOrder: 1, registration: 'registered' },
        { id: '2021019003', name: '卫丙', average: '70.00', rank: 3, courses: ['70', '70'], status: 'ineligible', reasons: ['NOT_TOP60'], registration: 'none' },
        { id: '2021019004', name: '蒋丁', average: '65.00', rank: 4, courses: ['65', '65'], status: 'ineligible', reasons: ['NOT_TOP60'], registration: 'none' },
      ],
    },
    {
      grade: 2021,
      major: '大数据与会计',
      track: '普通',
      college: '财经与物流管理学院',
      quota: 0,
      courses: [ACCOUNTING],
      students: [
        { id: '2021050101', name: '沈戊', average: '91.00', rank: 1, courses: ['91'], status: 'recommended_direct', direct: true, priority: true, registration: 'registered', evidence: [honourEvidence] },
        { id: '2021050102', name: '韩己', average: '85.00', rank: 2, courses: ['85'], status: 'exam_route', veteran: true, veteranRoute: 'exam', registration: 'none', notes: ['退役士兵有不及格课程（不影响资格）'] },
        { id: '2021050103', name: '杨庚', average: '60.00', rank: 3, courses: ['60'], status: 'ineligible', reasons: ['DIRECTED', 'NOT_TOP60'], trainingType: 'directed', registration: 'none' },
        { id: '2021050104', name: '朱辛', average: '59.00', rank: 4, courses: ['59'], status: 'auto_waived', registration: 'none' },
        { id: '2021050105', name: '秦壬', average: '58.00', rank: 5, courses: ['58'], status: 'substitute', substituteOrder: 1, registration: 'registered' },
      ],
    },
  ];
}

const REGISTRATION_STATUSES: ReadonlySet<Status> = new Set([
  'recommended_quota',
  'recommended_direct',
  'recommended_veteran',
  'substitute',
  'waived',
  'auto_waived',
  'tie_pending',
]);

/** The same students before registration: no 报名状态, eligible students are `eligible`. */
export function preRegistrationGroups(): GroupSpec[] {
  return registeredGroups().map((g) => ({
    ...g,
    students: g.students.map((s) => ({
      ...s,
      registration: null,
      status: REGISTRATION_STATUSES.has(s.status) ? 'eligible' : s.status,
      substituteOrder: undefined,
      filledVacancy: false,
      allocation: undefined,
      allocationPending: false,
    })),
  }));
}

export const SEATS: ProgramSeats[] = [
  { ...UNIVERSITY, vocationalMajor: '机电一体化技术', seats: 3, cohort: null, source: { sheet: '对口招录计划', row: 2 } },
  { university: '桂林理工大学', program: '机械工程', vocationalMajor: '机电一体化技术', seats: 2, cohort: 2021, source: { sheet: '对口招录计划', row: 3 } },
  { university: '广西财经学院', program: '会计学', vocationalMajor: '大数据与会计', seats: 2, cohort: null, source: { sheet: '对口招录计划', row: 4 } },
];

export const ISSUES: Issue[] = [
  { severity: 'warning', code: 'TIE_AT_QUOTA', message: '机电一体化技术 第4名同分，请领导小组裁定', sheet: '学生名册', row: 5, column: 'A', cell: 'A5' },
  { severity: 'info', code: 'PLAN_INFERRED', message: '未导入教学计划，课程由成绩推断', sheet: null, row: null, column: null, cell: null },
];

export function meta(issues: Issue[] = ISSUES): AttachmentMeta {
  return {
    inputFingerprint: 'sha256:0123456789abcdef',
    generatedAt: '2024-03-18T08:00:00.000Z',
    sources: ['名册.xlsx', '成绩.xlsx'],
    issues,
  };
}

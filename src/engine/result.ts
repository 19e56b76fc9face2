/**
 * The machine-readable result (SPEC §3.3): exactly what `zsb run --json` writes and what the pane shows.
 * `EngineOutput.details` carries what the 附件 sheets need beyond §3.3 (per-course scores, evidence);
 * it is never written into the JSON.
 */
import type { Config } from './config';
import type { CourseScores } from './courseScores';
import type { Fraction } from './exact';
import type { Issue } from './issues';
import type { Award, ProgramSeats, Student, Wish } from './model';

export type Status =
  | 'ineligible'
  | 'eligible'
  | 'recommended_quota'
  | 'recommended_direct'
  | 'recommended_veteran'
  | 'substitute'
  | 'waived'
  | 'auto_waived'
  | 'tie_pending'
  | 'exam_route';

export type ReasonCode = 'DIRECTED' | 'SANCTION' | 'NO_GRADES' | 'MISSING_COURSE' | 'FAILED_COURSE' | 'NOT_TOP60' | 'OTHER_CONDITION';

/** Chinese text of each reason, as the sheets show it. */
export const reasonText: Record<ReasonCode, string> = {
  DIRECTED: '定向培养学生',
  SANCTION: '纪律处分未解除',
  NO_GRADES: '无有效成绩',
  MISSING_COURSE: '有未修课程',
  FAILED_COURSE: '有不及格课程',
  NOT_TOP60: '成绩排名未在前60%',
  OTHER_CONDITION: '其他不符合条件',
};

/** Chinese text of each status (推荐结果 column). */
export const statusText: Record<Status, string> = {
  ineligible: '不符合条件',
  eligible: '符合条件',
  recommended_quota: '推荐（占指标）',
  recommended_direct: '推荐（不占指标）',
  recommended_veteran: '推荐（退役士兵）',
  substitute: '递补候选',
  waived: '放弃（已交证明）',
  auto_waived: '视为自动放弃',
  tie_pending: '同分待裁定',
  exam_route: '综合考查',
};

export type Track = '普通' | '扩招';

export interface GroupResult {
  /** "2021|机电一体化技术|普通" or "2021|机电一体化技术（天工班）|普通". */
  key: string;
  grade: number;
  major: string;
  track: Track;
  /** 专业 or 专业（排名组）. */
  label: string;
  /** N: roster students in the group. */
  size: number;
  quotaBase: number;
  quota: number;
  recommendedQuota: number;
  recommendedDirect: number;
  recommendedVeteran: number;
  tiePending: number;
}

export interface Allocation {
  university: string;
  program: string;
}

export interface StudentResult {
  studentId: string;
  name: string;
  group: string;
  /** "85.30" or null. */
  average: string | null;
  countedCourses: number;
  missingCourses: string[];
  failedCourses: string[];
  rank: number | null;
  groupSize: number;
  top60: boolean;
  eligible: boolean;
  direct: boolean;
  priority: boolean;
  veteran: boolean;
  status: Status;
  reasons: ReasonCode[];
  substituteOrder: number | null;
  filledVacancy: boolean;
  allocation: Allocation | null;
  allocationPending: boolean;
}

export interface ResultJson {
  version: 1;
  config: Config;
  groups: GroupResult[];
  students: StudentResult[];
  issues: Issue[];
}

/** Where one counted course's score came from (附件6 marks). */
export type CourseScoreSource = 'first' | 'later' | 'missing' | 'exempt' | 'pending' | 'not_taken';

export interface CourseScore {
  /** Plan course identity: code when the plan has one, else name. */
  courseKey: string;
  courseName: string;
  courseCode?: string;
  term: number | null;
  /** Effective score in hundredths (0 for a missing course that counts as 0), null when not counted. */
  hundredths: number | null;
  source: CourseScoreSource;
  passed: boolean;
  counted: boolean;
  /** A mark such as 缺考 when that is what the score came from. */
  mark?: string;
  /** For source 'later': whether the passing attempt was a 补考 (makeup) or a 重修 (retake), when known (附件6 marks). */
  laterKind?: 'makeup' | 'retake';
}

/** Evidence of a direct/priority decision (附件8). */
export interface AwardEvidence {
  kind: 'direct' | 'priority';
  /** Human text: "2023年 全国职业院校技能大赛 国家级 二等奖（工业机器人技术应用）". */
  text: string;
  category: string;
  project: string;
  levelText: string;
  grade: string;
  sheet: string;
  row: number;
}

export interface StudentDetails {
  student: Student;
  /** Plan courses in plan order, with the score used (`at(i)`, `byKey`, `toArray()`: see courseScores.ts). */
  courses: CourseScores;
  /** Exact average (hundredths fraction), null without one. */
  exactAverage: Fraction | null;
  evidence: AwardEvidence[];
  /** Warnings specific to this student (e.g. veteran with failed courses). */
  notes: string[];
  wishes: Wish[];
}

export interface GroupDetails {
  key: string;
  /** Plan courses of the group in order (term, then plan order). */
  courses: { courseKey: string; courseName: string; courseCode?: string; term: number | null }[];
  /** True when the plan was inferred from grades. */
  planInferred: boolean;
}

export interface EngineOutput {
  result: ResultJson;
  /** Keyed by studentId. */
  students: Map<string, StudentDetails>;
  groups: Map<string, GroupDetails>;
  /** The 对口招录计划 rows (SPEC §1.5) when given, for 附件16; absent/null when there is none. */
  seats?: ProgramSeats[] | null;
  /** The 获奖与荣誉 rows as read (SPEC §1.4), for what 附件8 shows beside the evidence (团队排名). */
  awards?: readonly Award[] | null;
}

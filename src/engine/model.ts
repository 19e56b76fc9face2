/**
 * Domain data the engine works on (SPEC §1), already parsed from sheets by `src/sheets/`.
 * Plain data only: no Office, no DOM, no file I/O.
 */
import type { AttemptTable } from './attemptTable';

/** Where a value came from, so that every issue can point at the cell to fix. */
export interface SourceRef {
  sheet: string;
  /** 1-based worksheet row. */
  row: number;
  /** Column letter of the most relevant cell, when known (e.g. "E"). */
  column?: string;
}

export type TrainingType = 'normal' | 'expanded' | 'directed';
/** 报名状态: registered / waived (放弃) / none (未报名). */
export type Registration = 'registered' | 'waived' | 'none';
export type VeteranRoute = 'school' | 'exam';

export interface Wish {
  university: string;
  program: string;
  /** The 志愿 cell it was read from (messages point there). */
  source?: SourceRef;
}

/** One roster row (SPEC §1.1). */
export interface Student {
  studentId: string;
  name: string;
  major: string;
  cohort: number;
  college?: string;
  className?: string;
  gender?: string;
  ethnicity?: string;
  political?: string;
  examNo?: string;
  /** Sensitive (SPEC §4.3): only 附件7 shows it in full. */
  idNumber?: string;
  phone?: string;
  address?: string;
  trainingType: TrainingType;
  /** 排名组 label (天工班, 订单班…), when the student is ranked in an approved separate group. */
  rankingGroup?: string;
  /** 学籍异动. */
  statusChange: boolean;
  statusChangeType?: string;
  veteran: boolean;
  veteranRoute: VeteranRoute;
  merit?: string;
  sanction: boolean;
  /** 建档立卡. */
  povertyFile?: boolean;
  /** null when the roster has no 报名状态 column (before registration). */
  registration: Registration | null;
  waiverProof: boolean;
  wishes: Wish[];
  /**
   * 其他不符合条件 / 资格审查意见 (SPEC §1.1), when it names a condition (non-empty and not negative): reason
   * OTHER_CONDITION with this text (细则 二(一)1, 二(二)2–4).
   */
  otherCondition?: string;
  /** 录取裁定 (SPEC §2.9): the programme the leading group gave this student in an allocation conflict. */
  admissionRuling?: Wish;
  /** 裁定结果 for a tie at the quota line (SPEC §2.8). */
  ruling: 'recommend' | 'reject' | null;
  source: SourceRef;
}

/**
 * The value of one grade cell after SPEC §2.2.
 * - score: a number in hundredths (85.5 → 8550); `mark` is set for 缺考/作弊… (score 0, failed).
 * - pending: 缓考 with no score yet.
 * - exempt: 免修/免考.
 */
export type ScoreValue =
  | { kind: 'score'; hundredths: number; mark?: string; text?: string }
  | { kind: 'pending'; text?: string }
  | { kind: 'exempt'; text?: string };

/** 考试性质: 正考 (regular), 缓考 (deferred) are first sittings; 补考 (makeup), 重修 (retake) are later. */
export type AttemptKind = 'regular' | 'deferred' | 'makeup' | 'retake';

/** One grade row (SPEC §1.2). Rows whose score cell could not be read are not attempts (an issue is raised). */
export interface Attempt {
  studentId: string;
  courseCode?: string;
  courseName?: string;
  score: ScoreValue;
  /** Term index 1…6 when known. */
  term?: number;
  kind: AttemptKind;
  /** ISO date yyyy-mm-dd when known. */
  date?: string;
  /** 姓名 on the grade row, for the cross-check. */
  studentName?: string;
  source: SourceRef;
}

/** One 教学计划 row (SPEC §1.3). */
export interface PlanCourse {
  major: string;
  /** null = all cohorts. */
  cohort: number | null;
  /** 培养类型 of the row: it applies only to that track (SPEC §1.3); absent = every track. */
  track?: '普通' | '扩招';
  /** 排名组 of the row: it applies only to that 排名组 (its own 人才培养方案); absent = every group of the 专业. */
  rankingGroup?: string;
  courseCode?: string;
  courseName: string;
  term: number | null;
  assessment?: string;
  counted: boolean;
  source: SourceRef;
}

export type AwardLevel = 'national' | 'regional' | 'city' | 'school';

/** One 获奖与荣誉 row (SPEC §1.4). */
export interface Award {
  studentId: string;
  studentName?: string;
  category: string;
  project: string;
  level: AwardLevel | null;
  /** The 级别 text as written. */
  levelText: string;
  /** 等次 as written (prize or honour name). */
  grade: string;
  teamRank: number | null;
  year?: number;
  verified: boolean;
  source: SourceRef;
}

/** One 对口招录计划 row (SPEC §1.5, 附件16). */
export interface ProgramSeats {
  university: string;
  program: string;
  vocationalMajor: string;
  seats: number;
  cohort: number | null;
  source: SourceRef;
}

/** Everything the engine needs; the sheets layer builds it. */
export interface EngineInput {
  students: Student[];
  /**
   * The same students by 学号, when the caller already has that index (the sheets layer builds it while
   * checking the roster): used only when it holds exactly `students`, else the engine builds its own.
   */
  studentsById?: ReadonlyMap<string, Student>;
  /** The grade rows: as objects (tests, small inputs) or column-wise (the sheets layer; see attemptTable.ts). */
  attempts: readonly Attempt[] | AttemptTable;
  /** null when no 教学计划 sheet was given: the plan is inferred (SPEC §1.3). */
  plan: PlanCourse[] | null;
  /** null when no awards sheet was given. */
  awards: Award[] | null;
  /** null when no 对口招录计划 was given. */
  seats: ProgramSeats[] | null;
  /** True when the roster has a 报名状态 column (registration data exists, SPEC §2.8). */
  hasRegistration: boolean;
}

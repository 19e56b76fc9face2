/**
 * Small test-data builders for the engine tests.
 * Shared by the engine colleagues (E1: §2.1–§2.6 and runEngine; E2: §2.7–§2.9): feel free to ADD builders
 * here; do not change the defaults of existing ones (other tests rely on them).
 */
import { defaultConfig, type Config } from '../../src/engine/config';
import type { Attempt, AttemptKind, Award, EngineInput, PlanCourse, ProgramSeats, ScoreValue, Student } from '../../src/engine/model';
import { fraction } from '../../src/engine/exact';
import type { WalkMember } from '../../src/engine/recommendation';

let rowCounter = 1;

/** A roster student of 2021 机电一体化技术, 普通, no 异动, not a veteran, registration unknown. */
export function student(id: string, over: Partial<Student> = {}): Student {
  return {
    studentId: id,
    name: `学生${id}`,
    major: '机电一体化技术',
    cohort: 2021,
    trainingType: 'normal',
    statusChange: false,
    veteran: false,
    veteranRoute: 'school',
    sanction: false,
    registration: null,
    waiverProof: false,
    wishes: [],
    ruling: null,
    source: { sheet: '学生名册', row: ++rowCounter },
    ...over,
  };
}

/** A score in units (85.5) → ScoreValue. Uses Math.round only on test literals with ≤ 2 decimals. */
export function score(units: number, mark?: string): ScoreValue {
  return mark ? { kind: 'score', hundredths: Math.round(units * 100), mark } : { kind: 'score', hundredths: Math.round(units * 100) };
}

/** One grade row: course by name (code optional), 正考 by default, term 1. */
export function attempt(
  studentId: string,
  courseName: string,
  value: number | ScoreValue,
  over: Partial<Attempt> & { kind?: AttemptKind } = {},
): Attempt {
  return {
    studentId,
    courseName,
    score: typeof value === 'number' ? score(value) : value,
    term: 1,
    kind: 'regular',
    source: { sheet: '成绩', row: ++rowCounter, column: 'E' },
    ...over,
  };
}

/** One plan row for 2021 机电一体化技术 (all cohorts unless given), term 1, counted. */
export function planCourse(courseName: string, over: Partial<PlanCourse> = {}): PlanCourse {
  return {
    major: '机电一体化技术',
    cohort: null,
    courseName,
    term: 1,
    counted: true,
    source: { sheet: '教学计划', row: ++rowCounter },
    ...over,
  };
}

/** One verified award row. */
export function award(studentId: string, over: Partial<Award> = {}): Award {
  return {
    studentId,
    category: '全国职业院校技能大赛',
    project: '工业机器人技术应用',
    level: 'national',
    levelText: '国家级',
    grade: '三等奖',
    teamRank: null,
    verified: true,
    source: { sheet: '获奖与荣誉', row: ++rowCounter },
    ...over,
  };
}

/** One 对口招录计划 row. */
export function seats(university: string, program: string, n: number, over: Partial<ProgramSeats> = {}): ProgramSeats {
  return {
    university,
    program,
    vocationalMajor: '机电一体化技术',
    seats: n,
    cohort: null,
    source: { sheet: '对口招录计划', row: ++rowCounter },
    ...over,
  };
}

export function input(over: Partial<EngineInput> = {}): EngineInput {
  return { students: [], attempts: [], plan: [], awards: null, seats: null, hasRegistration: false, ...over };
}

export function config(over: Partial<Config> = {}): Config {
  return { ...defaultConfig(), ...over };
}

/**
 * Students s1…sn with one plan course 课程A where student i scores scores[i-1] (plan given).
 * Handy for ranking / quota tests.
 */
export function groupWithScores(scores: readonly number[], over: (i: number) => Partial<Student> = () => ({})): EngineInput {
  const students = scores.map((_, i) => student(`s${String(i + 1).padStart(3, '0')}`, over(i)));
  const attempts = scores.map((s, i) => attempt(students[i].studentId, '课程A', s));
  return input({ students, attempts, plan: [planCourse('课程A')] });
}

/**
 * A builder of recommendation-walk members (SPEC §2.8) for one test file: a registered, eligible, ordinary
 * candidate whose average is `avg` (units, ≤ 2 decimals; null = none), each on the next roster row.
 */
export function walkMembers(): (id: string, avg: number | null, over?: Partial<WalkMember>) => WalkMember {
  let row = 1;
  return (id, avg, over = {}) => ({
    studentId: id,
    key: avg === null ? null : fraction(Math.round(avg * 100), 1),
    eligible: true,
    direct: false,
    priority: false,
    veteran: false,
    veteranRoute: 'school',
    registration: 'registered',
    waiverProof: false,
    ruling: null,
    source: { sheet: '学生名册', row: ++row },
    ...over,
  });
}

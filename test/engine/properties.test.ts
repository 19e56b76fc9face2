/** Properties of the whole engine (SPEC §2, §4.4) with fast-check over runEngine. */
import fc from 'fast-check';
import { runEngine } from '../../src/engine/index';
import type { Attempt, Award, EngineInput, ProgramSeats, Student } from '../../src/engine/model';
import type { Config } from '../../src/engine/config';
import type { Status, StudentResult } from '../../src/engine/result';
import { attempt, award, config, planCourse, score, seats, student } from './builders';

const majors = ['机电一体化技术', '汽车检测与维修技术'] as const;
const courses = ['高等数学', '大学英语', '机械制图'] as const;
const programs = [
  ['广西科技大学', '机械工程'],
  ['桂林电子科技大学', '车辆工程'],
] as const;
const allStatuses: readonly Status[] = [
  'ineligible',
  'eligible',
  'recommended_quota',
  'recommended_direct',
  'recommended_veteran',
  'substitute',
  'waived',
  'auto_waived',
  'tie_pending',
  'exam_route',
];
const recommended: ReadonlySet<Status> = new Set<Status>(['recommended_quota', 'recommended_direct', 'recommended_veteran']);

// Few distinct scores so that ties (at the 60 % line and at the quota line) are frequent.
const scoreArb = fc.oneof(
  { arbitrary: fc.constantFrom(60, 70, 75, 80, 80, 85, 85.5, 90, 95), weight: 6 },
  { arbitrary: fc.constantFrom(40, 55), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 1 },
);

const studentShape = fc.record({
  major: fc.constantFrom(...majors),
  training: fc.constantFrom('normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'expanded', 'directed'),
  rankingGroup: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, undefined, '天工班'),
  statusChange: fc.constantFrom(false, false, false, false, true),
  veteran: fc.constantFrom(false, false, false, false, true),
  exam: fc.constantFrom(false, false, true),
  sanction: fc.constantFrom(false, false, false, false, false, true),
  registration: fc.constantFrom('registered', 'registered', 'registered', 'waived', 'none'),
  waiverProof: fc.boolean(),
  ruling: fc.constantFrom(null, null, null, 'recommend', 'reject'),
  wishes: fc.array(fc.integer({ min: 0, max: programs.length - 1 }), { maxLength: 2 }),
  award: fc.constantFrom(null, null, null, 'direct', 'priority'),
  grades: fc.array(
    fc.option(
      fc.record({
        first: scoreArb,
        later: fc.option(scoreArb, { nil: undefined }),
        late: fc.constantFrom(false, false, false, true),
      }),
      { nil: undefined, freq: 12 },
    ),
    { minLength: courses.length, maxLength: courses.length },
  ),
});

const inputShape = fc.record({
  students: fc.array(studentShape, { minLength: 1, maxLength: 24 }),
  hasRegistration: fc.boolean(),
  withPlan: fc.boolean(),
  seats: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }), { nil: undefined }),
  attemptPolicy: fc.constantFrom('cap60', 'first', 'best'),
  rankOn: fc.constantFrom('rounded', 'exact'),
});
type InputShape = typeof inputShape extends fc.Arbitrary<infer T> ? T : never;

/** The attempts stay objects here (the engine also takes them column-wise, as the parser gives them). */
type ObjectInput = EngineInput & { attempts: Attempt[] };

function build(shape: InputShape): { input: ObjectInput; cfg: Config } {
  const students: Student[] = [];
  const attempts: Attempt[] = [];
  const awards: Award[] = [];
  shape.students.forEach((s, i) => {
    const id = `2021${String(i).padStart(4, '0')}`;
    students.push(
      student(id, {
        major: s.major,
        trainingType: s.training as Student['trainingType'],
        ...(s.rankingGroup ? { rankingGroup: s.rankingGroup } : {}),
        statusChange: s.statusChange,
        veteran: s.veteran,
        veteranRoute: s.veteran && s.exam ? 'exam' : 'school',
        sanction: s.sanction,
        registration: shape.hasRegistration ? (s.registration as Student['registration']) : null,
        waiverProof: s.waiverProof,
        ruling: s.ruling as Student['ruling'],
        wishes: s.wishes.map((w) => ({ university: programs[w][0], program: programs[w][1] })),
      }),
    );
    s.grades.forEach((g, c) => {
      if (!g) return;
      attempts.push(attempt(id, courses[c], g.first, { term: c + 1, date: '2023-01-10' }));
      if (g.later !== undefined) {
        attempts.push(attempt(id, courses[c], g.later, { term: c + 1, kind: 'makeup', date: g.late ? '2024-03-25' : '2023-03-10' }));
      }
    });
    if (s.award === 'direct') awards.push(award(id));
    if (s.award === 'priority') awards.push(award(id, { category: '荣誉称号', project: '三好学生', level: 'school', levelText: '校级', grade: '' }));
  });
  const plan = shape.withPlan ? majors.flatMap((major) => courses.map((c, i) => planCourse(c, { major, term: i + 1 }))) : null;
  const seatRows: ProgramSeats[] | null = shape.seats
    ? shape.seats.map((n, i) => seats(programs[i % 2][0], programs[i % 2][1], n, { vocationalMajor: majors[Math.floor(i / 2)] }))
    : null;
  const input: ObjectInput = { students, attempts, plan, awards, seats: seatRows, hasRegistration: shape.hasRegistration };
  const cfg = config({ attemptPolicy: shape.attemptPolicy as Config['attemptPolicy'], rankOn: shape.rankOn as Config['rankOn'] });
  return { input, cfg };
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  // Deterministic Fisher–Yates from a seed (a tiny LCG), so a failure is reproducible.
  const out = [...list];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const runs = { numRuns: 150 };

describe('runEngine properties', () => {
  it('shuffling any input array changes nothing (result JSON and details)', () => {
    fc.assert(
      fc.property(inputShape, fc.integer(), (shape, seed) => {
        const { input, cfg } = build(shape);
        const a = runEngine(input, cfg);
        const mixed: EngineInput = {
          ...input,
          students: shuffled(input.students, seed),
          attempts: shuffled(input.attempts, seed + 1),
          plan: input.plan && shuffled(input.plan, seed + 2),
          awards: input.awards && shuffled(input.awards, seed + 3),
          seats: input.seats && shuffled(input.seats, seed + 4),
        };
        const b = runEngine(mixed, cfg);
        expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
        expect(JSON.stringify([...b.students])).toBe(JSON.stringify([...a.students]));
        expect(JSON.stringify([...b.groups])).toBe(JSON.stringify([...a.groups]));
      }),
      runs,
    );
  });

  it('every roster student appears exactly once with exactly one known status; recommended_quota ≤ Q per group', () => {
    fc.assert(
      fc.property(inputShape, (shape) => {
        const { input, cfg } = build(shape);
        const { result } = runEngine(input, cfg);
        const ids = result.students.map((s) => s.studentId);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual(input.students.map((s) => s.studentId).sort());
        for (const s of result.students) expect(allStatuses).toContain(s.status);
        for (const g of result.groups) {
          const members = result.students.filter((s) => s.group === g.key);
          expect(members).toHaveLength(g.size);
          const q = members.filter((s) => s.status === 'recommended_quota').length;
          expect(q).toBe(g.recommendedQuota);
          expect(q).toBeLessThanOrEqual(g.quota);
          if (!shape.hasRegistration) expect(members.every((s) => ['eligible', 'ineligible', 'exam_route'].includes(s.status))).toBe(true);
        }
      }),
      runs,
    );
  });

  it('top60 count ≤ ⌊rankPercent·N/100⌋ plus those tied at the line, and every rank within the line is top60', () => {
    fc.assert(
      fc.property(inputShape, (shape) => {
        const { input, cfg } = build(shape);
        const { result } = runEngine(input, cfg);
        for (const g of result.groups) {
          const members = result.students.filter((s) => s.group === g.key);
          const line = Math.floor((cfg.rankPercent * g.size) / 100);
          const top = members.filter((s) => s.top60);
          const worst = Math.max(0, ...top.map((s) => s.rank ?? 0));
          const tiedAtLine = top.filter((s) => s.rank === worst).length;
          expect(top.length).toBeLessThanOrEqual(line + Math.max(0, tiedAtLine - 1));
          for (const s of members) expect(s.top60).toBe(s.rank !== null && s.rank <= line);
          const ranked = members.filter((s) => s.rank !== null).length;
          expect(top.length).toBeGreaterThanOrEqual(Math.min(line, ranked));
          // competition rank: 1 + number strictly ahead
          for (const s of members) {
            if (s.rank === null) continue;
            expect(s.rank).toBe(1 + members.filter((o) => o.rank !== null && o.rank < s.rank!).length);
          }
        }
      }),
      runs,
    );
  });

  it("raising one student's score never lowers their rank nor turns a recommendation into a non-recommendation", () => {
    fc.assert(
      fc.property(inputShape, fc.nat(), fc.integer({ min: 1, max: 4000 }), (shape, pick, delta) => {
        const { input, cfg } = build(shape);
        if (input.attempts.length === 0) return;
        const target = input.attempts[pick % input.attempts.length];
        if (target.score.kind !== 'score') return;
        const raised: Attempt = { ...target, score: score(Math.min(10000, target.score.hundredths + delta) / 100) };
        const before = runEngine(input, cfg);
        const after = runEngine({ ...input, attempts: input.attempts.map((a) => (a === target ? raised : a)) }, cfg);
        const find = (list: StudentResult[]) => list.find((s) => s.studentId === target.studentId) as StudentResult;
        const b = find(before.result.students);
        const a = find(after.result.students);
        if (b.rank !== null) {
          expect(a.rank).not.toBeNull();
          expect(a.rank as number).toBeLessThanOrEqual(b.rank);
        }
        if (recommended.has(b.status)) expect(recommended.has(a.status)).toBe(true);
      }),
      runs,
    );
  });
});

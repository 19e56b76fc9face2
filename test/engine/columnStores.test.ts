/**
 * The column-wise stores the engine keeps instead of one object per row (issue 6): they must hold
 * exactly what the objects held — every field, every rare case (marks, 缓考, 免修, -0, missing term,
 * grade-row 姓名, several sheets) — and give it back unchanged.
 */
import fc from 'fast-check';
import { AttemptTable, attemptTableOf } from '../../src/engine/attemptTable';
import { CourseScoreStore, CourseScores } from '../../src/engine/courseScores';
import type { Attempt, ScoreValue } from '../../src/engine/model';
import type { CourseScore } from '../../src/engine/result';

const scoreArb: fc.Arbitrary<ScoreValue> = fc.oneof(
  fc.integer({ min: 0, max: 10000 }).map((h): ScoreValue => ({ kind: 'score', hundredths: h })),
  fc.constantFrom<ScoreValue>(
    { kind: 'score', hundredths: 0, mark: '缺考', text: '缺考' },
    { kind: 'score', hundredths: 9000, text: '优秀' },
    { kind: 'score', hundredths: -0 },
    { kind: 'pending', text: '缓考' },
    { kind: 'exempt' },
  ),
);

const attemptArb: fc.Arbitrary<Attempt> = fc
  .record({
    studentId: fc.constantFrom('2021001', '2021002', 'x9'),
    courseCode: fc.option(fc.constantFrom('K01', 'K02'), { nil: undefined }),
    courseName: fc.option(fc.constantFrom('高等数学', '大学英语'), { nil: undefined }),
    score: scoreArb,
    // Terms the parser gives (1–12) and any other number an Attempt may carry (kept aside by the table).
    term: fc.option(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 254, 255, 300, 2.5, -1)), { nil: undefined }),
    kind: fc.constantFrom('regular', 'deferred', 'makeup', 'retake') as fc.Arbitrary<Attempt['kind']>,
    date: fc.option(fc.constantFrom('2022-01-15', '2023-09-01'), { nil: undefined }),
    studentName: fc.option(fc.constantFrom('张三', ' 李四 '), { nil: undefined }),
    sheet: fc.constantFrom('成绩', '补考成绩'),
    row: fc.integer({ min: 2, max: 1_048_576 }),
    column: fc.option(fc.constantFrom('E', 'F'), { nil: undefined }),
  })
  .map(({ sheet, row, column, studentName, ...rest }) => {
    const a: Attempt = { ...rest, source: column === undefined ? { sheet, row } : { sheet, row, column } };
    if (studentName !== undefined) a.studentName = studentName;
    return a;
  });

describe('AttemptTable', () => {
  it('gives back every attempt exactly as it was added (objects ⇄ columns)', () => {
    fc.assert(
      fc.property(fc.array(attemptArb, { maxLength: 60 }), (list) => {
        const t = attemptTableOf(list);
        expect(t.length).toBe(list.length);
        const back = t.toArray();
        back.forEach((a, i) => {
          expect(a).toEqual(list[i]);
          expect(Object.is(a.score.kind === 'score' && a.score.hundredths, list[i].score.kind === 'score' && list[i].score.hundredths)).toBe(true);
          expect(t.source(i)).toStrictEqual(list[i].source);
        });
      }),
    );
  });

  it('knows whether rows came in (sheet, row, column) order, and compares sources like sorting them', () => {
    fc.assert(
      fc.property(fc.array(attemptArb, { maxLength: 30 }), (list) => {
        const t = attemptTableOf(list);
        const cmp = (a: Attempt, b: Attempt) =>
          (a.source.sheet < b.source.sheet ? -1 : a.source.sheet > b.source.sheet ? 1 : 0) ||
          a.source.row - b.source.row ||
          ((a.source.column ?? '') < (b.source.column ?? '') ? -1 : (a.source.column ?? '') > (b.source.column ?? '') ? 1 : 0);
        let ordered = true;
        for (let i = 1; i < list.length; i++) {
          expect(Math.sign(t.compareSource(i - 1, i))).toBe(Math.sign(cmp(list[i - 1], list[i])));
          if (cmp(list[i - 1], list[i]) > 0) ordered = false;
        }
        expect(t.isSourceOrdered()).toBe(ordered);
      }),
    );
  });

  it('grows past its initial capacity', () => {
    const t = new AttemptTable(1);
    const p = t.place('成绩', 'E');
    for (let i = 0; i < 100; i++) t.pushRow(`s${i}`, 'K01', undefined, 1, 'regular', undefined, { kind: 'score', hundredths: i * 100 }, p, i + 2);
    expect(t.length).toBe(100);
    expect(t.get(99)).toEqual({ studentId: 's99', courseCode: 'K01', term: 1, kind: 'regular', score: { kind: 'score', hundredths: 9900 }, source: { sheet: '成绩', row: 101, column: 'E' } });
  });
});

describe('CodedTextColumn', () => {
  it('keeps every text when it has more than 65,536 distinct ones (16-bit numbers become 32-bit)', () => {
    const t = new AttemptTable(4);
    const p = t.place('成绩', 'E');
    const n = 70_000;
    for (let i = 0; i < n; i++) t.pushRow(`s${i}`, `K${i % 3}`, `课程${i}`, 1, 'regular', undefined, { kind: 'score', hundredths: 6000 }, p, i + 2);
    for (const i of [0, 1, 65_534, 65_535, 65_536, 65_537, n - 1]) {
      expect(t.studentId.at(i)).toBe(`s${i}`);
      expect(t.courseName.at(i)).toBe(`课程${i}`);
      expect(t.courseCode.at(i)).toBe(`K${i % 3}`);
    }
    expect(t.studentId.idAt(n - 1)).toBe(n);
    expect(t.studentId.size).toBe(n + 1);
  });
});

describe('CourseScores', () => {
  const courseArb: fc.Arbitrary<CourseScore> = fc
    .record({
      hundredths: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: null }),
      source: fc.constantFrom('first', 'later', 'missing', 'exempt', 'pending', 'not_taken') as fc.Arbitrary<CourseScore['source']>,
      passed: fc.boolean(),
      counted: fc.boolean(),
      mark: fc.option(fc.constantFrom('缺考', '作弊'), { nil: undefined }),
      laterKind: fc.option(fc.constantFrom('makeup', 'retake') as fc.Arbitrary<'makeup' | 'retake'>, { nil: undefined }),
      code: fc.option(fc.constantFrom('K01', 'M02'), { nil: undefined }),
      term: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    })
    .map(({ code, mark, laterKind, ...r }) => {
      const c: CourseScore = { courseKey: '', courseName: '', term: r.term, hundredths: r.hundredths, source: r.source, passed: r.passed, counted: r.counted };
      if (code !== undefined) c.courseCode = code;
      if (mark !== undefined) c.mark = mark;
      if (laterKind !== undefined) c.laterKind = laterKind;
      return c;
    });

  it('holds exactly the objects it stands for, and serialises like them', () => {
    fc.assert(
      fc.property(fc.array(courseArb, { maxLength: 40 }), (raw) => {
        const list = raw.map((c, i) => ({ ...c, courseKey: `k${i}`, courseName: `课程${i}` }));
        const scores = CourseScores.of(list);
        expect(scores.length).toBe(list.length);
        expect(scores.toArray()).toStrictEqual(list);
        expect(JSON.stringify(scores)).toBe(JSON.stringify(list));
        list.forEach((c, i) => expect(scores.byKey(c.courseKey)).toStrictEqual(c));
        expect(scores.at(list.length)).toBeUndefined();
      }),
    );
  });

  it('keeps every list of a shared store intact while the store grows, and across a structured clone', () => {
    fc.assert(
      fc.property(fc.array(fc.array(courseArb, { maxLength: 12 }), { maxLength: 30 }), (raws) => {
        // A store far too small: it has to grow while lists are being filled.
        const store = new CourseScoreStore(1);
        const lists = raws.map((raw) => raw.map((c, i) => ({ ...c, courseKey: `k${i}`, courseName: `课程${i}` })));
        const identities = (list: CourseScore[]) => list.map(({ courseKey, courseName, term, courseCode }) => (courseCode === undefined ? { courseKey, courseName, term } : { courseKey, courseName, term, courseCode }));
        const add = (s: CourseScores, c: CourseScore) => s.add(c.hundredths, c.source, c.passed, c.counted, c.mark, c.laterKind);
        // Each list gets its first half right away and the rest after all lists exist: the store grows
        // (replacing its arrays) while earlier lists already hold entries.
        const scores = lists.map((list) => {
          const s = new CourseScores(identities(list), store);
          list.slice(0, list.length >> 1).forEach((c) => add(s, c));
          return s;
        });
        lists.forEach((list, k) => list.slice(list.length >> 1).forEach((c) => add(scores[k], c)));
        scores.forEach((s, k) => expect(s.toArray()).toStrictEqual(lists[k]));
        const cloned = structuredClone(scores).map((s) => CourseScores.revive(s));
        cloned.forEach((s, k) => expect(s.toArray()).toStrictEqual(lists[k]));
      }),
    );
  });

  it('refuses a score that is not a whole number of hundredths within range (it would not fit its column)', () => {
    const s = new CourseScores([1, 2, 3, 4].map((i) => ({ courseKey: `k${i}`, courseName: '课程', term: 1 })));
    expect(() => s.add(60.5, 'first', true, true)).toThrow(RangeError);
    expect(() => s.add(-1, 'first', false, true)).toThrow(RangeError);
    expect(() => s.add(40000, 'first', true, true)).toThrow(RangeError);
    s.add(10000, 'first', true, true);
    expect(s.at(0)?.hundredths).toBe(10000);
  });

  it('refuses more entries than plan courses', () => {
    const s = new CourseScores([{ courseKey: 'k', courseName: '课程', term: 1 }]);
    s.add(8000, 'first', true, true);
    expect(() => s.add(7000, 'first', true, true)).toThrow(RangeError);
  });
});

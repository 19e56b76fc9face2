/** SPEC §2.4/§2.5 arithmetic: exact averages, half-up display, rankOn rounded vs exact. */
import { runEngine } from '../../src/engine/index';
import type { ScoreValue } from '../../src/engine/model';
import { parseScore } from '../../src/engine/scores';
import { attempt, config, input, planCourse, student } from './builders';

const courses = ['课程1', '课程2', '课程3'];

/** One group; each student takes the plan courses with the given text scores (parsed like a sheet). */
function run(scores: Record<string, string[]>, over: Parameters<typeof config>[0] = {}) {
  const cfg = config(over);
  const n = Math.max(...Object.values(scores).map((s) => s.length));
  const students = Object.keys(scores).map((id) => student(id));
  const attempts = Object.entries(scores).flatMap(([id, list]) =>
    list.map((text, i) => {
      const p = parseScore(text, cfg);
      if (!p.ok) throw new Error(p.reason);
      return attempt(id, courses[i], p.value as ScoreValue);
    }),
  );
  const out = runEngine(input({ students, attempts, plan: courses.slice(0, n).map((c) => planCourse(c)) }), cfg);
  return new Map(out.result.students.map((s) => [s.studentId, s]));
}

describe('exact averages', () => {
  it('3 × 85.1 style sums: averages equal in decimals tie on the exact key, where floats differ', () => {
    expect(85.1 + 85.1 + 85.1).not.toBe(255.3);
    // In binary floats (85.1+85.1+85.1)/3 = 85.1 but (85.3+85+85)/3 = 85.10000000000001: a float ranking splits them.
    expect((85.1 + 85.1 + 85.1) / 3).not.toBe((85.3 + 85 + 85) / 3);
    const s = run({ a: ['85.1', '85.1', '85.1'], b: ['85.3', '85', '85'], c: ['84.9', '85.2', '85.2'] }, { rankOn: 'exact' });
    expect(['a', 'b', 'c'].map((id) => s.get(id)?.rank)).toEqual([1, 1, 1]);
    expect(s.get('b')?.average).toBe('85.10');
  });
  it('averages that differ only in the third decimal rank apart', () => {
    // c: (85.34 + 85.34 + 85.33) / 3 = 85.33666… (shown 85.34); a = b = 256 / 3 = 85.3333… (shown 85.33);
    // d: 85.33 exactly (shown 85.33).
    const r = run(
      { a: ['85', '85', '86'], b: ['85.33', '85.34', '85.33'], c: ['85.34', '85.34', '85.33'], d: ['85.33', '85.33', '85.33'] },
      { rankOn: 'exact' },
    );
    expect(r.get('c')).toMatchObject({ rank: 1, average: '85.34' });
    expect(r.get('a')).toMatchObject({ rank: 2, average: '85.33' });
    expect(r.get('b')).toMatchObject({ rank: 2, average: '85.33' });
    expect(r.get('d')).toMatchObject({ rank: 4, average: '85.33' });
  });
});

describe('half-up display rounding, always 2 decimals', () => {
  it('85.125 → "85.13" (not banker\'s rounding, not float noise)', () => {
    expect(run({ a: ['85.12', '85.13'] }).get('a')?.average).toBe('85.13');
  });
  it('1.005 → "1.01" where toFixed would give "1.00"', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(run({ a: ['1', '1.01'] }).get('a')?.average).toBe('1.01');
  });
  it('85.3 → "85.30", 90 → "90.00"', () => {
    const r = run({ a: ['85.3', '85.3'], b: ['90', '90'] });
    expect(r.get('a')?.average).toBe('85.30');
    expect(r.get('b')?.average).toBe('90.00');
  });
  it('85.3349 style values round down: (85.33 + 85.33 + 85.34) / 3 = 85.3333 → "85.33"', () => {
    expect(run({ a: ['85.33', '85.33', '85.34'] }).get('a')?.average).toBe('85.33');
  });
});

describe('rankOn: rounded (default) vs exact changes the tie', () => {
  // a: (85 + 85 + 86) / 3 = 85.333… shown 85.33; b: 85.33 exactly.
  const scores = { a: ['85', '85', '86'], b: ['85.33', '85.33', '85.33'] };
  it('rounded: both are 85.33 ⇒ tied at rank 1', () => {
    const r = run(scores);
    expect([r.get('a')?.rank, r.get('b')?.rank]).toEqual([1, 1]);
  });
  it('exact: 85.333… > 85.33 ⇒ ranks 1 and 2', () => {
    const r = run(scores, { rankOn: 'exact' });
    expect([r.get('a')?.rank, r.get('b')?.rank]).toEqual([1, 2]);
  });
  it('averageDecimals 1 with rankOn rounded ranks on one decimal', () => {
    const r = run({ a: ['85.3', '85.3'], b: ['85.26', '85.26'] }, { averageDecimals: 1 });
    expect([r.get('a')?.rank, r.get('b')?.rank]).toEqual([1, 1]);
    expect(r.get('b')?.average).toBe('85.30');
  });
});

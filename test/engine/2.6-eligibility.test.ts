/** SPEC §2.6: eligibility reasons, all that apply; 应届生 vs 退役大学生士兵. */
import { assessEligibility } from '../../src/engine/eligibility';
import { runEngine } from '../../src/engine/index';
import { attempt, config, input, planCourse, student } from './builders';

const cfg = config();
const ok = { hasAverage: true, missingCourses: [] as string[], failedCourses: [] as string[], top60: true };

describe('§2.6 应届生', () => {
  it('no reason ⇒ eligible', () => {
    expect(assessEligibility({ student: student('1'), ...ok }, cfg)).toEqual({ eligible: true, reasons: [], notes: [] });
  });
  it.each([
    ['DIRECTED', { trainingType: 'directed' as const }, {}],
    ['SANCTION', { sanction: true }, {}],
    ['MISSING_COURSE', {}, { missingCourses: ['机械制图'] }],
    ['FAILED_COURSE', {}, { failedCourses: ['高等数学'] }],
    ['NOT_TOP60', {}, { top60: false }],
  ])('%s alone makes the student ineligible', (code, s, x) => {
    const e = assessEligibility({ student: student('1', s), ...ok, ...x }, cfg);
    expect(e).toMatchObject({ eligible: false, reasons: [code] });
  });
  it('NO_GRADES (and, having no rank, NOT_TOP60)', () => {
    expect(assessEligibility({ student: student('1'), ...ok, hasAverage: false, top60: false }, cfg).reasons).toEqual(['NO_GRADES', 'NOT_TOP60']);
  });
  it('collects all reasons in a fixed order', () => {
    const e = assessEligibility(
      { student: student('1', { trainingType: 'directed', sanction: true }), hasAverage: true, missingCourses: ['a'], failedCourses: ['b'], top60: false },
      cfg,
    );
    expect(e.reasons).toEqual(['DIRECTED', 'SANCTION', 'MISSING_COURSE', 'FAILED_COURSE', 'NOT_TOP60']);
  });
});

describe('§2.6 退役大学生士兵', () => {
  const vet = () => student('1', { veteran: true });
  it('failed and missing courses are notes, not reasons (default)', () => {
    const e = assessEligibility({ student: vet(), ...ok, missingCourses: ['机械制图'], failedCourses: ['高等数学'] }, cfg);
    expect(e.eligible).toBe(true);
    expect(e.reasons).toEqual([]);
    expect(e.notes.join('')).toContain('机械制图');
    expect(e.notes.join('')).toContain('高等数学');
  });
  it('veteranRequiresPass turns them into reasons', () => {
    const e = assessEligibility({ student: vet(), ...ok, missingCourses: ['机械制图'], failedCourses: ['高等数学'] }, config({ veteranRequiresPass: true }));
    expect(e.reasons).toEqual(['MISSING_COURSE', 'FAILED_COURSE']);
  });
  it('SANCTION, NO_GRADES and NOT_TOP60 still apply; DIRECTED does not (细则 一(一) is for 应届生, SPEC §2.6)', () => {
    const e = assessEligibility({ student: student('1', { veteran: true, trainingType: 'directed', sanction: true }), ...ok, hasAverage: false, top60: false }, cfg);
    expect(e.reasons).toEqual(['SANCTION', 'NO_GRADES', 'NOT_TOP60']);
  });
});

describe('§2.6 through runEngine', () => {
  const students = [
    student('a'),
    student('b'),
    student('c'),
    student('d', { veteran: true }),
    student('e'),
  ];
  const plan = [planCourse('高等数学'), planCourse('大学英语')];
  const attempts = [
    attempt('a', '高等数学', 95),
    attempt('a', '大学英语', 95),
    attempt('b', '高等数学', 50), // failed
    attempt('b', '大学英语', 99),
    attempt('c', '高等数学', 90), // missing 大学英语
    attempt('d', '高等数学', 55), // veteran, failed + missing
    attempt('e', '高等数学', 10),
    attempt('e', '大学英语', 10),
  ];
  const out = runEngine(input({ students, attempts, plan }), cfg);
  const byId = new Map(out.result.students.map((s) => [s.studentId, s]));
  it('lists failed and missing courses by name, with their reasons', () => {
    expect(byId.get('b')).toMatchObject({ failedCourses: ['高等数学'], reasons: ['FAILED_COURSE'], eligible: false, status: 'ineligible' });
    expect(byId.get('c')).toMatchObject({ missingCourses: ['大学英语'], reasons: ['MISSING_COURSE'], eligible: false });
    expect(byId.get('a')).toMatchObject({ eligible: true, reasons: [], status: 'eligible' });
  });
  it("a veteran's course problems are a warning at the roster row, not a reason", () => {
    const d = byId.get('d');
    // veteran: average (55+0)/2 = 27.50, rank 4 of 5 ⇒ NOT_TOP60 is the only reason
    expect(d).toMatchObject({ veteran: true, failedCourses: ['高等数学'], missingCourses: ['大学英语'], reasons: ['NOT_TOP60'] });
    const w = out.result.issues.filter((i) => i.code === 'VETERAN_COURSES');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', sheet: '学生名册', row: students[3].source.row });
  });
});

/**
 * SPEC §2.6 (src/engine/eligibility.ts): a 退役大学生士兵's failed or missing courses are not a reason (default
 * `veteranRequiresPass` false) but one warning VETERAN_COURSES at the roster row lists them.
 */
import { assessEligibility, veteranCoursesIssue } from '../../src/engine/eligibility';
import { config, student } from './builders';

const x = { hasAverage: true, missingCourses: ['机械制图'], failedCourses: ['高等数学', '英语'], top60: true };

describe('veteranCoursesIssue', () => {
  it('a veteran with missing and failed courses: one warning naming both, at the roster row', () => {
    const s = student('2021001', { name: '张三', veteran: true, otherCondition: '服役期间受部队处分' });
    const e = assessEligibility({ student: s, ...x }, config());
    expect(veteranCoursesIssue(s, e)).toEqual({
      severity: 'warning',
      code: 'VETERAN_COURSES',
      // The 资格审查意见 note is not a course note: not in this warning.
      message: '2021001（张三）：退役大学生士兵有未修课程：机械制图（不影响选拔资格）；退役大学生士兵有不及格课程：高等数学、英语（不影响选拔资格）',
      sheet: '学生名册',
      row: s.source.row,
      column: null,
      cell: null,
    });
  });
  it('none for an 应届生 (the courses are reasons), nor for a veteran under veteranRequiresPass, nor without such courses', () => {
    const pupil = student('1');
    expect(veteranCoursesIssue(pupil, assessEligibility({ student: pupil, ...x }, config()))).toBeNull();
    const vet = student('2', { veteran: true });
    expect(veteranCoursesIssue(vet, assessEligibility({ student: vet, ...x }, config({ veteranRequiresPass: true })))).toBeNull();
    const clean = { ...x, missingCourses: [], failedCourses: [] };
    expect(veteranCoursesIssue(vet, assessEligibility({ student: vet, ...clean }, config()))).toBeNull();
  });
});

/** The result the rules give for the class of test/layouts/generate.ts, worked out by hand. */
import type { StudentResult } from '../../src/engine/result';

/**
 * By hand (cap60; counted = terms 1–5: 高等数学, 大学英语, 程序设计基础, 数据库原理, Web前端开发; 毕业设计 is
 * term 6 and never counts; N = 5, top60 ⇔ rank × 100 ≤ 60 × 5 = 300 ⇔ rank ≤ 3):
 * - 陈思远 88 92 95 90 85 → 450 / 5 = 90.00 (the voided 高等数学 99 is left out: else 91.20) → rank 2, eligible.
 * - 林晓雯 70, 大学英语 45 then 补考 75 ⇒ 60, 80 76 84 → 370 / 5 = 74.00, passed → rank 3, eligible.
 * - 黄志强 高等数学 缺考 then 补考 66 ⇒ 60, 81 77, 数据库原理 50 then 重修 58 (still failing: the highest, 58),
 *   90 → 366 / 5 = 73.20 → rank 4, FAILED_COURSE (数据库原理) and NOT_TOP60.
 * - 赵雅琴 95 93 91 89 94 → 462 / 5 = 92.40 → rank 1, eligible.
 * - 周建华 62 68 71 65 73 → 339 / 5 = 67.80 → rank 5, NOT_TOP60.
 */
export const expected: Record<string, { average: string; counted: number; failed: string[]; rank: number; eligible: boolean; reasons: string[] }> = {
  '2021010101': { average: '90.00', counted: 5, failed: [], rank: 2, eligible: true, reasons: [] },
  '2021010102': { average: '74.00', counted: 5, failed: [], rank: 3, eligible: true, reasons: [] },
  '2021010103': { average: '73.20', counted: 5, failed: ['数据库原理'], rank: 4, eligible: false, reasons: ['FAILED_COURSE', 'NOT_TOP60'] },
  '2021010104': { average: '92.40', counted: 5, failed: [], rank: 1, eligible: true, reasons: [] },
  '2021010105': { average: '67.80', counted: 5, failed: [], rank: 5, eligible: false, reasons: ['NOT_TOP60'] },
};


/** The parts of a student's result the layouts are checked on, in the shape of `expected`. */
export function summary(students: readonly StudentResult[]): Record<string, unknown> {
  return Object.fromEntries(
    students.map((s) => [s.studentId, { average: s.average, counted: s.countedCourses, failed: s.failedCourses, rank: s.rank, eligible: s.eligible, reasons: [...s.reasons].sort() }]),
  );
}

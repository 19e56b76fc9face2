import { defaultConfig } from '../../src/engine/config';
import type { GroupResult, ResultJson, Status, StudentResult } from '../../src/engine/result';
import { countBySeverity, groupSummary, totals } from '../../src/taskpane/summary';

function group(key: string, over: Partial<GroupResult> = {}): GroupResult {
  const [grade, major, track] = key.split('|');
  return {
    key, grade: Number(grade), major: major!, track: track as '普通' | '扩招', label: major!, size: 0, quotaBase: 0, quota: 0,
    recommendedQuota: 0, recommendedDirect: 0, recommendedVeteran: 0, tiePending: 0, ...over,
  };
}
function student(id: string, g: string, status: Status, top60: boolean, eligible: boolean): StudentResult {
  return {
    studentId: id, name: id, group: g, average: null, countedCourses: 0, missingCourses: [], failedCourses: [], rank: null,
    groupSize: 0, top60, eligible, direct: false, priority: false, veteran: false, status, reasons: [], substituteOrder: null,
    filledVacancy: false, allocation: null, allocationPending: false,
  };
}

describe('per-group summary', () => {
  const a = '2021|机电一体化技术|普通';
  const b = '2021|机电一体化技术|扩招';
  const result: ResultJson = {
    version: 1,
    config: defaultConfig(),
    groups: [group(a, { size: 10, quota: 3, recommendedQuota: 2, recommendedDirect: 1, tiePending: 0 }), group(b, { size: 4, quota: 1, tiePending: 2 })],
    students: [
      student('1', a, 'recommended_quota', true, true),
      student('2', a, 'recommended_quota', true, true),
      student('3', a, 'recommended_direct', true, true),
      student('4', a, 'substitute', true, true),
      student('5', a, 'substitute', true, true),
      student('6', a, 'ineligible', true, false),
      student('7', a, 'ineligible', false, false),
      student('8', b, 'tie_pending', true, true),
      student('9', b, 'tie_pending', true, true),
      student('10', b, 'auto_waived', false, true),
    ],
    issues: [],
  };

  it('counts top-60, eligible and substitutes per group and takes N, Q and recommended counts from the group', () => {
    const rows = groupSummary(result);
    expect(rows.map((r) => r.title)).toEqual(['2021级 机电一体化技术', '2021级 机电一体化技术（扩招）']);
    expect(rows[0]).toMatchObject({ size: 10, quota: 3, top60: 6, eligible: 5, substitutes: 2, recommendedQuota: 2, recommendedDirect: 1, tiePending: 0 });
    expect(rows[1]).toMatchObject({ size: 4, quota: 1, top60: 2, eligible: 3, substitutes: 0, tiePending: 2 });
    expect(totals(rows)).toMatchObject({ size: 14, quota: 4, top60: 8, eligible: 8, substitutes: 2, tiePending: 2 });
  });

  it('refuses a student of a group the result does not list', () => {
    const bad = { ...result, students: [student('x', '2022|无|普通', 'eligible', true, true)] };
    expect(() => groupSummary(bad)).toThrow('2022|无|普通');
  });

  it('counts issues by severity', () => {
    const i = (severity: 'error' | 'warning' | 'info') => ({ severity, code: 'X', message: '', sheet: null, row: null, column: null, cell: null });
    expect(countBySeverity([i('error'), i('info'), i('info')])).toEqual({ error: 1, warning: 0, info: 2 });
  });
});

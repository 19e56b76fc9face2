/**
 * SPEC §3.3 assembly (src/engine/output.ts, issues.ts): the order of the students, each group's counts,
 * and issues de-duplicated.
 */
import { computeAverage } from '../../src/engine/averages';
import { fraction } from '../../src/engine/exact';
import { buildGroups } from '../../src/engine/groups';
import { issueAt, uniqueIssues } from '../../src/engine/issues';
import { compareForOutput, groupResultOf, startReckoning, type Reckoning } from '../../src/engine/output';
import { makePlan } from '../../src/engine/plan';
import type { Status } from '../../src/engine/result';
import { config, student } from './builders';

const students = [student('a1'), student('a2'), student('a3'), student('b1', { major: '数控技术' })];
const groups = buildGroups(students);
const plan = makePlan([], false);
function reckoning(id: string, rank: number | null, status: Status | null = null): Reckoning {
  const s = students.find((x) => x.studentId === id) ?? student(id);
  const group = groups.find((g) => g.members.includes(s)) ?? groups[0];
  const r = startReckoning(s, group, computeAverage(s, plan, [], config()), rank === null ? null : fraction(100 - rank, 1));
  r.rank = rank;
  r.outcome = status === null ? null : { status, substituteOrder: null, filledVacancy: false };
  return r;
}

describe('compareForOutput', () => {
  it('group key, then rank (no rank last), then 学号', () => {
    // Group keys: "2021|数控技术|普通" (数 U+6570) < "2021|机电一体化技术|普通" (机 U+673A).
    const list = [reckoning('a3', null), reckoning('a2', 1), reckoning('b1', 2), reckoning('a1', 1)];
    expect(list.sort(compareForOutput).map((r) => r.student.studentId)).toEqual(['b1', 'a1', 'a2', 'a3']);
  });
});

describe('groupResultOf', () => {
  it('N, base, Q and the count of each recommended status', () => {
    const group = groups.find((g) => g.major === '机电一体化技术');
    if (!group) throw new Error('no group');
    const members = [reckoning('a1', 1, 'recommended_quota'), reckoning('a2', 2, 'recommended_direct'), reckoning('a3', 3, 'tie_pending')];
    expect(groupResultOf(group, { base: 20, quota: 6 }, members)).toEqual({
      key: '2021|机电一体化技术|普通',
      grade: 2021,
      major: '机电一体化技术',
      track: '普通',
      label: '机电一体化技术',
      size: 3,
      quotaBase: 20,
      quota: 6,
      recommendedQuota: 1,
      recommendedDirect: 1,
      recommendedVeteran: 0,
      tiePending: 1,
    });
  });
});

describe('uniqueIssues', () => {
  it('drops exact repeats only, keeping the first order', () => {
    const a = issueAt('warning', 'X', '甲', { sheet: '教学计划', row: 2 });
    const b = issueAt('warning', 'X', '甲', { sheet: '教学计划', row: 3 });
    expect(uniqueIssues([a, b, { ...a }, b])).toEqual([a, b]);
  });
});

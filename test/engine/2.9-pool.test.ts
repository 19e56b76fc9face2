/**
 * SPEC §2.9 for a whole run (src/engine/allocation.ts): the pool is the recommended students of all three
 * kinds, in walk order; the allocation runs only when the 对口招录计划 has rows and some student has a 志愿;
 * the 对口招录计划 rows in a fixed order whatever the input order.
 */
import { allocateRecommended, sortSeats, type AllocationStudent } from '../../src/engine/allocation';
import { fraction } from '../../src/engine/exact';
import type { Status } from '../../src/engine/result';
import { config, seats, student } from './builders';

const wish = (program: string) => ({ university: '示例大学', program });
function who(id: string, avg: number, status: Status, programs: string[]): AllocationStudent {
  return { student: student(id, { wishes: programs.map(wish) }), key: fraction(avg * 100, 1), priority: false, outcome: { status } };
}

describe('allocateRecommended', () => {
  const plan = [seats('示例大学', '甲专业', 1), seats('示例大学', '乙专业', 5)];
  it('pools only the recommended, in walk order', () => {
    // By hand: pool r1 (90), r2 (80), r3 (70); i1 (99, ineligible) and s1 (85, substitute) are not in it.
    // r1 takes the only 甲专业 seat; r2 finds 甲专业 full and takes 乙专业; r3 takes 乙专业.
    const all = [
      who('r3', 70, 'recommended_veteran', ['乙专业']),
      who('i1', 99, 'ineligible', ['甲专业']),
      who('r2', 80, 'recommended_direct', ['甲专业', '乙专业']),
      who('s1', 85, 'substitute', ['甲专业']),
      who('r1', 90, 'recommended_quota', ['甲专业', '乙专业']),
    ];
    const { outcomes, issues } = allocateRecommended(all, plan, config());
    expect([...outcomes.keys()].sort()).toEqual(['r1', 'r2', 'r3']);
    expect(outcomes.get('r1')).toEqual({ allocation: { university: '示例大学', program: '甲专业' }, pending: false });
    expect(outcomes.get('r2')).toEqual({ allocation: { university: '示例大学', program: '乙专业' }, pending: false });
    expect(outcomes.get('r3')).toEqual({ allocation: { university: '示例大学', program: '乙专业' }, pending: false });
    expect(issues).toEqual([]);
  });
  it('does not run without 对口招录计划 rows, nor when nobody has a 志愿', () => {
    const noWish = who('r1', 90, 'recommended_quota', []);
    expect(allocateRecommended([who('r1', 90, 'recommended_quota', ['甲专业'])], [], config())).toEqual({ outcomes: new Map(), issues: [] });
    expect(allocateRecommended([noWish], plan, config())).toEqual({ outcomes: new Map(), issues: [] });
    // Somebody (even not recommended) has a 志愿: it runs, and the recommended student without one is told.
    const ran = allocateRecommended([noWish, who('s1', 85, 'substitute', ['甲专业'])], plan, config());
    expect(ran.outcomes.get('r1')).toEqual({ allocation: null, pending: false });
    expect(ran.issues.map((i) => i.code)).toEqual(['NO_WISH']);
  });
});

describe('sortSeats', () => {
  it('本科院校, 本科专业, 高职专业, then input place', () => {
    const a = seats('乙大学', '专业1', 1);
    const b = seats('甲大学', '专业2', 1);
    const c = seats('甲大学', '专业1', 1, { vocationalMajor: '数控技术' });
    const d = seats('甲大学', '专业1', 1, { vocationalMajor: '机电一体化技术', source: { sheet: '对口招录计划', row: 40 } });
    const e = seats('甲大学', '专业1', 1, { vocationalMajor: '机电一体化技术', source: { sheet: '对口招录计划', row: 30 } });
    // Code-unit order: 乙 U+4E59 < 甲 U+7532, so 乙大学 comes first; 数控 U+6570 < 机电 U+673A.
    expect(sortSeats([b, d, a, e, c])).toEqual([a, c, e, d, b]);
  });
});

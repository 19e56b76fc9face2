/**
 * SPEC §2.8 quota base and §2.1 apportioning (src/engine/quota.ts): quotaBase = N, or the group's 毕业班人数
 * override (`graduatingClassSize`); groupQuotas gives every group its base and Q.
 */
import { buildGroups } from '../../src/engine/groups';
import { groupQuotas, quotaBase } from '../../src/engine/quota';
import { config, student } from './builders';

/** 2021 机电一体化技术: 9 students in the main group, 8 in 天工班. */
function groups() {
  const main = Array.from({ length: 9 }, (_, i) => student(`m${i}`));
  const tiangong = Array.from({ length: 8 }, (_, i) => student(`t${i}`, { rankingGroup: '天工班' }));
  return buildGroups([...tiangong, ...main]);
}
const MAIN = '2021|机电一体化技术|普通';
const TIANGONG = '2021|机电一体化技术（天工班）|普通';

describe('quotaBase', () => {
  it('N without an override; the override of the group when set', () => {
    const [main] = groups().filter((g) => g.key === MAIN);
    expect(quotaBase(main, config())).toBe(9);
    expect(quotaBase(main, config({ graduatingClassSize: { [MAIN]: 20 } }))).toBe(20);
    // Another group's override does not apply.
    expect(quotaBase(main, config({ graduatingClassSize: { [TIANGONG]: 20 } }))).toBe(9);
  });
});

describe('groupQuotas', () => {
  it('apportions Q of the (cohort, 专业, track) by largest remainder', () => {
    // By hand (30 %): Q = ⌊17 × 0.3⌋ = ⌊5.1⌋ = 5; floors 9 → ⌊2.7⌋ = 2, 8 → ⌊2.4⌋ = 2 (Σ 4); the seat left goes
    // to the larger rest (.7: the main group) ⇒ 3 / 2.
    const q = groupQuotas(groups(), config());
    expect(q.get(MAIN)).toEqual({ base: 9, quota: 3 });
    expect(q.get(TIANGONG)).toEqual({ base: 8, quota: 2 });
  });
  it('uses the override as the group’s base', () => {
    // By hand: bases 9 and 20: Q = ⌊29 × 0.3⌋ = ⌊8.7⌋ = 8; floors ⌊2.7⌋ = 2 and ⌊6⌋ = 6 (Σ 8) ⇒ 2 / 6.
    const q = groupQuotas(groups(), config({ graduatingClassSize: { [TIANGONG]: 20 } }));
    expect(q.get(MAIN)).toEqual({ base: 9, quota: 2 });
    expect(q.get(TIANGONG)).toEqual({ base: 20, quota: 6 });
  });
  it('`separate`: each group its own floor (2 / 2)', () => {
    const q = groupQuotas(groups(), config({ rankingGroupQuota: 'separate' }));
    expect([q.get(MAIN)?.quota, q.get(TIANGONG)?.quota]).toEqual([2, 2]);
  });
});

/**
 * SPEC §2.8 (src/engine/recommendation.ts): the walk order — key descending (no key last), priority first,
 * then 学号 — and a roster student as a walk member.
 */
import { fraction } from '../../src/engine/exact';
import { compareWalkOrder, walkMemberOf } from '../../src/engine/recommendation';
import { student } from './builders';

const m = (studentId: string, avg: number | null, priority = false) => ({ studentId, key: avg === null ? null : fraction(avg * 100, 1), priority });

describe('compareWalkOrder', () => {
  it('sorts key descending, no key last, priority first among equal keys, then 学号', () => {
    const items = [m('e', null), m('d', 80), m('c', 85), m('b', 85, true), m('a', 85), m('f', null, true)];
    expect(items.sort(compareWalkOrder).map((x) => x.studentId)).toEqual(['b', 'a', 'c', 'd', 'f', 'e']);
  });
  it('85.5 (17100/2 hundredths) stands ahead of 85', () => {
    expect(compareWalkOrder({ studentId: 'z', key: fraction(17100, 2), priority: false }, m('a', 85))).toBeLessThan(0);
  });
});

describe('walkMemberOf', () => {
  it('the student’s cells and the standing given', () => {
    const s = student('1', { name: '张三', veteran: true, veteranRoute: 'exam', registration: 'waived', waiverProof: true, ruling: 'reject' });
    const key = fraction(8530, 1);
    expect(walkMemberOf(s, { key, eligible: true, direct: false, priority: true })).toEqual({
      studentId: '1',
      key,
      eligible: true,
      direct: false,
      priority: true,
      veteran: true,
      veteranRoute: 'exam',
      registration: 'waived',
      waiverProof: true,
      ruling: 'reject',
      source: s.source,
      name: '张三',
    });
  });
});

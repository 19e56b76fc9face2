/**
 * SPEC §2.8 (issue 13 point 6): 递补顺序 behind a tie_pending block counts the block's certain losers
 * (block size − seats left), so that the number does not change when the ruling comes.
 */
import { walkGroup, type WalkMember } from '../../src/engine/recommendation';
import { config, walkMembers } from './builders';

const cfg = config();
const member = walkMembers();
const m = (id: string, avg: number, over: Partial<WalkMember> = {}) => member(id, avg, { name: `生${id}`, ...over });
const walk = (ms: WalkMember[], q: number) => walkGroup(ms, q, true, cfg, '2021级 机电');
const orders = (ms: WalkMember[], q: number) =>
  Object.fromEntries([...walk(ms, q).outcomes].map(([id, o]) => [id, [o.status, o.substituteOrder]]));

describe('递补顺序 behind a tie_pending block', () => {
  test('a block of 3 for 1 seat, then e: e is 递补顺序 3 before the ruling (2 of the block lose whatever it says)', () => {
    // Q = 2: a (95) takes a seat; b, c, d (90) tie for the last seat ⇒ tie_pending; e (85) substitute.
    // Hand count for e: substitutes ahead 0 + certain losers of the block (3 − 1 = 2) ⇒ 1 + 2 = 3.
    const r = orders([m('a', 95), m('b', 90), m('c', 90), m('d', 90), m('e', 85), m('f', 80)], 2);
    expect(r).toEqual({
      a: ['recommended_quota', null],
      b: ['tie_pending', null],
      c: ['tie_pending', null],
      d: ['tie_pending', null],
      e: ['substitute', 3],
      f: ['substitute', 4],
    });
  });

  test('after the ruling (b 推荐, c and d 不推荐) e keeps 递补顺序 3: c and d share 1', () => {
    const r = orders([m('a', 95), m('b', 90, { ruling: 'recommend' }), m('c', 90, { ruling: 'reject' }), m('d', 90, { ruling: 'reject' }), m('e', 85)], 2);
    expect(r).toEqual({
      a: ['recommended_quota', null],
      b: ['recommended_quota', null],
      c: ['substitute', 1],
      d: ['substitute', 1],
      e: ['substitute', 3],
    });
  });

  test('a partial ruling (c 不推荐, b and d open for 1 seat): c is 1, then the open pair loses 1 ⇒ e is 3', () => {
    const r = orders([m('a', 95), m('b', 90), m('c', 90, { ruling: 'reject' }), m('d', 90), m('e', 85)], 2);
    expect(r).toEqual({
      a: ['recommended_quota', null],
      b: ['tie_pending', null],
      c: ['substitute', 1],
      d: ['tie_pending', null],
      e: ['substitute', 3],
    });
  });

  test('too many 推荐 (error): the whole block is pending; 3 − 1 seat = 2 certain losers ahead of e', () => {
    const r = orders([m('a', 95), m('b', 90, { ruling: 'recommend' }), m('c', 90, { ruling: 'recommend' }), m('d', 90), m('e', 85)], 2);
    expect(r.e).toEqual(['substitute', 3]);
  });
});

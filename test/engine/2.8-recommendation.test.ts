/** SPEC §2.8 (细则 三(一), 三(二)): quota, the recommendation walk, 递补 and ties at the quota line. */
import { compareStanding, quotaOf, walkGroup, type WalkMember, type WalkOutcome } from '../../src/engine/recommendation';
import type { Status } from '../../src/engine/result';
import { config, walkMembers } from './builders';

const cfg = config();
/** A registered, eligible, ordinary candidate whose average is `avg` (units, ≤ 2 decimals). */
const m = walkMembers();

function walk(members: WalkMember[], quota: number, hasRegistration = true, c = cfg) {
  return walkGroup(members, quota, hasRegistration, c, '2021级 机电一体化技术（普通）');
}

function statuses(outcomes: Map<string, WalkOutcome>): Record<string, Status> {
  return Object.fromEntries([...outcomes].map(([id, o]) => [id, o.status]));
}

describe('§2.8 quota Q = ⌊base × quotaPercent / 100⌋', () => {
  it.each([
    [10, 30, 3],
    [13, 30, 3],
    [0, 30, 0],
    [7, 30, 2],
    [100, 30, 30],
    [3, 30, 0],
    [10, 25, 2],
  ])('base %d at %d %% → %d', (base, percent, q) => {
    expect(quotaOf(base, config({ quotaPercent: percent }))).toBe(q);
  });
  it('rejects a base that is not a non-negative integer', () => {
    expect(() => quotaOf(-1, cfg)).toThrow(RangeError);
    expect(() => quotaOf(2.5, cfg)).toThrow(RangeError);
  });
});

describe('§2.8 walk order', () => {
  it('key descending, within equal keys priority first, no key last', () => {
    const a = m('a', 80);
    const b = m('b', 80, { priority: true });
    const c = m('c', 90);
    const d = m('d', null);
    const sorted = [a, b, c, d].sort(compareStanding).map((x) => x.studentId);
    expect(sorted).toEqual(['c', 'b', 'a', 'd']);
  });

  it('priority wins the last seat between equal keys (同等条件优先)', () => {
    const r = walk([m('plain', 85), m('prio', 85, { priority: true }), m('top', 90)], 2);
    expect(statuses(r.outcomes)).toEqual({ plain: 'substitute', prio: 'recommended_quota', top: 'recommended_quota' });
    expect(r.issues).toEqual([]);
  });

  it('priority never passes a higher key', () => {
    const r = walk([m('high', 85.01), m('prio', 85, { priority: true })], 1);
    expect(statuses(r.outcomes)).toEqual({ high: 'recommended_quota', prio: 'substitute' });
  });
});

describe('§2.8 step 0: 退役士兵 via 综合考查 → exam_route', () => {
  it('with registration data, even when ineligible', () => {
    const r = walk([m('v1', 90, { veteran: true, veteranRoute: 'exam' }), m('v2', 50, { veteran: true, veteranRoute: 'exam', eligible: false })], 3);
    expect(statuses(r.outcomes)).toEqual({ v1: 'exam_route', v2: 'exam_route' });
  });
  it('without registration data', () => {
    const r = walk([m('v1', 90, { veteran: true, veteranRoute: 'exam', registration: null }), m('x', 80, { registration: null })], 3, false);
    expect(statuses(r.outcomes)).toEqual({ v1: 'exam_route', x: 'eligible' });
  });
  it('a 学校选拔 veteran is not exam_route', () => {
    const r = walk([m('v', 90, { veteran: true, veteranRoute: 'school' })], 3);
    expect(r.outcomes.get('v')?.status).toBe('recommended_veteran');
  });
});

describe('§2.8 step 1: not eligible → ineligible, and takes no seat', () => {
  it('an ineligible student above the line leaves the seat to the next one', () => {
    const r = walk([m('top', 95, { eligible: false }), m('a', 90), m('b', 80)], 1);
    expect(statuses(r.outcomes)).toEqual({ top: 'ineligible', a: 'recommended_quota', b: 'substitute' });
    // top is not a candidate: a's position is 1, so a did not fill a vacancy.
    expect(r.outcomes.get('a')?.filledVacancy).toBe(false);
  });
  it('an unranked student is ineligible (engine sets eligible false) and sits below everyone', () => {
    const r = walk([m('none', null, { eligible: false }), m('a', 60)], 1);
    expect(statuses(r.outcomes)).toEqual({ none: 'ineligible', a: 'recommended_quota' });
  });
});

describe('§2.8 step 2: no registration data → eligible, nothing more', () => {
  it('eligible students, direct and veterans included, stay eligible; nobody gets a seat', () => {
    const r = walk(
      [
        m('a', 90, { registration: null }),
        m('d', 85, { registration: null, direct: true }),
        m('v', 80, { registration: null, veteran: true }),
        m('x', 70, { registration: null, eligible: false }),
      ],
      1,
      false,
    );
    expect(statuses(r.outcomes)).toEqual({ a: 'eligible', d: 'eligible', v: 'eligible', x: 'ineligible' });
    for (const o of r.outcomes.values()) expect(o).toMatchObject({ substituteOrder: null, filledVacancy: false });
  });
});

describe('§2.8 step 3: waived / auto_waived', () => {
  it('放弃 with 放弃证明 → waived; 放弃 without → auto_waived; 未报名 → auto_waived', () => {
    const r = walk(
      [
        m('proof', 95, { registration: 'waived', waiverProof: true }),
        m('noproof', 94, { registration: 'waived', waiverProof: false }),
        m('none', 93, { registration: 'none' }),
        m('empty', 92, { registration: null }),
        m('a', 80),
      ],
      1,
    );
    expect(statuses(r.outcomes)).toEqual({ proof: 'waived', noproof: 'auto_waived', none: 'auto_waived', empty: 'auto_waived', a: 'recommended_quota' });
  });

  it('not registered but with a signed 放弃证明 → waived (细则 三(一)1: only "未报名也未提交放弃升本证明材料" is 自动放弃)', () => {
    const r = walk([m('x', 90, { registration: 'none', waiverProof: true })], 1);
    expect(r.outcomes.get('x')?.status).toBe('waived');
  });

  it('a direct student who did not register → auto_waived, not recommended_direct', () => {
    const r = walk([m('d', 95, { direct: true, registration: 'none' })], 1);
    expect(r.outcomes.get('d')?.status).toBe('auto_waived');
  });

  it('a 学校选拔 veteran who waived with proof → waived', () => {
    const r = walk([m('v', 95, { veteran: true, registration: 'waived', waiverProof: true })], 1);
    expect(r.outcomes.get('v')?.status).toBe('waived');
  });

  it('registered with a 放弃证明 stays registered, with a warning at the roster row', () => {
    const x = m('x', 90, { waiverProof: true });
    const r = walk([x], 1);
    expect(r.outcomes.get('x')?.status).toBe('recommended_quota');
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'REGISTERED_WITH_WAIVER', row: x.source.row })]);
  });
});

describe('§2.8 step 4: direct → recommended_direct, no seat', () => {
  it('direct students above the line do not use seats', () => {
    const r = walk([m('d1', 95, { direct: true }), m('d2', 94, { direct: true }), m('a', 90), m('b', 85), m('c', 80)], 2);
    expect(statuses(r.outcomes)).toEqual({
      d1: 'recommended_direct',
      d2: 'recommended_direct',
      a: 'recommended_quota',
      b: 'recommended_quota',
      c: 'substitute',
    });
  });
  it('a direct student below the line is still recommended_direct', () => {
    const r = walk([m('a', 90), m('d', 70, { direct: true })], 1);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', d: 'recommended_direct' });
  });
});

describe('§2.8 step 5: 退役士兵 via 学校选拔', () => {
  it('default: recommended_veteran, no seat', () => {
    const r = walk([m('v', 95, { veteran: true }), m('a', 90), m('b', 80)], 1);
    expect(statuses(r.outcomes)).toEqual({ v: 'recommended_veteran', a: 'recommended_quota', b: 'substitute' });
  });
  it('veteranUsesQuota: the veteran takes a seat (status recommended_veteran)', () => {
    const r = walk([m('v', 95, { veteran: true }), m('a', 90), m('b', 80)], 1, true, config({ veteranUsesQuota: true }));
    expect(statuses(r.outcomes)).toEqual({ v: 'recommended_veteran', a: 'substitute', b: 'substitute' });
  });
  it('veteranUsesQuota: a veteran below the line becomes a substitute', () => {
    const r = walk([m('a', 95), m('v', 80, { veteran: true })], 1, true, config({ veteranUsesQuota: true }));
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', v: 'substitute' });
    expect(r.outcomes.get('v')?.substituteOrder).toBe(1);
  });
});

describe('§2.8 step 6: seats and 递补 numbering', () => {
  it('the first Q registered candidates take the seats, the rest are substitutes numbered in order', () => {
    const r = walk([m('a', 95), m('b', 90), m('c', 85), m('d', 80), m('e', 75)], 2);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', b: 'recommended_quota', c: 'substitute', d: 'substitute', e: 'substitute' });
    expect([...r.outcomes].map(([id, o]) => [id, o.substituteOrder])).toEqual([
      ['a', null],
      ['b', null],
      ['c', 1],
      ['d', 2],
      ['e', 3],
    ]);
  });

  it('tied substitutes share a number and the next one skips (1, 2, 2, 4)', () => {
    const r = walk([m('a', 95), m('b', 90), m('c', 85), m('d', 85), m('e', 80)], 1);
    const order = Object.fromEntries([...r.outcomes].map(([id, o]) => [id, o.substituteOrder]));
    expect(order).toEqual({ a: null, b: 1, c: 2, d: 2, e: 4 });
  });

  it('substitutes with equal key but priority are strictly ahead of those without', () => {
    const r = walk([m('a', 95), m('p', 85, { priority: true }), m('q', 85)], 1);
    const order = Object.fromEntries([...r.outcomes].map(([id, o]) => [id, o.substituteOrder]));
    expect(order).toEqual({ a: null, p: 1, q: 2 });
  });

  it('Q = 0: every registered candidate is a substitute', () => {
    const r = walk([m('a', 95), m('b', 90)], 0);
    expect(statuses(r.outcomes)).toEqual({ a: 'substitute', b: 'substitute' });
  });

  it('waived students above take no seat, so the seat passes down (递补)', () => {
    const r = walk([m('w', 99, { registration: 'waived', waiverProof: true }), m('a', 95), m('b', 90)], 1);
    expect(statuses(r.outcomes)).toEqual({ w: 'waived', a: 'recommended_quota', b: 'substitute' });
  });
});

describe('§2.8 filledVacancy: position among candidates > Q', () => {
  it('true when a candidate above gave up the seat', () => {
    const r = walk([m('w', 99, { registration: 'none' }), m('a', 95), m('b', 90)], 2);
    expect(r.outcomes.get('a')).toEqual({ status: 'recommended_quota', substituteOrder: null, filledVacancy: false });
    expect(r.outcomes.get('b')).toEqual({ status: 'recommended_quota', substituteOrder: null, filledVacancy: true });
  });
  it('false when the students above are direct or 退役士兵 (they are not candidates)', () => {
    const r = walk([m('d', 99, { direct: true }), m('v', 98, { veteran: true }), m('a', 95), m('b', 90)], 2);
    expect(r.outcomes.get('b')).toEqual({ status: 'recommended_quota', substituteOrder: null, filledVacancy: false });
  });
  it('false when the student above is a direct student who did not register (not a candidate)', () => {
    const r = walk([m('d', 99, { direct: true, registration: 'none' }), m('a', 95)], 1);
    expect(r.outcomes.get('d')?.status).toBe('auto_waived');
    expect(r.outcomes.get('a')?.filledVacancy).toBe(false);
  });
  it('with veteranUsesQuota a veteran who chose 综合考查 is a candidate: the seat below is 递补', () => {
    const r = walk([m('v', 99, { veteran: true, veteranRoute: 'exam' }), m('a', 95)], 1, true, config({ veteranUsesQuota: true }));
    expect(r.outcomes.get('a')).toEqual({ status: 'recommended_quota', substituteOrder: null, filledVacancy: true });
  });
});

describe('§2.8 a tie block straddling the quota line', () => {
  const group = () => [m('a', 95), m('t1', 88), m('t2', 88), m('t3', 88), m('z', 80)];

  it('every member of the block is tie_pending; nobody after gets a seat; one TIE_AT_QUOTA warning', () => {
    const r = walk(group(), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'tie_pending', t2: 'tie_pending', t3: 'tie_pending', z: 'substitute' });
    expect(r.issues).toHaveLength(1);
    const issue = r.issues[0];
    expect(issue).toMatchObject({ severity: 'warning', code: 'TIE_AT_QUOTA', sheet: '学生名册' });
    for (const text of ['2021级 机电一体化技术（普通）', 't1', 't2', 't3', '2 个', '裁定结果', '推荐', '不推荐']) {
      expect(issue.message).toContain(text);
    }
    // tie_pending students are not substitutes, but 3 − 2 seats = 1 of them will be 不推荐 whatever the
    // ruling (SPEC §2.8): z comes after that one ⇒ 递补顺序 2.
    expect(r.outcomes.get('z')?.substituteOrder).toBe(2);
  });

  it('a block that exactly fits takes all the seats, no tie', () => {
    const r = walk(group(), 4);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'recommended_quota', t2: 'recommended_quota', t3: 'recommended_quota', z: 'substitute' });
    expect(r.issues).toEqual([]);
  });

  it('a block starting when no seat is left is all substitutes sharing a number', () => {
    const r = walk(group(), 1);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'substitute', t2: 'substitute', t3: 'substitute', z: 'substitute' });
    expect([1, 2, 3].map((i) => r.outcomes.get(`t${i}`)?.substituteOrder)).toEqual([1, 1, 1]);
    expect(r.outcomes.get('z')?.substituteOrder).toBe(4);
    expect(r.issues).toEqual([]);
  });

  it('a member of the block who waived does not count: the rest fit', () => {
    const g = group();
    g[3] = m('t3', 88, { registration: 'waived', waiverProof: true });
    const r = walk(g, 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'recommended_quota', t2: 'recommended_quota', t3: 'waived', z: 'substitute' });
  });

  it('priority splits a tie: the priority student takes a seat, the rest of the tie is pending', () => {
    const g = group();
    g[1] = m('t1', 88, { priority: true });
    const r = walk(g, 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'recommended_quota', t2: 'tie_pending', t3: 'tie_pending', z: 'substitute' });
  });
});

describe('§2.8 裁定结果 of a tie block', () => {
  const tied = (r1: WalkMember['ruling'], r2: WalkMember['ruling'], r3: WalkMember['ruling']) => [
    m('a', 95),
    m('t1', 88, { ruling: r1 }),
    m('t2', 88, { ruling: r2 }),
    m('t3', 88, { ruling: r3 }),
    m('z', 80),
  ];

  it('推荐 → recommended_quota, 不推荐 → substitute, no warning left', () => {
    const r = walk(tied('recommend', 'reject', 'recommend'), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'recommended_quota', t2: 'substitute', t3: 'recommended_quota', z: 'substitute' });
    expect(r.outcomes.get('t2')?.substituteOrder).toBe(1);
    expect(r.outcomes.get('z')?.substituteOrder).toBe(2);
    expect(r.issues).toEqual([]);
  });

  it('推荐 filling the seats left turns the undecided ones into substitutes', () => {
    const r = walk(tied('recommend', 'recommend', null), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'recommended_quota', t2: 'recommended_quota', t3: 'substitute', z: 'substitute' });
  });

  it('不推荐 for enough members lets the undecided rest take the seats', () => {
    const r = walk(tied('reject', null, null), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'substitute', t2: 'recommended_quota', t3: 'recommended_quota', z: 'substitute' });
    expect(r.issues).toEqual([]);
  });

  it('a partial ruling that still leaves a tie keeps the undecided ones pending, with the seats now left', () => {
    const g = [m('t1', 88, { ruling: 'recommend' }), m('t2', 88), m('t3', 88), m('t4', 88)];
    const r = walk(g, 2);
    expect(statuses(r.outcomes)).toEqual({ t1: 'recommended_quota', t2: 'tie_pending', t3: 'tie_pending', t4: 'tie_pending' });
    expect(r.issues.map((i) => i.code)).toEqual(['TIE_AT_QUOTA']);
    expect(r.issues[0].message).toContain('1 个');
    expect(r.issues[0].message).not.toContain('t1');
  });

  it('more 推荐 than seats left → error issue, nobody of the block gets a seat', () => {
    const r = walk(tied('recommend', 'recommend', 'recommend'), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'tie_pending', t2: 'tie_pending', t3: 'tie_pending', z: 'substitute' });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'TIE_RULING_TOO_MANY' });
    expect(r.issues[0].message).toContain('2 个');
  });

  it('all 不推荐 leaves seats unused; nobody after the block gets them (warning)', () => {
    const r = walk(tied('reject', 'reject', 'reject'), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'substitute', t2: 'substitute', t3: 'substitute', z: 'substitute' });
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'TIE_RULING_UNDERFILLED']]);
  });

  it('不推荐 for two, the undecided one fits: one seat stays unused and does not pass to the student below (warning)', () => {
    const r = walk(tied('reject', 'reject', null), 3);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', t1: 'substitute', t2: 'substitute', t3: 'recommended_quota', z: 'substitute' });
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'TIE_RULING_UNDERFILLED']]);
    expect(r.issues[0].message).toContain('1 个');
  });

  it('a 裁定结果 on a student who is not tied at the line is ignored, with a warning', () => {
    const r = walk([m('a', 95, { ruling: 'reject' }), m('b', 90)], 1);
    expect(statuses(r.outcomes)).toEqual({ a: 'recommended_quota', b: 'substitute' });
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'RULING_IGNORED']]);
  });
});

describe('§2.8 the number of recommended_quota never exceeds Q', () => {
  it('holds with ties, rulings and vacancies', () => {
    const g = [
      m('w', 99, { registration: 'none' }),
      m('a', 95),
      m('t1', 88, { ruling: 'recommend' }),
      m('t2', 88),
      m('t3', 88),
      m('z', 80),
    ];
    for (let q = 0; q <= 6; q++) {
      const r = walk(g, q);
      const seats = [...r.outcomes.values()].filter((o) => o.status === 'recommended_quota').length;
      expect(seats).toBeLessThanOrEqual(q);
    }
  });
});

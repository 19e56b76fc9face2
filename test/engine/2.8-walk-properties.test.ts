/** SPEC §2.8: properties of the recommendation walk over random groups (fast-check). */
import fc from 'fast-check';
import type { Config } from '../../src/engine/config';
import { fraction } from '../../src/engine/exact';
import { compareStanding, walkGroup, type WalkMember } from '../../src/engine/recommendation';
import { config } from './builders';

/** Few distinct keys, so that ties (also at the quota line) are frequent. */
const memberShape = fc.record({
  key: fc.option(fc.constantFrom(7000, 8000, 8000, 8550, 9000), { nil: null }),
  // Keys with different fractions but equal value: 8000/1 = 16000/2.
  doubled: fc.boolean(),
  eligible: fc.boolean(),
  direct: fc.boolean(),
  priority: fc.boolean(),
  veteran: fc.boolean(),
  exam: fc.boolean(),
  registration: fc.constantFrom('registered', 'registered', 'waived', 'none', null),
  waiverProof: fc.boolean(),
  ruling: fc.constantFrom(null, null, 'recommend', 'reject'),
});

const groupShape = fc.record({
  shapes: fc.array(memberShape, { maxLength: 14 }),
  quota: fc.integer({ min: 0, max: 6 }),
  hasRegistration: fc.boolean(),
  veteranUsesQuota: fc.boolean(),
  seed: fc.integer(),
});

type MemberShape = typeof memberShape extends fc.Arbitrary<infer T> ? T : never;

function members(shapes: MemberShape[]): WalkMember[] {
  return shapes.map((s, i) => {
    const eligible = s.eligible && s.key !== null; // the engine never makes a student without an average eligible
    return {
      studentId: `s${String(i).padStart(2, '0')}`,
      key: s.key === null ? null : s.doubled ? fraction(2 * s.key, 2) : fraction(s.key, 1),
      eligible,
      direct: eligible && s.direct,
      priority: s.priority,
      veteran: s.veteran,
      veteranRoute: s.exam ? 'exam' : 'school',
      registration: s.registration as WalkMember['registration'],
      waiverProof: s.waiverProof,
      ruling: s.ruling as WalkMember['ruling'],
      source: { sheet: '学生名册', row: i + 2 },
    };
  });
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const run = (ms: WalkMember[], quota: number, hasRegistration: boolean, c: Config) => walkGroup(ms, quota, hasRegistration, c, '测试组');
const params = { numRuns: 300 };

describe('§2.8 walk properties', () => {
  it('seats taken never exceed Q (recommended_quota, plus seat-taking veterans with veteranUsesQuota)', () => {
    fc.assert(
      fc.property(groupShape, ({ shapes, quota, hasRegistration, veteranUsesQuota }) => {
        const c = config({ veteranUsesQuota });
        const ms = members(shapes);
        const { outcomes } = run(ms, quota, hasRegistration, c);
        const seatTakers = ms.filter((m) => {
          const s = outcomes.get(m.studentId)?.status;
          return s === 'recommended_quota' || (veteranUsesQuota && s === 'recommended_veteran');
        });
        expect(seatTakers.length).toBeLessThanOrEqual(quota);
      }),
      params,
    );
  });

  it('every member gets exactly one outcome, and nobody else does', () => {
    fc.assert(
      fc.property(groupShape, ({ shapes, quota, hasRegistration, veteranUsesQuota }) => {
        const ms = members(shapes);
        const { outcomes } = run(ms, quota, hasRegistration, config({ veteranUsesQuota }));
        expect([...outcomes.keys()].sort()).toEqual(ms.map((m) => m.studentId).sort());
      }),
      params,
    );
  });

  it('input order changes neither outcomes nor issues', () => {
    fc.assert(
      fc.property(groupShape, ({ shapes, quota, hasRegistration, veteranUsesQuota, seed }) => {
        const c = config({ veteranUsesQuota });
        const ms = members(shapes);
        const a = run(ms, quota, hasRegistration, c);
        const b = run(shuffled(ms, seed), quota, hasRegistration, c);
        expect(Object.fromEntries(b.outcomes)).toEqual(Object.fromEntries(a.outcomes));
        expect(b.issues).toEqual(a.issues);
      }),
      params,
    );
  });

  it('no substitute stands strictly ahead of a seat holder; substitute numbers follow the order', () => {
    fc.assert(
      fc.property(groupShape, ({ shapes, quota, veteranUsesQuota }) => {
        const ms = members(shapes);
        const { outcomes } = run(ms, quota, true, config({ veteranUsesQuota }));
        const withStatus = (s: string) => ms.filter((m) => outcomes.get(m.studentId)?.status === s);
        for (const sub of withStatus('substitute')) {
          for (const seat of withStatus('recommended_quota')) expect(compareStanding(sub, seat)).toBeGreaterThanOrEqual(0);
          for (const other of withStatus('substitute')) {
            const cmp = compareStanding(sub, other);
            const [x, y] = [outcomes.get(sub.studentId)?.substituteOrder ?? 0, outcomes.get(other.studentId)?.substituteOrder ?? 0];
            if (cmp < 0) expect(x).toBeLessThan(y);
            if (cmp === 0) expect(x).toBe(y);
          }
        }
      }),
      params,
    );
  });

  it('tie_pending only comes with a TIE_AT_QUOTA warning or a TIE_RULING_TOO_MANY error', () => {
    fc.assert(
      fc.property(groupShape, ({ shapes, quota, hasRegistration, veteranUsesQuota }) => {
        const ms = members(shapes);
        const { outcomes, issues } = run(ms, quota, hasRegistration, config({ veteranUsesQuota }));
        const pending = [...outcomes.values()].some((o) => o.status === 'tie_pending');
        const tieIssue = issues.some((i) => i.code === 'TIE_AT_QUOTA' || i.code === 'TIE_RULING_TOO_MANY');
        expect(pending).toBe(tieIssue);
      }),
      params,
    );
  });

  it('without registration data only ineligible / eligible / exam_route occur', () => {
    fc.assert(
      fc.property(groupShape, ({ shapes, quota, veteranUsesQuota }) => {
        const ms = members(shapes);
        const { outcomes } = run(ms, quota, false, config({ veteranUsesQuota }));
        for (const o of outcomes.values()) {
          expect(['ineligible', 'eligible', 'exam_route']).toContain(o.status);
          expect(o).toMatchObject({ substituteOrder: null, filledVacancy: false });
        }
      }),
      params,
    );
  });
});

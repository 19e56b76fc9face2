/** SPEC §2.9 (细则 五(六)(七) 成绩优先、遵循志愿): 志愿 allocation by serial dictatorship over blocks. */
import fc from 'fast-check';
import { allocate, normaliseWishText, type AllocationCandidate } from '../../src/engine/allocation';
import { fraction } from '../../src/engine/exact';
import { compareStanding } from '../../src/engine/recommendation';
import type { Wish } from '../../src/engine/model';
import { config, seats } from './builders';

const cfg = config();
let row = 1;

const wish = (text: string): Wish => {
  const [university, program] = text.split('/');
  return { university, program };
};

function cand(id: string, avg: number, wishes: string[], over: Partial<AllocationCandidate> = {}): AllocationCandidate {
  return {
    studentId: id,
    major: '机电一体化技术',
    cohort: 2021,
    key: fraction(Math.round(avg * 100), 1),
    priority: false,
    wishes: wishes.map(wish),
    source: { sheet: '学生名册', row: ++row },
    ...over,
  };
}

function placed(out: ReturnType<typeof allocate>): Record<string, string | null> {
  return Object.fromEntries(
    [...out.outcomes].map(([id, o]) => [id, o.allocation ? `${o.allocation.university}/${o.allocation.program}` : o.pending ? 'PENDING' : null]),
  );
}

const plan = () => [seats('广西科技大学', '机械工程', 1), seats('桂林理工大学', '机械电子工程', 2)];

describe('§2.9 serial dictatorship: best key first, each takes the first 志愿 with a seat', () => {
  it('the higher key gets the contested programme, the next one falls to the next 志愿', () => {
    const out = allocate(
      [
        cand('b', 85, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']),
        cand('a', 90, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']),
      ],
      plan(),
      cfg,
    );
    expect(placed(out)).toEqual({ a: '广西科技大学/机械工程', b: '桂林理工大学/机械电子工程' });
    expect(out.issues).toEqual([]);
  });

  it('priority goes first among equal keys', () => {
    const out = allocate(
      [cand('plain', 88, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']), cand('prio', 88, ['广西科技大学/机械工程'], { priority: true })],
      plan(),
      cfg,
    );
    expect(placed(out)).toEqual({ prio: '广西科技大学/机械工程', plain: '桂林理工大学/机械电子工程' });
  });

  it('no 志愿 with a seat left ⇒ allocation null + warning', () => {
    const out = allocate([cand('a', 90, ['广西科技大学/机械工程']), cand('b', 80, ['广西科技大学/机械工程'])], plan(), cfg);
    expect(placed(out)).toEqual({ a: '广西科技大学/机械工程', b: null });
    expect(out.outcomes.get('b')).toEqual({ allocation: null, pending: false });
    expect(out.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'NO_SEAT_FOR_WISHES']]);
  });

  it('no 志愿 at all ⇒ allocation null + warning', () => {
    const out = allocate([cand('a', 90, [])], plan(), cfg);
    expect(out.outcomes.get('a')).toEqual({ allocation: null, pending: false });
    expect(out.issues.map((i) => i.code)).toEqual(['NO_WISH']);
  });
});

describe('§2.9 conflicts inside a block of equal (key, priority)', () => {
  it('more members than seats left on one programme ⇒ all pending, warning; seats held for them', () => {
    const out = allocate(
      [
        cand('a', 90, ['广西科技大学/机械工程']),
        cand('t1', 85, ['桂林理工大学/机械电子工程']),
        cand('t2', 85, ['桂林理工大学/机械电子工程']),
        cand('t3', 85, ['桂林理工大学/机械电子工程']),
        cand('z', 80, ['桂林理工大学/机械电子工程']),
      ],
      plan(),
      cfg,
    );
    expect(placed(out)).toEqual({ a: '广西科技大学/机械工程', t1: 'PENDING', t2: 'PENDING', t3: 'PENDING', z: null });
    const conflict = out.issues.find((i) => i.code === 'ALLOCATION_CONFLICT');
    expect(conflict).toMatchObject({ severity: 'warning' });
    for (const text of ['t1', 't2', 't3', '桂林理工大学/机械电子工程', '2 个']) expect(conflict?.message).toContain(text);
    // z (lower key) cannot take a seat held for the pending block.
    expect(out.issues.map((i) => i.code)).toEqual(['ALLOCATION_CONFLICT', 'NO_SEAT_FOR_WISHES']);
  });

  it('a block that fits takes its seats without a conflict', () => {
    const out = allocate([cand('t1', 85, ['桂林理工大学/机械电子工程']), cand('t2', 85, ['桂林理工大学/机械电子工程'])], plan(), cfg);
    expect(placed(out)).toEqual({ t1: '桂林理工大学/机械电子工程', t2: '桂林理工大学/机械电子工程' });
    expect(out.issues).toEqual([]);
  });

  it('members of the conflicting block who point elsewhere take their seats', () => {
    const out = allocate(
      [cand('t1', 85, ['广西科技大学/机械工程']), cand('t2', 85, ['广西科技大学/机械工程']), cand('t3', 85, ['桂林理工大学/机械电子工程'])],
      plan(),
      cfg,
    );
    expect(placed(out)).toEqual({ t1: 'PENDING', t2: 'PENDING', t3: '桂林理工大学/机械电子工程' });
  });

  it('pending members are not placed on a later 志愿', () => {
    const out = allocate(
      [
        cand('t1', 85, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']),
        cand('t2', 85, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']),
      ],
      plan(),
      cfg,
    );
    expect(placed(out)).toEqual({ t1: 'PENDING', t2: 'PENDING' });
  });
});

describe('§2.9 plan rows per 高职专业 and 年级; pool across tracks', () => {
  it('a programme planned for another 高职专业 is not open to this student', () => {
    const out = allocate(
      [cand('a', 90, ['广西科技大学/机械工程'])],
      [seats('广西科技大学', '机械工程', 3, { vocationalMajor: '工业机器人技术' })],
      cfg,
    );
    expect(out.outcomes.get('a')).toEqual({ allocation: null, pending: false });
    expect(out.issues.map((i) => i.code)).toEqual(['MAJOR_NOT_IN_PLAN']);
  });

  it('a 志愿 not in the plan of the student’s 专业 is skipped with a warning; the next one is used', () => {
    const out = allocate([cand('a', 90, ['广西大学/机械工程', '广西科技大学/机械工程'])], plan(), cfg);
    expect(placed(out)).toEqual({ a: '广西科技大学/机械工程' });
    expect(out.issues.map((i) => i.code)).toEqual(['WISH_NOT_IN_PLAN']);
  });

  it('a row with 年级 serves only that cohort and is preferred to the all-cohort row', () => {
    const rows = [seats('广西科技大学', '机械工程', 1, { cohort: null }), seats('广西科技大学', '机械工程', 1, { cohort: 2021 })];
    const out = allocate(
      [
        cand('old1', 95, ['广西科技大学/机械工程'], { cohort: 2020 }),
        cand('new1', 90, ['广西科技大学/机械工程']),
        cand('new2', 85, ['广西科技大学/机械工程']),
      ],
      rows,
      cfg,
    );
    // old1 (2020) uses the all-cohort row; new1 uses the 2021 row; new2 finds no seat left in the 2021 row.
    expect(placed(out)).toEqual({ old1: '广西科技大学/机械工程', new1: '广西科技大学/机械工程', new2: null });
  });

  it('扩招 and 普通 students of one 专业 share the seats, ordered by key (pool across tracks)', () => {
    const out = allocate(
      [cand('normal', 80, ['广西科技大学/机械工程']), cand('expanded', 90, ['广西科技大学/机械工程'])],
      plan(),
      cfg,
    );
    expect(placed(out)).toEqual({ expanded: '广西科技大学/机械工程', normal: null });
  });
});

describe('§2.9 志愿 text matching: trim and full-width → half-width, exact otherwise', () => {
  it('normalises full-width letters, digits and brackets and outer spaces', () => {
    expect(normaliseWishText('  桂林理工大学（南宁分校）ＡＩ１ ')).toBe('桂林理工大学(南宁分校)AI1');
    expect(normaliseWishText('\u3000机械工程\u3000')).toBe('机械工程');
  });

  it('a full-width / padded 志愿 matches the plan', () => {
    const out = allocate(
      [cand('a', 90, [' 广西科技大学/机械工程（卓越班） '])],
      [seats('广西科技大学', '机械工程(卓越班)', 1)],
      cfg,
    );
    expect(placed(out)).toEqual({ a: '广西科技大学/机械工程(卓越班)' });
  });

  it('a near miss (inner space, other wording) does not match', () => {
    const out = allocate([cand('a', 90, ['广西科技大学/机械 工程']), cand('b', 80, ['广西科大/机械工程'])], plan(), cfg);
    expect(placed(out)).toEqual({ a: null, b: null });
    expect(out.issues.filter((i) => i.code === 'WISH_NOT_IN_PLAN')).toHaveLength(2);
  });
});

describe('§2.9 plan errors', () => {
  it('a repeated plan row is an error at the repeated row', () => {
    const second = seats('广西科技大学', '机械工程', 2);
    const out = allocate([cand('a', 90, ['广西科技大学/机械工程'])], [seats('广西科技大学', '机械工程', 1), second], cfg);
    expect(out.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'DUPLICATE_PLAN_ROW', row: second.source.row })]);
  });
  it('a negative or fractional 计划数 is an error', () => {
    const out = allocate([], [seats('广西科技大学', '机械工程', -1), seats('桂林理工大学', '机械电子工程', 1.5)], cfg);
    expect(out.issues.map((i) => [i.severity, i.code])).toEqual([
      ['error', 'BAD_PLAN_SEATS'],
      ['error', 'BAD_PLAN_SEATS'],
    ]);
  });
});

describe('§2.9 determinism', () => {
  it('candidate and plan row order change nothing', () => {
    const cs = [
      cand('a', 90, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']),
      cand('t1', 85, ['桂林理工大学/机械电子工程']),
      cand('t2', 85, ['桂林理工大学/机械电子工程']),
      cand('t3', 85, ['广西科技大学/机械工程', '桂林理工大学/机械电子工程']),
    ];
    const p = plan();
    const a = allocate(cs, p, cfg);
    const b = allocate([...cs].reverse(), [...p].reverse(), cfg);
    expect(Object.fromEntries(b.outcomes)).toEqual(Object.fromEntries(a.outcomes));
    expect(b.issues).toEqual(a.issues);
  });
});

describe('§2.9 properties (fast-check)', () => {
  const programmes = ['甲大学/机械工程', '乙大学/机械电子工程', '丙大学/车辆工程'];
  const shape = fc.record({
    people: fc.array(
      fc.record({
        key: fc.constantFrom(8000, 8500, 9000),
        priority: fc.boolean(),
        wishes: fc.uniqueArray(fc.constantFrom(...programmes), { maxLength: 3 }),
      }),
      { maxLength: 12 },
    ),
    capacity: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
  });
  const build = ({ people, capacity }: { people: { key: number; priority: boolean; wishes: string[] }[]; capacity: [number, number, number] }) => ({
    cs: people.map((p, i) => ({
      studentId: `p${String(i).padStart(2, '0')}`,
      major: '机电一体化技术',
      cohort: 2021,
      key: fraction(p.key, 1),
      priority: p.priority,
      wishes: p.wishes.map(wish),
      source: { sheet: '学生名册', row: i + 2 },
    })),
    rows: programmes.map((text, i) => seats(text.split('/')[0], text.split('/')[1], capacity[i], { source: { sheet: '对口招录计划', row: i + 2 } })),
  });

  it('no programme gets more students than its seats; everyone placed got one of their own 志愿; order is irrelevant', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const { cs, rows } = build(s);
        const out = allocate(cs, rows, cfg);
        const used = new Map<string, number>();
        for (const c of cs) {
          const o = out.outcomes.get(c.studentId);
          expect(o).toBeDefined();
          if (!o?.allocation) continue;
          const text = `${o.allocation.university}/${o.allocation.program}`;
          expect(c.wishes.map((w) => `${w.university}/${w.program}`)).toContain(text);
          used.set(text, (used.get(text) ?? 0) + 1);
        }
        programmes.forEach((p, i) => expect(used.get(p) ?? 0).toBeLessThanOrEqual(s.capacity[i]));
        // 成绩优先: whoever stands strictly ahead of a placed student got that programme or an earlier 志愿, or is pending.
        const placedAt = (c: AllocationCandidate) => {
          const a = out.outcomes.get(c.studentId)?.allocation;
          return a ? c.wishes.findIndex((w) => w.university === a.university && w.program === a.program) : Infinity;
        };
        for (const y of cs) {
          const a = out.outcomes.get(y.studentId)?.allocation;
          if (!a) continue;
          for (const x of cs) {
            if (compareStanding(x, y) >= 0 || out.outcomes.get(x.studentId)?.pending) continue;
            const wanted = x.wishes.findIndex((w) => w.university === a.university && w.program === a.program);
            if (wanted >= 0) expect(placedAt(x)).toBeLessThanOrEqual(wanted);
          }
        }
        const again = allocate([...cs].reverse(), [...rows].reverse(), cfg);
        expect(Object.fromEntries(again.outcomes)).toEqual(Object.fromEntries(out.outcomes));
      }),
      { numRuns: 100 },
    );
  });
});

/** Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique ignoring case, long 专业 names shortened. */
import fc from 'fast-check';
import { buildAllAttachments } from '../../src/sheets/attachments';
import { SheetNamer } from '../../src/sheets/attachments/common';
import { buildOutput, meta, registeredGroups, SEATS } from './fixtures';

function valid(name: string): boolean {
  return [...name].length <= 31 && [...name].length > 0 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

describe('sheet names', () => {
  test('long 专业 names are shortened keeping the prefix and the （扩招）qualifier, and stay unique', () => {
    const long = '新能源汽车检测与维修技术（智能网联汽车方向）专业订单培养';
    const groups = registeredGroups().map((g) => ({ ...g, major: g.major === '大数据与会计' ? g.major : long }));
    const { output, config } = buildOutput(groups, { seats: SEATS });
    const names = buildAllAttachments(output, config, meta()).map((s) => s.name);
    for (const n of names) expect({ n, ok: valid(n) }).toEqual({ n, ok: true });
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    const annex5 = names.filter((n) => n.startsWith('附件5-新能源'));
    expect(annex5).toHaveLength(2);
    expect(annex5[0]).toMatch(/^附件5-新能源汽车.*…$/);
    expect(annex5[1]).toMatch(/^附件5-新能源汽车.*…（扩招）$/);
    expect(annex5.every((n) => [...n].length === 31)).toBe(true);
  });

  test('two names that only differ after the cut, or by case, get (2)', () => {
    const namer = new SheetNamer();
    const a = namer.name('附件5-', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八甲');
    const b = namer.name('附件5-', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八乙');
    expect(a).not.toBe(b);
    expect(b.endsWith('(2)')).toBe(true);
    expect([...b].length).toBe(31);
    expect(namer.name('附件10-', 'ABC')).toBe('附件10-ABC');
    expect(namer.name('附件10-', 'abc')).toBe('附件10-abc(2)');
  });

  test('forbidden characters are replaced', () => {
    const namer = new SheetNamer();
    expect(namer.name('附件5-', "'A/B:C?D*E[F]G\\H'")).toBe('附件5-A_B_C_D_E_F_G_H');
  });

  test('property: any 专业 names give valid, case-insensitively unique names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 60 }), { minLength: 1, maxLength: 12 }), (bodies) => {
        const namer = new SheetNamer();
        const names = bodies.map((b) => namer.name('附件6-', b));
        expect(names.every(valid)).toBe(true);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      }),
      { numRuns: 200 },
    );
  });
});
